"""See it: charts from Results objects and the self-contained HTML report.

The report layer reads only Results objects (forecasts, cohesion, networks,
backtests) and draws them; it never queries the store itself.
"""

from __future__ import annotations

from fairweather.report.charts import (
    calibration_chart,
    cohesion_chart,
    contributions_chart,
    figure_json,
    forecast_chart,
    network_chart,
    saydo_chart,
    skill_chart,
    whatif_chart,
)
from fairweather.report.html import build_report, report_years, write_report

__all__ = [
    "build_report",
    "write_report",
    "report_years",
    "forecast_chart",
    "contributions_chart",
    "whatif_chart",
    "cohesion_chart",
    "network_chart",
    "calibration_chart",
    "skill_chart",
    "saydo_chart",
    "figure_json",
]
