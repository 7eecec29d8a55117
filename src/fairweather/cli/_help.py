"""What ``--help`` shows: a word for each option's value (never a Python type tag), and prose that wraps.

Typer 0.29 prints an option's annotation in angle brackets (``--target <str>``, ``--debug
<bool>``, ``--assume <list[str]>``), which teaches the reader Python rather than the value to
type (issue 14 item 10). :func:`name_values` gives every option of a command tree the metavar a
reader can use: nothing for a flag, the choices for a choice, and a word that says what to write
(``STATE``, ``YYYY-MM-DD``, ``FILE``) otherwise, as click does.

In Rich markup mode Typer keeps every line break of a docstring, so a paragraph written at 80
characters wraps again at 80 columns and leaves a word alone on a line (``+`` in ``saydo --help``).
:func:`reflow` joins the lines of each prose paragraph; indented lines (the examples) stay as written.
"""

from __future__ import annotations

import inspect
from typing import Any

from typer.core import TyperArgument, TyperOption

__all__ = ["METAVARS", "name_values", "value_word", "reflow"]

_DATE = "YYYY-MM-DD"
#: The value word of each option (by its parameter name) whose value has a shape a reader should see.
METAVARS: dict[str, str] = {
    "target": "STATE", "attackers": "STATES", "partners": "STATES", "compare": "BLOCS", "bloc": "BLOC",
    "date": _DATE, "article_date": _DATE, "as_of": _DATE, "date_from": _DATE, "date_to": _DATE,
    "fit_date": _DATE, "from_year": "YEAR", "to_year": "YEAR", "year_from": "YEAR", "year_to": "YEAR",
    "years": "FIRST-LAST", "assume": "STATE.FACT=VALUE", "out": "PATH", "db": "FILE", "pack": "DIR",
    "reference": "DIR", "events": "FILE", "cases": "FILE", "params": "FILE", "text": "FILE", "network": "FILE",
    "add": "VERBS", "host": "ADDRESS", "port": "PORT", "top": "N", "crisis": "ID", "get": "URL-PATH",
    "system": "[cow|gw]", "source": "NAME", "weights": "NAME=WEIGHT,...",
}


def value_word(param: TyperOption) -> str:
    """The metavar ``param`` gets: ``""`` for a flag, ``[a|b]`` for a choice, else a word."""
    if param.is_flag:
        return ""
    desc = param.type_descriptor
    if desc.is_choice:
        return "[" + "|".join(str(getattr(c, "value", c)) for c in desc.choices or ()) + "]"
    word = METAVARS.get(param.name or "")
    if word is not None:
        return word
    return {"int": "INTEGER", "float": "NUMBER", "Path": "PATH"}.get(param.bare_type(), "TEXT")


def _no_type(ctx: Any = None) -> None:
    return None


HELP_NAMES: tuple[str, ...] = ("-h", "--help")


def _quiet_help_option(command: Any) -> None:
    """Make ``command``'s ``-h/--help`` now, as click would on first use, with no value word.

    Click creates the help option lazily and caches it in ``_help_option``; Typer would then show
    it as ``--help <bool>``. If a later Typer stops caching it there, help keeps working with the tag.
    """
    if getattr(command, "_help_option", False) is not None or not getattr(command, "add_help_option", False):
        return
    from typer._click.decorators import help_option

    taken = {o for p in command.params for o in (*p.opts, *p.secondary_opts)}
    help_option([n for n in HELP_NAMES if n not in taken])(command)
    command._help_option = command.params.pop()
    command._help_option.metavar = ""


def reflow(text: str | None) -> str | None:
    """``text`` with the lines of each paragraph joined, except paragraphs holding an indented line."""
    if not text:
        return text
    paragraphs = inspect.cleandoc(text).split("\n\n")
    out = []
    for par in paragraphs:
        lines = par.split("\n")
        out.append(par if any(line.startswith(" ") for line in lines) else " ".join(line.strip() for line in lines))
    return "\n\n".join(out)


def name_values(command: Any) -> None:
    """Give every option under ``command`` (its subcommands too) a metavar, unless it has one, and reflow its help."""
    command.help = reflow(command.help)
    for param in command.params:
        if isinstance(param, TyperOption) and param.metavar is None:
            param.metavar = value_word(param)
        elif isinstance(param, TyperArgument):
            # an argument's name is its value word (``BLOC``); Typer would add ``<str>`` beside it
            param.display_type_rich = _no_type  # type: ignore[method-assign]
    _quiet_help_option(command)
    for sub in getattr(command, "commands", {}).values():
        name_values(sub)
