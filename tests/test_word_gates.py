"""The cheap tests that spare a new word its morphological analysis.

Each gate says "no" only where the full computation behind it would find
nothing, so skipping it changes no result. These tests check that claim on
large tables of real word forms: every gazetteer name, state and generic
place word declined in the seven cases (with the possessive and plural where
the grammar makes them), the sample articles' words and, when ``../shared``
is there, every KazNERD word; and they compare the indexed lookups of dates,
like_num and title cues with the full scans they replaced.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from conftest import KAZNERD_VALID
from kazextract import gazetteer as gz
from kazextract import morph
from kazextract.components import titles
from kazextract.dates_grammar import (
    _months,
    _number_endings,
    _numbers,
    fold,
    month_of,
    split_inflected,
)
from kazextract.dates_grammar import _number_word as number_word
from kazextract.dates_grammar import _words as date_words
from kazextract.evaluate_ner import read_iob2
from kazextract.lang.lex_attrs import NUMBER_WORDS, like_num
from kazextract.pipeline import load_pipeline

REPO = Path(__file__).resolve().parents[1]
CASES = ("nom", "gen", "dat", "acc", "loc", "abl", "ins")


def _declined(words: set[str]) -> set[str]:
    """Each word in the seven cases, bare, possessive and plural possessive
    (the forms ``inflect`` refuses, such as the plural of a word already
    possessive, are left out)."""
    out = set()
    for word in words:
        for case in CASES:
            for possessive, plural in ((False, False), (True, False), (True, True)):
                try:
                    out.add(morph.inflect(word, case, possessive=possessive, plural=plural))
                except ValueError:
                    continue
    return out


@cache
def word_forms() -> tuple[str, ...]:
    """Every last word of every gazetteer name, declined, capitalised and in
    capitals, with the words of the samples and of KazNERD: ~53,000 forms,
    ~74,000 with KazNERD."""
    last_words = {name.split()[-1] for table in _tables().values() for name in table}
    forms = _declined(last_words)
    forms |= {w.capitalize() for w in forms}
    # headlines in capitals: each word in two cases is enough to reach the all-caps reading
    forms |= {morph.inflect(w, case).upper() for w in last_words for case in ("nom", "loc")}
    nlp = load_pipeline()
    for path in sorted((REPO / "samples").glob("*.txt")):
        forms |= {t.text for t in nlp.make_doc(path.read_text(encoding="utf-8"))}
    if KAZNERD_VALID.exists():
        forms |= {w for s in read_iob2(KAZNERD_VALID) for w in s.text.split()}
    return tuple(sorted(f for f in forms if f))


@cache
def keys_of_forms() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(word, its word_keys) of every word form, analysed once for all tests."""
    return tuple((word, gz.word_keys(word)) for word in word_forms())


def _tables() -> dict[str, list[str]]:
    """Folded last words of each name table, and the keys of the word tables."""
    out = {}
    for name, table in (
        ("states", gz.states()),
        ("places", gz.places()),
        ("place words", gz.place_words()),
        ("companies", gz.companies()),
        ("international bodies", gz.intl_org_names()),
    ):
        out[name] = [" ".join(key) for key in table.names]
    out["nationalities"] = list(gz.nationalities())
    out["name grammar"] = list(gz.grammar_words())
    return out


def test_the_word_forms_are_many() -> None:
    assert len(word_forms()) > 40_000


@pytest.mark.parametrize(
    ("label", "table"),
    [
        ("states", gz.states),
        ("places", gz.places),
        ("place words", gz.place_words),
        ("companies", gz.companies),
        ("international bodies", gz.intl_org_names),
    ],
)
def test_a_name_table_never_turns_away_a_word_that_ends_one_of_its_names(label: str, table) -> None:
    """NameTable.may_end (first letters) against word_keys (the analysis)."""
    names = table()
    found = _words_let_through({key[-1] for key in names.names}, names.may_end, label)
    assert found > 100, label


@pytest.mark.parametrize(
    ("label", "table"),
    [
        ("nationalities", gz.nationalities),
        ("name grammar", gz.grammar_words),
    ],
)
def test_a_word_table_never_turns_away_a_word_that_gives_one_of_its_keys(label: str, table) -> None:
    found = _words_let_through(set(table()), gz._key_prefixes(table).may_hold, label)
    assert found > 50, label


def _words_let_through(keys: set[str], gate, label: str) -> int:
    """Asserts ``gate`` lets through every word form one of whose
    ``word_keys`` is in ``keys``; returns how many such forms there were."""
    found = 0
    for word, word_keys in keys_of_forms():
        if any(key in keys for key in word_keys):
            found += 1
            assert gate(word), (label, word)
    return found


