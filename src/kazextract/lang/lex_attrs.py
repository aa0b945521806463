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

from spacy.attrs import LIKE_NUM

from ..resources import read_tsv

NUMBER_WORDS: frozenset[str] = frozenset(row["word"] for row in read_tsv("numbers.tsv"))
_DIGITS = re.compile(r"^[+-]?\d+([.,]\d+)*(-[^\W\d_]+)?$")


def like_num(text: str) -> bool:
    """True for digits, Kazakh number words and their inflected forms."""
    if _DIGITS.match(text):
        return True
    lower = text.lower()
    if lower in NUMBER_WORDS:
        return True
    # an inflected number word: the longest number-word prefix leaves a short ending
    return any(lower.startswith(word) and len(lower) - len(word) <= 4 and len(word) >= 3 for word in NUMBER_WORDS)


LEX_ATTRS: dict[int, Callable[[str], Any]] = {LIKE_NUM: like_num}
