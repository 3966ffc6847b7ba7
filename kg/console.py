"""The console that command output is printed on.

On a terminal, rich fits tables to the window. A pipe or a file is not a window: rich would
fold every table to 80 columns there, a few characters per cell, so output that leaves the
terminal is printed at full width (one row per line) and without colour codes.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console

__all__ = ["stdout_console", "PIPE_WIDTH"]

PIPE_WIDTH = 10_000
"""Columns of a console that is not a terminal: wide enough that no table row folds."""


def stdout_console(**options: Any) -> Console:
    """A rich console on stdout: the terminal's width on a terminal, else `PIPE_WIDTH`."""
    from rich.console import Console

    if sys.stdout.isatty():
        return Console(**options)
    return Console(width=PIPE_WIDTH, color_system=None, **options)
