"""Complaints: when "protested" is an official complaint rather than a demonstration, and whom a complaint blames.

CAMEO separates a state's or an organization's complaint (11, "complain officially"; PLOVER ACCUSE, verbal)
from a crowd's demonstration (14; PLOVER PROTEST, material), and codes as the target of a condemnation the one
condemned, not the victim named first ("condemned the attack on Lebanon by Israel" targets Israel).
"""

from __future__ import annotations

from fairweather.text._actor_tables import actor_entries, ethnic_groups
from fairweather.text._actors import Mention
from fairweather.text._lexicon import Hit
from fairweather.text._tokens import Token

__all__ = ["official_protest", "trailing_complaint", "blamed"]


#: Words for a body that speaks for a state or an organization: its complaint is official.
_OFFICIAL = frozenset("""
government governments ministry ministries officials official spokesman spokeswoman embassy authorities
president minister premier leader leaders group groups organization organisation committee council agency
watchdog administration regime junta cabinet parliament office envoy ambassador delegation foreign
""".split())
#: Words that may stand between the one who protests and the verb ("China has officially protested").
_ADVERBS = frozenset("has have had also officially formally strongly angrily sharply again immediately".split())
#: Words after "protested" that place a demonstration ("protested in Belgrade", "outside the embassy").
_STREET = frozenset("in outside at near through across along".split())


def official_protest(tokens: list[Token], mentions: list[Mention], main: Hit) -> bool:
    """Whether "protested" is a complaint (PLOVER ACCUSE, CAMEO 11), not a demonstration (PROTEST): the word
    before it names a state or an organization ("China protested the sale", "Japan's foreign ministry
    protested") or a body that speaks for one ("a human rights group protested"), not people ("Tibetan monks
    protested", "Palestinians protested"), and it is no protest in a place ("protested in Belgrade")."""
    if main.trigger.pattern != "protest+" or main.first == 0 or not tokens[main.first].key.startswith("protested"):
        return False
    nxt = tokens[main.last + 1].key if main.last + 1 < len(tokens) else ""
    if nxt in _STREET:
        return False
    j = main.first - 1
    while j > 0 and tokens[j].key in _ADVERBS:
        j -= 1
    if tokens[j].key in _OFFICIAL:
        return True
    named = next((m for m in mentions if m.last == j), None)
    if named is None or any(_a_people(t) for t in tokens[:j + 1]):
        return False  # "Palestinians in the occupied West Bank protested": a people protests
    k = named.first - 1 if named.first > 0 and tokens[named.first - 1].key != "the" else named.first - 2
    return not (k >= 0 and tokens[k].key in _STREET)  # "crowds in the West Bank protested": a place


def _a_people(token: Token) -> bool:
    """Whether a token names a people in the plural ("Palestinians", "Iraqis", "Kurds")."""
    if not token.capitalized or not token.key.endswith("s"):
        return False
    if token.key in ethnic_groups():
        return True
    entries = actor_entries().get((token.key,)) or actor_entries().get((token.key[:-1],)) or ()
    return any(e.kind in ("demonym", "territory") for e in entries)


def trailing_complaint(tokens: list[Token], mentions: list[Mention], main: Hit) -> tuple[Mention | None, Mention] | None:
    """A complaint that closes the sentence after what it complains of ("Croatian authorities are failing to
    uphold ..., a human rights group protested"): the one who complains is named between the last comma and
    the verb, if at all; the one complained of is the first actor before that comma."""
    comma = next((i for i in range(main.first - 1, max(main.first - 7, 0), -1) if tokens[i].text == ","), None)
    if comma is None:
        return None
    complained = next((m for m in mentions if m.last < comma), None)
    if complained is None:
        return None
    speaker = next((m for m in mentions if comma < m.first < main.first), None)
    return speaker, complained


#: Nouns of a hostile act that a complaint names as its object ("condemned the attack on Lebanon by Israel").
_HOSTILE_ACTS = frozenset("""
attack attacks bombing bombings raid raids invasion shelling killing killings occupation strike strikes
massacre incursion assault offensive blockade seizure violation violations
""".split())


def blamed(tokens: list[Token], mentions: list[Mention], main: Hit, source: Mention | None,
            target: Mention | None) -> Mention | None:
    """The one a complaint blames, where it is not the first name after the verb: the doer named by "by" after
    a hostile act ("condemned the attack on Lebanon by Israel": Israel, not Lebanon), or the state named
    after "against" where the first name is a body complained to ("filed a complaint with the UN Security
    Council against Israel": Israel)."""
    after = [m for m in mentions if m.first > main.last and m is not source]
    for m in after:
        j = m.first - 1 if tokens[m.first - 1].key != "the" else m.first - 2
        if j <= main.last:
            continue
        between = {t.key for t in tokens[main.last + 1:j]}
        if tokens[j].key == "by" and between & _HOSTILE_ACTS and m.iso3:
            return m
        if tokens[j].key == "against" and m.iso3 and (target is None or target.iso3 is None):
            return m
    return target
