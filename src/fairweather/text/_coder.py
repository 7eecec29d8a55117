"""Sentences to events: triggers, actors, negation, modality, confidence (the rules, in one place).

For each sentence the coder finds the event triggers (:mod:`._lexicon`) and
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
  With no actor in the sentence, the source of the event just before in the
  same article (one or two sentences back) is carried over, at lower confidence.
* **Target**: the first actor after the trigger of another state, leaving out
  the reporting tail (", a spokesman said"), or the one right after the verb
  even of the source's own state ("blockade Paris"); then another actor
  before it ("Jordan and Britain agreed": reciprocal); a role actor after the
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
from dataclasses import dataclass

from fairweather.events.taxonomy import PLOVER_QUAD, classify
from fairweather.text._actors import Mention, find_agents, find_mentions
from fairweather.text._lexicon import MODAL_CUES, NEGATION_CUES, Hit, find_triggers
from fairweather.text._tokens import Sentence, Token, split_sentences, tokenize

__all__ = ["CodedEvent", "code_sentences"]

_PREPOSITIONS = frozenset("in to with from against on at for into of over about toward towards near "
                          "across throughout between among than under after before since".split())
_REPORTING = frozenset("said says say told tells announced reported stated added declared confirmed quoted "
                       "according noted insisted claimed reiterated stressed argued asserted maintained emphasized "
                       "emphasised repeated wrote".split())
#: Past participles the suffix rule misses ("were killed" ends in -ed; "was shot" does not).
_PARTICIPLES = frozenset("held sent shot hit struck built sold paid led met won cut put set fought caught seized "
                         "given taken beaten broken drawn frozen shown thrown known seen".split())
_BOUNDARY = frozenset({";", ":", "but", "while", "whereas", "although", "though"})
_NEG_BOUNDARY = _BOUNDARY | {",", "and", "or", "which", "who", "that", "as", "after", "before"}
_OPENERS = frozenset("without despite after before following amid as when while although though if unlike "
                     "in on at during since with".split())
_PRONOUNS = frozenset("it its they their he his she her".split())
_BE = frozenset("was were been being is are be".split())
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


def _modal(tokens: list[Token], hit: Hit) -> str | None:
    for i in reversed(_clause(tokens, hit.first, 4, _BOUNDARY | {","})):
        if tokens[i].key in MODAL_CUES:
            return MODAL_CUES[tokens[i].key]
    return None


def _tail(tokens: list[Token]) -> int:
    """Index where a trailing reporting clause (", a spokesman said.") starts; len(tokens) if none."""
    for i in range(len(tokens) - 1, -1, -1):
        if tokens[i].text == ",":
            if any(t.key in _REPORTING for t in tokens[i + 1:i + 12]):
                return i
            break
    return len(tokens)


def _clause_start(tokens: list[Token], stop: int) -> int:
    """Start of the clause holding token ``stop`` ("..., and China sent" starts at "China"; so does
    "Without Russian help, China sent": an opening phrase up to its comma is no subject)."""
    for i in range(stop - 1, 0, -1):
        t = tokens[i]
        if t.text == ";" or t.key in ("but", "while", "whereas") or \
                (t.text == "," and i + 1 < stop and tokens[i + 1].key in ("and", "but", "while", "or")):
            return i + 1
    if tokens and tokens[0].key in _OPENERS:
        return next((i + 1 for i in range(1, stop) if tokens[i].text == ","), 0)
    return 0


def _home(tokens: list[Token], mentions: list[Mention], agent: int, tail: int) -> Mention | None:
    """The state of an agent ("the police", "rebels"): "in/of/from X" just after it, else the sentence's first state."""
    for m in mentions:
        if m.iso3 and agent < m.first <= agent + 4 and tokens[m.first - 1].key in ("in", "of", "from"):
            return m
    states = [m for m in mentions if m.iso3]
    return next((m for m in states if m.first < tail), states[0] if states else None)


def _attribution(tokens: list[Token], hit: Hit) -> range:
    """Tokens of an "according to ..." that does not hold the trigger: it names the reporter, not an actor."""
    for i in range(len(tokens) - 1):
        if tokens[i].key == "according" and tokens[i + 1].key == "to":
            stop = next((j for j in range(i + 2, len(tokens)) if tokens[j].text == ","), len(tokens))
            if not i <= hit.first < stop:
                return range(i, stop)
    return range(0)


