"""The project file: SQLite schema, migrations, the action log and the Project object.

All SQL of qda lives in this package."""

from .project import Project

__all__ = ["Project"]
