"""Widgets of the coding UI, one per module."""
