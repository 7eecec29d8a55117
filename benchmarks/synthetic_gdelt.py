"""Synthetic GDELT 2.0 event exports: any size, seeded, streaming, in constant memory.

A tool of the benchmarks (and of the tests of the readers), not of the library: users measure real
events, so the generator does not ship in the package.

The rows have GDELT 2.0's exact layout (61 tab-separated columns, no header)
and imitate its distributions well enough for benchmarks and tests:

* actor countries are real CAMEO country codes of states, drawn from a
  Zipf-like law (weight ``1 / rank**1.1``; USA, GBR, CHN, RUS, IND, ISR, IRN
  … first); 40% of Actor1 and 50% of Actor2 country fields are empty, as in
  real exports;
* event codes follow approximate shares of CAMEO roots in GDELT (many 01
  statements, 04 consultations and 05 diplomatic cooperation; few 07 aid and
  19 fighting; see :data:`ROOT_SHARES`), and within a root the 3-digit codes
  are drawn three times as often as the 4-digit ones;
* QuadClass and GoldsteinScale are those of the code in GDELT's lookup
  (:mod:`fairweather.events.taxonomy`), so they are always consistent;
* SQLDATE is spread uniformly over the window; mentions, sources and
  articles are small skewed counts; tone is centred slightly negative.

Everything is vectorised per chunk of rows with numpy and Arrow, and written
with Arrow's CSV writer, so memory stays constant whatever the size. The
same seed gives the same rows; :func:`write_gdelt_parquet` writes those very
rows as the normalized event table (:mod:`fairweather.events.schema`).

>>> import tempfile, os
>>> d = tempfile.mkdtemp()
>>> write_gdelt_export(os.path.join(d, "x.export.CSV"), n_rows=1000, seed=1)
1000
>>> from fairweather.sources.gdelt import read_gdelt
>>> read_gdelt(os.path.join(d, "x.export.CSV")).report.rows_imported
1000
"""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from fairweather.events.schema import EVENT_SCHEMA
from fairweather.events.taxonomy import cameo_codes, cameo_country_codes, classify

__all__ = [
    "ROOT_SHARES",
    "HEAD_COUNTRIES",
    "gdelt_chunks",
    "write_gdelt_export",
    "write_gdelt_batches",
    "write_gdelt_parquet",
]

#: Approximate share of each CAMEO root among GDELT events (an imitation of
#: published GDELT summaries, not a measurement: lots of 01/04/05, few 07/19/20).
ROOT_SHARES: dict[str, float] = {
    "01": 0.17, "02": 0.06, "03": 0.06, "04": 0.21, "05": 0.09, "06": 0.02, "07": 0.025,
    "08": 0.025, "09": 0.015, "10": 0.015, "11": 0.06, "12": 0.015, "13": 0.015, "14": 0.02,
    "15": 0.007, "16": 0.01, "17": 0.06, "18": 0.04, "19": 0.055, "20": 0.001,
}  # fmt: skip

#: The most frequent actor countries in GDELT, most frequent first; other states follow.
HEAD_COUNTRIES: tuple[str, ...] = (
    "USA", "GBR", "CHN", "RUS", "IND", "ISR", "IRN", "AUS", "PAK", "FRA", "DEU", "CAN", "TUR",
    "UKR", "SYR", "JPN", "NGA", "ZAF", "EGY", "AFG", "IRQ", "PRK", "KOR", "SAU", "PHL",
)  # fmt: skip

_TYPES = np.array(["", "GOV", "MIL", "CVL", "BUS", "MED", "OPP", "REB", "LEG", "JUD"], dtype=object)
_TYPE_P = np.array([0.35, 0.25, 0.08, 0.08, 0.06, 0.05, 0.04, 0.03, 0.03, 0.03])

_CHUNK = 200_000


