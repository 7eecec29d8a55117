"""Panels for researchers: state-years and dyad-years from the publishers' files, and verbs that add to them.

peacesciencer's verbs in Python, over Arrow, NumPy and DuckDB::

    from fairweather.panels import create_dyad_years, add_atop_alliance, add_nmc, add_democracy, cite

    panel = (create_dyad_years(system="cow", years=range(1946, 2015), reference="../shared/data")
             .pipe(add_atop_alliance).pipe(add_nmc).pipe(add_democracy))
    panel.to_parquet("dyads.parquet")
    print(cite(panel))            # BibTeX of every dataset the panel used

Every ``add_*`` verb adds columns and never rows; it dispatches on the panel's
unit (``state_year``, ``dyad_year``) and code system (``cow``, ``gw``) and
refuses what it does not support by name. Outside a dataset's years a value is
missing (NA), never 0. :data:`VERBS` names them for the command line.
"""

from __future__ import annotations

from fairweather.panels._catalog import SOURCES, PanelSource
from fairweather.panels._create import FIRST_YEAR, LAST_YEAR, create_dyad_years, create_state_years
from fairweather.panels._geography import (add_atop_alliance, add_capital_distance, add_contiguity, add_minimum_distance,
                                           filter_politically_relevant)
from fairweather.panels._mids import add_cow_mids, add_gml_mids
from fairweather.panels._panel import REFERENCE_ENV, Panel, cite, declare_panel
from fairweather.panels._relations import add_sipri_arms, add_strategic_rivalries, add_ucdp_acd
from fairweather.panels._states import add_cow_majors, add_democracy, add_nmc, add_un_ideal_points

__all__ = [
    "Panel", "declare_panel", "cite", "create_state_years", "create_dyad_years",
    "add_atop_alliance", "add_nmc", "add_democracy", "add_contiguity", "add_cow_majors", "add_minimum_distance",
    "add_capital_distance", "add_strategic_rivalries", "add_ucdp_acd", "add_sipri_arms", "add_un_ideal_points",
    "add_cow_mids", "add_gml_mids", "filter_politically_relevant", "VERBS", "SOURCES", "PanelSource", "REFERENCE_ENV",
    "FIRST_YEAR", "LAST_YEAR",
]

#: Short names of the add_* verbs, as ``fairweather panel ... --add`` takes them, in a sensible order.
VERBS = {
    "atop": add_atop_alliance, "nmc": add_nmc, "democracy": add_democracy, "contiguity": add_contiguity,
    "majors": add_cow_majors, "mindist": add_minimum_distance, "capdist": add_capital_distance,
    "rivalries": add_strategic_rivalries, "ucdp_acd": add_ucdp_acd, "sipri": add_sipri_arms,
    "un_ideal_points": add_un_ideal_points, "cow_mids": add_cow_mids, "gml_mids": add_gml_mids,
}
