"""Regenerate the tiny fixture slices from ../shared/data (run by hand; tests never run it).

States: USA 2, UK 200, Netherlands 210, Germany 255, West Germany 260, East Germany 265, Russia 365,
Poland 290 (G-W: the same numbers, plus 260 and 265 as G-W codes them). Each file keeps its publisher's
(or peacesciencer's) columns; only rows of these states, and for yearly files a few decades, are kept.

    .venv/bin/python tests/panels/make_fixtures.py ../shared/data
"""

from __future__ import annotations

import sys
from pathlib import Path

import duckdb

STATES = (2, 200, 210, 255, 260, 265, 290, 365)
OUT = Path(__file__).parent / "fixtures"


def main(src: Path) -> None:
    codes = ", ".join(map(str, STATES))
    jobs = {
        "ps_cow_states.csv": f"SELECT * FROM read_csv('{src}/ps_cow_states.csv') WHERE ccode IN ({codes})",
        "ps_gw_states.csv": f"SELECT * FROM read_csv('{src}/ps_gw_states.csv') WHERE gwcode IN ({codes})",
        "ps_atop_alliance.parquet": f"SELECT * FROM read_parquet('{src}/ps_atop_alliance.parquet') WHERE ccode1 IN "
                                    f"({codes}) AND ccode2 IN ({codes}) AND year BETWEEN 1930 AND 2000",
        "ps_cow_nmc.parquet": f"SELECT * FROM read_parquet('{src}/ps_cow_nmc.parquet') WHERE ccode IN ({codes}) "
                              "AND year BETWEEN 1930 AND 2005",
        "isard_cw_democracy.parquet": f"SELECT * FROM read_parquet('{src}/isard_cw_democracy.parquet') WHERE ccode IN "
                                      f"({codes}) AND year BETWEEN 1930 AND 2010",
        "isard_gw_democracy.parquet": f"SELECT * FROM read_parquet('{src}/isard_gw_democracy.parquet') WHERE gwcode IN "
                                      f"({codes}) AND year BETWEEN 1930 AND 2010",
        "ps_cow_contdir.csv": f"SELECT * FROM read_csv('{src}/ps_cow_contdir.csv') WHERE ccode1 IN ({codes}) AND "
                              f"ccode2 IN ({codes})",
        "ps_cow_majors.csv": f"SELECT * FROM read_csv('{src}/ps_cow_majors.csv') WHERE ccode IN ({codes})",
        "ps_cow_mindist.parquet": f"SELECT * FROM read_parquet('{src}/ps_cow_mindist.parquet') WHERE ccode1 IN "
                                  f"({codes}) AND ccode2 IN ({codes})",
        "ps_gw_mindist.parquet": f"SELECT * FROM read_parquet('{src}/ps_gw_mindist.parquet') WHERE gwcode1 IN "
                                 f"({codes}) AND gwcode2 IN ({codes})",
        "ps_gw_capitals.csv": f"SELECT * FROM read_csv('{src}/ps_gw_capitals.csv') WHERE gwcode IN ({codes})",
        "ps_cow_capitals.csv": f"SELECT * FROM read_csv('{src}/ps_cow_capitals.csv') WHERE ccode IN ({codes})",
        "ps_tss_rivalries.csv": f"SELECT * FROM read_csv('{src}/ps_tss_rivalries.csv') WHERE ccode1 IN ({codes}) "
                                f"AND ccode2 IN ({codes})",
        "sipri_tiv_supplier_recipient_year.parquet": f"SELECT * FROM read_parquet('{src}/sipri_tiv_supplier_recipient_"
                                                     f"year.parquet') WHERE supplier_ccode IN ({codes}) AND "
                                                     f"recipient_ccode IN ({codes})",
        "voeten_idealpoints_all_apr2020.csv": f"SELECT ccode, session, year, IdealPoint FROM read_csv('{src}/voeten_"
                                              f"idealpoints_all_apr2020.csv') WHERE ccode IN ({codes}) AND year <= 2000",
        "ps_cow_mid_dirdisps.parquet": f"SELECT * FROM read_parquet('{src}/ps_cow_mid_dirdisps.parquet') WHERE ccode1 "
                                       f"IN ({codes}) AND ccode2 IN ({codes})",
        "ps_cow_mid_disps.csv": f"SELECT * FROM read_csv('{src}/ps_cow_mid_disps.csv') WHERE dispnum IN (SELECT dispnum "
                                f"FROM read_parquet('{src}/ps_cow_mid_dirdisps.parquet') WHERE ccode1 IN ({codes}) AND "
                                f"ccode2 IN ({codes}))",
        "ps_gml_dirdisp.parquet": f"SELECT * FROM read_parquet('{src}/ps_gml_dirdisp.parquet') WHERE ccode1 IN ({codes}) "
                                  f"AND ccode2 IN ({codes})",
        "isard_cw_gw_panel.parquet": f"SELECT * FROM read_parquet('{src}/isard_cw_gw_panel.parquet') WHERE ccode IN "
                                     f"({codes}) AND year >= 1930",
        "ps_ucdp_acd.csv": f"SELECT * FROM read_csv('{src}/ps_ucdp_acd.csv') WHERE gwno_a IN ({codes}) AND "
                           "year BETWEEN 1946 AND 2005",
    }
    OUT.mkdir(exist_ok=True)
    for name, sql in jobs.items():
        fmt = "(FORMAT parquet, COMPRESSION zstd)" if name.endswith(".parquet") else "(FORMAT csv, HEADER)"
        duckdb.sql(f"COPY ({sql} ORDER BY ALL) TO '{OUT / name}' {fmt}")


if __name__ == "__main__":
    main(Path(sys.argv[1]).resolve())
