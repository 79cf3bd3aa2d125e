"""Fixtures of the REFI-QDA tests (helpers live in refi_helpers)."""

from refi_helpers import coded_project  # noqa: F401
