"""Work on a project's data run in a second thread, alongside the caller's, on the project's own connection.

Why: a listing of a hundred thousand quotes over a million codings spends about half its time in
SQLite, which runs without Python's global lock, and half in Python and numpy.  Placing the
passages (their units, speakers and texts: ``qda.export.quote_places.locate``) in a thread while
the caller numbers them and finds the codes they meet lets one's reads run while the other
computes, on a second core.  Both threads read through the one connection, so inside the
caller's read transaction (``Project.snapshot``) they see the same state of the project; SQLite
serialises their statements (Python's sqlite3 is built thread-safe, ``sqlite3.threadsafety`` 3).

Only a project file's connection is shared so; a team server's work runs in the caller's thread,
when its result is asked for.  If the caller fails first, the thread's statement is interrupted
and the thread ended before the caller goes on (and closes the connection).
"""

from __future__ import annotations

import sqlite3
from typing import Any, Callable

INTERRUPT_EVERY = 0.05  # seconds between interruptions of the thread's statements when the caller leaves early


class Alongside:
    """``work(*args)`` run in a thread from ``__enter__`` (a project file), or on ``result()``."""

    def __init__(self, project, work: Callable[..., Any], *args):
        self._db, self._work, self._args = project._db, work, args
        self._thread = None
        self._outcome: tuple[bool, Any] | None = None  # (succeeded, value or exception)

    def __enter__(self) -> "Alongside":
        if isinstance(self._db, sqlite3.Connection):
            import threading

            self._thread = threading.Thread(target=self._run, name="qda-alongside", daemon=True)
            self._thread.start()
        return self

    def _run(self) -> None:
        try:
            self._outcome = (True, self._work(*self._args))
        except BaseException as error:  # handed to the caller by ``result``
            self._outcome = (False, error)

    def result(self) -> Any:
        """The work's value (waiting for the thread), or its exception raised here."""
        if self._thread is None and self._outcome is None:
            self._run()
        elif self._thread is not None:
            self._thread.join()
        succeeded, value = self._outcome
        if not succeeded:
            raise value
        return value

    def __exit__(self, kind, error, traceback) -> None:
        while self._thread is not None and self._thread.is_alive():  # the caller failed or left without the result
            self._db.interrupt()  # the statement running now; again until the thread is done with its last
            self._thread.join(INTERRUPT_EVERY)
