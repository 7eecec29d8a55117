"""Who did what to whom: the source and target of a trigger, from the actor mentions around it.

The rules are stated in :mod:`fairweather.text._coder`'s docstring (Source, Target); they live here.
"""

from __future__ import annotations

from collections.abc import Callable

from fairweather.text._actors import Mention
from fairweather.text._lexicon import Hit
from fairweather.text._tokens import Token

__all__ = ["source_and_target", "OPENERS"]

_PREPOSITIONS = frozenset("in to with from against on at for into of over about toward towards near "
                          "across throughout between among than under after before since".split())
_REPORTING = frozenset("said says say told tells announced reported stated added declared confirmed quoted "
                       "according noted insisted claimed reiterated stressed argued asserted maintained emphasized "
                       "emphasised repeated wrote".split())
#: Past participles the suffix rule misses ("were killed" ends in -ed; "was shot" does not).
_PARTICIPLES = frozenset("held sent shot hit struck built sold paid led met won cut put set fought caught seized "
                         "given taken beaten broken drawn frozen shown thrown known seen".split())
OPENERS = frozenset("without despite after before following amid as when while although though if unlike under "
                     "in on at during since with".split())
#: Words before an organization that make it the place of an act, not its recipient ("at the WTO").
_VENUE = frozenset({"at", "before"})


def _at_venue(tokens: list[Token], first: int) -> bool:
    """Whether the name starting at ``first`` follows "at" or "before" (with or without "the")."""
    j = first - 1 if first > 0 and tokens[first - 1].key != "the" else first - 2
    return j >= 0 and tokens[j].key in _VENUE

_BE = frozenset("was were been being is are be".split())


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
    if tokens and tokens[0].key in OPENERS:
        return next((i + 1 for i in range(1, stop) if tokens[i].text == ","), 0)
    return 0


def _in_prepositional_phrase(tokens: list[Token], m: Mention, before: list[Mention]) -> bool:
    """Whether ``m`` follows a preposition, or "and" after a name that does ("the foreign ministers of Brazil
    and Argentina met": neither is the subject's head)."""
    if m.first == 0:
        return False
    prev = tokens[m.first - 1].key
    if prev in _PREPOSITIONS:
        return True
    if prev == "and":
        joined = next((o for o in before if o.last == m.first - 2), None)
        return joined is not None and _in_prepositional_phrase(tokens, joined, before)
    return False


#: Words for peoples or regions of many states: "Arab states", "African leaders" are no one state's.
_SUPRANATIONAL = frozenset("arab arabs african muslim islamic western european asian latin gulf nordic baltic "
                           "balkan".split())
#: Nouns for several states or their governments ("Arab states", "Western governments").
_COLLECTIVE = frozenset("states countries nations governments leaders ministers diplomats officials".split())
_RANKS = frozenset("foreign defence defense senior top finance".split())


def _of_many_states(tokens: list[Token], agent: int) -> bool:
    """Whether an agent names the states of a region or a people ("Arab states", "African leaders", "Arab
    foreign ministers"), which the gold codes to no state."""
    if tokens[agent].key in _SUPRANATIONAL:
        j = agent + 1
        while j < len(tokens) and tokens[j].key in _RANKS:
            j += 1
        return j < len(tokens) and tokens[j].key in _COLLECTIVE
    j = agent - 1
    while j >= 0 and tokens[j].key in _RANKS:
        j -= 1
    return j >= 0 and tokens[j].key in _SUPRANATIONAL and tokens[agent].key in _COLLECTIVE | {"leader", "government"}


def _home(tokens: list[Token], mentions: list[Mention], agent: int, tail: int) -> Mention | None:
    """The state of an agent ("the police", "rebels"): "in/of/from X" just after it, else the sentence's first
    state; none for the states of a region or a people ("Arab states", :func:`_of_many_states`)."""
    if _of_many_states(tokens, agent):
        return None
    for m in mentions:
        if m.iso3 and agent < m.first <= agent + 4 and tokens[m.first - 1].key in ("in", "of", "from"):
            return m
    states = [m for m in mentions if m.iso3]
    # "Students protested against Japan in Seoul": where they are, before whom they face
    located = next((m for m in states if m.first < tail and m.first > 0 and tokens[m.first - 1].key == "in"
                    and any(tokens[j].key == "against" for j in range(agent + 1, m.first))), None)
    return located or next((m for m in states if m.first < tail), states[0] if states else None)


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


