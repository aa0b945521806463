"""Facts of single words for the agreement rules, each computed once.

The agreement rules ask the same few questions of every word of every
sentence they read (its rule form, the trigger entries that may start at
it, its share of capitals). The answers depend on the word alone, and news
repeats its words, so each is kept per word. A plain ``dict`` read with
``map(table.__getitem__, words)`` answers a whole sentence at C speed,
about twice as fast as a ``functools.lru_cache`` hit per word (which also
keeps recency order); a word not seen before raises ``KeyError`` once, and
then the sentence's new words are computed and the read is repeated.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

T = TypeVar("T")

# Distinct words kept per table; news vocabulary is far smaller, and the bound
# keeps a long batch's memory flat (the table is emptied past it).
WORDS_KEPT = 1 << 16


class WordTable(Generic[T]):
    """``compute(word)`` for many words at once, remembered per word."""

    def __init__(self, compute: Callable[[str], T], bound: int = WORDS_KEPT) -> None:
        self.compute = compute
        self.bound = bound
        self.table: dict[str, T] = {}

    def __call__(self, words: Sequence[str]) -> list[T]:
        """The fact of each word, in order."""
        table = self.table
        try:
            return list(map(table.__getitem__, words))
        except KeyError:
            new = set(words).difference(table)
            if len(table) + len(new) > self.bound:
                table.clear()
                new = set(words)
            for word in new:
                table[word] = self.compute(word)
            return list(map(table.__getitem__, words))
