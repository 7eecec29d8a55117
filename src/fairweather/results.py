"""One family of results: every object the package returns to a user answers the same calls.

A result is a value (the forecast of one scenario, a backtest, a bloc's cohesion, a say–do
measure, a state's profile, a panel ...). Whatever it holds, it answers:

``to_frame()``
    a pandas DataFrame, a fresh copy each time (changing it never changes the result);
``summary()``
    a :class:`Summary`, statsmodels-style: ``str(summary)`` is text, ``summary.html`` and
    ``summary.latex`` the same content as HTML and LaTeX, and a notebook shows the HTML;
``_repr_html_()``
    the summary's HTML, so a notebook renders the result itself.

This module sits in the lowest layer (it knows pandas, nothing of fairweather), so every layer
above can put its results on it.

>>> import pandas as pd
>>> s = Summary("Demo", [("Rows", "2")], pd.DataFrame({"x": [1.0, 2.5]}))
>>> print(s.text.splitlines()[2].strip())
Rows:                              2
>>> "\\\\begin{tabular}" in s.latex
True
"""

from __future__ import annotations

import html as _html
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pandas is imported when a summary is rendered, not when a module puts its results on this base
    import pandas as pd

__all__ = ["Result", "Summary"]

_WIDTH = 78


def _cell(v: Any, digits: int) -> str:
    """One table cell as text: floats with ``digits`` decimals, missing values empty."""
    if v is None or (isinstance(v, float) and v != v):
        return ""
    if isinstance(v, float):
        return f"{v:.{digits}f}"
    return str(v)


_LATEX_ESCAPES = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
                  "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def _tex(text: Any) -> str:
    return "".join(_LATEX_ESCAPES.get(ch, ch) for ch in str(text))


def _plain_index(frame: pd.DataFrame) -> bool:
    import pandas as pd

    return isinstance(frame.index, pd.RangeIndex) and frame.index.name is None


def _frame_rows(frame: pd.DataFrame, digits: int) -> tuple[list[str], list[list[str]]]:
    """Header and body of a frame as strings, the index as leading column(s) unless it is a plain range."""
    plain = _plain_index(frame)
    flat = frame if plain else frame.reset_index()
    header = [" | ".join(map(str, c)) if isinstance(c, tuple) else str(c) for c in flat.columns]
    body = [[_cell(v, digits) for v in row] for row in flat.itertuples(index=False, name=None)]
    return header, body


@dataclass
class Summary:
    """A printable summary of a result: a title, ``(label, value)`` pairs, tables and notes.

    Modelled on statsmodels' ``Summary``: ``str(summary)`` (or :attr:`text`) is plain text,
    :attr:`html` and :attr:`latex` carry the same content, and a notebook shows the HTML.

    Parameters
    ----------
    title
        One line naming what is summarised.
    info
        ``(label, value)`` pairs, printed two to a line.
    table
        The main table (its index is printed when it is not a plain range).
    tables
        Further tables, each with a caption.
    notes
        Sentences printed after the tables.
    digits
        Decimals of floating-point cells.
    """

    title: str
    info: Sequence[tuple[str, str]] = field(default_factory=list)
    table: pd.DataFrame | None = None
    tables: Sequence[tuple[str, pd.DataFrame]] = field(default_factory=list)
    notes: Sequence[str] = field(default_factory=list)
    digits: int = 4

    def _tables(self) -> list[tuple[str, pd.DataFrame]]:
        main = [("", self.table)] if self.table is not None else []
        return main + [(c, t) for c, t in self.tables]

    # -- text ---------------------------------------------------------------------------------
    def as_text(self) -> str:
        """Plain text, at most about 78 columns wide for the title and the info block."""
        lines = [self.title.center(_WIDTH), "=" * _WIDTH]
        if self.info:
            for i in range(0, len(self.info), 2):
                pair = self.info[i:i + 2]
                lines.append("   ".join(f"{k + ':':<18}{v:>18}" for k, v in pair))
            lines.append("=" * _WIDTH)
        for caption, frame in self._tables():
            if caption:
                lines.append(caption)
                lines.append("-" * _WIDTH)
            if frame.empty:
                lines.append("(no rows)")
            else:
                lines.append(frame.to_string(float_format=lambda v: f"{v:.{self.digits}f}",
                                             index=not _plain_index(frame)))
            lines.append("=" * _WIDTH)
        lines.extend(self.notes)
        return "\n".join(lines)

    # -- HTML ---------------------------------------------------------------------------------
    def as_html(self) -> str:
        """An HTML fragment: a heading, the info table, the tables and the notes (all text escaped)."""
        esc = _html.escape
        parts = [f"<h3>{esc(self.title)}</h3>"]
        if self.info:
            rows = "".join(f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in self.info)
            parts.append(f"<table class='fw-info'>{rows}</table>")
        for caption, frame in self._tables():
            header, body = _frame_rows(frame, self.digits)
            cap = f"<caption>{esc(caption)}</caption>" if caption else ""
            head = "".join(f"<th>{esc(h)}</th>" for h in header)
            rows = "".join("<tr>" + "".join(f"<td>{esc(v)}</td>" for v in r) + "</tr>" for r in body)
            parts.append(f"<table class='fw-table'>{cap}<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
        if self.notes:
            parts.append("<ul class='fw-notes'>" + "".join(f"<li>{esc(n)}</li>" for n in self.notes) + "</ul>")
        return "".join(parts)

    # -- LaTeX --------------------------------------------------------------------------------
    def as_latex(self) -> str:
        """LaTeX: one ``tabular`` for the info and one per table (special characters escaped)."""
        out = [f"\\section*{{{_tex(self.title)}}}"]
        if self.info:
            out.append("\\begin{tabular}{ll}")
            out.extend(f"{_tex(k)} & {_tex(v)} \\\\" for k, v in self.info)
            out.append("\\end{tabular}")
        for caption, frame in self._tables():
            header, body = _frame_rows(frame, self.digits)
            if caption:
                out.append(f"\\paragraph{{{_tex(caption)}}}")
            out.append("\\begin{tabular}{" + "l" * max(len(header), 1) + "}")
            out.append("\\hline")
            out.append(" & ".join(_tex(h) for h in header) + " \\\\")
            out.append("\\hline")
            out.extend(" & ".join(_tex(v) for v in r) + " \\\\" for r in body)
            out.append("\\hline")
            out.append("\\end{tabular}")
        if self.notes:
            out.append("\\begin{itemize}")
            out.extend(f"\\item {_tex(n)}" for n in self.notes)
            out.append("\\end{itemize}")
        return "\n".join(out) + "\n"

    @property
    def text(self) -> str:
        return self.as_text()

    @property
    def html(self) -> str:
        return self.as_html()

    @property
    def latex(self) -> str:
        return self.as_latex()

    def __str__(self) -> str:
        return self.as_text()

    def _repr_html_(self) -> str:
        return self.as_html()


class Result(ABC):
    """The base of every results type: ``to_frame()``, ``summary()`` and a notebook view.

    A subclass implements :meth:`to_frame` (a fresh DataFrame each call) and :meth:`summary`
    (a :class:`Summary`); the notebook view is the summary's HTML.
    """

    __slots__ = ()

    @abstractmethod
    def to_frame(self) -> pd.DataFrame:
        """The result as one pandas DataFrame (a copy: changing it leaves the result as it was)."""

    @abstractmethod
    def summary(self) -> Summary:
        """What the result says, for people: text, HTML and LaTeX (:class:`Summary`)."""

    def _repr_html_(self) -> str:
        return self.summary().as_html()
