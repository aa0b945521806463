"""Latin look-alike letters inside Cyrillic words, read as Cyrillic.

Real pages type ``Cыртқы`` with a Latin C or ``Мәдениeт`` with a Latin e.
Every component that compares words (morph, gazetteers, dates, agreements)
reads such a word through :func:`fold_lookalikes`; the table is data in
``models/lang/lookalikes.tsv``. The fold replaces one letter by one letter,
so positions and offsets hold.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from .resources import preload, read_tsv

_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_LATIN = re.compile(r"[A-Za-z]")


@preload
@cache
def _table() -> dict[int, int]:
    rows = read_tsv("lang/lookalikes.tsv")
    return str.maketrans("".join(r["latin"] for r in rows), "".join(r["cyrillic"] for r in rows))


@lru_cache(maxsize=1 << 16)
def fold_lookalikes(word: str) -> str:
    """``word`` with its Latin look-alikes made Cyrillic when it mixes the two
    scripts; a word wholly in Latin or wholly in Cyrillic comes back as is.
    Cached by word: news vocabulary repeats."""
    if _LATIN.search(word) and _CYRILLIC.search(word):
        return word.translate(_table())
    return word


def has_latin(text: str) -> bool:
    """Whether ``text`` has a Latin letter at all: without one, folding any
    of its words changes nothing, so callers can skip the word-by-word fold."""
    return _LATIN.search(text) is not None
