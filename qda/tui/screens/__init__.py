"""Screens and modal dialogs of the coding UI, one per module."""
