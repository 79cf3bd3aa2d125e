"""Where a project lives: a file path, or a PostgreSQL URL for a team's project on a server.

A URL follows libpq's rules (``postgresql://user@host:port/database?sslmode=require``; what it
leaves out comes from the PG* environment variables and ``~/.pgpass``).  qda never stores or
prints a password: ``masked`` replaces it wherever a URL appears in a message.  Import-light:
the CLI asks ``is_server`` before anything heavy is loaded.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

SCHEMES = ("postgresql://", "postgres://")
HIDDEN = "***"


def is_server(location: object) -> bool:
    """True when ``location`` names a project on a PostgreSQL server (a postgresql:// URL)."""
    return isinstance(location, str) and location.strip().lower().startswith(SCHEMES)


def masked(url: str) -> str:
    """``url`` with any password (``user:secret@`` or ``?password=secret``) shown as ``***``."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return re.sub(r"://([^:@/]*):[^@/]*@", rf"://\1:{HIDDEN}@", url)
    netloc = parts.netloc
    if "@" in netloc:
        credentials, _, host = netloc.rpartition("@")
        user, colon, _password = credentials.partition(":")
        netloc = f"{user}:{HIDDEN}@{host}" if colon else netloc
    query = parts.query
    if query:
        pairs = parse_qsl(query, keep_blank_values=True)
        if any(key == "password" for key, _ in pairs):
            query = urlencode([(key, HIDDEN if key == "password" else value) for key, value in pairs], safe="/*")
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


def secrets(url: str) -> list[str]:
    """The password(s) written in ``url``, to be scrubbed from any message a driver builds."""
    found = []
    try:
        parts = urlsplit(url)
    except ValueError:
        return found
    if parts.password:
        found.append(parts.password)
    found += [value for key, value in parse_qsl(parts.query) if key == "password" and value]
    return found


def scrub(message: str, url: str) -> str:
    """``message`` with ``url`` masked and any password it carries replaced by ``***``."""
    message = message.replace(url, masked(url))
    for secret in secrets(url):
        message = message.replace(secret, HIDDEN)
    return message


def describe(location: str | Path) -> str:
    """How a project's location is named in messages: a path as given, a URL without its password."""
    return masked(location) if is_server(location) else str(location)


class ServerUrl(str):
    """A postgresql:// URL that shows itself without its password (``str``, f-strings, ``repr``),
    so that a message naming the project cannot leak it; ``url`` is the URL itself, to connect."""

    @property
    def url(self) -> str:
        return str.__str__(self)

    @property
    def name(self) -> str:
        """The database's name: what a file's name is in messages and default titles."""
        from urllib.parse import unquote

        return unquote(urlsplit(self.url).path.lstrip("/")) or "project"

    stem = name

    def __str__(self) -> str:
        return masked(self.url)

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def __repr__(self) -> str:
        return repr(str(self))


def location(value: str | Path) -> "ServerUrl | Path":
    """A project's location as a command line gives it: a ServerUrl for a postgresql:// URL, else a Path."""
    if isinstance(value, ServerUrl):
        return value
    return ServerUrl(value.strip()) if is_server(value) else Path(value)


def connect_string(value: str | Path) -> str:
    """What connects to a server project (the URL with any password), from a str or a ServerUrl."""
    return value.url if isinstance(value, ServerUrl) else str(value)
