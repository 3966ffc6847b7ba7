"""Checks shared by the `kg` commands: publication dates, output paths, text arguments.

They run as click callbacks, so a bad value is refused with one `error[E…]` line while the
command line is parsed: before the store is opened and before spaCy loads, so nothing is
written and a typo costs no model load. `writing` turns an OS error met while writing an
output into the same kind of line, for what no check can foresee (a full disk).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from kg.errors import EncodingError, InputError

if TYPE_CHECKING:
    from kg.store import Store

__all__ = [
    "iso_day",
    "language",
    "output_file",
    "output_dir",
    "utf8_text",
    "writing",
    "command_store",
]

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _name(param: click.Parameter) -> str:
    """How the user wrote the parameter: `--date`, or `TEXT` for an argument."""
    if isinstance(param, click.Argument):
        return param.human_readable_name
    return param.opts[0]


def iso_day(ctx: click.Context, param: click.Parameter, value: str) -> str:
    """A publication date: "" (unknown) or a calendar day YYYY-MM-DD.

    Only a full day resolves "hier" or "mardi" (`kg.extract.timex.parse_iso_date`); a month
    or a year would be accepted and silently resolve nothing, so they are refused too."""
    if not value:
        return value
    try:
        if not _DAY.fullmatch(value):
            raise ValueError
        dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{_name(param)} {value!r}: expected a day YYYY-MM-DD") from None
    return value


def language(ctx: click.Context, param: click.Parameter, value: str) -> str:
    """A language kg reads (`kg.nlp.lang`), refused before spaCy loads or files are read."""
    from kg.nlp import lang

    lang.get(value)  # UnknownLanguage, naming the supported ones
    return value


def _nearest_existing(path: Path) -> Path:
    """`path` or its closest ancestor that exists (the folder a write would start from)."""
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def _check_creatable(folder: Path, name: str, value: Path) -> None:
    """InputError unless `folder` exists or can be created by this user (for `name value`)."""
    base = _nearest_existing(folder)
    if not base.is_dir():
        raise InputError(f"{name} {value}: {base} is a file, not a folder")
    if not os.access(base, os.W_OK | os.X_OK):
        raise InputError(f"{name} {value}: cannot write in {base} (permission denied)")


def output_file(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path | None:
    """An output file the command will be able to write (None: standard output)."""
    if value is None:
        return None
    name = _name(param)
    if value.is_dir():
        raise InputError(f"{name} {value}: is a folder; give a file name")
    _check_creatable(value.parent, name, value)
    if value.exists() and not os.access(value, os.W_OK):
        raise InputError(f"{name} {value}: file is not writable (permission denied)")
    return value


def output_dir(ctx: click.Context, param: click.Parameter, value: Path) -> Path:
    """An output folder that exists, or that the command will be able to create."""
    name = _name(param)
    if value.exists() and not value.is_dir():
        raise InputError(f"{name} {value}: is a file, not a folder")
    _check_creatable(value, name, value)
    return value


def utf8_text(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A text argument that is UTF-8. Python hands bytes that are not UTF-8 in `argv` over
    as lone surrogates, which spaCy, pyoxigraph and every file writer refuse deep inside."""
    if value is None:
        return None
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise EncodingError(
            f"{_name(param)}: not UTF-8 text (at character {exc.start + 1}); "
            "check the terminal's encoding"
        ) from None
    return value


@contextmanager
def writing(path: Path) -> Iterator[None]:
    """Report an OS error met while writing `path` as one line: naming the file the OS names
    (a query file read on the way fails under its own name), else `path` (a full disk)."""
    try:
        yield
    except OSError as exc:
        reason = exc.strerror or str(exc)
        if exc.filename is not None:
            raise InputError(f"{exc.filename}: {reason}") from None
        raise InputError(f"{path}: cannot write ({reason})") from None


def command_store(ctx: click.Context, *, read_only: bool = False, create: bool = False) -> Store:
    """The store the command line names: `--store` (a folder or URL), `--backend` and
    `--store-timeout`; read-only for commands that only read, created for writers."""
    from kg.store import open_store

    return open_store(
        ctx.obj["store"],
        backend=ctx.obj["backend"],
        timeout=ctx.obj["store_timeout"],
        read_only=read_only,
        create=create,
    )
