"""The Kazakh language for spaCy, registered as ``"kk"``.

spaCy 3.8 ships no Kazakh; this package is laid out like spaCy's own
``spacy/lang/<code>/`` packages (compare ``tt`` and ``ky``): punctuation,
tokenizer exceptions, stop words and lexical attributes in small modules,
gathered by a ``Defaults`` class. The word lists themselves are data files
under ``models/lang/`` and ``models/numbers.tsv``.
"""

from __future__ import annotations

import re

from spacy.language import BaseDefaults, Language
from spacy.util import registry

from .lex_attrs import LEX_ATTRS
from .punctuation import TOKEN_MATCH, TOKENIZER_INFIXES, TOKENIZER_PREFIXES, TOKENIZER_SUFFIXES
from .stop_words import STOP_WORDS
from .tokenizer_exceptions import ABBREVIATION_NORMS, TOKENIZER_EXCEPTIONS, without_redundant

_TOKEN_MATCH = re.compile(TOKEN_MATCH).match


class KazakhDefaults(BaseDefaults):
    # the special cases left: not the abbreviations (TOKEN_MATCH keeps them
    # whole, lex_attrs.norm expands them), nor those the affix rules make
    # anyway (see without_redundant)
    tokenizer_exceptions = without_redundant(
        {form: tokens for form, tokens in TOKENIZER_EXCEPTIONS.items() if form not in ABBREVIATION_NORMS},
        TOKENIZER_PREFIXES,
        TOKENIZER_SUFFIXES,
        TOKENIZER_INFIXES,
        _TOKEN_MATCH,
    )
    prefixes = TOKENIZER_PREFIXES
    suffixes = TOKENIZER_SUFFIXES
    infixes = TOKENIZER_INFIXES
    lex_attr_getters = LEX_ATTRS
    stop_words = STOP_WORDS
    token_match = _TOKEN_MATCH


class Kazakh(Language):
    lang = "kk"
    Defaults = KazakhDefaults


registry.languages.register("kk", func=Kazakh)

__all__ = ["Kazakh"]