@dataclass(frozen=True)
class _Tables:
    countries: np.ndarray  # CAMEO codes of states, in Zipf rank order
    country_p: np.ndarray
    names: np.ndarray  # upper-case names as GDELT writes Actor?Name
    codes: np.ndarray
    code_p: np.ndarray
    quad: np.ndarray
    goldstein: np.ndarray
    support: np.ndarray


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    from fairweather.codes import all_states

    states = {s.iso3 for s in all_states()}
    labels = cameo_country_codes()
    rest = sorted(c for c in labels if c in states and c not in HEAD_COUNTRIES)
    countries = np.array([*HEAD_COUNTRIES, *rest], dtype=object)
    w = 1.0 / np.arange(1, len(countries) + 1) ** 1.1
    names = np.array([labels.get(c, c).upper() for c in countries], dtype=object)
    codes = [c for c in cameo_codes() if c.isdigit() and len(c) >= 3]
    weights = []
    for c in codes:
        siblings = [x for x in codes if x[:2] == c[:2]]
        n3 = sum(len(x) == 3 for x in siblings)
        n4 = len(siblings) - n3
        unit = ROOT_SHARES[c[:2]] / (3 * n3 + n4)
        weights.append(unit * (3 if len(c) == 3 else 1))
    info = [classify("cameo", c) for c in codes]
    p = np.array(weights)
    return _Tables(
        countries=countries,
        country_p=w / w.sum(),
        names=names,
        codes=np.array(codes, dtype=object),
        code_p=p / p.sum(),
        quad=np.array([i[0] for i in info], dtype=np.int8),
        goldstein=np.array([i[2] for i in info]),
        support=np.array([i[1] for i in info], dtype=object),
    )


@dataclass
class _Chunk:
    """One chunk of synthetic events as indices and numbers (both outputs are built from it)."""

    ids: np.ndarray
    days: np.ndarray  # days since the window start
    a1: np.ndarray  # country index, -1 = empty
    a2: np.ndarray
    t1: np.ndarray
    t2: np.ndarray
    code: np.ndarray
    mentions: np.ndarray
    sources: np.ndarray
    articles: np.ndarray
    tone: np.ndarray
    root: np.ndarray


def _draw(rng: np.random.Generator, n: int, first_id: int, n_days: int) -> _Chunk:
    t = _tables()
    nc = len(t.countries)
    a1 = rng.choice(nc, size=n, p=t.country_p)
    a2 = rng.choice(nc, size=n, p=t.country_p)
    a1[rng.random(n) < 0.40] = -1
    a2[rng.random(n) < 0.50] = -1
    mentions = 1 + rng.negative_binomial(1, 0.3, size=n)
    sources = np.minimum(mentions, 1 + rng.poisson(0.3, size=n))
    articles = np.minimum(mentions, sources + rng.poisson(0.5, size=n))
    return _Chunk(
        ids=np.arange(first_id, first_id + n, dtype=np.int64),
        days=rng.integers(0, n_days, size=n),
        a1=a1,
        a2=a2,
        t1=rng.choice(len(_TYPES), size=n, p=_TYPE_P),
        t2=rng.choice(len(_TYPES), size=n, p=_TYPE_P),
        code=rng.choice(len(t.codes), size=n, p=t.code_p),
        mentions=mentions,
        sources=sources,
        articles=articles,
        tone=np.round(rng.normal(-1.5, 3.0, size=n), 6),
        root=rng.random(n) < 0.45,
    )


def _iter_chunks(n_rows: int, seed: int, start: dt.date, end: dt.date, chunk_rows: int) -> Iterator[_Chunk]:
    rng = np.random.default_rng(seed)
    n_days = (end - start).days + 1
    if n_days < 1:
        from fairweather.errors import DateError

        raise DateError(f"The window ends ({end}) before it starts ({start}).")
    done = 0
    while done < n_rows:
        n = min(chunk_rows, n_rows - done)
        yield _draw(rng, n, 900_000_000 + done, n_days)
        done += n


def _take(values: np.ndarray, idx: np.ndarray, empty: str = "") -> pa.Array:
    """values[idx] as an Arrow string array, with ``empty`` where idx is -1."""
    arr = pa.array(np.append(values, empty).astype(object), type=pa.string())
    return arr.take(pa.array(np.where(idx < 0, len(values), idx)))


