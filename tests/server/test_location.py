"""Project locations: what is a server URL, and a password never shown."""

from __future__ import annotations

from pathlib import Path

import pytest

from qda.store.location import ServerUrl, is_server, location, masked, scrub


@pytest.mark.parametrize("value, expected", [
    ("postgresql://ana@db.example.org/peru_study", True),
    ("postgres://db.example.org/peru_study", True),
    ("POSTGRESQL://db/x", True),
    ("study.qda", False),
    ("postgresql.qda", False),
    ("/data/postgresql://odd", False),
])
def test_is_server(value, expected):
    assert is_server(value) is expected


@pytest.mark.parametrize("url, shown", [
    ("postgresql://ana:s3cret@db.example.org:5432/peru", "postgresql://ana:***@db.example.org:5432/peru"),
    ("postgresql://ana@db.example.org/peru?sslmode=require", "postgresql://ana@db.example.org/peru?sslmode=require"),
    ("postgresql://db/peru?user=ana&password=s3cret&sslmode=verify-full",
     "postgresql://db/peru?user=ana&password=***&sslmode=verify-full"),
    ("postgresql://ana:p%40ss@db/peru", "postgresql://ana:***@db/peru"),
])
def test_masked_hides_the_password(url, shown):
    assert masked(url) == shown


def test_a_server_url_prints_without_its_password_but_connects_with_it():
    url = location("postgresql://ana:s3cret@db.example.org/peru_study")
    assert isinstance(url, ServerUrl)
    assert "s3cret" not in str(url) and "s3cret" not in f"{url}" and "s3cret" not in repr(url)
    assert "s3cret" in url.url
    assert url.name == "peru_study"
    assert location("study.qda") == Path("study.qda")


def test_scrub_removes_a_password_a_driver_repeats():
    url = "postgresql://ana:s3cret@db/peru"
    assert "s3cret" not in scrub(f"connection to {url} failed: password s3cret rejected", url)
