"""Sentences to events: triggers, actors, negation, modality, confidence (the rules, in one place).

The source and target rules below are carried out in :mod:`fairweather.text._roles`. Since issue 15 they
decide only where a construction says who acts (the passive, a demand in reported speech, "X told Y that",
"between X and Y", "received aid from", "by X" after a trigger with no subject, an act at a place no one is
named for, the source's own people as the object); elsewhere a small learned model
(:mod:`fairweather.text._rolemodel`, weights fitted on the development halves only) picks the source and
target among the actors the rules leave in play. The first-actor-before / first-actor-after defaults below
are what the model replaced: written reading the development sentences, they scored 0.95 there and 0.79 on
the held-out half.

For each sentence the coder finds the event triggers (:mod:`._lexicon`; where its curated triggers find
none, the CAMEO verb dictionary's verbs, ``data/cameo_verbs.csv``) and
the actor mentions (:mod:`._actors`), then builds one event per trigger that
is not the complement of a *frame* verb ("promised **to send**", "refused
**to supply**", "urged Israel **to halt**": the frame and its complement are
one event, the frame's type, with the complement as ``act_event``).

* **Source**: the first actor before the trigger that does not follow a
  preposition, in the trigger's clause (an opening phrase up to its comma,
  "Without Russian help, ...", is no subject); after a reporting verb ("X said
  Y will ..."), the first actor after it; in the passive ("was attacked by
  X"), the actor after "by", and with no "by" the subject is the target. An
  actor named by its role ("the police", "rebels in Chad", "ethnic Russians",
  "President <a name no table holds>") takes the state of its context, as the
  PLOVER gold codes it. A demand in reported speech ("Egypt said Israel must
  ...", "..., the French minister said") runs from the speaker to the one
  addressed. An "according to ..." clause names the reporter, never an actor.
  A name joined by "and" to one after a preposition ("the ministers of Brazil
  and Argentina") is no subject either. "X received aid from Y" runs from Y to
  X. A trigger with no subject takes the actor after "by" ("concessions made
  by Syria"); an act done at home (protest, coerce, concede, retreat,
  mobilize) that no one is named for has the state it happens in as its
  source ("an internet shutdown in X", "riots across X").
  With no actor in the sentence, the source of the event just before in the
  same article (one or two sentences back) is carried over, at lower confidence.
* **Target**: the first actor after the trigger of another state, leaving out
  the reporting tail (", a spokesman said"), or the one right after the verb
  even of the source's own state ("blockade Paris"); then another actor
  before it ("Jordan and Britain agreed": reciprocal; "Peru and Ecuador signed
  an accord in Brasilia": the partner, not the city); an organization after
  "at" is the venue, not the target ("a complaint at the WTO against X"); a role actor after the
  trigger ("demanded that President Kagame ...") is of the source's state; for
  domestic kinds of events (protest, coerce, concede...) the source's own state.
* **Negation**: a cue shortly before the trigger, in the same clause and with
  no other trigger between ("did not", "no military support", "none of these
  countries offered", "avoiding any ... assistance"; "never delivered the
  promised drones" negates the delivery only), a negating trigger ("remain
  undelivered", "withheld"), or a refusing frame ("refused to send",
  "refrained from sending"). ``negated`` means the act
  (``act_event``) did not happen.
* **Modality**: the frame's (promise, offer, request, demand, threat) or a
  modal verb before the trigger ("will send" is a promise, "must" a demand);
  otherwise ``act``. A promise of a cooperative act is PLOVER AGREE, a
  promise of force or a conditional withdrawal is THREATEN, and a refusal
  ("would not meet", "refused to commit") is REJECT.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from fairweather.events.taxonomy import PLOVER_QUAD, classify
from fairweather.text._actors import Mention, find_agents, find_mentions
from fairweather.text._complaints import blamed, official_protest, trailing_complaint
from fairweather.text._lexicon import MODAL_CUES, NEGATION_CUES, Hit, find_triggers
from fairweather.text import _rolemodel
from fairweather.text._roles import OPENERS, source_and_target
from fairweather.text._tokens import Sentence, Token, split_sentences, tokenize

__all__ = ["CodedEvent", "code_sentences"]

_BOUNDARY = frozenset({";", ":", "but", "while", "whereas", "although", "though"})
_NEG_BOUNDARY = _BOUNDARY | {",", "and", "or", "which", "who", "that", "as", "after", "before"}
_PRONOUNS = frozenset("it its they their he his she her".split())
_COOPERATIVE = frozenset({"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"})
_HOSTILE = frozenset({"THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"})
_DOMESTIC = frozenset({"PROTEST", "COERCE", "CONCEDE", "RETREAT", "ASSAULT", "MOBILIZE"})
_CAMEO_OF = {"AGREE": "03", "REJECT": "12", "THREATEN": "13"}
_TOPICS = {
    "military": frozenset("military weapons weapon arms missiles missile drones drone jets jet fighter fighters troops "
                          "soldiers forces air defence defense ammunition munitions tanks s400 su35 warships".split()),
    "economic": frozenset("economic financial money loan loans credit oil trade investment funds".split()),
    "humanitarian": frozenset("humanitarian food medical medicine refugees relief".split()),
}


@dataclass(frozen=True)
class CodedEvent:
    """One event read from an article (offsets are characters in the article's text)."""

    article: str
    date: dt.date | None
    sentence_index: int
    sentence_start: int
    sentence_end: int
    sentence: str
    trigger: str
    trigger_start: int
    trigger_end: int
    source_iso3: str | None
    source_actor: str | None
    source_text: str | None
    target_iso3: str | None
    target_actor: str | None
    target_text: str | None
    plover_event: str
    cameo_root: str
    act_event: str
    mode: str
    direction: str
    negated: bool
    negation_cue: str | None
    modality: str
    context: str
    quad_class: int
    support_class: str
    intensity: float
    confidence: float


def _clause(tokens: list[Token], stop: int, back: int, boundary: frozenset[str]) -> range:
    """Token indices before ``stop``, at most ``back`` of them, not crossing a clause boundary."""
    lo = stop
    while lo > 0 and stop - lo < back and tokens[lo - 1].key not in boundary and tokens[lo - 1].text not in boundary:
        lo -= 1
    return range(lo, stop)


def _negation(tokens: list[Token], hit: Hit, triggered: frozenset[int] = frozenset()) -> str | None:
    """The cue that negates ``hit``: shortly before it, in its clause, and not before another trigger that
    stands between ("never delivered the promised drones": "never" negates the delivery, not the promise)."""
    for i in reversed(_clause(tokens, hit.first, 5, _NEG_BOUNDARY)):
        if i in triggered:
            break
        key = tokens[i].key
        if key in NEGATION_CUES and not (key == "not" and i + 1 < len(tokens) and tokens[i + 1].key == "only"):
            return " ".join(t.text for t in tokens[i:hit.first]) or tokens[i].text
    after = tokens[hit.last + 1:hit.last + 3]
    if any(t.key in ("nothing", "none") for t in after):
        return "nothing"
    return None


#: Words after which a capitalized "May" is the modal of a title-case headline ("Sweden Suggests it May Ban"):
#: a subject pronoun or a word in lower case, not a preposition of time ("in May", "since May").
_MAY_MONTH_BEFORE = frozenset("in on since until till by of from last next early late mid before after during".split())


def _may_is_modal(tokens: list[Token], i: int) -> bool:
    """Whether "May" at ``i`` is the modal, not the month ("in May", "May 5") nor a name ("Theresa May")."""
    if i == 0 or (i + 1 < len(tokens) and tokens[i + 1].key.isdigit()):
        return False
    prev = tokens[i - 1]
    return prev.key not in _MAY_MONTH_BEFORE and not prev.key.isdigit() and (
        not prev.capitalized or prev.key in ("it", "they", "he", "she", "we", "who", "which", "that"))


def _modal(tokens: list[Token], hit: Hit) -> str | None:
    for i in reversed(_clause(tokens, hit.first, 4, _BOUNDARY | {","})):
        if tokens[i].key in MODAL_CUES and (tokens[i].text != "May" or _may_is_modal(tokens, i)):
            return MODAL_CUES[tokens[i].key]
    return None


#: Nouns of a plan, after a verb of ceasing ("suspends plans to impose curfews").
_PLAN_WORDS = frozenset("plan plans threat threats intention intentions proposal proposals decision bid".split())

#: Verbs that, between a promise and its act, turn the act around ("agreed to postpone the demonstration").
_CEASING = frozenset("postpone postponed postponing delay delayed suspend suspended halt halted end ended stop stopped "
                     "cancel cancelled canceled abandon abandoned renounce renounced cease ceased forgo avoid "
                     # undoing a measure in force ("agree to remove curfew", CAMEO 08 Yield: ease restrictions)
                     "remove removed removing lift lifted lifting ease eased easing relax relaxed rescind rescinded "
                     "revoke revoked scrap scrapped shelve shelved drop dropped "
                     "suspends halts ends stops cancels abandons removes lifts eases scraps shelves drops".split())


def _event_type(main: Hit, act: Hit, modality: str, negated: bool, refusal: bool, tokens: list[Token]) -> tuple[str, str]:
    event, cameo = main.trigger.event, main.trigger.cameo
    conditional = any(t.key in ("unless", "if") for t in tokens[main.last:])
    # "agreed to postpone the demonstration", "promised to halt attacks": ending a hostile act is no threat
    ceasing = any(t.key in _CEASING for t in tokens[main.last + 1:act.first])
    if act is main and modality in ("promise", "offer"):
        # "Suspends Plans to Impose Curfews", "dropped its plan to ban": the plan, not the act, is ended
        lo = max(0, main.first - 6)
        ceasing = ceasing or any(tokens[i].key in _CEASING and (tokens[i + 1].key in _PLAN_WORDS or (
            tokens[i + 1].key in ("its", "their", "his", "her", "the", "a") and tokens[i + 2].key in _PLAN_WORDS))
            for i in range(lo, main.first - 2))
    if modality in ("promise", "offer") and event in _COOPERATIVE | _HOSTILE:
        hostile = (act.trigger.event in _HOSTILE and not ceasing) or (conditional and act.trigger.event == "RETREAT")
        event = "THREATEN" if hostile else "AGREE"
    elif modality == "demand" and not main.trigger.frame:
        event, cameo = "REQUEST", "10"
    if negated and refusal and event in _COOPERATIVE:
        event = "REJECT"
    return event, _CAMEO_OF.get(event, cameo) if event != main.trigger.event else cameo


def _context(tokens: list[Token], main: Hit, act: Hit) -> str:
    keys = {t.key for t in tokens}
    found = [c for c in (act.trigger.context, main.trigger.context) if c]
    found += [topic for topic, words in _TOPICS.items() if keys & words]
    return ";".join(dict.fromkeys(found))


def _one(article: str, date: dt.date | None, s: Sentence, tokens: list[Token], mentions: list[Mention],
         agents: list[int], main: Hit, content: Hit | None, carried: Mention | None,
         triggered: frozenset[int] = frozenset()) -> CodedEvent:
    act = content or main
    cue = "refused" if main.trigger.negates and content is not None else None
    cue = cue or ("undelivered" if act.trigger.negates else None) or _negation(tokens, act, triggered) or \
        (_negation(tokens, main, triggered) if content is not None else None)
    modal = _modal(tokens, main)
    modality = main.trigger.modality if main.trigger.modality != "act" else (modal or "act")
    refusal = cue is not None and (main.trigger.negates or modal == "promise")
    event, cameo = _event_type(main, act, modality, cue is not None, refusal, tokens)
    # "Egypt said Israel must withdraw": the demand is the speaker's; "the EC demanded ..." has its own subject
    spoken = main.trigger.pattern == "must" or (main.trigger.modality == "act" and modal == "demand")
    # the learned choice where no construction decides (see _rolemodel: the rules fitted their sentences)
    model = (lambda allowed, agent_ok: _rolemodel.choose(tokens, mentions, agents, main, allowed, agent_ok)) \
        if _rolemodel.weights() is not None else None
    source, target = source_and_target(tokens, mentions, agents, main, demand=event == "REQUEST" and spoken,
                                       model=model)
    if event == "PROTEST" and official_protest(tokens, mentions, main):
        event, cameo = "ACCUSE", "11"
        if (trailing := trailing_complaint(tokens, mentions, main)) is not None:
            source, target = trailing
    if event == "ACCUSE":
        target = blamed(tokens, mentions, main, source, target)
    conf = 0.9
    if source is None and carried is not None:
        source, conf = carried, conf - 0.15
    if source is None:
        conf -= 0.3
    if target is None and source is not None and event in _DOMESTIC and source.iso3:
        target = source
        conf -= 0.05
    elif target is None:
        conf -= 0.1
    if main.trigger.frame and content is None:
        conf -= 0.05
    quad, support, intensity = classify("plover", event)
    if cue is not None and support.endswith("_support"):
        support = "other"  # an act that did not happen is no support (negated deliveries are counted apart)
    first, last = tokens[main.first], tokens[main.last]
    return CodedEvent(
        article=article, date=date, sentence_index=s.index, sentence_start=s.start, sentence_end=s.end,
        sentence=s.text, trigger=s.text[first.start:last.end], trigger_start=s.start + first.start,
        trigger_end=s.start + last.end,
        source_iso3=source.iso3 if source else None, source_actor=source.code if source else None,
        source_text=source.text if source else None,
        target_iso3=target.iso3 if target else None, target_actor=target.code if target else None,
        target_text=target.text if target else None,
        plover_event=event, cameo_root=cameo, act_event=act.trigger.event,
        mode="verbal" if PLOVER_QUAD[event] in (1, 3) else "material",
        direction="support" if PLOVER_QUAD[event] in (1, 2) or cameo == "02" else "hostility",
        negated=cue is not None, negation_cue=cue, modality=modality, context=_context(tokens, main, act),
        quad_class=quad, support_class=support, intensity=intensity, confidence=round(max(conf, 0.05), 2),
    )


def _frames(hits: list[Hit], tokens: list[Token]) -> list[tuple[Hit, Hit | None]]:
    """Pair each frame trigger with the act it governs (the next trigger, close by, in the same clause)."""
    out: list[tuple[Hit, Hit | None]] = []
    # "deployed peacekeepers", "deployment of NATO peacekeeping troops": one act, PLOVER AID (peacekeeping)
    hits = [h for k, h in enumerate(hits) if not (
        h.trigger.event == "MOBILIZE" and k + 1 < len(hits) and hits[k + 1].trigger.event == "AID"
        and hits[k + 1].first - h.last <= 4 and tokens[hits[k + 1].first].key.startswith("peacekeep"))]
    i = 0
    while i < len(hits):
        h, content = hits[i], None
        if h.trigger.frame and i + 1 < len(hits):
            nxt = hits[i + 1]
            between = tokens[h.last + 1:nxt.first]
            if nxt.first - h.last <= 10 and not any(t.key in _BOUNDARY or t.text in _BOUNDARY or t.text == ","
                                                    for t in between):
                content = nxt
                i += 1
        # "deliver any military help": two words for one act are one event
        while i + 1 < len(hits) and (content or h).trigger.event == hits[i + 1].trigger.event \
                and hits[i + 1].first - (content or h).last <= 4 and not hits[i + 1].trigger.frame:
            i += 1
        out.append((h, content))
        i += 1
    return out


def _opener_end(tokens: list[Token]) -> int:
    """The index of the comma that closes an opening phrase ("Without Russian help, ..."); 0 if none."""
    if not tokens or tokens[0].key not in OPENERS:
        return 0
    return next((i for i in range(1, len(tokens)) if tokens[i].text == ","), 0)


def code_sentences(text: str, *, article: str = "<text>", date: dt.date | None = None) -> list[CodedEvent]:
    """Every event in ``text`` (plain text), sentence by sentence, with the source carried over short gaps.

    Within a sentence the events come in reading order, except that those of an opening phrase ("After the
    strikes, Russia condemned ...") follow the main clause's: the first event of a sentence is its main one.
    """
    events: list[CodedEvent] = []
    for s, tokens, mentions, agents, main, content, carried, triggered in decisions(text, date):
        events.append(_one(article, date, s, tokens, mentions, agents, main, content, carried, triggered))
    return events


Decision = tuple[Sentence, list[Token], list[Mention], list[int], Hit, Hit | None, Mention | None, frozenset[int]]


def decisions(text: str, date: dt.date | None = None) -> Iterator[Decision]:
    """What each event of :func:`code_sentences` is coded from, in its order: the sentence, its tokens, mentions and
    agents, the main trigger and its act, the source carried over and the trigger tokens
    (``tools/build_role_model.py`` reads the role decisions from here, so the model learns what the coder sees)."""
    last_source: tuple[int, Mention] | None = None
    for s in split_sentences(text):
        tokens = tokenize(s.text)
        hits = find_triggers(tokens)
        triggered = frozenset(i for h in hits for i in range(h.first, h.last + 1))
        mentions = find_mentions(tokens, s.text, date)
        agents = find_agents(tokens, mentions)
        own = [m for m in mentions if m.iso3]
        # carry the last source over only into a sentence that names no state or opens with a pronoun
        opens_pronoun = bool(tokens) and tokens[0].key in _PRONOUNS
        carried = last_source[1] if last_source and s.index - last_source[0] <= 2 and \
            (not own or opens_pronoun) else None
        # the main clause's events first: an opening phrase ("With the signing of ..., the two sides agreed",
        # "After the attack, China condemned") is its background
        opener = _opener_end(tokens)
        pairs = sorted(_frames(hits, tokens), key=lambda pair: pair[0].first < opener)
        for main, content in pairs:
            yield s, tokens, mentions, agents, main, content, carried, triggered
        if own:
            last_source = (s.index, own[0])