def _gdelt_table(c: _Chunk, start: dt.date, added: str | None) -> pa.Table:
    from fairweather.sources.gdelt import GDELT2_COLUMNS

    t = _tables()
    n = len(c.ids)
    base = np.datetime64(start, "D")
    dates = base + c.days.astype("timedelta64[D]")
    years = dates.astype("datetime64[Y]").astype(np.int64) + 1970
    months = dates.astype("datetime64[M]").astype(np.int64) % 12 + 1
    mday = (dates - dates.astype("datetime64[M]")).astype(np.int64) + 1
    sqldate = years * 10000 + months * 100 + mday
    doy = (dates - dates.astype("datetime64[Y]")).astype(np.int64) + 1
    empty = pa.nulls(n, pa.string())
    a1cc, a2cc = _take(t.countries, c.a1), _take(t.countries, c.a2)
    t1, t2 = _take(_TYPES, c.t1), _take(_TYPES, c.t2)
    code = _take(t.codes, c.code)
    dateadded = (
        pa.array(np.full(n, int(added), dtype=np.int64)) if added else pa.array(sqldate * 1_000_000 + 234500)
    )
    cols: dict[str, pa.Array] = {name: empty for name in GDELT2_COLUMNS}
    cols.update(
        GLOBALEVENTID=pa.array(c.ids),
        SQLDATE=pa.array(sqldate),
        MonthYear=pa.array(years * 100 + months),
        Year=pa.array(years),
        FractionDate=pa.array(np.round(years + doy / 365.0, 4)),
        Actor1Code=pc.binary_join_element_wise(a1cc, t1, ""),
        Actor1Name=_take(t.names, c.a1),
        Actor1CountryCode=a1cc,
        Actor1Type1Code=t1,
        Actor2Code=pc.binary_join_element_wise(a2cc, t2, ""),
        Actor2Name=_take(t.names, c.a2),
        Actor2CountryCode=a2cc,
        Actor2Type1Code=t2,
        IsRootEvent=pa.array(c.root.astype(np.int8)),
        EventCode=code,
        EventBaseCode=pc.utf8_slice_codeunits(code, 0, 3),
        EventRootCode=pc.utf8_slice_codeunits(code, 0, 2),
        QuadClass=pa.array(t.quad[c.code]),
        GoldsteinScale=pa.array(t.goldstein[c.code]),
        NumMentions=pa.array(c.mentions),
        NumSources=pa.array(c.sources),
        NumArticles=pa.array(c.articles),
        AvgTone=pa.array(c.tone),
        ActionGeo_Type=pa.array(np.where(c.a1 < 0, 0, 1).astype(np.int8)),
        ActionGeo_FullName=_take(t.names, c.a1),
        DATEADDED=dateadded,
        SOURCEURL=pc.binary_join_element_wise(
            "https://news.example.org/a/", pc.cast(pa.array(c.ids), pa.string()), ".html", ""
        ),
    )
    return pa.table([cols[name] for name in GDELT2_COLUMNS], names=list(GDELT2_COLUMNS))


def _null_if_empty(arr: pa.Array) -> pa.Array:
    return pc.if_else(pc.equal(arr, ""), pa.scalar(None, pa.string()), arr)


def _event_table(c: _Chunk, start: dt.date, source_file: str) -> pa.Table:
    t = _tables()
    n = len(c.ids)
    code = _take(t.codes, c.code)
    dates = pa.array(np.datetime64(start, "D") + c.days.astype("timedelta64[D]"), type=pa.date32())
    a1cc = _take(t.countries, c.a1, empty=None)
    a2cc = _take(t.countries, c.a2, empty=None)
    t1, t2 = _take(_TYPES, c.t1), _take(_TYPES, c.t2)
    return pa.table(
        [
            pc.cast(pa.array(c.ids), pa.string()),
            dates,
            a1cc,
            a2cc,
            _null_if_empty(pc.binary_join_element_wise(a1cc.fill_null(""), t1, "")),
            _null_if_empty(pc.binary_join_element_wise(a2cc.fill_null(""), t2, "")),
            pa.array(np.full(n, "cameo", dtype=object), type=pa.string()),
            code,
            pc.utf8_slice_codeunits(code, 0, 2),
            pa.array(t.quad[c.code]),
            _take(t.support, c.code),
            pa.array(t.goldstein[c.code]),
            pa.array(c.mentions.astype(np.int32)),
            pa.array(np.full(n, source_file, dtype=object), type=pa.string()),
        ],
        schema=EVENT_SCHEMA,
    )


def gdelt_chunks(
    n_rows: int,
    *,
    seed: int = 0,
    start: dt.date = dt.date(2025, 6, 1),
    end: dt.date = dt.date(2025, 6, 30),
    chunk_rows: int = _CHUNK,
) -> Iterator[pa.Table]:
    """Synthetic GDELT 2.0 export rows as Arrow tables of at most ``chunk_rows`` rows."""
    for chunk in _iter_chunks(n_rows, seed, start, end, chunk_rows):
        yield _gdelt_table(chunk, start, None)


