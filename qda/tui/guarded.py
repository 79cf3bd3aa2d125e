"""Actions that never end the app: an error becomes a notification."""

from __future__ import annotations

import functools

from ..errors import QdaError
from ..store.connection import ServerUnreachable


def unreachable(error: BaseException) -> ServerUnreachable | None:
    """The team server's drop behind ``error`` (itself, or what a ProjectError was raised from), or None."""
    while error is not None and not isinstance(error, ServerUnreachable):
        error = error.__cause__
    return error


def guarded(method):
    """Run an action; a QdaError (or a bug) becomes a notification instead of ending the app."""

    @functools.wraps(method)
    async def wrapper(self, *args, **kwargs):
        try:
            result = method(self, *args, **kwargs)
            if hasattr(result, "__await__"):
                result = await result
            return result
        except QdaError as error:
            self.notify(str(error), severity="warning", timeout=6)
        except ServerUnreachable as error:  # a read the dropped session could not make
            self.notify(f"Not done: {error}.", severity="warning", timeout=6)
        except Exception as error:  # a bug: report it, keep the app (and the user's work) alive
            self.log.error(error)
            self.notify(f"Something went wrong: {error!r}. Your earlier work is saved.", severity="error", timeout=10)

    return wrapper
