"""The ``fairweather`` command line: thin over the library.

Each command family lives in its own module ``_<family>.py`` that defines
``register(app)``; a command parses its arguments, makes one library call and
renders the result. Heavy imports happen inside the commands so that
``fairweather --help`` stays fast.
"""

from __future__ import annotations

import importlib

import typer
from typer.core import TyperGroup

from fairweather._numerics import pin as pin_numerics
from fairweather.cli._errors import EXIT_CODES_HELP, friendly_errors, set_debug
from fairweather.cli._help import name_values

__all__ = ["app", "main"]


class _Group(TyperGroup):
    """The top-level group: every command runs inside :func:`friendly_errors`, so no error escapes as a traceback."""

    def __init__(self, *args, **kwargs):  # noqa: ANN002,ANN003 - TyperGroup's signature
        super().__init__(*args, **kwargs)
        name_values(self)  # Typer builds the whole tree before the top group: every option gets its word

    def invoke(self, ctx):  # noqa: ANN001 - click's signature
        with friendly_errors():
            return super().invoke(ctx)


app = typer.Typer(
    cls=_Group,
    epilog=EXIT_CODES_HELP + " Tracebacks: --debug or FAIRWEATHER_DEBUG=1.",
    name="fairweather",
    help=(
        "Will they come when called? Forecast which partners help an attacked state, "
        "and with what; measure how cohesive a bloc really is; compare what partners "
        "said with what they did.\n\n"
        "Start with: fairweather forecast --target IRN --attackers ISR,USA --date 2025-06-13"
    ),
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

#: Command modules, in the order their commands appear in --help.
COMMAND_MODULES = ("_forecast", "_model", "_cohesion", "_saydo", "_code", "_report", "_web", "_data", "_panel")

@app.callback()
def _global_options(
    debug: bool = typer.Option(False, "--debug", help="Show the Python traceback of an error (also FAIRWEATHER_DEBUG=1)."),
    version: bool = typer.Option(False, "--version", is_eager=True, callback=lambda v: _print_version(v),
                                 help="Print the version of fairweather and exit."),
) -> None:
    set_debug(debug)


def _print_version(value: bool) -> None:
    if value:
        from fairweather import __version__

        typer.echo(f"fairweather {__version__}")
        raise typer.Exit()


for _name in COMMAND_MODULES:
    importlib.import_module(f"fairweather.cli.{_name}").register(app)


def main() -> None:
    """Entry point of the ``fairweather`` script (and of ``python -m fairweather``).

    Pins the numerical kernels first (:mod:`fairweather._numerics`): a fit, a backtest or a
    forecast then gives the same bytes on every x86-64 machine.
    """
    pin_numerics()
    app()
