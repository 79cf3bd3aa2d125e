"""Keys typed ahead: each key lands where the screen will be once the previous key has acted.

Textual hands a key to the focused widget and only later, when the key has bubbled
back to the app, runs the binding it stands for; a binding that opens a dialog then
starts a worker that pushes the dialog later still.  Typed faster than that (a burst
from the terminal: ``g4320⏎`` to go to offset 4320), the keys after ``g`` used to
reach the transcript as quick keys and write codings nobody meant.

The gate holds a key while the one before it is still travelling, while a dialog flow
(an action that asks in dialogs, see ``dialog_action``) has no dialog on top of the
screen it started from, and while the widgets of the screen are still mounting or have
messages to handle (a dialog being composed, a submitted dialog that has not dismissed
itself yet).  Held keys are replayed in order, one at a time, to whatever then has the
focus.  A key that arrives when nothing is pending passes at once, so coding at a
person's pace costs nothing.

A key is done travelling when it comes back up to the app (its binding has run), when a
widget keeps it, or when the widget it went to has gone (a dialog closed under it).
A busy screen is given up on after ``GIVE_UP`` seconds counted from when the key could
otherwise have passed (and a key that never comes back, that long after it was let
through), so that a widget that never stops posting messages cannot take the keyboard
away; a dialog flow is always waited for.
"""

from __future__ import annotations

import functools
import time
from collections import deque

from textual import events
from textual.app import App
from textual.dom import DOMNode
from textual.worker import Worker

TICK = 0.005  # seconds between looks at held keys
GIVE_UP = 10.0  # seconds a key may wait for a busy screen (never for a dialog flow) before it is passed on


def dialog_action(method):
    """An action that asks in dialogs (``push_screen_wait``), of the app or of a screen: it runs
    as a worker, and keys typed after the key that started it wait for its dialogs instead of
    reaching the screen it started from.  ``method`` is an async method; the app is a ``KeyGate``."""

    @functools.wraps(method)
    def action(self: DOMNode, *args, **kwargs):
        gate: KeyGate = self.app
        origin = gate.screen
        token = object()
        gate._flows[token] = origin

        async def flow():
            try:
                return await method(self, *args, **kwargs)
            finally:
                gate._flows.pop(token, None)
                gate._flow_workers.pop(token, None)
                gate._drain_keys()

        worker = self.run_worker(flow(), name=method.__name__, group="dialog", exit_on_error=False)
        if token in gate._flows:
            gate._flow_workers[token] = worker
        return worker

    return action


class KeyGate(App):
    """An App whose keys wait for the effects of the keys before them (see the module)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._flows: dict[object, object] = {}  # running dialog flows: token -> the screen it started from
        self._flow_workers: dict[object, Worker] = {}
        self._held: deque[events.Key] = deque()
        self._travelling: events.Key | None = None  # the last key let through, until it has acted
        self._travelling_to: DOMNode | None = None  # where the app sent it (the focused widget or the screen)
        self._waiting_since = 0.0  # since when the first held key could have passed but for a busy screen
        self._passed_at = 0.0  # when the travelling key was let through
        self._gate_timer = None
        self.key_offered: events.Key | None = None  # the key the app's priority bindings are looking at

    # -- what tests and benchmarks wait for -------------------------------------------------

    @property
    def keys_settled(self) -> bool:
        """No key held or travelling and no dialog flow waiting for its dialog (tests wait for this)."""
        return not self._held and not self._key_travelling() and not self._dialog_coming()

    def waiting_for_the_user(self, worker: Worker) -> bool:
        """Is ``worker`` a dialog flow whose dialog is open (it ends only when the user answers)?"""
        for token, flow_worker in self._flow_workers.items():
            if flow_worker is worker:
                origin = self._flows.get(token)
                return origin is not None and origin in self.screen_stack and origin is not self.screen
        return False

    # -- the gate ------------------------------------------------------------------------------

    async def on_event(self, event: events.Event) -> None:
        if not isinstance(event, events.Key) or event.is_forwarded:
            await super().on_event(event)
            return
        if not getattr(event, "_qda_gated", False):
            if not self._held:
                self._waiting_since = time.monotonic()
            self._held.append(event)
            self._drain_keys()
            return
        if not self.screen_stack:  # the app is closing: there is nothing left to type into
            return
        if event is self._travelling:
            self._travelling_to = self.focused or self.screen
        self.key_offered = event
        try:
            await super().on_event(event)  # priority bindings first, then on to the focused widget
        finally:
            self.key_offered = None
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
            # Sent by the app (the driver's sender), a key is stopped by the screen as it bubbles up
            # to the app, before its binding runs: that stop must not look like a widget keeping it.
            event._sender = None
            self._travelling, self._travelling_to = event, None
            self._waiting_since = self._passed_at = time.monotonic()
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

    def _key_travelling(self) -> bool:
        """Is the last key let through still on its way (not back at the app, kept, or lost)?"""
        key = self._travelling
        if key is None:
            return False
        target = self._travelling_to
        lost = target is not None and (target._closing or target._closed or not target.is_attached)
        if key._stop_propagation or lost or time.monotonic() - self._passed_at >= GIVE_UP:
            self._travelling = self._travelling_to = None
            return False
        return True

    def _dialog_coming(self) -> bool:
        """Is a dialog flow still to open its dialog on top of the current screen?"""
        if not self._flows or not self.screen_stack:
            return False
        screen = self.screen
        return any(origin is screen for origin in self._flows.values())

    def _may_pass(self) -> bool:
        now = time.monotonic()
        if self._key_travelling():
            self._waiting_since = now
            return False
        if not self.is_running or not self.screen_stack:
            return not self.is_running
        if self._dialog_coming():
            self._waiting_since = now  # a dialog flow is always waited for
            return False
        screen = self.screen
        busy = any(not node.is_mounted or not node._message_queue.empty() for node in screen.walk_children(with_self=True))
        return not busy or now - self._waiting_since >= GIVE_UP
