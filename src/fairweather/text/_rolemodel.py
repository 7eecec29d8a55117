"""Who did what to whom, learned: a small log-linear model that picks a trigger's source and target.

WHY: the hand rules of :mod:`fairweather.text._roles` were written while reading the development half
of the PLOVER gold sentences; there they are right 0.95 of the time, on the held-out half 0.79. The
rules fitted the sentences, not the grammar. This model picks among the same candidates (the actor
mentions of :mod:`._actors`, the role actors "the police", "rebels" placed in their state, and *no
actor*) from generic features of each one: where it stands against the trigger and how far, the word
before and after it, what kind of name it is, whether the verb is passive and the name follows "by",
whether a reporting verb or a clause boundary stands between. Its weights are fitted on the
development halves only (the PLOVER gold sentences and the NGEC headlines) by
``tools/build_role_model.py``, which writes ``data/role_model.json`` byte for byte, and which chose
its two settings by cross-validation within the development half.

The model is a conditional logit (a softmax over one decision's candidates): the source first, then
the target given the source (the source itself is a candidate target: "riots across X" is X's).
Scoring a candidate is a sum of the weights of its features' names: no numpy at run time.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

from fairweather.text._actors import Mention
from fairweather.text._lexicon import Hit
from fairweather.text._roles import _PREPOSITIONS, _REPORTING, _attribution, _clause_start, _home, _tail
from fairweather.text._tokens import Token

__all__ = ["Candidate", "candidates", "source_features", "target_features", "options", "choose", "weights", "using",
           "recording"]

_BE = frozenset("was were been being is are be has have had".split())
_PARTICIPLES = frozenset("held sent shot hit struck built sold paid led met won cut put set fought caught seized "
                         "given taken beaten broken drawn frozen shown thrown known seen".split())
_RECEIVE = frozenset("receive received receives receiving obtain obtained obtains got gets accepted accept".split())
#: Words whose identity is a feature when they stand next to a candidate; any other word is only its class.
_CLOSED = _PREPOSITIONS | frozenset("by and or the a an 's , ( ) - that who which as its their his her "
                                    "said says told officials government minister president forces troops "
                                    "leader leaders police army".split())


@dataclass(frozen=True, slots=True)
class Candidate:
    """One possible actor of a trigger: the tokens that name it, and the mention it resolves to.

    ``mention`` is None for *no actor* (``first == -1``) and for a role actor no state can be found for.
    """

    first: int
    last: int
    mention: Mention | None
    agent: bool = False

    @property
    def code(self) -> str | None:
        return self.mention.code if self.mention is not None else None


NONE = Candidate(-1, -1, None)


def _word(tokens: list[Token], i: int) -> str:
    if i < 0:
        return "^"
    if i >= len(tokens):
        return "$"
    t = tokens[i]
    if t.key in _CLOSED or t.text in _CLOSED:
        return t.key if t.key in _CLOSED else t.text
    if not t.key[:1].isalnum():
        return "P"
    if t.key.isdigit():
        return "N"
    return "C" if t.capitalized else "w"


def _bin(d: int) -> str:
    return str(d) if d <= 3 else "4-6" if d <= 6 else "7-12" if d <= 12 else "13+"


def candidates(tokens: list[Token], mentions: list[Mention], agents: list[int]) -> list[Candidate]:
    """Every actor of the sentence, in reading order: its mentions, then role actors placed in their state."""
    tail = _tail(tokens)
    out = [Candidate(m.first, m.last, m) for m in mentions]
    out += [Candidate(a, a, _home(tokens, mentions, a, tail), agent=True) for a in agents]
    return sorted(out, key=lambda c: c.first)


@dataclass(frozen=True, slots=True)
class _Scene:
    """What the features of every candidate of one trigger share."""

    event: str
    passive: bool
    by: int | None
    tail: int
    start: int
    report: int | None
    cited: range
    n_before: int
    n_after: int


def _scene(tokens: list[Token], cands: list[Candidate], hit: Hit) -> _Scene:
    head = tokens[hit.first].key
    passive = not (hit.trigger.frame and hit.trigger.modality != "act") and any(
        0 <= hit.first - k and tokens[hit.first - k].key in _BE for k in (1, 2)) and \
        (head.endswith(("ed", "en")) or head in _PARTICIPLES)
    by = next((i for i in range(hit.last + 1, len(tokens)) if tokens[i].key == "by"), None)
    reports = [i for i in range(hit.first) if tokens[i].key in _REPORTING]
    n_before = sum(1 for c in cands if c.last < hit.first)
    n_after = sum(1 for c in cands if c.first > hit.last)
    start = _clause_start(tokens, hit.first)
    if start < hit.first and tokens[start].key in ("and", "but", "while", "or", "whereas"):
        start += 1  # ", and China sent": the clause's first word is its subject's
    return _Scene(hit.trigger.event, passive, by, _tail(tokens), start,
                  reports[-1] if reports else None, _attribution(tokens, hit), min(n_before, 2), min(n_after, 2))


def _common(tokens: list[Token], cands: list[Candidate], k: int, hit: Hit, sc: _Scene) -> list[str]:
    c = cands[k]
    m = c.mention
    # a name inside the trigger ("called on the UN to") is after its first word: the addressee of a frame
    side = "b" if c.last < hit.first else "a"
    inside = c.first <= hit.last
    dist = hit.first - c.last if side == "b" else c.first - (hit.first if inside else hit.last)
    prev, prev2, nxt = _word(tokens, c.first - 1), _word(tokens, c.first - 2), _word(tokens, c.last + 1)
    kind = ("agent-" + tokens[c.first].key) if c.agent and m is None else \
        ("agent" if c.agent else m.entry.kind if m is not None else "none")
    rank = sum(1 for o in cands if c.last < o.first and o.last < hit.first) if side == "b" else \
        sum(1 for o in cands if hit.first < o.first < c.first)
    f = [f"side={side}", f"side={side}&d={_bin(dist)}", f"side={side}&rank={min(rank, 3)}",
         f"side={side}&prev={prev}", f"side={side}&prev2={prev2}&prev={prev}", f"side={side}&next={nxt}",
         f"kind={kind}", f"side={side}&kind={kind}", f"state={m is not None and m.iso3 is not None}",
         f"side={side}&ev={sc.event}", f"first={k == 0}", f"side={side}&first={k == 0}"]
    if inside:
        f += ["inside", f"inside&kind={kind}", f"inside&ev={sc.event}"]
    if c.first > 0:
        f.append(f"side={side}&pk={tokens[c.first - 1].key}")
    if c.last + 1 < len(tokens):
        f.append(f"side={side}&nk={tokens[c.last + 1].key}")
    if side == "b" and c.first >= sc.start and not any(sc.start <= o.first < c.first for o in cands):
        f.append(f"clause_first&at_start={c.first == sc.start}")  # ", and China sent": the clause's subject
    if side == "a" and not any(hit.first < o.first < c.first for o in cands):
        f.append(f"first_after&side={side}&kind={kind}")  # "called on the UN to lift the embargo on Bosnia"
    if c.agent:
        f.append(f"agent&state={m is not None and m.iso3 is not None}")
    if sc.passive:
        f.append(f"passive&side={side}")
        if sc.by is not None:
            f.append(f"passive&by&after_by={c.first > sc.by and c.first <= sc.by + 4}")
    if sc.report is not None:
        where = "before" if c.last < sc.report else "between" if c.first < hit.first else "after"
        f.append(f"report&{where}")
        f.append(f"report&{where}&side={side}&prev={prev}")
    if c.first >= sc.tail:
        f.append("in_tail")
    if sc.cited.start <= c.first < sc.cited.stop:
        f.append("cited")
    if side == "b" and c.first < sc.start:
        f.append("before_clause")
    if side != "a" and any(t.key in _RECEIVE for t in tokens[c.last + 1:hit.first + 1]):
        f.append(f"receive&side={side}&prev={prev}")
    if side == "b" and any(t.text == "," for t in tokens[c.last + 1:hit.first]):
        f.append("comma_between")
    if side == "a" and any(t.text in ",;" for t in tokens[hit.last + 1:c.first]):
        f.append("comma_after")
    return f


def source_features(tokens: list[Token], cands: list[Candidate], k: int, hit: Hit, sc: _Scene,
                    common: list[str] | None = None) -> list[str]:
    """The names of the features of candidate ``k`` (-1: no actor) as the source of ``hit`` (``common``: its
    :func:`_common` features, if already computed)."""
    if k < 0:
        return ["none", f"none&ev={sc.event}", f"none&nb={sc.n_before}", f"none&na={sc.n_after}",
                f"none&passive={sc.passive}"]
    return common if common is not None else _common(tokens, cands, k, hit, sc)


def target_features(tokens: list[Token], cands: list[Candidate], k: int, hit: Hit, sc: _Scene,
                    source: int, common: list[str] | None = None) -> list[str]:
    """The features of candidate ``k`` (-1: no actor) as the target of ``hit`` when ``source`` is the source."""
    src = cands[source] if source >= 0 else NONE
    if k < 0:
        return ["none", f"none&ev={sc.event}", f"none&nb={sc.n_before}", f"none&na={sc.n_after}",
                f"none&src={source >= 0}"]
    c = cands[k]
    if k == source:
        kind = "agent" if c.agent else c.mention.entry.kind if c.mention is not None else "none"
        return ["self", f"self&ev={sc.event}", f"self&na={sc.n_after}", f"self&kind={kind}"]
    f = list(common) if common is not None else _common(tokens, cands, k, hit, sc)
    if source >= 0:
        same = c.code is not None and c.code == src.code
        f.append(f"same_as_source={same}")
        f.append(f"same_as_source={same}&side={'b' if c.last < hit.first else 'a'}")
        f.append(f"vs_source={'before' if c.first < src.first else 'after'}")
    return f


@lru_cache(maxsize=1)
def _shipped() -> dict[str, dict[str, float]]:
    with (resources.files("fairweather.text") / "data" / "role_model.json").open(encoding="utf-8") as fh:
        return json.load(fh)["weights"]


_OVERRIDE: list[dict[str, dict[str, float]] | None] = []


def weights() -> dict[str, dict[str, float]] | None:
    """The model's weights by decision ("source", "target") and feature name: the shipped ones, or those
    set by :func:`using` (None: the hand rules of :mod:`._roles` choose)."""
    return _OVERRIDE[-1] if _OVERRIDE else _shipped()


@contextmanager
def using(w: dict[str, dict[str, float]] | None) -> Iterator[None]:
    """Code with other weights inside the block, or with the hand rules for None (``tools/build_role_model.py``
    scores its folds so)."""
    _OVERRIDE.append(w)
    try:
        yield
    finally:
        _OVERRIDE.pop()


def _best(table: dict[str, float], feats: list[list[str]]) -> int:
    scores = [sum(table.get(name, 0.0) for name in f) for f in feats]
    return max(range(len(scores)), key=scores.__getitem__)


#: Acts that reach abroad: a name after one is its recipient, not its source.
_OUTWARD = frozenset({"AID", "COOPERATE", "SUPPORT", "CONSULT", "AGREE"})
_RECORD: list[list[tuple]] = []


@contextmanager
def recording() -> Iterator[list[tuple]]:
    """Collect every decision :func:`choose` makes inside the block: (tokens, candidates, hit, scene, the
    candidate indices in play), so ``tools/build_role_model.py`` trains on exactly what the model is asked."""
    got: list[tuple] = []
    _RECORD.append(got)
    try:
        yield got
    finally:
        _RECORD.pop()


def options(tokens: list[Token], cands: list[Candidate], hit: Hit, sc: _Scene, allowed: list[Mention] | None,
            agent_allowed: Callable[[int], bool] | None) -> tuple[list[int], list[int]]:
    """The candidates in play as the source and as the target (-1: no actor): those the rules leave in play
    (``allowed`` mentions, role actors by ``agent_allowed``); for the source, one after the trigger only in a
    trailing ", X said" or for an act at home with no actor before it (the passive and "by X" are the rules')."""
    keep = {id(m) for m in allowed} if allowed is not None else None
    ok = [k for k, c in enumerate(cands) if (
        (agent_allowed is None or agent_allowed(c.first)) if c.agent else (keep is None or id(c.mention) in keep))]
    # "Humanitarian aid arrived in Sudan", "None of these countries offered support to Tehran": the one an
    # outward act reaches is named after it; only an act at home with no actor before it ("an internet shutdown
    # in X", the headline "Rights Group Withdraws from X") has its source after it
    late = hit.trigger.event not in _OUTWARD and not any(cands[k].last < hit.first for k in ok)
    return [-1] + [k for k in ok if late or cands[k].first < hit.first or cands[k].first >= sc.tail], [-1] + ok


def choose(tokens: list[Token], mentions: list[Mention], agents: list[int], hit: Hit,
           allowed: list[Mention] | None = None,
           agent_allowed: Callable[[int], bool] | None = None) -> tuple[Mention | None, Mention | None]:
    """The source and the target of ``hit``, as the model picks them (None: no actor, or none of a state),
    among the candidates :func:`options` leaves."""
    w = weights()
    assert w is not None
    cands = candidates(tokens, mentions, agents)
    sc = _scene(tokens, cands, hit)
    src_opts, tgt_opts = options(tokens, cands, hit, sc, allowed, agent_allowed)
    sc = replace(sc, n_before=min(sum(1 for k in tgt_opts if k >= 0 and cands[k].last < hit.first), 2),
                 n_after=min(sum(1 for k in tgt_opts if k >= 0 and cands[k].first > hit.last), 2))
    if _RECORD:
        _RECORD[-1].append((tokens, cands, hit, sc, src_opts, tgt_opts))
    common = {k: _common(tokens, cands, k, hit, sc) for k in tgt_opts if k >= 0}  # once for both sides
    s = src_opts[_best(w["source"], [source_features(tokens, cands, k, hit, sc, common.get(k)) for k in src_opts])]
    t = tgt_opts[_best(w["target"], [target_features(tokens, cands, k, hit, sc, s, common.get(k))
                                     for k in tgt_opts])]
    return (cands[s].mention if s >= 0 else None), (cands[t].mention if t >= 0 else None)
