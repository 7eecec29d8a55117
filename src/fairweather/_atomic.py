"""All-or-nothing writes, also under SIGTERM: a temporary file or folder beside the destination, renamed in at the end.

WHY: a rename within one folder is atomic, so a reader sees the old file or the
whole new one. Python's default SIGTERM action kills the process without
running ``finally`` blocks, which left hidden temporary files behind; while a
write is under way SIGTERM (and SIGHUP) raise :class:`~fairweather.errors.Terminated`
instead, so the cleanup runs and the process still ends with ``128 + signal``.
The final renames run with those signals held back, so a signal lands before
the first rename or after the last, never between two.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import signal
import tempfile
import threading
from collections.abc import Iterator
from glob import escape as glob_escape
from pathlib import Path
from typing import IO

from fairweather.errors import OutputFileError, Terminated

__all__ = ["signals_raise", "signals_held", "atomic_file", "atomic_folder", "prepare_output_folder", "sweep_stale_temps"]

_SIGNALS = tuple(s for s in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None)) if s is not None)


def _raise_terminated(signum: int, _frame: object) -> None:
    raise Terminated(128 + signum)


@contextlib.contextmanager
def signals_raise() -> Iterator[None]:
    """While inside, SIGTERM and SIGHUP raise :class:`Terminated` (main thread only; elsewhere a no-op)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {s: signal.getsignal(s) for s in _SIGNALS}
    for s in _SIGNALS:
        if previous[s] in (signal.SIG_DFL, None):  # keep a handler someone else installed (e.g. a server)
            signal.signal(s, _raise_terminated)
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler if handler is not None else signal.SIG_DFL)


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Hold SIGTERM, SIGHUP and SIGINT back while inside (delivered on exit), so the renames of a commit all happen."""
    held = (*_SIGNALS, signal.SIGINT)
    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not threading.main_thread():
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _temp_prefix(path: Path) -> str:
    """The name a temporary file or folder for ``path`` starts with: hidden, and naming the writing process."""
    return f".{path.name}.{os.getpid()}."


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # e.g. EPERM: it exists, owned by someone else
        return True
    return True


def sweep_stale_temps(path: Path) -> list[Path]:
    """Remove the temporary files and folders an earlier write of ``path`` left when it was killed (SIGKILL, a crash).

    WHY: a process killed with SIGKILL cannot clean up, so its hidden ``.<name>.<pid>.*.tmp``
    stays beside the destination. The next write of the same destination removes those whose
    process no longer runs; a temp of a live process (a write under way) is left alone.
    """
    removed: list[Path] = []
    try:
        entries = list(path.parent.glob(f".{glob_escape(path.name)}.*.tmp"))
    except OSError:
        return removed
    for entry in entries:
        pid_text = entry.name[len(path.name) + 2:].split(".", 1)[0]
        if not pid_text.isdigit() or int(pid_text) == os.getpid() or _pid_alive(int(pid_text)):
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)
        removed.append(entry)
    return removed


def _output_error(path: Path, exc: OSError) -> OutputFileError:
    if isinstance(exc, (NotADirectoryError, FileExistsError)) or exc.errno == errno.ENOTDIR:
        why = "a part of its folder path is a file, not a folder; choose a path under a folder"
    elif isinstance(exc, PermissionError) or exc.errno == errno.EROFS:
        why = "its folder is not writable (read-only or not permitted); choose a folder you can write to"
    elif exc.errno in (errno.ENOSPC, errno.EDQUOT):
        why = "the disk is full; free space or choose another disk"
    else:
        why = f"{exc.strerror or exc}; choose another path"
    return OutputFileError(f"Cannot write {str(path)!r}: {why}. Nothing was written.", path)


def prepare_output_folder(folder: Path, what: Path) -> None:
    """Create ``folder`` (and parents) for writing ``what``; a clear :class:`OutputFileError` if it cannot be."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _output_error(what, exc) from None
    if not folder.is_dir():
        raise _output_error(what, NotADirectoryError(errno.ENOTDIR, "not a folder"))


@contextlib.contextmanager
def atomic_file(path: Path | str, mode: str = "w", *, encoding: str | None = "utf-8", newline: str | None = None,
                file_mode: int = 0o644) -> Iterator[IO]:
    """Write ``path`` all or nothing: yield a temporary file beside it, rename it over ``path`` on success.

    Raises
    ------
    OutputFileError
        If ``path`` is a folder, lies under a file, or its folder is not writable (before anything is written).
    """
    path = Path(path)
    if path.is_dir():
        raise OutputFileError(f"Cannot write {str(path)!r}: it is a folder; give a file name inside it, "
                              f"e.g. {str(path / 'out.csv')!r}. Nothing was written.", path)
    prepare_output_folder(path.parent, path)
    with signals_raise():
        try:
            sweep_stale_temps(path)
            fd, tmp = tempfile.mkstemp(prefix=_temp_prefix(path), suffix=".tmp", dir=path.parent)
        except OSError as exc:
            raise _output_error(path, exc) from None
        try:
            binary = "b" in mode
            opened = os.fdopen(fd, mode) if binary else os.fdopen(fd, mode, encoding=encoding, newline=newline)
            with opened as fh:
                yield fh
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, file_mode)
            with signals_held():
                os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


@contextlib.contextmanager
def atomic_folder(out: Path | str) -> Iterator[Path]:
    """Fill a temporary folder beside ``out``; on success its files replace those of ``out``, all together.

    A new ``out`` is the temporary folder renamed (one atomic step). Into an
    existing ``out`` the files are renamed one by one with the kill signals
    held back, so a SIGTERM lands before the first or after the last; other
    files already in ``out`` are kept. On any failure, the temporary folder is
    removed and ``out`` is as it was.
    """
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise OutputFileError(f"Cannot write into {str(out)!r}: it is a file, not a folder; give a folder path. "
                              "Nothing was written.", out)
    prepare_output_folder(out.parent, out)
    with signals_raise():
        try:
            sweep_stale_temps(out)
            tmp = Path(tempfile.mkdtemp(prefix=_temp_prefix(out), suffix=".tmp", dir=out.parent))
        except OSError as exc:
            raise _output_error(out, exc) from None
        try:
            yield tmp
            with signals_held():
                os.chmod(tmp, 0o755)
                if not out.exists():
                    os.rename(tmp, out)
                else:
                    for part in sorted(tmp.iterdir()):
                        os.replace(part, out / part.name)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
