"""Store.default(): the process's one store of the embedded pack, which library calls without a store share."""

from __future__ import annotations

from fairweather.store import Store


def test_default_is_opened_once_per_kind() -> None:
    a, b = Store.default(), Store.default()
    assert a is b and a.history_hash is None
    assert Store.default(history=True) is Store.default(history=True) is not a


def test_library_calls_without_a_store_use_it(monkeypatch) -> None:
    import fairweather as fw

    Store.default()  # opened before the calls below
    opened: list[object] = []
    real = Store.open.__func__

    def counting(cls, *args, **kwargs):
        opened.append(args)
        return real(cls, *args, **kwargs)

    monkeypatch.setattr(Store, "open", classmethod(counting))
    fw.cohesion("CRINK", 2025)
    fw.bloc_network("CRINK", 2025)
    assert opened == []  # neither reopened the pack (each used to, for about a second)
