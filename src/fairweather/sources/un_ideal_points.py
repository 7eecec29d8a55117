"""Bailey, Strezhnev & Voeten UN General Assembly ideal points (all votes, April 2020 release).

Reads ``IdealpointestimatesAll_Apr2020.csv`` (columns ``ccode, session, IdealPoint``;
the conversion in ``../shared/data`` adds ``year = session + 1945``). The ideal
point of session S (which opens in September of year 1945+S) becomes the
``un_ideal_point`` fact, valid through the calendar year after the session opened.
"""

from __future__ import annotations

from pathlib import Path

from fairweather.sources._reference_io import Dataset, ImportedRows, cow_iso3, read_reference, yearly_spells

__all__ = ["IDEAL_POINTS", "read_ideal_points"]

IDEAL_POINTS = Dataset("unga-idealpoints-2020", "un_ideal_points", "April 2020 (sessions 1-74)",
                       "Bailey, Michael A., Anton Strezhnev & Erik Voeten. 2017. Estimating Dynamic State Preferences "
                       "from United Nations Voting Data. Journal of Conflict Resolution 61(2): 430-456; data by Erik Voeten.",
                       "https://dataverse.harvard.edu/dataset.xhtml?persistentId=hdl:1902.1/12379", "CC0 (data); MIT (repository)",
                       ("voeten_idealpoints_all_apr2020.csv",), "2020-04-01")


def read_ideal_points(folder: Path | str) -> ImportedRows:
    df = read_reference(Path(folder) / IDEAL_POINTS.files[0], {"ccode": "int", "session": "int", "IdealPoint": "float"})
    df = df.assign(state=df["ccode"].map(cow_iso3), year=df["session"] + 1945)
    facts = yearly_spells(df.dropna(subset=["state"]), "state", "year", "IdealPoint", "un_ideal_point",
                          IDEAL_POINTS.source_id, fmt="{:.4f}")
    return ImportedRows(IDEAL_POINTS, {"state_facts": facts}, rows_read=len(df))
