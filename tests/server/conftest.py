"""Fixtures of the server tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def pushed(coded_template, server_url):
    """The coded sample pushed to a new database; this process's session pools are closed after
    the test, so that none holds the database when it is dropped."""
    from qda.store import server
    from qda.store.transfer import push

    push(coded_template, server_url)
    yield server_url
    server.close_pools()
