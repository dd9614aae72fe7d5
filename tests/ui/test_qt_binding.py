"""The Qt binding in use does not leak: PySide6 6.12.0 drops a reference to None per event-loop call.

On Python 3.11 None is an ordinary object: once its count reaches zero the interpreter aborts
("deallocating None"), after a few thousand calls — a long session or a test suite.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer


def test_running_the_event_loop_keeps_the_references_to_none(qapp: object) -> None:
    before = sys.getrefcount(None)
    for _ in range(500):
        QCoreApplication.processEvents()
    loop = QEventLoop()
    for _ in range(50):
        QTimer.singleShot(0, loop.quit)
        loop.exec()
    assert sys.getrefcount(None) >= before - 20  # allow for a few objects freed meanwhile
