"""The CAMEO/PLOVER taxonomy: Goldstein lookup, quad classes, support classes."""

from __future__ import annotations

import pytest

from fairweather.errors import EventFormatError
from fairweather.events import taxonomy as tx


def test_goldstein_lookup_has_320_codes_and_known_values():
    assert len(tx.cameo_codes()) == 320
    # values the reference README lists for the support codes (GDELT lookup)
    expected = {"0331": 5.2, "0332": 5.2, "042": 1.9, "043": 2.8, "051": 3.4, "057": 8.0, "061": 6.4,
                "062": 7.4, "071": 7.4, "072": 8.3, "073": 7.4, "074": 8.5, "0861": 9.0, "0863": 9.0,
                "190": -10.0}  # fmt: skip
    assert {c: tx.goldstein(c) for c in expected} == expected


def test_unknown_code_is_an_event_format_error_with_a_hint():
    with pytest.raises(EventFormatError, match="leading zero"):
        tx.goldstein("43")
    with pytest.raises(EventFormatError):
        tx.classify("cameo", "999")


@pytest.mark.parametrize(
    ("code", "quad"), [("010", 1), ("057", 1), ("061", 2), ("09", 2), ("0874", 2), ("10", 3), ("145", 3), ("15", 4), ("204", 4)]
)
def test_quad_class_follows_gdelt_roots(code, quad):
    assert tx.quad_class_of(code) == quad


@pytest.mark.parametrize(
    ("code", "cls"),
    [
        ("010", "other"), ("013", "verbal_support"), ("018", "verbal_support"), ("0214", "other"),
        ("0332", "verbal_support"), ("043", "verbal_support"), ("057", "verbal_support"),
        ("062", "material_support"), ("073", "material_support"), ("0871", "other"),
        ("090", "verbal_hostility"), ("112", "verbal_hostility"), ("1382", "verbal_hostility"),
        ("163", "material_hostility"), ("195", "material_hostility"), ("2042", "material_hostility"),
    ],
)  # fmt: skip
def test_cameo_support_classes(code, cls):
    assert tx.support_class_of("cameo", code) == cls


def test_every_cameo_code_classifies():
    for code in tx.cameo_codes():
        if not code.isdigit():  # the published table has one stray "0811i"
            continue
        quad, cls, gold = tx.classify("cameo", code)
        assert quad in (1, 2, 3, 4) and cls in tx.SUPPORT_CLASSES and -10 <= gold <= 10
        # cooperation codes never score below -2, conflict codes never above 0
        if cls in ("material_hostility",):
            assert gold <= 0, code


@pytest.mark.parametrize(
    ("event", "expected"),
    [
        ("AID", (2, "material_support", 10.0)), ("COOPERATE", (2, "material_support", 9.5)),
        ("SUPPORT", (1, "verbal_support", 5.0)), ("AGREE", (1, "verbal_support", 2.5)),
        ("REQUEST", (3, "other", 0.0)), ("THREATEN", (3, "verbal_hostility", -3.5)),
        ("PROTEST", (4, "material_hostility", -5.0)), ("SANCTION", (4, "material_hostility", -6.0)),
        ("ASSAULT", (4, "material_hostility", -9.0)), ("fight", (4, "material_hostility", -9.0)),
        ("DISAPPROVE", (3, "verbal_hostility", -2.0)),
    ],
)  # fmt: skip
def test_plover_classes_and_scores(event, expected):
    assert tx.classify("plover", event) == expected


def test_plover_has_sixteen_events_and_unknown_ones_fail():
    assert len(tx.PLOVER_EVENTS) == 16
    assert set(tx.PLOVER_QUAD) == set(tx.PLOVER_SUPPORT) == set(tx.PLOVER_SCORES)
    with pytest.raises(EventFormatError, match="PLOVER"):
        tx.classify("plover", "HUG")


def test_package_data_readme_records_provenance():
    from importlib import resources

    text = (resources.files("fairweather") / "events" / "data" / "README.md").read_text(encoding="utf-8")
    assert "gdeltPyR" in text and "sha256" in text and "GDELT Project" in text


def test_one_cameo_rule_gives_the_python_and_the_ibis_form_the_same_class_for_every_code():
    """CAMEO_SUPPORT_RULE is the one definition: support_class_of and the Ibis expression agree on every code."""
    import pyarrow as pa

    from fairweather.events.pipeline import connect, support_class_expr

    codes = tx.cameo_codes()
    con = connect()
    con.con.register("codes", pa.table({"code": codes}))
    t = con.table("codes")
    got = t.select(t.code, cls=support_class_expr(t.code)).to_pandas().set_index("code")["cls"]
    want = {c: tx.support_class_of("cameo", c) for c in codes}
    assert len(codes) > 250
    assert {c: got[c] for c in codes} == want
