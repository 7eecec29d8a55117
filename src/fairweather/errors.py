"""Every exception and warning of fairweather, under one base class each.

Each error also inherits from the matching builtin, so ``except ValueError``
keeps working for callers that do not know fairweather's classes. Messages say
what went wrong, what value came in, and what to do next.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "FairweatherError",
    "FairweatherWarning",
    "UnknownStateError",
    "PackError",
    "PackProblem",
    "PackValidationError",
    "StoreError",
    "DateError",
    "NotFittedError",
    "ModelError",
    "ScenarioError",
    "EventFormatError",
    "CohesionWeightError",
    "CoverageError",
    "StaleParamsWarning",
    "StoreTamperedWarning",
    "DataAgeWarning",
    "ReferenceFormatError",
    "InputFileError",
    "OutputFileError",
    "EventFileError",
    "Terminated",
    "PanelError",
    "PanelUnitError",
    "MissingReferenceError",
    "DownloadError",
    "ChecksumError",
]


class FairweatherError(Exception):
    """Base class of every error raised by fairweather."""


class FairweatherWarning(UserWarning):
    """Base class of every warning issued by fairweather (filter them with this)."""


class UnknownStateError(LookupError, FairweatherError):
    """A country name or code that no code system knows.

    ``suggestions`` holds the closest known names, best first.
    """

    def __init__(self, value: object, suggestions: list[str] | None = None) -> None:
        self.value = value
        self.suggestions = list(suggestions or [])
        hint = (
            " Did you mean: " + ", ".join(self.suggestions) + "?"
            if self.suggestions
            else " Use an ISO3 code such as IRN, or a common name such as 'Iran'."
        )
        super().__init__(f"Unknown country {value!r}.{hint}")

    def __str__(self) -> str:  # LookupError would quote the message again
        return self.args[0]


class DateError(ValueError, FairweatherError):
    """A date that cannot be parsed or is impossible (e.g. end before start)."""


@dataclass(frozen=True)
class PackProblem:
    """One problem found in a data pack: where it is and what is wrong."""

    file: str
    row: int | None  # 1-based data row (the header is row 0); None for file-level problems
    field: str | None
    problem: str
    value: str | None = None

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.field:
            where += f", field {self.field!r}"
        val = f" (got {self.value!r})" if self.value not in (None, "") else ""
        return f"{where}: {self.problem}{val}"


class PackError(ValueError, FairweatherError):
    """A data pack that cannot be read at all (missing folder, unreadable file)."""


class PackValidationError(PackError):
    """A data pack with problems; ``problems`` lists every one, with file, row and field."""

    def __init__(self, problems: list[PackProblem]) -> None:
        self.problems = list(problems)
        n = len(self.problems)
        head = "\n".join(f"  - {p}" for p in self.problems[:20])
        more = f"\n  ... and {n - 20} more" if n > 20 else ""
        super().__init__(
            f"The data pack has {n} problem{'s' if n != 1 else ''}; nothing was loaded. "
            f"Fix them and run `fairweather data validate` again:\n{head}{more}"
        )


class StoreError(RuntimeError, FairweatherError):
    """The DuckDB store could not be opened, loaded or queried."""


class CoverageError(ValueError, FairweatherError):
    """A state or date outside what the data pack covers."""


class NotFittedError(ValueError, AttributeError, FairweatherError):
    """A model used before ``fit`` (or before fitted parameters were loaded)."""


class ModelError(ValueError, FairweatherError):
    """A model that cannot be fitted or applied to the given data."""


class ScenarioError(ValueError, FairweatherError):
    """A scenario that makes no sense (e.g. the target among its own attackers)."""


class CohesionWeightError(ValueError, FairweatherError):
    """Composite weights that name an unknown component or are negative or all zero."""


class EventFormatError(ValueError, FairweatherError):
    """An event file that is not in the format its publisher documents."""


class InputFileError(OSError, FairweatherError):
    """A file given as input that cannot be read: missing, a folder, not a regular file, not permitted,
    corrupt or truncated, or not the format it should be. The message names the file and the way out."""

    def __init__(self, message: str, path: object = None) -> None:
        super().__init__(message)
        self.path = path

    def __str__(self) -> str:  # OSError would format (errno, strerror)
        return self.args[0]


class OutputFileError(OSError, FairweatherError):
    """An output that cannot be written: a folder where a file is wanted, under a file, read-only, disk full."""

    def __init__(self, message: str, path: object = None) -> None:
        super().__init__(message)
        self.path = path

    def __str__(self) -> str:
        return self.args[0]


class EventFileError(InputFileError, EventFormatError):
    """An event file that cannot be read at all (missing, a folder, a device, a corrupt or truncated archive).

    Both an :class:`InputFileError` (exit code 3 on the command line) and an
    :class:`EventFormatError`, which callers of the importers already catch.
    """


class Terminated(SystemExit):
    """SIGTERM (or SIGHUP) received during a write, raised so that ``finally`` blocks remove temporary files.

    A ``SystemExit`` on purpose, not a :class:`FairweatherError`: ``except Exception`` must not swallow it,
    and left uncaught it ends the process with ``128 + signal`` like the signal would have.
    """


class StoreTamperedWarning(FairweatherWarning):
    """A DuckDB store file whose tables differ from the digest recorded when it was built; it is rebuilt."""


class StaleParamsWarning(FairweatherWarning):
    """The shipped model parameters were fitted on a different data pack (hash) than the one in use."""


class DataAgeWarning(FairweatherWarning):
    """A forecast dated well after some of the data's latest changes: later changes are not known."""


class ReferenceFormatError(ValueError, FairweatherError):
    """A publisher's file (or its documented conversion) that is missing, or not in the documented format.

    ``file``, ``line`` (1-based, the header is line 1 of a CSV; the row number of a
    Parquet file) and ``field`` say where; nothing of the import was loaded.
    """

    def __init__(self, message: str, file: str | None = None, line: int | None = None, field: str | None = None) -> None:
        self.file, self.line, self.field = file, line, field
        where = ", ".join(x for x in (file, f"line {line}" if line is not None else None,
                                       f"field {field!r}" if field else None) if x)
        super().__init__(f"{where}: {message}" if where else message)


class PanelError(ValueError, FairweatherError):
    """A panel verb given something it cannot use: years outside the state system, a column it would overwrite."""


class PanelUnitError(PanelError):
    """A panel verb given a panel of a unit (state-year, dyad-year) or code system (COW, G-W) it does not support."""


class MissingReferenceError(InputFileError):
    """A publisher's file a panel verb needs is not in the reference folder; the message says where to get it."""


class DownloadError(InputFileError):
    """A publisher's file that could not be downloaded: the server is unreachable, answers with an error, or the
    connection broke. Files already downloaded and verified are kept; running the command again resumes."""


class ChecksumError(DownloadError):
    """A downloaded file whose size or MD5 is not the one its publisher's file list gives; it was not kept."""
