"""Transcripts in: .txt, .md, .docx, .vtt and .srt, with speaker turns, paragraphs and sentences."""

from .importer import ImportReport, import_files, parse_file, read_attributes
from .readers import SUFFIXES

__all__ = ["ImportReport", "SUFFIXES", "import_files", "parse_file", "read_attributes"]
