"""Checks of the files a command is given, before any work: each failure names the option, the file and the way out."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

from fairweather.errors import InputFileError

__all__ = ["check_input_file", "read_json_file", "MAX_JSON_BYTES"]

#: A parameter file is a few hundred kB; anything far larger is not one (and would be read whole).
MAX_JSON_BYTES = 64 * 1024 * 1024


def check_input_file(path: Path, option: str, what: str) -> Path:
    """``path`` if it is a readable regular file; an :class:`InputFileError` naming ``option`` otherwise.

    WHY regular files only: ``/dev/zero``, a FIFO or a terminal never ends, and
    reading one would hang or exhaust memory.
    """
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise InputFileError(f"{option} {str(path)!r} does not exist; give the path of {what} "
                             f"(relative paths start at {os.getcwd()}).", path) from None
    except NotADirectoryError:
        raise InputFileError(f"{option} {str(path)!r}: a part of the path is a file, not a folder; check the path.",
                             path) from None
    except OSError as exc:
        raise InputFileError(f"{option} {str(path)!r} cannot be read ({exc.strerror}); check the path and its "
                             "permissions.", path) from None
    if stat.S_ISDIR(st.st_mode):
        raise InputFileError(f"{option} {str(path)!r} is a folder; give the path of {what} inside it.", path)
    if not stat.S_ISREG(st.st_mode):
        raise InputFileError(f"{option} {str(path)!r} is not a regular file (a device, pipe or socket); save "
                             f"{what} to a file and give its path.", path)
    try:
        with open(path, "rb"):
            pass
    except OSError as exc:
        raise InputFileError(f"{option} {str(path)!r} cannot be read ({exc.strerror}); check its permissions.",
                             path) from None
    return path


def read_json_file(path: Path, option: str, what: str) -> Any:
    """The JSON value in ``path``, checked as :func:`check_input_file` does, of at most :data:`MAX_JSON_BYTES`."""
    check_input_file(path, option, what)
    if path.stat().st_size > MAX_JSON_BYTES:
        raise InputFileError(f"{option} {str(path)!r} is {path.stat().st_size:,} bytes, far larger than {what} "
                             f"(at most {MAX_JSON_BYTES:,}); check that it is the right file.", path)
    data = path.read_bytes()
    try:
        return json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise InputFileError(f"{option} {str(path)!r} is not UTF-8 text (byte {exc.start}); give {what}.", path) from None
    except json.JSONDecodeError as exc:
        raise InputFileError(f"{option} {str(path)!r} is not JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}); "
                             f"give {what}.", path) from None
