"""Work shared with forked child processes, for the command line's bulk runs on several cores.

The Python parts of the engine (text analysis, building result columns) hold the GIL, so threads
cannot share them; a forked child inherits the fitted index without copying it (copy-on-write pages)
and sends back only its result. Forking is used only where it is safe and cheap:

* on Linux only (macOS forks badly once system frameworks are loaded; Windows cannot fork);
* only when the caller asks for it (``EngineOptions.processes``): the command line does, the desktop
  app does not (forking a process that runs Qt threads is unsafe).

A child that fails (an exception, a crash, a result that cannot be read) is not an error: its share
is computed again in the parent, so the result never depends on whether a child worked.
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import select
import signal
import sys
import warnings
from collections.abc import Callable
from typing import Generic, TypeVar

Result = TypeVar("Result")

_log = logging.getLogger(__name__)


def can_fork() -> bool:
    """Whether work may be shared with forked children on this platform."""
    return sys.platform.startswith("linux") and hasattr(os, "fork")


class ForkedCancelledError(Exception):
    """:meth:`Forked.result` stopped waiting because ``cancelled()`` turned True (the child is killed)."""


# how often a parent waiting for a child checks whether it was cancelled
_WAIT_POLL_SECONDS = 0.1


class Forked(Generic[Result]):
    """``work()`` started in a forked child; :meth:`result` waits for it.

    The child runs ``work`` and writes its pickled result to a pipe, then leaves with ``os._exit``
    (no ``atexit`` handler, no flushing of the parent's buffers, no finaliser of inherited objects).
    When the system refuses the fork (no memory, too many processes), ``work`` runs in :meth:`result`.
    """

    def __init__(self, work: Callable[[], Result]) -> None:
        self._work = work
        self._pid = 0
        self._read_end = -1
        read_end, write_end = os.pipe()
        try:
            with warnings.catch_warnings():
                # Python ≥ 3.12 warns about forking a process with threads (numpy's BLAS pool): the
                # child takes no lock those threads may hold, it only computes, pickles and leaves
                warnings.simplefilter("ignore", DeprecationWarning)
                pid = os.fork()
        except OSError as error:
            os.close(read_end)
            os.close(write_end)
            _log.warning("cannot fork (%s); the work is done in this process", error)
            return
        if pid == 0:  # pragma: no cover - runs in the child, whose coverage is not collected
            os.close(read_end)
            code = 1
            try:
                payload = pickle.dumps(work(), protocol=pickle.HIGHEST_PROTOCOL)
                with os.fdopen(write_end, "wb") as pipe:
                    pipe.write(payload)
                code = 0
            finally:
                os._exit(code)
        os.close(write_end)
        self._pid = pid
        self._read_end = read_end

    def result(self, cancelled: Callable[[], bool] | None = None) -> Result:
        """The child's result, or ``work()`` computed here when the child did not deliver one.

        While waiting, ``cancelled()`` is checked every 0.1 s; when it turns True the child is killed
        and ForkedCancelledError raised.
        """
        if not self._pid:
            return self._work()
        chunks = []
        with os.fdopen(self._read_end, "rb", buffering=0) as pipe:
            self._read_end = -1
            while True:
                if cancelled is not None:
                    while not select.select([pipe], [], [], _WAIT_POLL_SECONDS)[0]:
                        if cancelled():
                            self._kill()
                            raise ForkedCancelledError
                chunk = pipe.read(1 << 20)
                if not chunk:
                    break
                chunks.append(chunk)
        code = self._kill(signal_first=False)
        payload = b"".join(chunks)
        reason = f"exit code {code}" if code or not payload else ""
        if not reason:
            try:
                return pickle.loads(payload)
            except (pickle.UnpicklingError, EOFError, ValueError):
                reason = "an unreadable result"
        if cancelled is not None and cancelled():
            raise ForkedCancelledError  # the child stopped because it saw the cancellation too
        _log.warning("a forked child failed (%s); its share is computed in the parent", reason)
        return self._work()

    def cancel(self) -> None:
        """Stop the child and forget its result (nothing to do once the result was taken)."""
        if self._read_end >= 0:
            os.close(self._read_end)
            self._read_end = -1
        if self._pid:
            self._kill()

    def _kill(self, signal_first: bool = True) -> int:
        """Wait for the child (killed first unless ``signal_first`` is False); its exit code."""
        if signal_first:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self._pid, signal.SIGKILL)
        _, status = os.waitpid(self._pid, 0)
        self._pid = 0
        return os.waitstatus_to_exitcode(status)


class TaskQueue:
    """The numbers ``0 … count − 1``, each taken once by whichever process asks first: this one or the
    children it forks after creating the queue (the queue is inherited).

    A pipe filled before forking: each number is 4 bytes and a read of 4 bytes from a pipe is atomic, so
    no lock is needed and no number is taken twice; once the pipe is empty, :meth:`take` gives None.
    """

    # all numbers are written before anyone reads: a pipe holds at least a page (4 KiB) without a
    # reader, even for a user over the system's pipe quota (Linux)
    _MOST = 1024

    def __init__(self, count: int) -> None:
        if not 0 <= count <= self._MOST:
            raise ValueError(f"a TaskQueue holds 0 to {self._MOST} numbers, not {count}")
        self._read_end, write_end = os.pipe()
        try:
            os.set_blocking(write_end, False)  # a full pipe raises BlockingIOError instead of hanging
            payload = b"".join(number.to_bytes(4, sys.byteorder) for number in range(count))
            written = 0
            while written < len(payload):
                written += os.write(write_end, payload[written:])
        except OSError:
            os.close(self._read_end)
            raise
        finally:
            os.close(write_end)

    def take(self) -> int | None:
        """The next number nobody has taken, or None when all were taken."""
        data = os.read(self._read_end, 4)
        if data and len(data) != 4:  # cannot happen with whole numbers written and read 4 bytes at a time
            raise OSError(f"a TaskQueue read {len(data)} bytes")
        return int.from_bytes(data, sys.byteorder) if data else None

    def close(self) -> None:
        """Forget the numbers left (this process's end of the pipe is closed)."""
        if self._read_end >= 0:
            os.close(self._read_end)
            self._read_end = -1
