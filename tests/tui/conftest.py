"""Fixtures of the app's tests (the projects are in tests/conftest.py)."""

from __future__ import annotations

import asyncio

import pytest

from .coded_sample import settle


@pytest.fixture
def in_app():
    """``in_app(path, size, check)``: the real app opened by coder ana on the project at ``path``
    (a file or a server URL) at a terminal ``size`` (columns, rows) and settled, then
    ``await check(app, pilot)`` inside it; on a fresh event loop (no async pytest plugin needed)."""
    from qda.tui.app import QdaApp

    def drive(path, size: tuple[int, int], check) -> None:
        async def opened():
            app = QdaApp(path, "ana")
            async with app.run_test(size=size) as pilot:
                await settle(app, pilot)
                await check(app, pilot)

        asyncio.run(opened())

    return drive
