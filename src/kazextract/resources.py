"""Where the pipeline's linguistic data lives, and how it is read.

The data files sit in the repository's top-level ``models/`` folder and ship
inside the wheel as ``kazextract/models`` (see ``pyproject.toml``). A source
checkout (editable install, or running the tests from the tree) finds the
top-level folder instead, so both layouts read the same files.

Every data file starts with ``#`` comment lines saying what it holds and where
it came from; a TSV then has one header row naming its columns.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

_HERE = Path(__file__).resolve().parent


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
