"""Build examples/gdelt/: a small real GDELT 2.0 sample laid out as the publisher serves it.

Reads the real GDELT 2.0 export rows in ``<reference>/events/gdelt/`` (the 100 rows of
``gdelt2_export_sample.tsv`` and the 100 of ``gdelt2_translation_export_sample.tsv``; their
origin is in that folder's README), groups them by their batch stamp (DATEADDED, column 59),
and writes each group as GDELT names its 15-minute files,
``YYYYMMDDHHMMSS.export.CSV.zip`` (``.translation.export.CSV.zip`` for the translated stream),
with a ``masterfilelist.txt`` and a ``masterfilelist-translation.txt`` in GDELT's format
(``size md5 url`` per line), so ``fairweather events fetch --base-url examples/gdelt`` can
fetch it offline and ``fairweather saydo --events`` can read it.

The rows are copied byte for byte and in order; only the grouping into files is ours. Each file
holds the sample's rows of that batch, not the whole batch, so the sizes and checksums in the
lists are those of these files, not of GDELT's. The zips are written with a fixed member time
(the batch stamp) and fixed permissions, so a rerun gives the same bytes.

Run from the repository root::

    python scripts/build_gdelt_sample.py --reference ../shared/data
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "examples" / "gdelt"
PUBLISHER = "http://data.gdeltproject.org/gdeltv2/"

#: (file in <reference>/events/gdelt/, suffix of the files GDELT publishes, the list that names them)
STREAMS = (
    ("gdelt2_export_sample.tsv", ".export.CSV", "masterfilelist.txt"),
    ("gdelt2_translation_export_sample.tsv", ".translation.export.CSV", "masterfilelist-translation.txt"),
)


def batches(path: Path) -> dict[str, list[bytes]]:
    """The rows of ``path`` grouped by their DATEADDED stamp, in file order; every row must have 61 columns."""
    groups: dict[str, list[bytes]] = {}
    for n, line in enumerate(path.read_bytes().splitlines(keepends=True), 1):
        fields = line.rstrip(b"\r\n").split(b"\t")
        if len(fields) != 61:
            sys.exit(f"{path}, line {n}: expected 61 tab-separated columns (GDELT 2.0 export), found {len(fields)}.")
        stamp = fields[59].decode("ascii")
        if len(stamp) != 14 or not stamp.isdigit():
            sys.exit(f"{path}, line {n}, field DATEADDED: not a stamp written YYYYMMDDHHMMSS ({stamp!r}).")
        groups.setdefault(stamp, []).append(line)
    return groups


def write_zip(path: Path, member: str, stamp: str, data: bytes) -> None:
    """A zip of one member, the same bytes on every run (member time = the batch stamp)."""
    info = zipfile.ZipInfo(member, date_time=(int(stamp[:4]), int(stamp[4:6]), int(stamp[6:8]),
                                              int(stamp[8:10]), int(stamp[10:12]), int(stamp[12:14])))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    tmp = path.with_name(f".{path.name}.tmp")
    with zipfile.ZipFile(tmp, "w") as zf:
        zf.writestr(info, data, compresslevel=9)
    tmp.replace(path)


def build(reference: Path, out: Path = OUT) -> list[Path]:
    """Write the sample files and the two file lists into ``out``; return the paths written."""
    folder = reference / "events" / "gdelt"
    written: list[Path] = []
    out.mkdir(parents=True, exist_ok=True)
    for source, suffix, list_name in STREAMS:
        if not (folder / source).is_file():
            sys.exit(f"{folder / source} is missing: give --reference the folder that holds events/gdelt/ "
                     "(the shared data folder, ../shared/data).")
        lines = []
        for stamp, rows in sorted(batches(folder / source).items()):
            name = f"{stamp}{suffix}"
            target = out / f"{name}.zip"
            write_zip(target, name, stamp, b"".join(rows))
            data = target.read_bytes()
            lines.append(f"{len(data)} {hashlib.md5(data).hexdigest()} {PUBLISHER}{target.name}\n")
            written.append(target)
        (out / list_name).write_text("".join(lines), encoding="ascii")
        written.append(out / list_name)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reference", type=Path, default=ROOT.parent / "shared" / "data",
                        help="the folder holding events/gdelt/ (default: ../shared/data)")
    parser.add_argument("--out", type=Path, default=OUT, help="where to write (default: examples/gdelt)")
    args = parser.parse_args()
    for path in build(args.reference, args.out):
        print(f"{path.stat().st_size:>7,} bytes  {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")


if __name__ == "__main__":
    main()
