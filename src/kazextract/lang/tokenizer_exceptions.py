"""Tokenizer exceptions: abbreviations and initials that keep their full stop.

The abbreviations are data (``models/lang/abbreviations.tsv``). Each one with a
full stop is a single token, in lower case and, for the capitalisable ones, in
title case too, so that ``ж.`` in ``2025 ж. 5 қазан`` never ends a sentence.
Every upper-case letter followed by a full stop (``А.``, ``Қ.``) is an initial.
"""

from __future__ import annotations

from spacy.lang.tokenizer_exceptions import BASE_EXCEPTIONS
from spacy.symbols import NORM, ORTH
from spacy.util import update_exc

from ..resources import read_tsv

_KAZAKH_UPPER = "АӘБВГҒДЕЁЖЗИЙКҚЛМНҢОӨПРСТУҰҮФХҺЦЧШЩЪЫІЬЭЮЯ"
_LATIN_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"

ABBREVIATIONS: dict[str, str] = {row["form"]: row["expansion"] for row in read_tsv("lang/abbreviations.tsv")}


def _exceptions() -> dict[str, list[dict[int, str]]]:
    exc: dict[str, list[dict[int, str]]] = {}
    for form, expansion in ABBREVIATIONS.items():
        if "." not in form:
            continue
        for variant in {form, form[:1].upper() + form[1:]}:
            exc[variant] = [{ORTH: variant, NORM: expansion}]
    for letter in _KAZAKH_UPPER + _LATIN_UPPER:
        exc.setdefault(f"{letter}.", [{ORTH: f"{letter}."}])
    return exc


TOKENIZER_EXCEPTIONS = update_exc(BASE_EXCEPTIONS, _exceptions())
