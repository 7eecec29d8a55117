"""Build ``src/fairweather/text/data/cameo_verbs.csv``: the CAMEO verb dictionary's verbs and verb phrases, each
with its CAMEO code and PLOVER event, which the coder reads where its own triggers find no event.

``triggers.csv`` holds the verbs the coder was written with; a sentence whose verb it lacks ("Jakarta
expelled the UN refugee agency", "the army evacuated the town") is coded as no event. The CAMEO verb
dictionary of the PETRARCH coder (``CAMEO.2.0.txt``, openeventdata/petrarch2, MIT licence, "a composite of
the TABARI CAMEO dictionaries and several synonym sets, primarily from WordNet") lists some 4,000 verbs in
blocks::

    ---  FREEZE   [---]  ---
    FREEZE {FREEZES FREEZING FROZE FROZEN}
    - * RELATIONS                                         [160:160]     # FREEZE
    - * ASSET                                             [163]         # FREEZE

A block's verbs (its lines with no ``-``: synonyms, their irregular forms in braces, phrasal verbs joined by
``_``) carry the block's code where it has one (``[---]``: none, the verb alone is no event); a pattern line
(``- * RELATIONS``) gives the verb followed, within a few words, by its object a code of its own. Kept: the
block verbs with a code, and the patterns with one to three plain words after the verb (``*``) and none
before it (a pattern that names the source ``$`` or target ``+`` or holds a noun phrase in braces or
parentheses is the parser's business, left out). The code is read as PLOVER through the CAMEO to PLOVER table
of the PLOVER manual (``cameo_to_plover_2021.txt``, draft 0.8, Schrodt, in ``../shared/data/events/plover``):
the most specific code it lists, root ``01`` (public statements) and ``02`` (appeals), which it maps to no
PLOVER event, left out. A pattern's verbs are its block's: one row per block and pattern, with the verb forms
as alternatives.

Each row cites the line. Get the dictionary and run from the repository root::

    curl -LO https://raw.githubusercontent.com/openeventdata/petrarch2/676801cd9cb2924bbbad09f86d15c9323e7097bf/petrarch2/data/dictionaries/CAMEO.2.0.txt
    python tools/build_cameo_verbs.py CAMEO.2.0.txt ../shared/data/events/plover/cameo_to_plover_2021.txt
"""

from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path

from _table import write_table

OUT = Path(__file__).resolve().parents[1] / "src" / "fairweather" / "text" / "data" / "cameo_verbs.csv"
COMMIT = "676801cd9cb2924bbbad09f86d15c9323e7097bf"
SHA256 = "4a442ee42f7574651ec1c594f127353cdffbf18fa97b207ad5d8298a3cfaa08f"
FIELDS = ["pattern", "event", "cameo", "context", "source"]
_HEAD = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]")
_PATTERN = re.compile(r"^-\s+(.*?)\s*\[([^\]]*)\]")


def plover_table(path: Path) -> dict[str, tuple[str, str]]:
    """CAMEO code -> (PLOVER event, context) from the PLOVER manual's conversion table."""
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\d{2,4}):\s*([A-Z]+)\s*(?:,([^,#]*),([^#]*))?", line)
        if m:
            out[m.group(1)] = (m.group(2), (m.group(4) or "").strip().split(";")[0].strip())
    return out


def _plover(code: str, table: dict[str, tuple[str, str]]) -> tuple[str, str] | None:
    code = code.split(":")[0].strip()
    if not code.isdigit() or code[:2] in ("01", "02"):
        return None
    for n in range(len(code), 1, -1):
        if code[:n] in table:
            return table[code[:n]]
    return None


def _forms(line: str) -> list[tuple[list[str], bool]]:
    """A verb line's forms, each its words and whether it inflects: ``FREEZE {FREEZES FROZE}`` -> freeze (which
    inflects), freezes, froze; ``+STIR_UP {+STIRS_UP}`` -> stir up, stirs up."""
    line = line.split("#")[0]
    base = line.split("{")[0].split()
    extra = line[line.index("{") + 1:line.index("}")].split() if "{" in line and "}" in line else []
    out = []
    for k, w in enumerate(base[:1] + extra):
        words = [p for p in w.strip("+").lower().split("_") if p]
        if words and all(re.fullmatch(r"[a-z][a-z'-]*", p) for p in words):
            out.append((words, k == 0 and not extra))
    return out


def _verb_patterns(forms: list[tuple[list[str], bool]]) -> list[str]:
    """The block's verbs as lexicon patterns, one per phrasal tail: a verb with no forms given inflects
    (``offer+``), one whose forms the line lists is those forms; "stir up" lists its first words' forms."""
    by_rest: dict[tuple[str, ...], set[str]] = {}
    for words, inflects in forms:
        by_rest.setdefault(tuple(words[1:]), set()).add(words[0] + ("+" if inflects else ""))
    out = []
    for rest, heads in sorted(by_rest.items()):
        first = next(iter(heads)) if len(heads) == 1 else "(" + "|".join(sorted(heads)) + ")"
        out.append(" ".join([first, *rest]))
    return out


def build(dictionary: Path, conversion: Path) -> list[dict[str, str]]:
    got = hashlib.sha256(dictionary.read_bytes()).hexdigest()
    if got != SHA256:
        raise SystemExit(f"{dictionary}: SHA-256 {got}, expected {SHA256} (petrarch2 @ {COMMIT})")
    table = plover_table(conversion)
    rows: list[dict[str, str]] = []
    block_code, verbs, head_line, where = None, [], 0, ""
    lines = dictionary.read_text(encoding="utf-8", errors="replace").splitlines()

    def emit(pattern: str, code: str, line: int, what: str) -> None:
        hit = _plover(code, table)
        if hit:
            rows.append({"pattern": pattern, "event": hit[0], "cameo": code.split(":")[0].strip(),
                         "context": hit[1], "source": f"CAMEO.2.0.txt (openeventdata/petrarch2 @ {COMMIT[:10]}), "
                                                      f"line {line} {what!r}"})

    def close() -> None:
        if block_code and verbs:
            for p in _verb_patterns(verbs):
                emit(p, block_code, head_line, where)

    for no, raw in enumerate(lines, 1):
        if raw.startswith("#") or not raw.strip():
            continue
        if m := _HEAD.match(raw):
            close()
            block_code = None if m.group(2).strip() in ("---", "") else m.group(2)
            verbs, head_line, where = [], no, m.group(1)
            continue
        if raw.startswith("-"):
            m = _PATTERN.match(raw)
            if not m or not verbs or "*" not in m.group(1):
                continue
            before, _, after = m.group(1).partition("*")
            words = after.split()
            if before.strip() or not 1 <= len(words) <= 3 or not all(re.fullmatch(r"[A-Z][A-Z'-]*", w) for w in words):
                continue
            for p in _verb_patterns(verbs):
                emit(f"{p} ~ " + " ".join(w.lower() for w in words), m.group(2), no, raw.split("[")[0].strip())
            continue
        if raw.startswith(("+", " ")) or raw[:1].isalpha():
            verbs += _forms(raw)
    close()
    out, seen = [], set()
    for r in rows:
        if r["pattern"] not in seen:  # the first block to give a pattern keeps it
            seen.add(r["pattern"])
            out.append(r)
    return out


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__)
        return 2
    rows = build(Path(argv[0]), Path(argv[1]))
    write_table(OUT, FIELDS, rows)
    print(f"{len(rows)} verb patterns -> {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
