"""The curated data pack: its schema, reader and validator.

The pack is a folder of CSV files, one table each (or a folder of CSV parts per
table); see ``pack/data/README.md`` and :mod:`fairweather.pack.schema`.
"""

from __future__ import annotations

from fairweather.pack._read import embedded_pack_path, pack_files, pack_hash, read_pack
from fairweather.pack._validate import ParsedPack, parse_pack, validate_pack
from fairweather.pack.schema import (
    CONDITIONS,
    CRISIS_KINDS,
    FACT_KINDS,
    OBLIGATIONS,
    SUPPORT_LEVELS,
    TABLE_ORDER,
    TABLES,
    TIE_KINDS,
)

__all__ = [
    "embedded_pack_path",
    "pack_files",
    "pack_hash",
    "read_pack",
    "ParsedPack",
    "parse_pack",
    "validate_pack",
    "CONDITIONS",
    "CRISIS_KINDS",
    "FACT_KINDS",
    "OBLIGATIONS",
    "SUPPORT_LEVELS",
    "TABLE_ORDER",
    "TABLES",
    "TIE_KINDS",
]