_WRITE = pacsv.WriteOptions(include_header=False, delimiter="\t", quoting_style="none")


def write_gdelt_export(
    path: str | os.PathLike,
    n_rows: int,
    *,
    seed: int = 0,
    start: dt.date = dt.date(2025, 6, 1),
    end: dt.date = dt.date(2025, 6, 30),
    zipped: bool | None = None,
    chunk_rows: int = _CHUNK,
) -> int:
    """Write ``n_rows`` synthetic events as one GDELT 2.0 export file; returns the row count.

    Parameters
    ----------
    path
        Output file; a name ending in ``.zip`` (or ``zipped=True``) writes a
        zip archive holding one ``.CSV`` member, as GDELT publishes them.
    n_rows
        Any number of rows: memory stays constant (one chunk at a time).
    seed
        Seed of the numpy Generator; the same seed gives the same rows.
    start, end
        Window over which SQLDATE is spread (inclusive).
    """
    path = os.fspath(path)
    zipped = path.lower().endswith(".zip") if zipped is None else zipped
    if zipped:
        member = os.path.basename(path)[:-4] if path.lower().endswith(".zip") else os.path.basename(path) + ".CSV"
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf, zf.open(member, "w") as out:
            return _write_csv(out, n_rows, seed, start, end, chunk_rows)
    with open(path, "wb") as out:
        return _write_csv(out, n_rows, seed, start, end, chunk_rows)


def _write_csv(out, n_rows, seed, start, end, chunk_rows) -> int:
    written = 0
    for chunk in _iter_chunks(n_rows, seed, start, end, chunk_rows):
        buf = io.BytesIO()
        pacsv.write_csv(_gdelt_table(chunk, start, None), buf, write_options=_WRITE)
        out.write(buf.getbuffer())
        written += len(chunk.ids)
    return written


def write_gdelt_batches(
    directory: str | os.PathLike,
    n_rows: int,
    *,
    rows_per_file: int = 1500,
    seed: int = 0,
    start: dt.datetime = dt.datetime(2025, 6, 13),
    zipped: bool = True,
) -> list[str]:
    """Write synthetic events as GDELT's 15-minute files ``YYYYMMDDHHMMSS.export.CSV.zip``.

    Each file's DATEADDED is its batch stamp, and its events are dated on the
    batch day or up to two days before it (as GDELT's "as mentioned" dates).
    Returns the paths written, in time order.
    """
    os.makedirs(directory, exist_ok=True)
    paths: list[str] = []
    rng = np.random.default_rng(seed)
    done, k = 0, 0
    while done < n_rows:
        n = min(rows_per_file, n_rows - done)
        stamp = start + dt.timedelta(minutes=15 * k)
        day0 = stamp.date() - dt.timedelta(days=2)
        chunk = _draw(rng, n, 900_000_000 + done, 3)
        chunk.days = np.where(rng.random(n) < 0.8, 2, chunk.days)
        name = stamp.strftime("%Y%m%d%H%M%S") + ".export.CSV"
        buf = io.BytesIO()
        pacsv.write_csv(_gdelt_table(chunk, day0, stamp.strftime("%Y%m%d%H%M%S")), buf, write_options=_WRITE)
        path = os.path.join(os.fspath(directory), name + (".zip" if zipped else ""))
        if zipped:
            with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
                zf.writestr(name, buf.getvalue())
        else:
            with open(path, "wb") as out:
                out.write(buf.getbuffer())
        paths.append(path)
        done += n
        k += 1
    return paths


def write_gdelt_parquet(
    path: str | os.PathLike,
    n_rows: int,
    *,
    seed: int = 0,
    start: dt.date = dt.date(2025, 6, 1),
    end: dt.date = dt.date(2025, 6, 30),
    chunk_rows: int = _CHUNK,
    source_file: str = "synthetic",
) -> int:
    """Write the rows :func:`write_gdelt_export` writes for the same arguments as a normalized Parquet table."""
    import pyarrow.parquet as pq

    written = 0
    with pq.ParquetWriter(os.fspath(path), EVENT_SCHEMA, compression="zstd") as writer:
        for chunk in _iter_chunks(n_rows, seed, start, end, chunk_rows):
            writer.write_table(_event_table(chunk, start, source_file), row_group_size=chunk_rows)
            written += len(chunk.ids)
    return written
