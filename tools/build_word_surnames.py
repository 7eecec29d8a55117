"""Build ``src/fairweather/text/data/word_surnames.csv``: the surnames of ``leaders.csv`` and ``officials.csv`` that are
also common English words ("Said", "Some", "Long", "Price", "Church"), which the coder never reads alone.

The coder reads a surname with no title or first name where a name stands ("Primakov met", "talks between
Albright and Primakov"; ``_actors._alone``); a surname that is a common word would turn "Some said ..." or "with
Power" into a state. A surname is listed where its frequency in English, as the wordfreq package measures it
(``zipf_frequency(word, "en")``, a log10 scale: 3 is once per million words, 4 ten times), is
:data:`MIN_ZIPF` or more. wordfreq (3.1.1, by Robyn Speer; code Apache-2.0, data CC BY-SA 4.0,
https://github.com/rspeer/wordfreq) counts words in any case, so well-known leaders whose names are frequent
(Blair, Brown, Wilson) are listed too: they are read after a title or a first name only. The package is
needed only to rebuild this file, from a scratch folder beside the project's own environment::

    python -m pip install --target /tmp/wf wordfreq==3.1.1
    PYTHONPATH=src:/tmp/wf .venv/bin/python tools/build_word_surnames.py
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from _table import write_table

DATA = Path(__file__).resolve().parents[1] / "src" / "fairweather" / "text" / "data"
OUT = DATA / "word_surnames.csv"
MIN_ZIPF = 4.0


def _surnames() -> set[str]:
    with (DATA / "leaders.csv").open(encoding="utf-8") as fh:
        names = {r["name"] for r in csv.DictReader(fh)}
    with (DATA / "officials.csv").open(encoding="utf-8") as fh:
        names |= {r["surname"] for r in csv.DictReader(fh) if r["surname"]}
    return names


def build() -> list[dict[str, str]]:
    from wordfreq import zipf_frequency

    rows = []
    for name in sorted(_surnames()):
        zipf = zipf_frequency(name.lower(), "en")
        if zipf >= MIN_ZIPF:
            rows.append({"name": name, "zipf": f"{zipf:.2f}",
                         "source": f"wordfreq 3.1.1 zipf_frequency('{name.lower()}', 'en')"})
    return rows


def main() -> int:
    rows = build()
    write_table(OUT, ["name", "zipf", "source"], rows)
    print(f"{len(rows)} surnames that are common English words -> {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
