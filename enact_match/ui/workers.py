"""Running work off the GUI thread: results, errors and progress come back on the GUI thread by signal.

Background code never touches a widget: it returns a value (or raises), and the callbacks given to
`run_in_background` run on the GUI thread. Database writes go through `run_write_in_background`,
which runs them one at a time on a single worker so that writers never contend for the database.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

T = TypeVar("T")

ProgressCallback = Callable[[int, int], None]
CancelledCallback = Callable[[], bool]

# Progress is forwarded at most this often (seconds): a tight loop must not flood the event queue.
_PROGRESS_INTERVAL = 0.05


class BackgroundTask(QObject):
    """Handle on one piece of background work; lives on the GUI thread.

    `finished` is emitted once, after `on_done` or `on_error` has run.
    """

    finished = Signal()
    _succeeded = Signal(object)
    _failed = Signal(object)
    _progressed = Signal(int, int)

    def __init__(
        self,
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None,
        on_progress: ProgressCallback | None,
    ) -> None:
        super().__init__()
        self._on_done = on_done
        self._on_error = on_error
        self._on_progress = on_progress
        self._cancel_event = threading.Event()
        self.error: BaseException | None = None
        # Connections to this object's slots are queued: they run on the thread owning the task.
        self._succeeded.connect(self._on_task_succeeded)
        self._failed.connect(self._on_task_failed)
        self._progressed.connect(self._on_task_progressed)

    def cancel(self) -> None:
        """Ask the work to stop (it checks `cancelled()`); the error callback receives its exception."""
        self._cancel_event.set()

    def is_cancelled(self) -> bool:
        return self._cancel_event.is_set()

    @Slot(object)
    def _on_task_succeeded(self, result: object) -> None:
        try:
            self._on_done(result)
        finally:
            self._finish()

    @Slot(object)
    def _on_task_failed(self, error: object) -> None:
        assert isinstance(error, BaseException)
        self.error = error
        try:
            if self._on_error is not None:
                self._on_error(error)
        finally:
            self._finish()

    @Slot(int, int)
    def _on_task_progressed(self, done: int, total: int) -> None:
        if self._on_progress is not None and not self._cancel_event.is_set():
            self._on_progress(done, total)

    def _finish(self) -> None:
        _RUNNING.discard(self)
        self.finished.emit()


class _Job(QRunnable):
    """The QRunnable calling the work function on a pool thread and reporting back through the task."""

    def __init__(self, task: BackgroundTask, fn: Callable[..., Any], with_progress: bool) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._task = task
        self._fn = fn
        self._with_progress = with_progress
        self._last_progress = 0.0

    def _progress(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done >= total or now - self._last_progress >= _PROGRESS_INTERVAL:
            self._last_progress = now
            self._task._progressed.emit(done, total)

    def run(self) -> None:
        try:
            result = self._fn(self._progress, self._task.is_cancelled) if self._with_progress else self._fn()
        except BaseException as error:  # reported to the GUI thread; a worker must never die silently
            self._task._failed.emit(error)
        else:
            self._task._succeeded.emit(result)


# Tasks are kept alive here until they finish (the caller may drop its reference).
_RUNNING: set[BackgroundTask] = set()
_writer_pool: QThreadPool | None = None


def _writer() -> QThreadPool:
    global _writer_pool
    if _writer_pool is None:
        _writer_pool = QThreadPool()
        _writer_pool.setMaxThreadCount(1)
    return _writer_pool


def _start(
    pool: QThreadPool,
    fn: Callable[..., Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None] | None,
    on_progress: ProgressCallback | None,
    with_progress: bool,
) -> BackgroundTask:
    task = BackgroundTask(on_done, on_error, on_progress)
    _RUNNING.add(task)
    pool.start(_Job(task, fn, with_progress))
    return task


def run_in_background(
    fn: Callable[..., T],
    on_done: Callable[[T], None],
    on_error: Callable[[BaseException], None] | None = None,
    on_progress: ProgressCallback | None = None,
    *,
    with_progress: bool = False,
) -> BackgroundTask:
    """Run `fn` on the shared thread pool; call `on_done(result)` or `on_error(error)` on the GUI thread.

    With `with_progress`, `fn` is called as `fn(progress, cancelled)`: `progress(i, n)` may be called
    from the worker (it is forwarded to `on_progress`, throttled) and `cancelled()` turns True after
    `task.cancel()`.
    """
    return _start(QThreadPool.globalInstance(), fn, on_done, on_error, on_progress, with_progress)


def run_write_in_background(
    fn: Callable[..., T],
    on_done: Callable[[T], None],
    on_error: Callable[[BaseException], None] | None = None,
    on_progress: ProgressCallback | None = None,
    *,
    with_progress: bool = False,
) -> BackgroundTask:
    """Like `run_in_background`, on the single database-writer thread (writes run one after another)."""
    return _start(_writer(), fn, on_done, on_error, on_progress, with_progress)


def wait_for_background_work(timeout_ms: int = 5000) -> bool:
    """Block until every background job has returned (on quit, and in tests); True if all did."""
    done = QThreadPool.globalInstance().waitForDone(timeout_ms)
    return _writer().waitForDone(timeout_ms) and done