_TELL = frozenset("told tells tell".split())


def _listener(tokens: list[Token], report: int, m: Mention) -> bool:
    """Whether ``m`` is the one told: the name right after "told" ("Netanyahu told Arafat that ...")."""
    return tokens[report].key in _TELL and (m.first == report + 1 or (
        m.first == report + 2 and tokens[report + 1].key in ("the", "visiting")))


#: The learned choice (:func:`fairweather.text._rolemodel.choose`) as :func:`source_and_target` calls it: given
#: the actors the rules leave in play (mentions, and the token index of each role actor allowed), the pair.
Chooser = Callable[[list[Mention], Callable[[int], bool]], tuple[Mention | None, Mention | None]]


def source_and_target(tokens: list[Token], mentions: list[Mention], agents: list[int], hit: Hit,
                      demand: bool = False, model: Chooser | None = None) -> tuple[Mention | None, Mention | None]:
    """The source and the target of ``hit`` (see the rules in :mod:`fairweather.text._coder`).

    With ``model``, the rules decide only where a construction says who acts (a demand in reported speech, a
    passive, "X told Y that", "between X and Y", "received aid from", an act by "by X" or at a place no one is
    named for, the source's own people as the object); elsewhere the model picks among the actors the rules
    leave in play (not the reporter of "according to", not a name before the trigger's clause, not an
    organization named as the venue)."""
    tail = _tail(tokens)
    if demand and (pair := _speaker(tokens, mentions, hit, tail)) is not None:
        return pair
    every = mentions  # role actors take their state from all of them (_home), the reporter's too
    cited = _attribution(tokens, hit)
    mentions = [m for m in mentions if not cited.start <= m.first < cited.stop] or mentions
    before = [m for m in mentions if m.last < hit.first]
    start = _clause_start(tokens, hit.first)
    in_clause = any(m.first >= start for m in before)
    if in_clause:  # "Russia did not condemn Israel, and China sent ...": China
        before = [m for m in before if m.first >= start]
    after = [m for m in mentions if m.first > hit.first and m.first < tail] or \
            [m for m in mentions if m.first > hit.first]  # a name in a pattern's gap counts ("targeted Iranian sites")
    # "withdrew its complaint at the WTO against Vanuatu": an organization named as the venue is no recipient
    after = [m for m in after if m.iso3 or not _at_venue(tokens, m.first)] or after
    if (passive := _passive(tokens, mentions, every, agents, hit, before, after, tail)) is not None:
        return passive
    source, told, own = None, False, None
    reports = [i for i in range(hit.first) if tokens[i].key in _REPORTING]
    if reports:
        source = next((m for m in before if m.first > reports[-1] and not _listener(tokens, reports[-1], m)), None)
        if source is None and any(_listener(tokens, reports[-1], m) for m in before):
            # "Netanyahu told Arafat that ... would not withdraw": the one who told, not the one told
            source = next((m for m in reversed(before) if m.last < reports[-1]), None)
        told = any(_listener(tokens, reports[-1], m) for m in before)
    if source is None:
        source = next((m for m in before if not _in_prepositional_phrase(tokens, m, before)), None)
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
    if target is not None and source is not None and _is_scene(tokens, target) and \
            (partner := _co_subject(tokens, before, source)) is not None:
        target = partner  # "Peru and Ecuador signed a peace accord in Brasilia": the partner, not the venue
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
    if source is None and hit.trigger.event == "ASSAULT":
        return _at_scene(tokens, mentions, hit, target)
    if source is None and (agent := _agent_by(tokens, after, hit)) is not None:
        # "Concessions made by Syria", "an offensive by Ethiopian troops on ...": the actor after "by"
        return agent, next((m for m in after if m.first > agent.last and m.code != agent.code), None)
    if source is None and hit.trigger.event in _AT_HOME and (place := _scene_after(tokens, after, hit)):
        return place, target  # "Thousands demonstrated in the streets of Manila": the people of that state
    if source is not None and (giver := _giver(tokens, after, hit, source)) is not None:
        return giver, source
    if model is not None and not told and own is None:
        cited_or_outside = (lambda a: cited.start <= a < cited.stop or (in_clause and a < start))
        return model(before + after, lambda a: not cited_or_outside(a))
    return source, target


_PLACE_KINDS = frozenset({"capital", "city", "place"})


