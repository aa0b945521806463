"""Cheap equivalents of gazetteer and morph calls that scans over a doc make.

Each function here gives the answer of a shared lookup (not owned by the
components) at a fraction of its cost, and says why the answer is the same.
:class:`WordMarks` lets a scan visit only the tokens whose word passes its
cheap test, instead of asking every token.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .. import gazetteer as gz


def may_start(table: gz.NameTable, word: str) -> bool:
    """Whether ``table.longest_at`` can find a name starting at ``word``.

    :meth:`~kazextract.gazetteer.NameTable.longest_at` finds a name of two
    words or more only when the first word is in the table's ``first_words``,
    and a one-word name only when :meth:`~kazextract.gazetteer.NameTable.lookup`
    of that word alone finds it. A word that passes neither test starts no
    name, so a scan may skip the probe there. Not cached itself: scans ask
    it through a per-word memo (:class:`WordMarks`, ``org_grammar.word_facts``).
    """
    return gz.fold(word) in table.first_words or table.lookup([word]) is not None


def name_at(table: gz.NameTable, words: Sequence[str], i: int) -> tuple[int, gz.Entry] | None:
    """``table.longest_at(words, i)``, probed only where :func:`may_start` allows."""
    if i >= len(words) or not may_start(table, words[i]):
        return None
    return table.longest_at(words, i)


MAX_MARKED = 1 << 16  # words whose marks are remembered before the memo starts afresh


class WordMarks:
    """Bit marks of a word by a few tests.

    A scan that looks for rare words (head nouns, names' first words) would
    ask every word of a doc; instead each word's marks are computed once
    (org_grammar's Tok of the word carries them) and a scan visits only the
    tokens with its bit. Each test gets its bit from :meth:`add`, before any
    word is marked.
    """

    def __init__(self) -> None:
        self._tests: list[Callable[[str], bool]] = []
        self._used = False
        self._marks: dict[str, int] = {}  # word -> its marks (a word's Tok is made once per position kind)

    def add(self, test: Callable[[str], bool]) -> int:
        """A new test: its bit in the marks."""
        if self._used:
            raise RuntimeError("a test added after words were marked would miss them")
        self._tests.append(test)
        return 1 << (len(self._tests) - 1)

    def of(self, word: str) -> int:
        """The marks of one word, remembered (the tests depend on the word alone)."""
        marks = self._marks.get(word)
        if marks is None:
            self._used = True
            if len(self._marks) >= MAX_MARKED:
                self._marks.clear()
            marks = self._marks[word] = sum(1 << k for k, test in enumerate(self._tests) if test(word))
        return marks


WORD_MARKS = WordMarks()  # the tests of the org grammar and the places: each Tok carries its marks