def _speaker(tokens: list[Token], mentions: list[Mention], hit: Hit, tail: int) -> tuple[Mention, Mention] | None:
    """For a demand in reported speech ("Egypt said the US must ...", "Iran must stop, Trump said"):
    the speaker and the one addressed."""
    reports = [i for i in range(hit.first) if tokens[i].key in _REPORTING]
    if reports:
        addressed = next((m for m in mentions if reports[-1] < m.first < hit.first), None)
        speaker = next((m for m in mentions if m.last < reports[-1]), None)
        if addressed is not None and speaker is not None:
            return speaker, addressed
    if tail < len(tokens) and hit.first < tail:
        addressed = next((m for m in reversed(mentions) if m.last < hit.first), None)
        speaker = next((m for m in mentions if m.first > tail), None)
        if addressed is not None and speaker is not None:
            return speaker, addressed
    return None


def _actors(tokens: list[Token], mentions: list[Mention], agents: list[int], hit: Hit,
            demand: bool = False) -> tuple[Mention | None, Mention | None]:
    tail = _tail(tokens)
    if demand and (pair := _speaker(tokens, mentions, hit, tail)) is not None:
        return pair
    every = mentions  # role actors take their state from all of them (_home), the reporter's too
    cited = _attribution(tokens, hit)
    mentions = [m for m in mentions if not cited.start <= m.first < cited.stop] or mentions
    before = [m for m in mentions if m.last < hit.first]
    start = _clause_start(tokens, hit.first)
    if any(m.first >= start for m in before):  # "Russia did not condemn Israel, and China sent ...": China
        before = [m for m in before if m.first >= start]
    after = [m for m in mentions if m.first > hit.first and m.first < tail] or \
            [m for m in mentions if m.first > hit.first]  # a name in a pattern's gap counts ("targeted Iranian sites")
    head = tokens[hit.first].key
    passive = not (hit.trigger.frame and hit.trigger.modality != "act") and ((hit.first > 0 and tokens[hit.first - 1].key in _BE) or
               (hit.first > 1 and tokens[hit.first - 2].key in _BE)) and \
        (head.endswith(("ed", "en")) or head in _PARTICIPLES)
    by = next((i for i in range(hit.last + 1, len(tokens)) if tokens[i].key == "by"), None) if passive else None
    if by is not None:  # "was attacked by X", "has been accused of ..., by Haitian officials"
        agent = next((m for m in mentions if by < m.first <= by + 4), None)
        if agent is None and any(by < a <= by + 4 for a in agents):
            agent = _home(tokens, every, next(a for a in agents if a > by), tail)
        if agent is not None:
            patient = before[0] if before else None
            if patient is None and any(a < hit.first for a in agents):
                patient = _home(tokens, every, next(a for a in agents if a < hit.first), tail)
            return agent, patient
        by = None  # "killed by an improvised explosive device": no actor did it, as if no "by" were said
    if passive and by is None and before:  # "Three US servicemen were killed outside the Iraqi city of Basra"
        return next((m for m in after if m.code != before[0].code), None), before[-1]
    source = None
    reports = [i for i in range(hit.first) if tokens[i].key in _REPORTING]
    if reports:
        source = next((m for m in before if m.first > reports[-1]), None)
    if source is None:
        source = next((m for m in before if m.first == 0 or tokens[m.first - 1].key not in _PREPOSITIONS), None)
    subject_agent = next((a for a in agents if start <= a < hit.first), None)
    if source is None and subject_agent is not None and not (before and before[0].first < subject_agent):
        source = _home(tokens, every, subject_agent, tail)  # "Ghanaian police", "rebels in Zimbabwe"
    if source is None and before:
        source = before[0]
    if source is None and len(after) >= 2 and tokens[after[0].first - 1].key == "between" \
            and tokens[after[0].last + 1].key == "and":  # "trade between Chad and Mauritania": each the other's
        return after[0], after[1]
    target = next((m for m in after if source is None or (m is not source and m.code != source.code)), None)
    if after and source is not None and after[0] is not source and after[0].first <= hit.last + 2 \
            and after[0].iso3 and after[0].code == source.code:
        target = after[0]  # the object named right after the verb, even of the source's own state ("blockade Paris")
    if source is not None and source.iso3 and (own := _domestic_object(tokens, mentions, hit, source, tail)):
        target = own
    if target is None and source is not None:  # "Jordan and Britain agreed": each is the other's recipient
        target = next((m for m in before if m.code != source.code), None)
    if target is None and source is not None and source.iso3:
        object_agent = next((a for a in agents if hit.last < a < tail), None)
        if object_agent is not None:  # "demanding that President Mugabe ...": an actor of the source's own state
            target = next((m for m in mentions if m.iso3 and object_agent < m.first <= object_agent + 4
                           and tokens[m.first - 1].key in ("in", "of", "from")), source)
    if target is None:  # "blockade Paris", "workers ... of Tehran": the source's own state, named again
        target = next((m for m in after if m is not source), None) or \
            (source if source is not None and source.first > hit.last else None)
    if source is None and hit.trigger.event == "ASSAULT" and (place := _scene(tokens, mentions)) is not None:
        # "A roadside bombing near the town of Samarra killed one U.S. soldier": no one is named as the
        # attacker, and the gold codes the state where it happened (its "unidentified armed forces")
        others = [m for m in mentions if m is not place and m.first > hit.last]
        return place, next((m for m in others if m.code != place.code), others[0] if others else target)
    return source, target


