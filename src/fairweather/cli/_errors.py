"""Exit codes and the translation of every error the CLI can meet into one clear paragraph.

WHY here and not in the commands: a command cannot foresee every foreign
exception (an OS error on a folder given as a file, a truncated ``.gz``, a
DuckDB error), and a traceback tells a user nothing about the way out. The
top-level group runs every command inside :func:`friendly_errors`, so nothing
escapes as a traceback unless ``--debug`` (or ``FAIRWEATHER_DEBUG=1``) asks
for one.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
import traceback
from collections.abc import Iterator
from enum import IntEnum

import click
import typer
import typer.exceptions
from rich.console import Console
from rich.markup import escape

__all__ = ["ExitCode", "EXIT_CODES_HELP", "friendly_errors", "set_debug", "debug_enabled", "message_for"]

err_console = Console(stderr=True)

#: The command-line framework's own exceptions (exits, aborts, usage errors): they pass through unchanged.
#: Typer vendors its own copy of click, so both its classes and click's are listed.
_FRAMEWORK = (typer.exceptions.Exit, typer.exceptions.Abort, typer.exceptions.TyperException,
              click.exceptions.Exit, click.exceptions.Abort, click.ClickException)


class ExitCode(IntEnum):
    """Every exit code of ``fairweather``, with what it means (the --help epilog and README list them)."""

    OK = 0
    INVALID_DATA = 1
    USAGE = 2
    INPUT_UNREADABLE = 3
    OUTPUT_NOT_WRITABLE = 4
    OUT_OF_MEMORY = 5
    INTERNAL = 70
    INTERRUPTED = 130
    TERMINATED = 143


EXIT_MEANINGS: dict[ExitCode, str] = {
    ExitCode.OK: "success",
    ExitCode.INVALID_DATA: "invalid data (the pack or an input has problems, listed)",
    ExitCode.USAGE: "usage or user error (a bad option, date, state or scenario)",
    ExitCode.INPUT_UNREADABLE: "an input file is missing, a folder, not permitted, corrupt or truncated",
    ExitCode.OUTPUT_NOT_WRITABLE: "an output cannot be written (a folder, under a file, read-only, disk full, "
                                  "or a closed pipe: then silently)",
    ExitCode.OUT_OF_MEMORY: "out of memory",
    ExitCode.INTERNAL: "internal error (a bug: rerun with --debug and report it)",
    ExitCode.INTERRUPTED: "interrupted (Ctrl-C), nothing half-written is left",
    ExitCode.TERMINATED: "terminated (SIGTERM), nothing half-written is left",
}

EXIT_CODES_HELP = "Exit codes: " + "; ".join(f"{int(c)} {EXIT_MEANINGS[c]}" for c in ExitCode) + "."

_debug = False


def set_debug(on: bool) -> None:
    """Show tracebacks (the global ``--debug`` option)."""
    global _debug
    _debug = on


def debug_enabled() -> bool:
    return _debug or os.environ.get("FAIRWEATHER_DEBUG", "") not in ("", "0")


_WRITE_ERRNOS = {errno.EROFS, errno.ENOSPC, errno.EDQUOT, errno.EFBIG}


def _os_message(exc: OSError) -> tuple[ExitCode, str]:
    name = exc.filename if exc.filename is not None else "a file"
    where = f"{str(name)!r}"
    if isinstance(exc, IsADirectoryError):
        return ExitCode.INPUT_UNREADABLE, f"{where} is a folder where a file is expected; give the path of a file."
    if isinstance(exc, NotADirectoryError) or exc.errno == errno.ENOTDIR:
        return ExitCode.INPUT_UNREADABLE, f"{where}: a part of the path is a file, not a folder; check the path."
    if isinstance(exc, FileNotFoundError):
        return ExitCode.INPUT_UNREADABLE, f"{where} does not exist; check the path (relative paths start at {os.getcwd()})."
    if isinstance(exc, PermissionError):
        return ExitCode.INPUT_UNREADABLE, f"Permission denied for {where}; check its permissions or use another path."
    if exc.errno in _WRITE_ERRNOS:
        return ExitCode.OUTPUT_NOT_WRITABLE, f"Cannot write {where}: {exc.strerror}; free space or choose another place."
    return ExitCode.INPUT_UNREADABLE, f"Cannot use {where}: {exc.strerror or exc}; check the path and try again."


def message_for(exc: BaseException) -> tuple[ExitCode, str]:
    """The exit code and the one-paragraph message for an error met by a command."""
    import gzip
    import json
    import zipfile
    import zlib

    from fairweather.errors import FairweatherError, InputFileError, OutputFileError, PackValidationError

    if isinstance(exc, PackValidationError):
        return ExitCode.INVALID_DATA, str(exc)
    if isinstance(exc, InputFileError):
        return ExitCode.INPUT_UNREADABLE, str(exc)
    if isinstance(exc, OutputFileError):
        return ExitCode.OUTPUT_NOT_WRITABLE, str(exc)
    if isinstance(exc, FairweatherError):
        return ExitCode.USAGE, str(exc)
    if isinstance(exc, MemoryError):
        return ExitCode.OUT_OF_MEMORY, ("Ran out of memory. Give a smaller input (split the file, or fewer event files "
                                        "at a time) or run on a machine with more memory.")
    if isinstance(exc, UnicodeDecodeError):
        return ExitCode.INPUT_UNREADABLE, (f"An input is not UTF-8 text (byte {exc.start}: {exc.reason}); save it as UTF-8 "
                                           "and try again.")
    if isinstance(exc, json.JSONDecodeError):
        return ExitCode.INPUT_UNREADABLE, (f"An input is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}); "
                                           "check that the file is the JSON it should be.")
    if isinstance(exc, (gzip.BadGzipFile, zlib.error, EOFError)):
        return ExitCode.INPUT_UNREADABLE, (f"A compressed input is corrupt or truncated ({exc or type(exc).__name__}); "
                                           "download or copy it again.")
    if isinstance(exc, zipfile.BadZipFile):
        return ExitCode.INPUT_UNREADABLE, f"A .zip input is corrupt ({exc}); download or copy it again."
    if isinstance(exc, OSError):
        return _os_message(exc)
    try:
        import pyarrow as pa

        if isinstance(exc, pa.ArrowException):
            return ExitCode.INPUT_UNREADABLE, (f"An input is not a valid Parquet or Arrow file ({exc}); give a file "
                                               "written by `fairweather events import`, or the publisher's file.")
    except ImportError:  # pragma: no cover - pyarrow is a dependency
        pass
    try:
        import duckdb

        if isinstance(exc, duckdb.IOException):
            return ExitCode.INPUT_UNREADABLE, (f"The DuckDB store file cannot be used ({exc}); close other programs that "
                                               "hold it, or give another --db path.")
        if isinstance(exc, duckdb.Error):
            return ExitCode.INTERNAL, (f"The DuckDB store failed ({type(exc).__name__}: {exc}). If you gave --db, delete "
                                       "that file to rebuild it; otherwise rerun with --debug and report the bug.")
    except ImportError:  # pragma: no cover
        pass
    return ExitCode.INTERNAL, (f"Internal error ({type(exc).__name__}: {exc}). This is a bug in fairweather: rerun with "
                               "--debug for the traceback and report it.")


def _quiet_stdout() -> None:
    """The reader of standard output went away (``fairweather ... | head``): say nothing more.

    As the Python documentation advises for SIGPIPE, standard output is pointed at the null device
    so that the interpreter's final flush does not raise a second error.
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real file descriptor (a test runner's capture)
        pass


@contextlib.contextmanager
def friendly_errors() -> Iterator[None]:
    """Turn any error into a clear message on stderr and a documented :class:`ExitCode`.

    Click's own exceptions (usage errors, ``typer.Exit``) and ``SystemExit``
    pass through unchanged. With ``--debug`` the traceback is printed first.
    """
    try:
        yield
    except _FRAMEWORK:
        raise
    except BrokenPipeError:
        _quiet_stdout()
        raise typer.Exit(int(ExitCode.OUTPUT_NOT_WRITABLE)) from None
    except KeyboardInterrupt:
        err_console.print("[bold red]Interrupted[/]; nothing half-written was left.", highlight=False)
        raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
    except Exception as exc:  # noqa: BLE001 - this is the one place that sees every error
        code, message = message_for(exc)
        if debug_enabled():
            traceback.print_exc(file=sys.stderr)
        err_console.print(f"[bold red]Error:[/] {escape(message)}", highlight=False, soft_wrap=True)
        raise typer.Exit(int(code)) from None
