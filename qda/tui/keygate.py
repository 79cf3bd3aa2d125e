"""Keys typed ahead: each key lands where the screen will be once the previous key has acted.

Textual hands a key to the focused widget and only later, when the key has bubbled
back to the app, runs the binding it stands for; a binding that opens a dialog then
starts a worker that pushes the dialog later still.  Typed faster than that (a burst
from the terminal: ``g4320⏎`` to go to offset 4320), the keys after ``g`` used to
reach the transcript as quick keys and write codings nobody meant.

The gate holds a key while the one before it is still travelling, while the widgets
of the screen have messages to handle (a submitted dialog that has not dismissed
itself yet), while the screen on top has not been drawn once, and while a dialog flow (an action that asks in dialogs, see
``dialog_action``) has no ready dialog on top.  Held keys are replayed in order, one
at a time, to whatever then has the focus.  A key that arrives when nothing is
pending passes at once, so coding at a person's pace costs nothing.
"""

from __future__ import annotations

import functools
import time
import weakref
from collections import deque

from textual import events
from textual.app import App

TICK = 0.005  # seconds between looks at held keys
GIVE_UP = 5.0  # seconds a key may wait for a busy widget (never for a dialog flow) before it is passed on


def dialog_action(method):
    """An app action that asks in dialogs (``push_screen_wait``): it runs as a worker, and keys
    typed after the key that started it wait for its dialogs instead of reaching the screen
    below.  ``method`` is an async method of a ``KeyGate`` app."""

    @functools.wraps(method)
    def action(self: KeyGate, *args, **kwargs):
        self._flows += 1

        async def flow():
            try:
                return await method(self, *args, **kwargs)
            finally:
                self._flows -= 1
                self._drain_keys()

        return self.run_worker(flow(), name=method.__name__, group="dialog", exit_on_error=False)

    return action


class KeyGate(App):
    """An App whose keys wait for the effects of the keys before them (see the module)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._flows = 0  # dialog flows running
        self._held: deque[events.Key] = deque()
        self._travelling: events.Key | None = None  # the last key let through, until it has acted
        self._waiting_since = 0.0  # when the first held key (or the travelling one) began to wait
        self._gate_timer = None
        self._painted: weakref.WeakSet = weakref.WeakSet()  # screens drawn at least once since they were ready
        self._painting: weakref.WeakSet = weakref.WeakSet()

    @property
    def keys_settled(self) -> bool:
        """No key held or travelling and no dialog flow running (tests wait for this)."""
        return not self._held and self._travelling is None and not self._flows

    async def on_event(self, event: events.Event) -> None:
        if not isinstance(event, events.Key) or event.is_forwarded:
            await super().on_event(event)
            return
        if not getattr(event, "_qda_gated", False):
            if not self._held and self._travelling is None:
                self._waiting_since = time.monotonic()
            self._held.append(event)
            self._drain_keys()
            return
        await super().on_event(event)
        if not event.is_forwarded and event is self._travelling:  # a priority binding (ctrl+q, ctrl+p) took it
            self._travelling = None
            self._drain_keys()

    async def _on_key(self, event: events.Key) -> None:
        await App._on_key(self, event)
        event.prevent_default()  # App._on_key has run; Textual would otherwise call it again
        if event is self._travelling:  # it came back up to the app: its binding (if any) has run
            self._travelling = None
            self._drain_keys()

    def _drain_keys(self) -> None:
        """Let held keys through, in order, while nothing is pending."""
        while self._held and self._may_pass():
            event = self._held.popleft()
            event._qda_gated = True
            self._travelling = event
            self._waiting_since = time.monotonic()
            self.post_message(event)  # comes back to on_event, and on to the focused widget
        self._watch_held()

    def _watch_held(self) -> None:
        """Look again every TICK while keys are held (a travelling key clears itself in ``_on_key``)."""
        if self._held:
            if self._gate_timer is None:
                self._gate_timer = self.set_interval(TICK, self._drain_keys, name="key gate")
        elif self._gate_timer is not None:
            self._gate_timer.stop()
            self._gate_timer = None

    def _may_pass(self) -> bool:
        travelling = self._travelling
        if travelling is not None:
            if not travelling._stop_propagation and time.monotonic() - self._waiting_since < GIVE_UP:
                return False  # still on its way up (a key a widget kept stops there)
            self._travelling = None
        try:
            screen = self.screen
        except Exception:  # no screen yet, or the app is closing
            return not self.is_running
        if self._flows and screen is self._main_screen():
            return False  # a dialog is coming
        nodes = list(screen.walk_children(with_self=True))
        busy = any(not node.is_mounted or not node._message_queue.empty() for node in nodes)
        if busy and time.monotonic() - self._waiting_since < GIVE_UP:
            return False
        if screen is not self._main_screen() and screen.focused is None and screen.focus_chain:
            return time.monotonic() - self._waiting_since >= GIVE_UP  # a dialog not yet focused
        if screen not in self._painted:
            # A screen takes keys once it has been drawn: by then what its widgets do after
            # mounting and on focus (an input selecting its text, say) has been done.
            if screen not in self._painting:
                self._painting.add(screen)
                screen.call_after_refresh(self._screen_painted, screen)
            return time.monotonic() - self._waiting_since >= GIVE_UP
        return True

    def _screen_painted(self, screen) -> None:
        self._painted.add(screen)
        self._drain_keys()

    def _main_screen(self):
        return self.screen_stack[0] if self.screen_stack else None
