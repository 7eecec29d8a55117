"""One reading of a user's date for the CLI, the dashboard's API and the library (issue 11 item 4)."""

from __future__ import annotations

import datetime as dt
import doctest

import pytest
from typer.testing import CliRunner

from fairweather import inputs
from fairweather.cli import app
from fairweather.errors import DateError
from fairweather.inputs import parse_date
from fairweather.store import as_date


def test_doctests() -> None:
    assert doctest.testmod(inputs).failed == 0


def test_dates_datetimes_and_iso_strings_read_alike() -> None:
    want = dt.date(2025, 6, 13)
    assert parse_date(want) == parse_date(dt.datetime(2025, 6, 13, 8, 30)) == parse_date("2025-06-13") == want
    assert parse_date(None) is None and parse_date("  ") is None


@pytest.mark.parametrize("bad", ["13/06/2025", "2025-02-30", "2025-06-13garbage", "tomorrow"])
def test_a_wrong_date_names_its_field_the_form_and_the_value(bad: str) -> None:
    with pytest.raises(DateError, match=rf"^--date must be a date written YYYY-MM-DD, e\.g\. 2025-06-13; got '{bad}'\.$"):
        parse_date(bad, "--date")


def test_the_range_is_checked_when_given() -> None:
    with pytest.raises(DateError, match="as_of must lie between 1816-01-01 and 2100-12-31; got 1700-01-01"):
        parse_date("1700-01-01", "as_of", first=dt.date(1816, 1, 1), last=dt.date(2100, 12, 31))


def test_the_cli_the_api_and_the_store_give_the_same_message() -> None:
    bad = "2025-13-01"
    with pytest.raises(DateError) as lib:
        as_date(bad, "scenario date")
    res = CliRunner().invoke(app, ["data", "show", "IRN", "--as-of", bad])
    from fastapi.testclient import TestClient

    from fairweather.store import Store
    from fairweather.web import create_app

    with TestClient(create_app(Store.open())) as client:
        api = client.get("/api/profile", params={"state": "IRN", "as_of": bad}).json()
    tail = f"must be a date written YYYY-MM-DD, e.g. 2025-06-13; got '{bad}'."
    assert str(lib.value) == f"The scenario date {tail}"
    assert f"--as-of {tail}" in res.output
    assert api["error"]["message"] == f"as_of {tail}" and api["error"]["field"] == "as_of"
    with pytest.raises(DateError, match="The crisis date must be a date"):
        as_date("", "crisis date")  # an argument, not an option left empty


def test_state_lists_read_alike_on_the_command_line_and_in_the_library() -> None:
    from fairweather.cli._common import parse_actors, parse_states
    from fairweather.forecast import Scenario
    from fairweather.inputs import parse_states as read_states

    # ',' or ';' between, names or codes, each state once, in first order
    assert parse_states("Israel; usa,ISR") == ["ISR", "USA"] == list(read_states(["Israel", "usa", "ISR"]))
    assert Scenario("IRN", "Israel;USA", "2025-06-13").attackers == ("ISR", "USA")
    assert parse_actors("Hamas, Israel")[1] == "ISR" and parse_actors("Hamas")[0].startswith("UCDP:")


def test_state_list_limits_name_the_field() -> None:
    from fairweather.errors import ScenarioError
    from fairweather.inputs import parse_states as read_states

    with pytest.raises(ScenarioError, match="^partners lists 3 states; at most 2 are allowed"):
        read_states("ISR,USA,IRN", "partners", max_items=2)
    with pytest.raises(ScenarioError, match="^partners: a state name is at most 5 characters"):
        read_states("Israel", "partners", max_chars=5)
