"""Kazakh stop words, read from ``models/lang/stop_words.txt``."""

from __future__ import annotations

from ..resources import read_words

STOP_WORDS: set[str] = set(read_words("lang/stop_words.txt"))
