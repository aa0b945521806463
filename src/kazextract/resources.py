"""Where the pipeline's linguistic data lives, and how it is read.

The data files sit in the repository's top-level ``models/`` folder and ship
inside the wheel as ``kazextract/models`` (see ``pyproject.toml``). A source
checkout (editable install, or running the tests from the tree) finds the
top-level folder instead, so both layouts read the same files.

Every data file starts with ``#`` comment lines saying what it holds and where
it came from; a TSV then has one header row naming its columns.
"""

from __future__ import annotations

import gc
import json
import re
from collections.abc import Callable, Hashable, Iterable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

_HERE = Path(__file__).resolve().parent

Loader = TypeVar("Loader", bound=Callable[[], object])
Item = TypeVar("Item")
Key = TypeVar("Key", bound=Hashable)
_PRELOADED: list[Callable[[], object]] = []


def preload(loader: Loader) -> Loader:
    """Mark a cached, argument-free loader of linguistic data (a table, a
    name index, a suffix list) to be run by :func:`load_all` when the
    pipeline loads, instead of by the first article that needs it.

    Why: the first article then cost ~150 ms instead of ~20; ``kazextract
    batch`` forks its workers after loading, so the tables are built once and
    shared instead of once per worker; and a broken data file fails at start.
    """
    _PRELOADED.append(loader)
    return loader


def load_all() -> None:
    """Run every :func:`preload` loader of the modules imported so far."""
    for loader in _PRELOADED:
        loader()


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off for the block, then as it was.

    For start-up: importing spaCy and our modules, and building the data
    tables, make hundreds of thousands of objects that live as long as the
    process and free none, yet each few hundred allocations trigger a
    collection that walks the young ones again (~250 collections at
    start-up). With the collector off, ``import kazextract`` takes ~0.1 s
    less and ``load_pipeline`` half as long (0.12 -> 0.06 s); see
    ``bench/startup.py``. The command line then freezes all of it
    (``pipeline.load_pipeline_for_a_long_run``); in a library the first
    collection after the pause walks it once (~0.05 s, in the first article).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@cache
def models_dir() -> Path:
    """The folder holding the pipeline's data files."""
    for candidate in (_HERE / "models", _HERE.parents[1] / "models"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        "kazextract's data folder 'models' was not found next to the package "
        f"({_HERE / 'models'}) nor in the source tree ({_HERE.parents[1] / 'models'})"
    )


def data_path(name: str) -> Path:
    """Path of one data file under ``models/``."""
    return models_dir() / name


def _content_lines(name: str) -> list[str]:
    with data_path(name).open(encoding="utf-8") as fh:
        return [line.rstrip("\n\r") for line in fh if line.strip() and not line.startswith("#")]


@cache
def read_tsv(name: str) -> tuple[dict[str, str], ...]:
    """Rows of a TSV data file as dicts keyed by its header row (cached)."""
    lines = _content_lines(name)
    if not lines:
        return ()
    header = lines[0].split("\t")
    rows = []
    for line in lines[1:]:
        cells = line.split("\t")
        cells += [""] * (len(header) - len(cells))
        rows.append({key: cells[i].strip() for i, key in enumerate(header)})
    return tuple(rows)


@cache
def read_words(name: str) -> frozenset[str]:
    """A one-word-a-line list (comments and blanks skipped), lower-cased."""
    return frozenset(line.strip().lower() for line in _content_lines(name))


@cache
def read_jsonl(name: str) -> tuple[dict[str, Any], ...]:
    """A JSON Lines data file (comment lines starting with '#' skipped)."""
    return tuple(json.loads(line) for line in _content_lines(name))


def alternation(forms: Iterable[str]) -> str:
    """A regex alternation of literal forms (a table's words, endings or
    codes), the longest first: a regex takes the first alternative that fits,
    so a form must come before those that are its own beginning (``жж.``
    before ``ж.``)."""
    return "|".join(map(re.escape, sorted(set(forms), key=lambda form: (-len(form), form))))


def group_by(items: Iterable[Item], key: Callable[[Item], Key]) -> dict[Key, tuple[Item, ...]]:
    """``items`` by ``key``, each group in the items' order.

    Why: a rule that compares a new word with every entry of a table (every
    case ending, month, cue stem) can compare it with the few entries that
    share its first or last letters. Grouped by those letters, with the
    table's order kept inside each group, the first entry that fits is the
    one the full scan found."""
    groups: dict[Key, list[Item]] = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    return {k: tuple(group) for k, group in groups.items()}
