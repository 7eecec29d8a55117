"""Readers for public reference datasets in their publishers' (or peacesciencer's) layouts.

Each reader takes the path of a file as its publisher (or a documented
conversion such as peacesciencer's) ships it and returns a tidy DataFrame keyed
by ISO3 codes. The pack never copies these files; they serve to cross-check it
(``fairweather data agreement``) and as optional inputs.

Every dataset declares its version, citation, licence and URL in ``DATASETS``;
:func:`cite` and :func:`data_versions` read them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from fairweather.codes import cow_to_iso3, to_iso3, try_iso3
from fairweather.errors import FairweatherError, UnknownStateError

__all__ = [
    "DatasetInfo",
    "DATASETS",
    "cite",
    "data_versions",
    "read_atop_dyad_years",
    "read_atop_members",
    "read_democracy",
    "read_cow_states",
    "read_cow_nmc",
    "read_sipri_milex",
    "read_sipri_register",
    "arms_import_shares",
    "read_ucdp_esd",
]


@dataclass(frozen=True)
class DatasetInfo:
    """Version, citation, licence and address of one public dataset."""

    name: str
    version: str
    citation: str
    licence: str
    url: str


DATASETS: dict[str, DatasetInfo] = {
    d.name: d
    for d in [
        DatasetInfo("atop", "5.1 (dyad-years); 4.01 (alliance and member level)",
                    "Leeds, Ritter, Mitchell & Long. 2002. Alliance Treaty Obligations and Provisions, 1815-1944. "
                    "International Interactions 28: 237-260.", "free for research with citation",
                    "http://www.atopdata.org/"),
        DatasetInfo("vdem", "v16 via isard 0.2.0", "Coppedge et al. V-Dem Dataset v16 (v2x_polyarchy); Marquez 2016 (UDS); "
                    "Marshall & Gurr, Polity5.", "CC BY-SA 4.0 (V-Dem)", "https://www.v-dem.net/"),
        DatasetInfo("cow_states", "2016", "Correlates of War Project. State System Membership List, v2016.",
                    "free with citation", "https://correlatesofwar.org/data-sets/state-system-membership/"),
        DatasetInfo("cow_nmc", "7.0", "Singer, Bremer & Stuckey 1972; National Material Capabilities v7.0.",
                    "free with citation", "https://correlatesofwar.org/data-sets/national-material-capabilities/"),
        DatasetInfo("ucdp_esd", "18.1 (triad-year)", "Meier, Karlén, Pettersson & Croicu. 2023. External support in armed "
                    "conflicts: Introducing the UCDP External Support Dataset (ESD), 1975-2017. JPR 60(3): 545-554.",
                    "CC BY 4.0", "https://ucdp.uu.se/downloads/"),
        DatasetInfo("sipri_milex", "2019 release", "SIPRI Military Expenditure Database.",
                    "free with attribution to SIPRI", "https://www.sipri.org/databases/milex"),
        DatasetInfo("sipri_at", "trade register 1990-2024, generated 2026-02-13", "SIPRI Arms Transfers Database.",
                    "free with attribution to SIPRI", "https://www.sipri.org/databases/armstransfers"),
    ]
}


def cite(name: str) -> str:
    """The citation of a dataset fairweather reads (``atop``, ``vdem``, ``sipri_at``, …)."""
    try:
        return DATASETS[name].citation
    except KeyError:
        raise FairweatherError(f"Unknown dataset {name!r}; known: {', '.join(DATASETS)}") from None


def data_versions() -> pd.DataFrame:
    """Name, version, licence and URL of every dataset fairweather reads."""
    return pd.DataFrame([d.__dict__ for d in DATASETS.values()])


def _iso_from_cow(codes: pd.Series) -> pd.Series:
    cache: dict[int, str | None] = {}

    def conv(c: Any) -> str | None:
        if pd.isna(c):
            return None
        c = int(c)
        if c not in cache:
            try:
                cache[c] = cow_to_iso3(c)
            except UnknownStateError:
                cache[c] = None
        return cache[c]

    return codes.map(conv)


def _read(path: Path | str) -> pd.DataFrame:
    path = Path(path)
    if not path.is_file():
        raise FairweatherError(f"Reference file {str(path)!r} does not exist.")
    return pd.read_parquet(path) if path.suffix == ".parquet" else pd.read_csv(path, low_memory=False)


def read_atop_dyad_years(path: Path | str) -> pd.DataFrame:
    """ATOP 5.1 directed dyad-years (peacesciencer ``atop_alliance``) keyed by ISO3.

    Columns: state_a, state_b, year, defense, offense, neutrality, nonaggression,
    consultation (0/1). Dyads with a state outside fairweather's code table are dropped.
    """
    df = _read(path)
    out = pd.DataFrame({
        "state_a": _iso_from_cow(df["ccode1"]), "state_b": _iso_from_cow(df["ccode2"]), "year": df["year"].astype(int),
        "defense": df["atop_defense"].astype(int), "offense": df["atop_offense"].astype(int),
        "neutrality": df["atop_neutral"].astype(int), "nonaggression": df["atop_nonagg"].astype(int),
        "consultation": df["atop_consul"].astype(int),
    })
    return out.dropna(subset=["state_a", "state_b"]).reset_index(drop=True)


def read_atop_members(path: Path | str) -> pd.DataFrame:
    """ATOP 4.01 member level: atopid, state (ISO3), entry and exit dates, obligation flags."""
    df = _read(path)

    def date(y, m, d):
        y, m, d = int(y), int(m) if m and m > 0 else 1, int(d) if d and d > 0 else 1
        return pd.Timestamp(year=y, month=m, day=d).date() if y > 0 else None

    out = pd.DataFrame({
        "atopid": df["atopid"].astype(int),
        "state": _iso_from_cow(df["member"]),
        "entry": [date(y, m, d) for y, m, d in zip(df["yrent"], df["moent"], df["dayent"])],
        "exit": [date(y, m, d) for y, m, d in zip(df["yrexit"], df["moexit"], df["dayexit"])],
        **{k: df[v].fillna(0).astype(int) for k, v in
           {"defense": "defense", "offense": "offense", "neutrality": "neutral", "nonaggression": "nonagg", "consultation": "consul"}.items()},
    })
    return out.dropna(subset=["state"]).reset_index(drop=True)


def read_democracy(path: Path | str) -> pd.DataFrame:
    """isard democracy state-years (COW codes) as iso3, year, v2x_polyarchy, polity2, euds."""
    df = _read(path)
    out = df.assign(iso3=_iso_from_cow(df["ccode"]))[["iso3", "year", "v2x_polyarchy", "polity2", "euds"]]
    return out.dropna(subset=["iso3"]).reset_index(drop=True)


def read_cow_states(path: Path | str) -> pd.DataFrame:
    """COW state system spells: iso3, cow_code, start, end (dates)."""
    df = _read(path)
    start = pd.to_datetime(dict(year=df["styear"], month=df["stmonth"], day=df["stday"]), errors="coerce")
    end = pd.to_datetime(dict(year=df["endyear"], month=df["endmonth"], day=df["endday"]), errors="coerce")
    out = pd.DataFrame({"iso3": _iso_from_cow(df["ccode"]), "cow_code": df["ccode"].astype(int),
                        "start": start.dt.date, "end": end.dt.date})
    return out.dropna(subset=["iso3"]).reset_index(drop=True)


def read_cow_nmc(path: Path | str) -> pd.DataFrame:
    """COW National Material Capabilities: iso3, year, milex (thousand current USD), cinc."""
    df = _read(path)
    out = df.assign(iso3=_iso_from_cow(df["ccode"]))[["iso3", "year", "milex", "milper", "cinc"]]
    return out.dropna(subset=["iso3"]).reset_index(drop=True)


_SIPRI_NAMES = {
    "Bosnia-Herzegovina": "BIH", "Congo, Dem. Rep.": "COD", "Congo, Republic of": "COG", "Central African Rep.": "CAF",
    "Korea, North": "PRK", "Korea, South": "KOR", "Korea, DPR": "PRK", "Czechia": "CZE", "UAE": "ARE",
    "United Arab Emirates": "ARE", "Viet Nam": "VNM", "Yemen, North": "YEM", "Yemen": "YEM", "Soviet Union": "RUS",
    "USSR": "RUS", "Russia": "RUS", "Turkiye": "TUR", "Turkey": "TUR", "Germany (FRG)": "DEU", "Germany": "DEU",
    "Serbia": "SRB", "Yugoslavia": "SRB", "Serbia and Montenegro": "SRB", "North Macedonia": "MKD", "Macedonia (FYROM)": "MKD",
    "Taiwan": "TWN", "Kosovo": "XKX", "Cote d'Ivoire": "CIV", "Eswatini": "SWZ", "Timor-Leste": "TLS",
    # states without a modern successor in fairweather's code table
    "Czechoslovakia": None, "East Germany (GDR)": None, "Northern Cyprus": None,
}


def _sipri_iso(name: object) -> str | None:
    if not isinstance(name, str) or "*" in name or name.startswith("unknown"):
        return None  # '*' marks non-state armed groups, '**' international organisations
    if name in _SIPRI_NAMES:
        return _SIPRI_NAMES[name]
    return try_iso3(name)


def read_sipri_milex(path: Path | str) -> pd.DataFrame:
    """SIPRI military expenditure (current USD m), long form: iso3, year, milex_usd_m_current."""
    df = _read(path)
    names = {n: _sipri_iso(n) for n in df["country"].unique()}
    out = df.assign(iso3=df["country"].map(names))[["iso3", "year", "milex_usd_m_current"]]
    return out.dropna(subset=["iso3"]).reset_index(drop=True)


def read_sipri_register(path: Path | str) -> pd.DataFrame:
    """SIPRI trade register deliveries: supplier, recipient (ISO3), year, tiv (TIV millions).

    "Soviet Union" counts as RUS and "Yugoslavia" as SRB; Czechoslovakia, East
    Germany, non-state groups (``*``) and international organisations (``**``)
    have no ISO3. Rows whose recipient has none are dropped; a supplier without
    one is kept as ``""`` so that it still counts in the recipient's total.
    """
    df = _read(path)
    names = {n: _sipri_iso(n) for n in pd.unique(pd.concat([df["supplier"], df["recipient"]]))}
    out = pd.DataFrame({
        "supplier": df["supplier"].map(names).fillna(""), "recipient": df["recipient"].map(names),
        "year": pd.to_numeric(df["delivery_year"], errors="coerce"),
        "tiv": pd.to_numeric(df["tiv_delivery_values"], errors="coerce").fillna(0.0),
    })
    return out.dropna(subset=["recipient", "year"]).astype({"year": int}).reset_index(drop=True)


def arms_import_shares(register: pd.DataFrame, start: int, end: int) -> pd.DataFrame:
    """Each recipient's supplier shares (%) of TIV delivered in ``start..end`` (inclusive)."""
    win = register[(register["year"] >= start) & (register["year"] <= end)]
    by = win.groupby(["recipient", "supplier"], as_index=False)["tiv"].sum()
    total = by.groupby("recipient")["tiv"].transform("sum")
    return by.assign(share=100 * by["tiv"] / total, start=start, end=end)


