"""Cheap equivalents of gazetteer and morph calls that scans over a doc make.

Each function here gives the answer of a shared lookup (not owned by the
components) at a fraction of its cost, and says why the answer is the same.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from itertools import compress, repeat

from spacy.tokens import Doc

from .. import docdata, morph
from .. import gazetteer as gz


@lru_cache(maxsize=1 << 16)
def may_start(table: gz.NameTable, word: str) -> bool:
    """Whether ``table.longest_at`` can find a name starting at ``word``.

    :meth:`~kazextract.gazetteer.NameTable.longest_at` finds a name of two
    words or more only when the first word is in the table's ``first_words``,
    and a one-word name only when :meth:`~kazextract.gazetteer.NameTable.lookup`
    of that word alone finds it. A word that passes neither test starts no
    name, so a scan may skip the probe there. Cached by (table, word): the
    tables are built once per process.
    """
    return gz.fold(word) in table.first_words or table.lookup([word]) is not None


def canonical_name(text: str) -> str:
    """``morph.canonical(text)``, word by word.

    ``morph.canonical`` folds the look-alikes of every space-separated word
    (hyphenated parts one by one) and puts the last run of non-space
    characters into the nominative. When ``text`` ends in a word after a
    plain space, that word is the last run, and the words before it are
    folded alone: so the name is the folded words before it and the
    canonical form of that one word, each cached by word. Any other shape
    (one word, a trailing space, another space character) asks morph.
    """
    before, space, last = text.rpartition(" ")
    if not space or not last or not last.isprintable():
        return morph.canonical(text)
    folded = " ".join([_folded_word(w) for w in before.split(" ")])
    return folded + " " + _canonical_word(last)


@lru_cache(maxsize=1 << 16)
def _folded_word(word: str) -> str:
    """The look-alikes of one space-separated word folded as ``morph.canonical``
    folds them: each hyphenated part alone. Cached by word."""
    return "-".join([gz.fold_case_kept(part) for part in word.split("-")])


@lru_cache(maxsize=1 << 16)
def _canonical_word(word: str) -> str:
    """``morph.canonical`` of a single word, cached by word."""
    return morph.canonical(word)


def name_at(table: gz.NameTable, words: Sequence[str], i: int) -> tuple[int, gz.Entry] | None:
    """``table.longest_at(words, i)``, probed only where :func:`may_start` allows."""
    if i >= len(words) or not may_start(table, words[i]):
        return None
    return table.longest_at(words, i)


MAX_MARKED_WORDS = 1 << 16  # words remembered by a WordMarks before it starts afresh
UNSEEN = -1  # the marks of a word not tested yet


class WordMarks:
    """Bit marks of words by a few tests, learnt word by word.

    A scan that looks for rare words (head nouns, names' first words) asks
    every word of a doc; the marks answer all its tests in one dictionary
    lookup per token, and :meth:`marked` leaves only the positions worth a
    closer look. Each test gets its bit from :meth:`add`, before any word is
    marked.
    """

    def __init__(self) -> None:
        self._tests: list[Callable[[str], bool]] = []
        self._marks: dict[str, int] = {}

    def add(self, test: Callable[[str], bool]) -> int:
        """A new test: its bit in the marks."""
        if self._marks:
            raise RuntimeError("a test added after words were marked would miss them")
        self._tests.append(test)
        return 1 << (len(self._tests) - 1)

    def of(self, word: str) -> int:
        """The marks of one word."""
        marks = self._marks.get(word)
        if marks is None:
            if len(self._marks) >= MAX_MARKED_WORDS:
                self._marks.clear()
            marks = sum(1 << k for k, test in enumerate(self._tests) if test(word))
            self._marks[word] = marks
        return marks

    def marked(self, words: Sequence[str]) -> list[tuple[int, int]]:
        """(position, marks) of the words with any mark, in order."""
        found = list(map(self._marks.get, words, repeat(UNSEEN)))
        if found and min(found) == UNSEEN:  # words not seen before: learn them
            found = [self.of(w) if m == UNSEEN else m for m, w in zip(found, words, strict=True)]
        return [(i, found[i]) for i in compress(range(len(found)), found)]


WORD_MARKS = WordMarks()  # the tests of the org grammar and the places, in one scan a doc


def marked_words(doc: Doc) -> list[tuple[int, int]]:
    """:data:`WORD_MARKS` of the doc's words: (position, marks) of the marked
    ones. Computed once per doc (cached in ``doc.user_data``)."""
    found: list[tuple[int, int]] | None = doc.user_data.get("kx_marks")
    if found is None:
        found = doc.user_data["kx_marks"] = WORD_MARKS.marked(docdata.words(doc))
    return found
