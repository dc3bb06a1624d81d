"""polemos: sourced, checkable event data from reporting on armed conflict."""

__version__ = "0.1.0"
