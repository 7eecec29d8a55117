"""Attackers that are not states: armed groups by UCDP actor id, with aliases, in scenarios and on the command line."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from fairweather.actors import actor_name, armed_groups, is_armed_group, to_actor
from fairweather.cli import app
from fairweather.errors import ScenarioError, UnknownStateError
from fairweather.forecast import Scenario


@pytest.mark.parametrize("text, code", [("Hamas", "UCDP:209"), ("the Houthis", "UCDP:1091"), ("Ansarallah", "UCDP:1091"),
                                        ("hizbollah", "UCDP:366"), ("ISIS", "UCDP:234"), ("ucdp:303", "UCDP:303"),
                                        ("Tehran", "IRN"), ("ISR", "ISR")])
def test_to_actor_resolves_states_and_groups(text, code):
    assert to_actor(text) == code


def test_unknown_actor_suggests_groups_and_states():
    with pytest.raises(UnknownStateError) as err:
        to_actor("Hamaz")
    assert err.value.suggestions[0] == "Hamas (UCDP:209)"


def test_every_group_is_sourced_and_named():
    for g in armed_groups().values():
        assert is_armed_group(g.code) and g.code == f"UCDP:{g.ucdp_actor_id}"
        assert g.source_id and g.locator and str(g.ucdp_actor_id) in g.locator
        assert actor_name(g.code) == g.name


def test_scenario_takes_a_group_as_attacker_but_not_as_target():
    s = Scenario("ISR", ("Hamas",), "2023-10-07")
    assert s.attackers == ("UCDP:209",)
    with pytest.raises(ScenarioError, match="not a known state"):
        Scenario("Hamas", ("ISR",), "2023-10-07")


def test_forecast_cli_with_an_armed_group_attacker():
    res = CliRunner().invoke(app, ["forecast", "--target", "SAU", "--attackers", "Houthis", "--date", "2019-09-14",
                                   "--format", "json"])
    assert res.exit_code == 0, res.output
    assert '"partner"' in res.stdout
