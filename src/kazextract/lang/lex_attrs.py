"""Lexical attributes of Kazakh: ``like_num`` knows the number words.

The number words (cardinals, ordinals, multipliers) are data in
``models/numbers.tsv``; a token is number-like when it is digits (with a
hyphenated case ending such as ``2019-ыншы`` or ``5-і``), a number word, or a
number word with a case ending (``бесінші``, ``екіден``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from spacy.attrs import LIKE_NUM, NORM

from ..resources import group_by, read_tsv
from .tokenizer_exceptions import ABBREVIATION_NORMS

NUMBER_WORDS: frozenset[str] = frozenset(row["word"] for row in read_tsv("numbers.tsv"))
_DIGITS = re.compile(r"^[+-]?\d+([.,]\d+)*(-[^\W\d_]+)?$")
_STEM = 3  # letters of a number word that an inflected form (бесінші, екіден) starts with


def _number_words_by_start() -> dict[str, tuple[str, ...]]:
    """The number words of three letters or more by their first three: an
    inflected number word starts with its number word, so a new word is
    compared with the few of its own start, not with all of them (spaCy asks
    ``like_num`` of every new word it meets)."""
    return group_by(sorted(w for w in NUMBER_WORDS if len(w) >= _STEM), lambda word: word[:_STEM])


_NUMBER_WORDS_BY_START = _number_words_by_start()


def like_num(text: str) -> bool:
    """True for digits, Kazakh number words and their inflected forms."""
    if _DIGITS.match(text):
        return True
    lower = text.lower()
    if lower in NUMBER_WORDS:
        return True
    # an inflected number word: a number-word prefix leaves a short ending
    for word in _NUMBER_WORDS_BY_START.get(lower[:_STEM], ()):
        if lower.startswith(word) and len(lower) - len(word) <= 4:
            return True
    return False


def norm(text: str) -> str:
    """A word's norm: an abbreviation's expansion (``ж.`` -> ``жыл``), else
    the word in lower case (spaCy's default). The expansion is the word's,
    not a special case's: a special case would stop the tokenizer's cache."""
    return ABBREVIATION_NORMS.get(text) or text.lower()


LEX_ATTRS: dict[int, Callable[[str], Any]] = {LIKE_NUM: like_num, NORM: norm}
