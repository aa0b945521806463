"""Tokenizer exceptions: abbreviations and initials that keep their full stop.

The abbreviations are data (``models/lang/abbreviations.tsv``). Each one with a
full stop is a single token, in lower case and, for the capitalisable ones, in
title case too, so that ``ж.`` in ``2025 ж. 5 қазан`` never ends a sentence.
Every upper-case letter followed by a full stop (``А.``, ``Қ.``) is an initial.

:data:`TOKENIZER_EXCEPTIONS` is the whole table, what the tokens must be. The
language (``lang/__init__.py``) makes the abbreviations whole by its token match
(``punctuation.TOKEN_MATCH``) and expands them in their words' norm
(``lex_attrs.norm``), and keeps as special cases only the rest, less the no-op
ones (:func:`without_redundant`): the tokens are the same, and spaCy's cache
keeps working (a special case stops it for the rest of a doc).
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.lang.tokenizer_exceptions import BASE_EXCEPTIONS
from spacy.symbols import NORM, ORTH
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex, update_exc
from spacy.vocab import Vocab

from ..resources import read_tsv

_KAZAKH_UPPER = "АӘБВГҒДЕЁЖЗИЙКҚЛМНҢОӨПРСТУҰҮФХҺЦЧШЩЪЫІЬЭЮЯ"
_LATIN_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"

ABBREVIATIONS: dict[str, str] = {row["form"]: row["expansion"] for row in read_tsv("lang/abbreviations.tsv")}


def _written_abbreviations() -> dict[str, str]:
    """Every abbreviation with a full stop, in lower and in title case
    (``ж.``, ``Ж.``) -> its expansion (``жыл``)."""
    out: dict[str, str] = {}
    for form, expansion in ABBREVIATIONS.items():
        if "." in form:
            for variant in (form, form[:1].upper() + form[1:]):
                out[variant] = expansion  # a later row wins, as it did in the exception table
    return out


ABBREVIATION_NORMS: dict[str, str] = _written_abbreviations()


def _exceptions() -> dict[str, list[dict[int, str]]]:
    exc: dict[str, list[dict[int, str]]] = {}
    for variant, expansion in ABBREVIATION_NORMS.items():
        exc[variant] = [{ORTH: variant, NORM: expansion}]
    for letter in _KAZAKH_UPPER + _LATIN_UPPER:
        exc.setdefault(f"{letter}.", [{ORTH: f"{letter}."}])
    return exc


TOKENIZER_EXCEPTIONS = update_exc(BASE_EXCEPTIONS, _exceptions())
"""The whole table: what the tokens must be. The language itself leaves out
of it the abbreviations (made whole by ``punctuation.TOKEN_MATCH`` instead,
their expansion given by ``lex_attrs.norm``) and the no-op cases
(:func:`without_redundant`): spaCy stops caching a doc's words after the
first special case it uses."""


def without_redundant(
    exceptions: dict[str, list[dict[int, str]]],
    prefixes: list[str],
    suffixes: list[str],
    infixes: list[str],
    token_match: Callable[[str], object] | None,
) -> dict[str, list[dict[int, str]]]:
    """``exceptions`` less those the affix rules make anyway: one token, the
    form itself, with no attribute but its text (``"\\n"``, ``" "``, ``"—"``).

    Why: spaCy's tokenizer caches the tokens of each whitespace-separated
    chunk, but once a special case has been used in a doc it caches nothing
    more in that doc (``Tokenizer._save_cached`` and its ``has_special`` flag,
    spaCy issue #1250). spaCy's base exceptions include the line break and the
    em dash, so after the first line of an article every word went through
    the prefix, suffix and infix regexes again: ~2.2 ms an article against
    ~0.06 ms with these no-op cases left out. The tokens are the same, as the
    test in ``tests/test_lang.py`` checks against the full table.
    """
    bare = Tokenizer(
        Vocab(),
        rules={},
        prefix_search=compile_prefix_regex(prefixes).search,
        suffix_search=compile_suffix_regex(suffixes).search,
        infix_finditer=compile_infix_regex(infixes).finditer,
        token_match=token_match,
    )

    def redundant(form: str, tokens: list[dict[int, str]]) -> bool:
        return tokens == [{ORTH: form}] and [t.text for t in bare(form)] == [form]

    return {form: tokens for form, tokens in exceptions.items() if not redundant(form, tokens)}