def test_key_prefixes_keep_a_key_whose_last_letter_may_change() -> None:
    """A voiceless last letter is left out of the prefix (министрлік is read
    from министрлігі); a one-letter voiceless key lets any word through."""
    assert gz.KeyPrefixes(["министрлік"]).may_hold("министрлігіне")
    assert not gz.KeyPrefixes(["министр"]).may_hold("мектепке")
    assert gz.KeyPrefixes(["к"]).may_hold("Астана")
    assert not gz.KeyPrefixes(["су"]).may_hold("сөзі")


def test_the_plural_possessive_gate_never_turns_away_such_a_reading() -> None:
    found = 0
    for word in word_forms():
        if any(a.plural and a.possessive for a in morph.analyses(word)):
            found += 1
            assert morph.may_be_plural_possessive(word), word
    assert found > 1000


def _month_by_scan(word: str) -> tuple[int, str, str] | None:
    """month_of as it was: every month form tried in turn."""
    w = fold(word)
    for form, number, kind in _months():
        if kind != "name":
            if w == form:
                return number, "", kind
            continue
        ending = split_inflected(w, form, date_words("month_ending"))
        if ending is not None:
            return number, ending, kind
    return None


def _number_by_scan(word: str) -> tuple[int, str] | None:
    """_number_word's inflected reading as it was: every cardinal tried."""
    w = fold(word)
    if w in _numbers():
        return _numbers()[w]
    for base, (value, kind) in _numbers().items():
        if kind == "cardinal" and len(base) >= 2 and w.startswith(base) and w[len(base) :] in _number_endings():
            return value, kind
    return None


def test_month_and_number_words_read_as_by_a_full_scan() -> None:
    months = [f for f, _, _ in _months()]
    numbers = list(_numbers())
    words = set(word_forms()) | _declined(set(months)) | _declined(set(numbers))
    words |= {n + e for n in numbers for e in _number_endings()}
    seen_month = seen_number = 0
    for word in words:
        month = month_of(word)
        assert (None if month is None else (month.number, month.ending, month.kind)) == _month_by_scan(word), word
        got = number_word(word)
        assert (None if got is None else got[:2]) == _number_by_scan(word), word
        seen_month += month is not None
        seen_number += got is not None
    assert seen_month > 50 and seen_number > 200


def test_like_num_reads_as_by_a_full_scan() -> None:
    def by_scan(text: str) -> bool:
        lower = text.lower()
        return lower in NUMBER_WORDS or any(
            lower.startswith(w) and len(lower) - len(w) <= 4 and len(w) >= 3 for w in NUMBER_WORDS
        )

    words = set(word_forms()) | {n + e for n in NUMBER_WORDS for e in ("", "ден", "інші", "ге", "сы", "нан")}
    for word in words:
        if not word[:1].isdigit() and word[:1] not in "+-":
            assert like_num(word) == by_scan(word), word


def test_title_cues_read_as_by_a_full_scan() -> None:
    def by_scan(word: str, side: str) -> str | None:
        for stem, kind, cue_side in titles._cues():
            if cue_side != side:
                continue
            if stem.isupper():
                if word.split("-", 1)[0] == stem:
                    return kind
            elif word.lower().startswith(stem.lower()):
                return kind
        return None

    stems = [stem for stem, _, _ in titles._cues()]
    words = set(word_forms()) | _declined({s.lower() for s in stems if not s.isupper()}) | set(stems)
    found = 0
    for word in words:
        for side in ("after", "before"):
            kind = titles._cue_kind(word, side)
            assert kind == by_scan(word, side), (word, side)
            found += kind is not None
    assert found > 200


def test_known_acronyms_read_as_through_the_lemma_candidates() -> None:
    """parties._known_acronym looks a word not in capitals up directly; the
    answer is the one acronym_of (which analyses the word) gives."""
    from kazextract.components.org_grammar import is_all_caps
    from kazextract.components.parties import _known_acronym

    def by_analysis(word: str) -> str | None:
        base = word.split("-", 1)[0]
        known = gz.acronym_of(word)
        if known is not None and (is_all_caps(word) or base == known.acronym):
            return base
        return None

    acronyms = [org.acronym for org in gz.intl_orgs().values()]
    words = set(word_forms()) | {a + e for a in acronyms for e in ("", "-мен", "-нің", "-ға", "-дағы")}
    words |= _declined({a.lower() for a in acronyms if a.isalpha()})
    found = 0
    for word in words:
        got = _known_acronym(word)
        assert got == by_analysis(word), word
        found += got is not None
    assert found > 100