_ESD_MILITARY = ["ext_x", "ext_p", "ext_y", "ext_w", "ext_m", "ext_t", "ext_i", "ext_l"]


def _government(name: object) -> str | None:
    if not isinstance(name, str) or not name.startswith("Government of "):
        return None
    country = name[len("Government of "):]
    country = country.split(" (")[0]  # "Russia (Soviet Union)" -> "Russia"
    return _SIPRI_NAMES.get(country) or try_iso3(country)


def read_ucdp_esd(path: Path | str) -> pd.DataFrame:
    """UCDP ESD 18.1 triad-years between governments: recipient, opponent, supporter (ISO3), year and flags.

    ``opponent`` is the recipient's adversary's state, or ``""`` when the
    adversary is not a government (a rebel group).

    ``troops`` is ESD's X (secondary warring party); ``military`` any of X, P, Y,
    W, M, T, I, L (troops, presence, infrastructure, weapons, materiel, training,
    intelligence, territory); ``funding`` is F. Alleged support is dropped.
    """
    df = _read(path)
    df = df[(df["ext_nonstate"] == 0) & (df["ext_alleged"].fillna(0) == 0) & (df["actor_nonstate"] == 0)]
    recip = df["actor_name"].map(_government)
    supp = df["ext_name"].map(_government)
    out = pd.DataFrame({
        "recipient": recip, "opponent": df["oppo_name"].map(_government).fillna(""), "supporter": supp,
        "year": df["year"].astype(int),
        "troops": df["ext_x"].fillna(0).astype(int), "military": (df[_ESD_MILITARY].fillna(0).sum(axis=1) > 0).astype(int),
        "funding": df["ext_f"].fillna(0).astype(int),
    })
    out = out.dropna(subset=["recipient", "supporter"])
    return out.groupby(["recipient", "opponent", "supporter", "year"], as_index=False).max()


def resolve(value: str) -> str:
    """ISO3 for a name or code (a thin alias of :func:`fairweather.codes.to_iso3` for readers)."""
    return to_iso3(value)
