"""Where a report goes: standard output, or a file written atomically (a temporary file beside the target,
renamed over it only when the whole report is written, removed on an error, SIGINT or SIGTERM)."""

from __future__ import annotations

import os
import stat
import sys
import tempfile

class OutputError(OSError):
    """The report file cannot be written (strerror is the reason)."""


class Output:
    """Standard output, or a report file written atomically: the text goes to a temporary file in the
    same directory, renamed over the target only when the whole report is written (readers see the old
    file or the new one, never half of it). A context manager: on an error, SIGINT or SIGTERM the
    temporary file is removed.

    A target that is not a regular file is never renamed over: a device or a FIFO (/dev/null) is written
    through, a name of this process's standard output (/dev/stdout) writes to it, and a symbolic link,
    a directory or one of the run's inputs (`inputs`) is refused, before anything is checked."""

    def __init__(self, path: str | None = None, stream=None, inputs=()):
        self.path = path
        self._stream = stream
        self._temp = None
        self._handle = None
        self._signals: dict = {}
        if path is None:
            self._stream = stream or sys.stdout
            return
        through = target_kind(path, inputs)
        if through == "stdout":
            self._stream = stream or sys.stdout
            return
        target = os.path.abspath(path)
        if through == "device":
            try:
                self._handle = open(target, "w", encoding="utf-8", newline="")
            except OSError as exc:
                raise OutputError(exc.errno, exc.strerror or str(exc), self.path) from None
            return
        try:
            os.makedirs(os.path.dirname(target), exist_ok=True)  # -o reports/today/x.json makes its folders
        except OSError as exc:
            raise OutputError(exc.errno, exc.strerror or str(exc), path) from None
        try:
            self._mode = os.stat(target).st_mode & 0o777
        except FileNotFoundError:
            umask = os.umask(0)
            os.umask(umask)
            self._mode = 0o666 & ~umask
        except OSError as exc:
            raise OutputError(exc.errno, exc.strerror or str(exc), self.path) from None
        self._target = target
        self._on_termination()
        # A SIGTERM between the file's creation and its registration would leave it behind: held off until then.
        held = _hold_termination()
        try:
            handle, self._temp = tempfile.mkstemp(
                dir=os.path.dirname(target), prefix=f".{os.path.basename(target)}.", suffix=".tmp"
            )
            _LIVE_TEMPS.add(self._temp)
        except OSError as exc:
            self._restore_signals()
            raise OutputError(exc.errno, exc.strerror or str(exc), self.path) from None
        finally:
            _release_termination(held)
        self._handle = os.fdopen(handle, "w", encoding="utf-8", newline="")

    def _on_termination(self) -> None:
        """SIGTERM ends the run as SIGINT does (an exception through `with`), so the temporary file goes."""
        import signal
        import threading

        if threading.current_thread() is not threading.main_thread():
            return
        for number in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
            if number is not None and signal.getsignal(number) is signal.SIG_DFL:
                self._signals[number] = signal.signal(number, _terminated)

    def _restore_signals(self) -> None:
        import signal

        for number, previous in self._signals.items():
            signal.signal(number, previous)
        self._signals = {}

    def write(self, text: str) -> None:
        if not text:
            return
        if self._handle is None:
            self._stream.write(text)
            return
        try:
            self._handle.write(text)
        except OSError as exc:
            raise OutputError(exc.errno, exc.strerror or str(exc), self.path) from None

    def write_bytes(self, data: bytes) -> None:
        """A binary report (docx) to a file or a device: written under the text layer, which holds nothing."""
        handle = self._handle if self._handle is not None else self._stream
        try:
            handle.buffer.write(data)
        except OSError as exc:
            raise OutputError(exc.errno, exc.strerror or str(exc), self.path) from None

    def commit(self) -> None:
        """The report is complete: flush standard output, or put the file in place."""
        if self._handle is None:
            self._stream.flush()
            return
        if self._temp is None:  # written through a device
            try:
                self._handle.close()
            except OSError as exc:
                raise OutputError(exc.errno, exc.strerror or str(exc), self.path) from None
            self._handle = None
            return
        try:
            self._handle.flush()
            os.fsync(self._handle.fileno())
            self._handle.close()
            os.chmod(self._temp, self._mode)
            os.replace(self._temp, self._target)
        except OSError as exc:
            raise OutputError(exc.errno, exc.strerror or str(exc), self.path) from None
        _LIVE_TEMPS.discard(self._temp)
        self._handle = self._temp = None

    def discard(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None
        if self._temp is not None:
            try:
                os.unlink(self._temp)
            except OSError:
                pass
            _LIVE_TEMPS.discard(self._temp)
            self._temp = None
        self._restore_signals()

    def __enter__(self) -> "Output":
        return self

    def __exit__(self, kind, value, traceback) -> None:
        if kind is None:
            self.commit()
        self.discard()


def write_atomic(path: str, text: str, inputs=()) -> None:
    """Write a report so that readers see the old file or the new one, never half of it."""
    with Output(path, inputs=inputs) as out:
        out.write(text)


# Temporary report files not yet put in place or removed: a termination signal removes them itself, as it may
# arrive where no `with` can (while an Output is being built).
_LIVE_TEMPS: set[str] = set()


def _hold_termination():
    import signal

    if not hasattr(signal, "pthread_sigmask"):
        return None
    return signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, getattr(signal, "SIGHUP", signal.SIGTERM)})


def _release_termination(held) -> None:
    import signal

    if held is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def _terminated(number, frame) -> None:
    for path in list(_LIVE_TEMPS):
        try:
            os.unlink(path)
        except OSError:
            pass
        _LIVE_TEMPS.discard(path)
    raise SystemExit(128 + number)


def target_kind(path: str, inputs=()) -> str:
    """How a report reaches `path`: "file" (renamed into place), "device" (written through: /dev/null, a
    FIFO), "stdout" (a name of this process's standard output); OutputError for a path that must not be
    written: a symbolic link (its target would be replaced), a directory, one of the run's inputs."""
    try:
        link = os.lstat(path)
    except FileNotFoundError:
        return "file"
    except OSError as exc:
        raise OutputError(exc.errno, exc.strerror or str(exc), path) from None
    try:
        info = os.stat(path)
    except OSError:
        info = link  # a dangling link: refused below as a link (writing through it would make its target)
    try:
        if os.path.samestat(info, os.fstat(sys.stdout.fileno())):
            return "stdout"
    except (OSError, ValueError, AttributeError):  # no standard output, or one without a descriptor
        pass
    for item in inputs:
        if item == "-":
            continue
        try:
            same = os.path.samestat(info, os.stat(item))
        except OSError:
            continue
        if same:
            raise OutputError(0, "it is one of the inputs (the report would replace it)", path)
    if stat.S_ISDIR(info.st_mode):
        raise OutputError(0, "is a directory", path)
    if not stat.S_ISREG(info.st_mode) and not stat.S_ISLNK(info.st_mode):
        return "device"
    if stat.S_ISLNK(link.st_mode):
        raise OutputError(0, "is a symbolic link (name the file itself; the link's target is not replaced)", path)
    return "file"
