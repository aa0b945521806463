"""Punctuation rules of the Kazakh tokenizer.

Kazakh news uses «ёлочки» and „low-high“ quotes, em and en dashes, and the
ellipsis character. Two Kazakh habits change spaCy's defaults:

* hyphenated words stay whole: compounds (``сондай-ақ``, ``Қасым-Жомарт``,
  ``Нұр-Сұлтан``) and, above all, case endings written after digits, acronyms
  and Latin names (``200-ден``, ``5-і``, ``2019-ыншы``, ``ЮНЕСКО-мен``,
  ``Google-дың``, ``%-ке``): the ending belongs to the word, so spaCy's infix
  rule that splits letter-hyphen-letter is left out;
* an initial glued to a surname (``Қ.Тоқаев``) is split after the initial's
  full stop, so that the initial is one token ``Қ.`` and the surname another.
"""

from __future__ import annotations

import re

from spacy.lang.char_classes import ALPHA as BASE_ALPHA
from spacy.lang.char_classes import ALPHA_LOWER as BASE_LOWER
from spacy.lang.char_classes import ALPHA_UPPER as BASE_UPPER
from spacy.lang.char_classes import (
    CONCAT_QUOTES,
    LIST_ELLIPSES,
    LIST_ICONS,
)
from spacy.lang.punctuation import TOKENIZER_PREFIXES as BASE_PREFIXES
from spacy.lang.punctuation import TOKENIZER_SUFFIXES as BASE_SUFFIXES

from ..resources import alternation, group_by
from .tokenizer_exceptions import ABBREVIATION_NORMS

# spaCy's letter classes miss Ғ Қ Ұ (and their lower case): add the whole
# Kazakh Cyrillic alphabet so that rules written with letters see every letter.
KAZAKH_UPPER = "А-ЯЁӘҒҚҢӨҰҮҺІ"
KAZAKH_LOWER = "а-яёәғқңөұүһі"
ALPHA_UPPER = BASE_UPPER + KAZAKH_UPPER
ALPHA_LOWER = BASE_LOWER + KAZAKH_LOWER
ALPHA = BASE_ALPHA + KAZAKH_UPPER + KAZAKH_LOWER

_QUOTES_AND_DASHES = ["«", "»", "„", "“", "”", "‟", "—", "–", "…"]

# "%" is left out of the prefixes so that "%-ке" (per cent + dative) stays whole.
TOKENIZER_PREFIXES = _QUOTES_AND_DASHES + [p for p in BASE_PREFIXES if p != "%"]

# Whole tokens that the affix rules must not cut: ISO and slashed dates, and
# the abbreviations with a full stop (ж., т.б., Ж.), which are not special
# cases (see tokenizer_exceptions.TOKENIZER_EXCEPTIONS for why).
_ABBREVIATIONS = alternation(ABBREVIATION_NORMS)
TOKEN_MATCH = rf"^(?:\d{{4}}[-/]\d{{1,2}}[-/]\d{{1,2}}|{_ABBREVIATIONS})$"

# An abbreviation keeps its full stop after a prefix is cut off (``(ж.``):
# spaCy cuts a prefix and a suffix in one step, before TOKEN_MATCH sees what
# is left, so the suffix rules that cut a final full stop do not cut it when
# what they are given is an abbreviation. The test is a lookbehind after the
# full stop (one per length of abbreviation: Python's lookbehinds are of one
# width), so that it runs only where a full stop ends the text, not after
# every letter (before the full stop it made each suffix search 3x slower).
def _not_an_abbreviation() -> str:
    by_length = group_by((form for form in ABBREVIATION_NORMS if form.endswith(".")), len)
    return "".join(
        f"(?<!^(?:{'|'.join(map(re.escape, forms))}))" for _, forms in sorted(by_length.items())
    )


_NOT_AN_ABBREVIATION = _not_an_abbreviation()


def _keeping_abbreviations(rule: str) -> str:
    """A suffix rule that cuts a final full stop, made to leave an abbreviation's."""
    if rule.endswith(r"\."):
        return rule + _NOT_AN_ABBREVIATION
    return rule

# spaCy's suffix rules for a final full stop list letters without Ғ Қ Ұ
# ("жоқ." stayed whole): the same rules over the Kazakh alphabet. spaCy's own
# rule for two capitals is left out, as ours matches wherever it does: each
# rule costs start-up time to compile (~13 ms for this one).
_BASE_TWO_CAPITALS = rf"(?<=[{BASE_UPPER}][{BASE_UPPER}])\."
TOKENIZER_SUFFIXES = [
    _keeping_abbreviations(rule)
    for rule in (
        _QUOTES_AND_DASHES
        + [rule for rule in BASE_SUFFIXES if rule != _BASE_TWO_CAPITALS]
        + [
            rf"(?<=[{KAZAKH_LOWER}])\.",
            rf"(?<=[{ALPHA_UPPER}][{ALPHA_UPPER}])\.",
        ]
    )
]

TOKENIZER_INFIXES = (
    LIST_ELLIPSES
    + LIST_ICONS
    + [
        # 5+3, 2*2; but not the hyphen: 2024-2026 is split below, 200-ден is not
        r"(?<=[0-9])[+*^](?=[0-9])",
        # a year range 2024-2026 or 2024–2026: the dash is its own token
        r"(?<=[0-9]{4})[-–—](?=[0-9]{4}\b)",
        # day ranges 5-7 (digits on both sides, short numbers)
        r"(?:(?<=\b[0-9])|(?<=\b[0-9]{2}))[-–](?=[0-9]{1,2}\b)",
        # sentence glued to the next one: "келді.Ертең"
        rf"(?<=[{ALPHA_LOWER}{CONCAT_QUOTES}])\.(?=[{ALPHA_UPPER}{CONCAT_QUOTES}])",
        # initial glued to the surname: "Қ.Тоқаев" -> "Қ." + "Тоқаев"
        rf"(?<=\b[{ALPHA_UPPER}]\.)(?=[{ALPHA_UPPER}][{ALPHA_LOWER}])",
        # one mark between two letters: a comma, a dash, a colon, a slash, or
        # a quote glued to a word («Қорқыт ата»кинофестивалі). One rule, not
        # one per mark: each copy of the letter class costs start-up time
        # to compile (~4 ms)
        rf"(?<=[{ALPHA}])[,—–:<>=/«»„“”](?=[{ALPHA}])",
        rf"(?<=[0-9])[:<>=/](?=[{ALPHA}])",
    ]
)