_PLACE_NOUNS = frozenset("town city village province region district area capital port".split())


def _scene(tokens: list[Token], mentions: list[Mention]) -> Mention | None:
    """The state of the place an act happened: a name after "in", "near", "outside" or "the town of"."""
    for m in mentions:
        if not m.iso3 or m.first == 0:
            continue
        prev = tokens[m.first - 1].key
        if prev in ("in", "near", "outside") or (prev == "of" and m.first > 1 and tokens[m.first - 2].key in _PLACE_NOUNS):
            return m
    return None


#: People an act is done to or for at home ("prevented the demonstration staged by students"); forces and
#: troops are left out: "sent American troops to Syria" names the means, not the recipient.
_OBJECT_PEOPLE = frozenset("""
refugees students protesters protestors demonstrators villagers civilians residents settlers workers farmers
opposition rebels rebel guerrillas guerrilla insurgents militants separatists activists citizens elders youths
""".split())


#: Acts that mostly reach abroad: people no state is named with are not taken to be the source's own.
_OUTWARD = frozenset({"AID", "COOPERATE", "SUPPORT", "CONSULT", "AGREE"})


def _domestic_object(tokens: list[Token], mentions: list[Mention], hit: Hit, source: Mention,
                     tail: int) -> Mention | None:
    """The source's own state as the target, where the first actor after the trigger is its own people.

    "Turkey will allow ... Turkish Kurd refugees who have lived in Iraq", "Turkish police prevented the
    demonstration staged by students ... sending troops to Iraq", "... to protest against Sweden's decision
    to send them back to Bulgaria": before any other state, the act reaches people of the source's state (its
    demonym before a noun of people, its possessive, or, for acts other than help and cooperation, people no
    state is named with); "rebels in Chad" are Chad's. None where another state comes first, or nothing of the
    kind stands before the reporting tail.
    """
    starts = {m.first: m for m in mentions}
    covered = {i for m in mentions for i in range(m.first, m.last + 1)}
    for j in range(hit.last + 1, tail):
        m = starts.get(j)
        if m is not None:
            if m.code != source.code:
                return None
            nxt = tokens[m.last + 1:m.last + 4]
            if nxt and (nxt[0].key == "'s" or any(t.key in _OBJECT_PEOPLE for t in nxt)):
                return m
            continue
        if j not in covered and tokens[j].key in _OBJECT_PEOPLE:
            home = next((m for m in mentions if m.iso3 and j < m.first <= j + 4
                         and tokens[m.first - 1].key in ("in", "of", "from")), None)
            if home is None and hit.trigger.event in _OUTWARD:
                return None  # "sent weapons to rebels fighting Assad": help goes abroad, whose people the text says
            return home or source
    return None


#: Verbs that, between a promise and its act, turn the act around ("agreed to postpone the demonstration").
_CEASING = frozenset("postpone postponed postponing delay delayed suspend suspended halt halted end ended stop stopped "
                     "cancel cancelled canceled abandon abandoned renounce renounced cease ceased forgo avoid".split())


def _event_type(main: Hit, act: Hit, modality: str, negated: bool, refusal: bool, tokens: list[Token]) -> tuple[str, str]:
    event, cameo = main.trigger.event, main.trigger.cameo
    conditional = any(t.key in ("unless", "if") for t in tokens[main.last:])
    # "agreed to postpone the demonstration", "promised to halt attacks": ending a hostile act is no threat
    ceasing = any(t.key in _CEASING for t in tokens[main.last + 1:act.first])
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
    source, target = _actors(tokens, mentions, agents, main, demand=event == "REQUEST" and spoken)
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
    if not tokens or tokens[0].key not in _OPENERS:
        return 0
    return next((i for i in range(1, len(tokens)) if tokens[i].text == ","), 0)


def code_sentences(text: str, *, article: str = "<text>", date: dt.date | None = None) -> list[CodedEvent]:
    """Every event in ``text`` (plain text), sentence by sentence, with the source carried over short gaps.

    Within a sentence the events come in reading order, except that those of an opening phrase ("After the
    strikes, Russia condemned ...") follow the main clause's: the first event of a sentence is its main one.
    """
    events: list[CodedEvent] = []
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
            ev = _one(article, date, s, tokens, mentions, agents, main, content, carried, triggered)
            events.append(ev)
        if own:
            last_source = (s.index, own[0])
    return events
