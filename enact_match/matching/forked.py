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


class Forked(Generic[Result]):
    """``work()`` started in a forked child; :meth:`result` waits for it.

    The child runs ``work`` and writes its pickled result to a pipe, then leaves with ``os._exit``
    (no ``atexit`` handler, no flushing of the parent's buffers, no finaliser of inherited objects).
    """

    def __init__(self, work: Callable[[], Result]) -> None:
        self._work = work
        read_end, write_end = os.pipe()
        with warnings.catch_warnings():
            # Python ≥ 3.12 warns about forking a process with threads (numpy's BLAS pool): the child
            # takes no lock those threads may hold, it only computes, pickles and leaves with _exit
            warnings.simplefilter("ignore", DeprecationWarning)
            pid = os.fork()
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

    def result(self) -> Result:
        """The child's result, or ``work()`` computed here when the child did not deliver one."""
        with os.fdopen(self._read_end, "rb") as pipe:
            payload = pipe.read()
        _, status = os.waitpid(self._pid, 0)
        code = os.waitstatus_to_exitcode(status)
        reason = f"exit code {code}" if code or not payload else ""
        if not reason:
            try:
                return pickle.loads(payload)
            except (pickle.UnpicklingError, EOFError, ValueError):
                reason = "an unreadable result"
        _log.warning("a forked child failed (%s); its share is computed in the parent", reason)
        return self._work()

    def cancel(self) -> None:
        """Stop the child and forget its result."""
        os.close(self._read_end)
        with contextlib.suppress(ProcessLookupError):
            os.kill(self._pid, signal.SIGKILL)
        os.waitpid(self._pid, 0)