def _is_scene(tokens: list[Token], m: Mention) -> bool:
    """Whether ``m`` names a city or a seat of government where the act happened ("in Brasilia", "at Geneva",
    "at the White House")."""
    if m.entry.kind not in _PLACE_KINDS and m.entry.kind != "metonym":
        return False
    j = m.first - 1 if m.first > 0 and tokens[m.first - 1].key != "the" else m.first - 2
    return j >= 0 and tokens[j].key in ("in", "at")


def _co_subject(tokens: list[Token], before: list[Mention], source: Mention) -> Mention | None:
    """The actor joined to the source by "and" before the trigger ("Peru and Ecuador signed"), of another state."""
    for m in before:
        if m.first > source.last and m.code != source.code and \
                any(t.key == "and" for t in tokens[source.last + 1:m.first]) and m.first - source.last <= 3:
            return m
    return None


#: Verbs whose subject gets what the act gives ("Indonesia received aid from Japan").
_RECEIVE = frozenset("receive received receives receiving obtain obtained obtains got gets".split())
_MESSAGES = frozenset("message messages letter letters".split())


def _giver(tokens: list[Token], after: list[Mention], hit: Hit, subject: Mention) -> Mention | None:
    """The giver of help or of a message its recipient is the subject of ("X received $5 million in aid from Y",
    "X received a message from Y"): the actor after "from" (or "from the"), where a receiving verb stands
    between the subject and the trigger."""
    message = hit.trigger.event == "CONSULT" and tokens[hit.last].key in _MESSAGES  # a visit received is hosted
    if not (hit.trigger.event == "AID" or message) or not any(t.key in _RECEIVE for t in tokens[subject.last + 1:hit.first + 1]):
        return None
    for m in after:
        j = m.first - 2 if tokens[m.first - 1].key == "the" else m.first - 1
        if j >= 0 and tokens[j].key == "from":
            return m
    return None


def _passive(tokens: list[Token], mentions: list[Mention], every: list[Mention], agents: list[int], hit: Hit,
             before: list[Mention], after: list[Mention], tail: int) -> tuple[Mention | None, Mention | None] | None:
    """Source and target of a passive ("was attacked by X"; with no "by", the subject is the target), or None."""
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
    return None


def _at_scene(tokens: list[Token], mentions: list[Mention], hit: Hit,
              target: Mention | None) -> tuple[Mention | None, Mention | None]:
    """An attack no one is named for: "A roadside bombing near the town of Samarra killed one U.S. soldier".
    The gold codes the state where it happened as the attacker (its "unidentified armed forces")."""
    place = _scene(tokens, mentions)
    if place is None:
        return None, target
    others = [m for m in mentions if m is not place and m.first > hit.last]
    return place, next((m for m in others if m.code != place.code), others[0] if others else target)


_PLACE_NOUNS = frozenset("town city village province region district area capital port streets".split())


def _agent_by(tokens: list[Token], after: list[Mention], hit: Hit) -> Mention | None:
    """The actor named by "by" right after a trigger with no subject ("Concessions Made By Syria", "attacks by
    Israeli jets"): "by" at most two words after the trigger, the name right after it (or after "the")."""
    for j in range(hit.last + 1, min(hit.last + 4, len(tokens))):
        if tokens[j].key == "by":
            k = j + 2 if j + 1 < len(tokens) and tokens[j + 1].key == "the" else j + 1
            return next((m for m in after if m.first == k), None)
        if tokens[j].text in ",;:":
            break
    return None


#: Acts mostly done at home: with no actor named, the state they happen in is their source, as both gold sets
#: code them ("an internet shutdown in X", "arrested in Lebanon", "riots broke out across X").
_AT_HOME = frozenset({"PROTEST", "COERCE", "CONCEDE", "RETREAT", "MOBILIZE"})


def _scene_after(tokens: list[Token], after: list[Mention], hit: Hit) -> Mention | None:
    """The place an act no one is named for happened in, right after it ("marched in Manila", "across
    the country", "in the streets of Seoul"): a state, its capital or a city, not an organization."""
    for m in after[:1]:
        prev = tokens[m.first - 1].key
        if m.iso3 and m.entry.kind in ("state", "capital", "city", "place", "territory") and m.first - hit.last <= 8 \
                and (prev in ("in", "across", "throughout") or
                     (prev == "of" and m.first > 1 and tokens[m.first - 2].key in _PLACE_NOUNS)):
            return m
    return None


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
