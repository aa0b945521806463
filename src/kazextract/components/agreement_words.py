"""Facts of single words for the agreement rules, each computed once.

The agreement rules ask the same few questions of every word of every
sentence they read (its rule form, the trigger entries that may start at
it, its share of capitals). The answers depend on the word alone, and news
repeats its words, so each is kept per word in a plain ``dict``, and a
whole sentence is answered at C speed by one ``operator.itemgetter`` over
its words: several times cheaper than an ``functools.lru_cache`` hit per
word (a Python-level call each, and recency bookkeeping). A word not seen
before raises ``KeyError`` once; the sentence's new words are then computed
and the read is repeated.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from operator import itemgetter
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

    def of(self, words: Sequence[str]) -> tuple[T, ...]:
        """The fact of each word, in order."""
        try:
            return self._read(words)
        except KeyError:
            self._learn(words)
            return self._read(words)

    def _read(self, words: Sequence[str]) -> tuple[T, ...]:
        if len(words) > 1:
            found: tuple[T, ...] = itemgetter(*words)(self.table)
            return found
        return tuple(map(self.table.__getitem__, words))  # itemgetter of one is no tuple

    def _learn(self, words: Sequence[str]) -> None:
        table = self.table
        new = set(words).difference(table)
        if len(table) + len(new) > self.bound:
            table.clear()
            new = set(words)
        for word in new:
            table[word] = self.compute(word)
