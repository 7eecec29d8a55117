"""How well the curated pack agrees with public reference datasets, as figures.

* defence obligations: recall (share of reference dyad-years among covered
  states that the pack has) and precision (share of pack dyad-years that the
  reference confirms), non-directed, against ATOP 5.1 dyad-years 1990–2018;
* regime scores: the share of state-years whose value is V-Dem's v2x_polyarchy
  exactly (at its published 3 decimals), each disagreement listed with its row;
* military spending against SIPRI and COW NMC: a plausibility check only (log
  correlation, share within a factor of 2), because the pack holds constant and
  the references current dollars, which no exact rule converts;
* state system: the share of pack states whose COW code and spell start agree
  with the COW list;
* sources a reader can follow (:mod:`fairweather.provenance`, no reference file
  needed): the curated sources whose URL is a site's home or section page, with
  the rows citing each; and the share of responses in crises from 2020 on whose
  evidence names an act, a date and a specific source.

Reviewed disagreements (``pack/data/reviewed_exceptions/*.csv``) are removed
before the figures are computed and counted separately.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd

from fairweather.results import Result, Summary
from fairweather.sources.vdem import POLYARCHY_DECIMALS
from fairweather.store import Store

__all__ = ["Agreement", "reviewed_exceptions", "defence_dyad_years", "defence_agreement", "regime_agreement", "milex_agreement",
           "capabilities_agreement", "arms_share_agreement", "responses_agreement", "state_system_agreement", "agreement_report"]


@dataclass
class Agreement(Result):
    """One comparison: its figures and the rows that disagree."""

    name: str
    figures: dict[str, float]
    disagreements: pd.DataFrame = field(default_factory=pd.DataFrame)
    note: str = ""

    def to_frame(self) -> pd.DataFrame:
        """The rows that disagree."""
        return self.disagreements.copy()

    def summary(self) -> Summary:
        """The figures, the first rows that disagree, and the note."""
        info = [(k, f"{v:.4g}" if isinstance(v, float) else str(v)) for k, v in self.figures.items()]
        return Summary(f"Agreement: {self.name}", info, tables=[(f"Rows that disagree ({len(self.disagreements)})",
                                                                 self.disagreements.head(20))],
                       notes=[self.note] if self.note else [])


def defence_dyad_years(store: Store, years: range) -> pd.DataFrame:
    """Non-directed dyad-years (state_a < state_b, year) in which a pack commitment binds one to defend the other.

    A dyad-year counts when the commitment and both members' spells overlap any
    day of the year and at least one member gives a defence obligation (its own
    ``obligations`` if set, else the commitment's flag) — the rule ATOP's
    dyad-years follow.
    """
    m = store.sql(
        """SELECT m.commitment_id, m.state, m.valid_from AS mf, m.valid_to AS mt, c.valid_from AS cf, c.valid_to AS ct,
                  coalesce(nullif(m.obligations, ''), CASE WHEN c.defense THEN 'defense' ELSE '' END) AS obl
           FROM commitment_members m JOIN commitments c USING (commitment_id)"""
    )
    far = pd.Timestamp("2100-01-01")
    for col in ("mf", "mt", "cf", "ct"):
        m[col] = pd.to_datetime(m[col])
    m["mt"] = m["mt"].fillna(far)
    m["ct"] = m["ct"].fillna(far)
    m["start"] = m[["mf", "cf"]].max(axis=1)
    m["end"] = m[["mt", "ct"]].min(axis=1)
    m["gives"] = m["obl"].str.contains("defense")
    pairs = m.merge(m, on="commitment_id", suffixes=("_a", "_b"))
    pairs = pairs[(pairs["state_a"] < pairs["state_b"]) & (pairs["gives_a"] | pairs["gives_b"])]
    pairs = pairs.assign(start=pairs[["start_a", "start_b"]].max(axis=1), end=pairs[["end_a", "end_b"]].min(axis=1))
    pairs = pairs[pairs["start"] <= pairs["end"]]
    rows = []
    lo, hi = years.start, years.stop - 1
    for a, b, s, e in zip(pairs["state_a"], pairs["state_b"], pairs["start"], pairs["end"]):
        for y in range(max(lo, s.year), min(hi, e.year) + 1):
            rows.append((a, b, y))
    return pd.DataFrame(rows, columns=["state_a", "state_b", "year"]).drop_duplicates().reset_index(drop=True)


def reviewed_exceptions(store: Store, name: str) -> pd.DataFrame:
    """The reviewed disagreements ``pack/data/reviewed_exceptions/<name>.csv`` (empty if none)."""
    path = store.pack_folder / "reviewed_exceptions" / f"{name}.csv"
    return pd.read_csv(path, dtype=str, keep_default_na=False) if path.is_file() else pd.DataFrame()


def _exception_rules(exc: pd.DataFrame, direction: str) -> list[tuple[str, str, int, int]]:
    if exc.empty:
        return []
    rows = exc[exc["direction"] == direction]
    return [(a, b, int(y0), int(y1 or y0)) for a, b, y0, y1 in zip(rows["state_a"], rows["state_b"], rows["year_from"], rows["year_to"])]


def _excepted(rules: list[tuple[str, str, int, int]], dyad_year: tuple[str, str, int]) -> bool:
    """Whether a reviewed exception covers a disagreeing dyad-year.

    ``state_b`` may be ``*`` ("any partner of state_a"); an exception only ever
    removes a disagreement in its own direction, never an agreement.
    """
    a, b, year = dyad_year
    for ea, eb, y0, y1 in rules:
        if y0 <= year <= y1 and ((eb == "*" and ea in (a, b)) or {ea, eb} == {a, b}):
            return True
    return False


def defence_agreement(store: Store, atop: pd.DataFrame, years: range = range(1990, 2019)) -> Agreement:
    """Recall and precision of the pack's defence dyad-years against ATOP, before and after reviewed exceptions.

    The ATOP side is every non-directed dyad-year in ``years`` with
    ``defense == 1`` whose two states are states of the pack; the pack side is
    :func:`defence_dyad_years`. ``reviewed_exceptions/atop.csv`` (state_a,
    state_b, year_from, year_to, direction, reason) lists reviewed
    disagreements: ``atop_only`` (ATOP codes a defence tie the pack, on the
    treaty's text or dates, does not) or ``pack_only`` (the reverse). Recall =
    |pack ∩ ATOP| / |ATOP| and precision = |pack ∩ ATOP| / |pack|, the
    unexplained disagreements only counted after exceptions.
    """
    covered = set(store.table("states")["iso3"])
    ref = atop[(atop["defense"] == 1) & atop["year"].between(years.start, years.stop - 1)
               & atop["state_a"].isin(covered) & atop["state_b"].isin(covered)]
    ref_set = {(min(a, b), max(a, b), int(y)) for a, b, y in zip(ref["state_a"], ref["state_b"], ref["year"]) if a != b}
    pack_set = set(map(tuple, defence_dyad_years(store, years).itertuples(index=False, name=None)))
    exc = reviewed_exceptions(store, "atop")
    both = ref_set & pack_set
    ref_rules, pack_rules = _exception_rules(exc, "atop_only"), _exception_rules(exc, "pack_only")
    ref_only = {d for d in ref_set - pack_set if not _excepted(ref_rules, d)}
    pack_only = {d for d in pack_set - ref_set if not _excepted(pack_rules, d)}
    ref_n, pack_n = len(both) + len(ref_only), len(both) + len(pack_only)
    figures = {
        "reference_dyad_years": float(len(ref_set)),
        "pack_dyad_years": float(len(pack_set)),
        "recall_before_exceptions": len(both) / len(ref_set) if ref_set else float("nan"),
        "precision_before_exceptions": len(both) / len(pack_set) if pack_set else float("nan"),
        "recall": len(both) / ref_n if ref_n else float("nan"),
        "precision": len(both) / pack_n if pack_n else float("nan"),
        "reviewed_exceptions": float(len(exc)),
    }
    dis = pd.DataFrame(
        [(a, b, y, "reference only") for a, b, y in sorted(ref_only)] + [(a, b, y, "pack only") for a, b, y in sorted(pack_only)],
        columns=["state_a", "state_b", "year", "where"],
    )
    return Agreement("defence obligations vs ATOP 5.1", figures, dis, "non-directed dyad-years among covered states")


def _snapshot_facts(store: Store, fact: str, years: range, lag: int = 0) -> pd.DataFrame:
    """The pack's ``fact`` per state as of July 1 of ``year + lag``, for each year of ``years``, with its row."""
    df = store.sql("SELECT state, value, valid_from, valid_to, source_id, note FROM state_facts WHERE fact = ?", [fact])
    vf, vt = pd.to_datetime(df["valid_from"]).dt.date, pd.to_datetime(df["valid_to"]).dt.date
    rows = []
    for y in years:
        d = dt.date(y + lag, 7, 1)
        ok = df[(vf <= d) & (df["valid_to"].isna() | (vt >= d))]
        rows += [(s, y, d, float(v), str(v), f, "" if pd.isna(t) else str(t), src, "" if pd.isna(n) else str(n))
                 for s, v, f, t, src, n in zip(ok["state"], ok["value"], vf[ok.index], vt[ok.index], ok["source_id"], ok["note"])]
    return pd.DataFrame(rows, columns=["iso3", "year", "as_of", "pack", "pack_text", "valid_from", "valid_to", "source_id",
                                       "note"])


def _numeric(name: str, merged: pd.DataFrame, within: pd.Series, note: str) -> Agreement:
    n = len(merged)
    corr = float(np.corrcoef(merged["pack"], merged["reference"])[0, 1]) if n > 2 else float("nan")
    figures = {"state_years": float(n), "correlation": corr, "share_within_tolerance": float(within.mean()) if n else float("nan")}
    return Agreement(name, figures, merged[~within].reset_index(drop=True), note)


def _exact_figures(exact: pd.Series) -> dict[str, float]:
    """State-years compared, how many agree exactly, and their share (NaN when none were compared)."""
    n = len(exact)
    return {"state_years": float(n), "exact": float(exact.sum()), "share_exact": float(exact.mean()) if n else float("nan")}


def _disagreements(merged: pd.DataFrame, exact: pd.Series, extra: Sequence[str] = ()) -> pd.DataFrame:
    """The state-years that do not agree, each with the pack row that holds it."""
    cols = ["iso3", "year", "reference", "pack_text", *extra, "as_of", "valid_from", "valid_to", "source_id", "note"]
    return merged.loc[~exact, cols].rename(columns={"year": "reference_year", "pack_text": "pack"})


def regime_agreement(store: Store, democracy: pd.DataFrame, years: range = range(1989, 2026),
                     decimals: int = POLYARCHY_DECIMALS) -> Agreement:
    """Pack ``regime_polyarchy`` against V-Dem v2x_polyarchy: is the pack's value V-Dem's value, exactly?

    V-Dem's value for year Y is known once Y is over, so the pack's value as of
    July 1 of Y+1 is compared with V-Dem's for Y (the importer's dating rule), for
    each Y of ``years`` where both have one. They agree when they are equal at
    V-Dem's published precision (|difference| < half a unit of the last of
    ``decimals`` decimals: 5e-4 for 3). ``disagreements`` lists every other
    state-year with the pack row that holds it (valid_from, valid_to, source, note).
    """
    pack = _snapshot_facts(store, "regime_polyarchy", years, lag=1)
    ref = democracy.rename(columns={"v2x_polyarchy": "reference"})[["iso3", "year", "reference"]].dropna()
    merged = pack.merge(ref, on=["iso3", "year"])
    merged = merged.assign(difference=(merged["pack"] - merged["reference"]).round(decimals + 3))
    exact = merged["difference"].abs() < 0.5 * 10.0 ** -decimals
    figures = {**_exact_figures(exact),
               "max_abs_difference": float(merged["difference"].abs().max()) if len(merged) else float("nan")}
    dis = _disagreements(merged, exact, ["difference"])
    return Agreement("regime score vs V-Dem polyarchy", figures, dis.sort_values(["iso3", "reference_year"]).reset_index(drop=True),
                     f"exact at {decimals} decimals: V-Dem's year Y against the pack as of July 1 of Y+1")


def milex_agreement(store: Store, milex: pd.DataFrame, years: range = range(1990, 2019), factor: float = 2.0) -> Agreement:
    """Pack ``milex_usd`` (COW NMC's, current USD bn) against SIPRI's file (current USD m): a plausibility check.

    The pack cannot carry SIPRI's values (its terms do not allow redistribution); it carries COW NMC's,
    which take their recent years from SIPRI releases. A different release and different conversions
    make the two differ, so the figures are the correlation of log values and the share of state-years
    within a factor of ``factor``, year Y's SIPRI value against the pack as of July 1 of Y+1.
    """
    pack = _snapshot_facts(store, "milex_usd", years, lag=1)[["iso3", "year", "pack"]]
    ref = milex.assign(reference=milex["milex_usd_m_current"] / 1000.0)[["iso3", "year", "reference"]]
    merged = pack.merge(ref, on=["iso3", "year"])
    merged = merged[(merged["pack"] > 0) & (merged["reference"] > 0)]
    logs = merged.assign(pack=np.log(merged["pack"]), reference=np.log(merged["reference"]))
    within = (logs["pack"] - logs["reference"]).abs() <= np.log(factor)
    out = _numeric("military spending vs SIPRI", logs, within,
                   f"pack = COW NMC 7.0 (SIPRI's terms forbid carrying its values); plausibility only, within a "
                   f"factor of {factor} in logs")
    out.disagreements = merged[~within.values].reset_index(drop=True)
    return out


def capabilities_agreement(store: Store, nmc: pd.DataFrame, years: range = range(1989, 2023)) -> Agreement:
    """Pack ``milex_usd`` against COW NMC 7.0 ``milex``: is the pack's value NMC's value, exactly?

    NMC's value for year Y (thousands of current USD) is compared with the pack's as of July 1 of Y+1
    (billions): they agree when the pack's decimal times 10^6 is NMC's integer, with no tolerance.
    ``disagreements`` lists every other state-year with the pack row that holds it.
    """
    pack = _snapshot_facts(store, "milex_usd", years, lag=1)
    ref = nmc.dropna(subset=["milex"])[["iso3", "year", "milex"]].rename(columns={"milex": "reference"})
    merged = pack.merge(ref, on=["iso3", "year"])
    hit = pd.Series([Decimal(t).scaleb(6) == Decimal(int(r)) for t, r in zip(merged["pack_text"], merged["reference"])],
                    index=merged.index, dtype=bool)
    # a state-year two COW states share (West Germany and Germany in 1990) agrees with either's value
    exact = hit.groupby([merged["iso3"], merged["year"]]).transform("any")
    merged, exact = merged[~merged.duplicated(["iso3", "year"])], exact[~merged.duplicated(["iso3", "year"])]
    return Agreement("military spending vs COW NMC 7.0", _exact_figures(exact), _disagreements(merged, exact).reset_index(drop=True),
                     "exact: NMC's thousands of current USD for year Y against the pack's billions as of July 1 of Y+1")


def state_system_agreement(store: Store, cow_states: pd.DataFrame, tolerance_days: int = 366) -> Agreement:
    """Share of pack states whose COW code matches and whose current spell starts within ``tolerance_days`` of COW's."""
    states = store.table("states")
    rows = []
    for _, s in states.iterrows():
        ref = cow_states[cow_states["cow_code"] == s["cow_code"]]
        if ref.empty:
            rows.append((s["iso3"], s["cow_code"], None, False))
            continue
        starts = [abs((pd.Timestamp(s["valid_from"]) - pd.Timestamp(r)).days) for r in ref["start"] if r is not None]
        best = min(starts) if starts else None
        rows.append((s["iso3"], s["cow_code"], best, best is not None and best <= tolerance_days))
    df = pd.DataFrame(rows, columns=["iso3", "cow_code", "days_off", "agrees"])
    return Agreement("state system vs COW v2016", {"states": float(len(df)), "share_agreeing": float(df["agrees"].mean())},
                     df[~df["agrees"]].reset_index(drop=True), f"spell start within {tolerance_days} days")


def responses_agreement(store: Store, esd: pd.DataFrame, years: range = range(1990, 2018)) -> Agreement:
    """Pack responses (arms or troops, level >= 4) against UCDP ESD's military support, 1990–2017.

    Compared are the crises that ESD records as a conflict between the target's
    government and an attacker's government in the crisis's start year (ESD
    covers armed conflicts, not threats or one-off strikes). A response agrees
    when ``level >= 4`` and ESD records military support by the same supporter
    to the target against that attacker (troops, presence, infrastructure,
    weapons, materiel, training, intelligence or territory) in the start year or
    the year after, or neither does.
    """
    resp = store.responses()
    crises = store.table("crises")[["crisis_id", "end_date"]]
    resp = resp.merge(crises, on="crisis_id")
    resp["y0"] = pd.to_datetime(resp["start_date"]).dt.year
    resp["y1"] = pd.to_datetime(resp["end_date"]).dt.year.fillna(resp["y0"]).astype(int)
    resp = resp[resp["y0"].between(years.start, years.stop - 1)]
    dyads = set(zip(esd["recipient"], esd["opponent"], esd["year"]))
    mil = {(r, o, s, y) for r, o, s, y, m in zip(esd["recipient"], esd["opponent"], esd["supporter"], esd["year"], esd["military"]) if m}
    rows = []
    for _, r in resp.iterrows():
        attackers = [a.strip() for a in r["attackers"].split(";")]
        if not any((r["target"], a, r["y0"]) in dyads for a in attackers):
            continue
        span = range(r["y0"], min(r["y1"], r["y0"] + 1) + 1)
        esd_mil = any((r["target"], a, r["supporter"], y) in mil for a in attackers for y in span)
        rows.append((r["crisis_id"], r["supporter"], int(r["level"]), esd_mil, (r["level"] >= 4) == esd_mil))
    df = pd.DataFrame(rows, columns=["crisis_id", "supporter", "level", "esd_military", "agrees"])
    n = len(df)
    figures = {
        "responses_compared": float(n),
        "crises_compared": float(df["crisis_id"].nunique()) if n else 0.0,
        "share_agreeing": float(df["agrees"].mean()) if n else float("nan"),
        "pack_arms_or_troops": float((df["level"] >= 4).sum()) if n else 0.0,
        "esd_military": float(df["esd_military"].sum()) if n else 0.0,
    }
    return Agreement("responses (level >= 4) vs UCDP ESD 18.1", figures, df[~df["agrees"]].reset_index(drop=True) if n else df,
                     "interstate crises 1990-2017 that ESD records between target and attacker")


#: Decimals of the pack's arms-import shares (percent of the window's TIV).
ARMS_SHARE_DECIMALS = 1


def arms_share_agreement(store: Store, register: pd.DataFrame, decimals: int = ARMS_SHARE_DECIMALS) -> Agreement:
    """Pack ``arms_import_share`` rows against shares recomputed from the SIPRI trade register: equal, exactly?

    A row (from R, to S, valid from January 1 of year Y) claims S supplied ``value`` % of
    R's arms imports (TIV) over the delivery years of its window, Y-5..Y-1; the register's
    TIV is summed by supplier over the same years (the total keeps suppliers
    without an ISO3). Rows listed in ``reviewed_exceptions/ties.csv`` are left
    out. The pack holds shares at ``decimals`` decimals, so a row agrees when it is
    the register's share rounded there (|difference| at most half a unit of the last
    decimal). Figures: rows, rows compared, rows with no register deliveries, how many
    agree exactly and their share, the correlation and the mean absolute difference;
    ``disagreements`` lists every other row with the register's share.
    """
    ties = store.sql("SELECT from_state, to_state, kind, value, valid_from, valid_to FROM ties WHERE kind = 'arms_import_share'")
    exc = reviewed_exceptions(store, "ties")
    if not exc.empty:
        keys = set(zip(exc["from_state"], exc["to_state"], exc["kind"], exc["valid_from"]))
        ties = ties[[(f, t, k, str(pd.Timestamp(v).date())) not in keys
                     for f, t, k, v in zip(ties["from_state"], ties["to_state"], ties["kind"], ties["valid_from"])]]
    # a row is valid from the day after its five-year window closed (no look-ahead): its delivery years are the
    # five before valid_from's year
    first = pd.to_datetime(ties["valid_from"]).dt.year
    ties = ties.assign(value=ties["value"].astype(float), y0=first - 5, y1=first - 1)
    by = register.groupby(["recipient", "supplier", "year"], as_index=False)["tiv"].sum()
    computed = []
    for r, s_, y0, y1 in zip(ties["from_state"], ties["to_state"], ties["y0"], ties["y1"]):
        win = by[(by["recipient"] == r) & by["year"].between(y0, y1)]
        total = win["tiv"].sum()
        computed.append(100.0 * win.loc[win["supplier"] == s_, "tiv"].sum() / total if total > 0 else np.nan)
    merged = ties.assign(reference=computed, pack=ties["value"])
    both = merged.dropna(subset=["reference"])
    diff = (both["pack"] - both["reference"]).abs()
    exact = diff <= 0.5 * 10.0 ** -decimals + 1e-9  # the register's share rounded half either way at `decimals`
    figures = {
        "rows": float(len(merged)), "compared": float(len(both)),
        "no_register_deliveries": float(merged["reference"].isna().sum()),
        "exact": float(exact.sum()), "share_exact": float(exact.mean()) if len(both) else float("nan"),
        "correlation": float(both["pack"].corr(both["reference"])) if len(both) > 2 else float("nan"),
        "mean_abs_difference_pp": float(diff.mean()) if len(both) else float("nan"),
    }
    worst = both.assign(diff=diff)[~exact].sort_values("diff", ascending=False)
    return Agreement("arms-import shares vs SIPRI trade register", figures,
                     worst[["from_state", "to_state", "y0", "y1", "pack", "reference"]],
                     f"exact at {decimals} decimal{'s' if decimals != 1 else ''}: the register's share of the window's TIV, rounded")


def agreement_report(store: Store, reference: Path | str) -> list[Agreement]:
    """Every comparison for which ``reference`` (a folder laid out like ../shared/data) has the file."""
    from fairweather.sources import reference as ref

    folder = Path(reference)
    out: list[Agreement] = []
    if (folder / "ps_atop_alliance.parquet").is_file():
        out.append(defence_agreement(store, ref.read_atop_dyad_years(folder / "ps_atop_alliance.parquet")))
    if (folder / "sipri_trade_register_deliveries_1990_2024.parquet").is_file():
        reg = ref.read_sipri_register(folder / "sipri_trade_register_deliveries_1990_2024.parquet")
        out.append(arms_share_agreement(store, reg))
    if (folder / "isard_cw_democracy.parquet").is_file():
        out.append(regime_agreement(store, ref.read_democracy(folder / "isard_cw_democracy.parquet")))
    if (folder / "sipri_milex_country_year.csv").is_file():
        out.append(milex_agreement(store, ref.read_sipri_milex(folder / "sipri_milex_country_year.csv")))
    if (folder / "ps_cow_nmc.parquet").is_file():
        out.append(capabilities_agreement(store, ref.read_cow_nmc(folder / "ps_cow_nmc.parquet")))
    if (folder / "ucdp_esd_triad_year_18_1.csv").is_file():
        out.append(responses_agreement(store, ref.read_ucdp_esd(folder / "ucdp_esd_triad_year_18_1.csv")))
    if (folder / "ps_cow_states.csv").is_file():
        out.append(state_system_agreement(store, ref.read_cow_states(folder / "ps_cow_states.csv")))
    from fairweather.provenance import evidence_agreement, source_pages_agreement  # they build Agreement results

    out += [source_pages_agreement(store), evidence_agreement(store)]
    return out

