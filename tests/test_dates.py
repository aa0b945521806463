"""The dates component against a hand-written table, plus the seed article.

``tests/data/dates_table.tsv`` holds (sentence, published, expected dates);
each row runs the whole pipeline on the sentence as an article with that
``published`` and compares every date's text, value, granularity and
``relative`` flag, and that an unresolved date leaves a warning.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from kazextract import extract
from kazextract.build import build_record
from kazextract.dates_grammar import (
    FUTURE,
    PAST,
    RULES,
    clause_tense,
    find_dates,
    is_past,
    may_start,
    may_start_at,
    month_of,
    read_number,
    resolve,
)
from kazextract.pipeline import load_pipeline, run
from kazextract.reader import Article

TABLE = Path(__file__).parent / "data" / "dates_table.tsv"
SEED = Path(__file__).resolve().parents[1] / "samples" / "turksoy-cinema.txt"


def _rows() -> list[tuple[str, str | None, list[list[object]]]]:
    rows = []
    lines = [ln for ln in TABLE.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    for line in lines[1:]:
        sentence, published, expected = line.split("\t")
        rows.append((sentence, published or None, json.loads(expected)))
    return rows


ROWS = _rows()


def test_table_is_large_enough() -> None:
    assert len(ROWS) >= 250


@pytest.mark.parametrize(("sentence", "published", "expected"), ROWS, ids=[f"row{n}" for n in range(1, len(ROWS) + 1)])
def test_table_row(sentence: str, published: str | None, expected: list[list[object]]) -> None:
    doc = run(load_pipeline(), Article(text=sentence, published=published))
    record = build_record(doc)
    got = [[d.text, d.value, d.granularity, d.relative] for d in record.dates]
    assert got == expected
    for d in record.dates:
        assert sentence[d.start : d.end] == d.text
    unresolved = any(d.value is None for d in record.dates)
    assert unresolved == any("unresolved" in w for w in record.warnings)


def test_seed_article_header_date_and_no_duration() -> None:
    text = SEED.read_text(encoding="utf-8")
    record = extract(text)
    header = [d for d in record.dates if d.text == "2025-10-05"]
    assert header and header[0].value == "2025-10-05" and header[0].granularity == "day"
    assert text[header[0].start : header[0].end] == "2025-10-05"
    assert text.index("2025-10-05") == header[0].start
    duration = text.index("соңғы 32 жылда")
    assert not [d for d in record.dates if d.start <= duration + 10 < d.end]


def test_relative_without_published_is_never_the_clock() -> None:
    record = extract("Кеше жиын өтті.\nБүгін де жалғасты.")
    assert record.published is None
    assert [d.value for d in record.dates] == [None, None]
    assert record.warnings


def test_month_words_see_through_endings() -> None:
    assert month_of("қыркүйегінде") is not None and month_of("қыркүйегінде").number == 9  # type: ignore[union-attr]
    assert month_of("шілдесінің").number == 7  # type: ignore[union-attr]
    assert month_of("тамыры") is None
    assert month_of("майда") is None  # Kazakh "in oil", not Russian May


def test_number_words() -> None:
    words = "бір мың тоғыз жүз тоқсан бірінші жылы".split()
    number = read_number(words, 0)
    assert number is not None and (number.value, number.end, number.ordinal) == (1991, 6, True)
    possessed = read_number(["жиырма", "бірінде"], 0)
    assert possessed is not None and (possessed.value, possessed.possessed) == (21, "loc")


# A number and its endings (date_words.tsv: digit_ordinal, digit_case,
# number_word_case, possessed_number_case; the possessive and the case
# endings from morph's tables): (value, ordinal, case after the possessive).
NUMBER_FORMS = [
    ("5", (5, False, None)),
    ("2019-ыншы", (2019, True, None)),
    ("5-ші", (5, True, None)),
    ("3ші", (3, True, None)),
    ("5-і", (5, False, "nom")),
    ("20-сы", (20, False, "nom")),
    ("1-інен", (1, False, "abl")),
    ("15-інде", (15, False, "loc")),
    ("20-сында", (20, False, "loc")),
    ("5-ін", (5, False, "acc")),
    ("5-іне", (5, False, "dat")),
    ("5-інің", (5, False, "gen")),
    ("5-індегі", (5, False, "attr")),  # after digits only
    ("5-нен", (5, False, "abl")),
    ("10-ға", (10, False, "dat")),
    ("7-де", None),  # not a case the table lists after digits
    ("5-імен", None),  # the instrumental is not a date's case
    ("бесі", (5, False, "nom")),
    ("бесінде", (5, False, "loc")),
    ("бесінен", (5, False, "abl")),
    ("жиырмасында", (20, False, "loc")),
    ("бесіне", (5, False, "dat")),
    ("оннан", (10, False, "abl")),
    ("тоқсаннан", (90, False, "abl")),
    ("онда", None),  # also "there": -да after a number word is not in the table
    ("бесіндегі", None),  # the attributive only after digits
    ("бесінші", (5, True, None)),
]


@pytest.mark.parametrize(("word", "expected"), NUMBER_FORMS)
def test_a_number_and_its_endings(word: str, expected: tuple[int, bool, str | None] | None) -> None:
    number = read_number([word], 0)
    got = None if number is None else (number.value, number.ordinal, number.possessed)
    assert got == expected


def test_tense_of_the_clause() -> None:
    assert is_past(["өтті", "."])
    assert not is_past(["өтеді", "."])
    assert is_past(["келген", "еді", "."])
    # reported speech: the quoted predicate decides, not деді "said"
    assert not is_past(["келеміз", "»", ",", "—", "деді", "ол", "."])
    assert is_past(["келді", "»", ",", "—", "деді", "министр", "."])
    assert not is_past(["өткізілмек", "."])


def test_tense_longest_suffix_and_unclear() -> None:
    # -йды is past after a consonant stem (қой+ды), present only as -айды/-ейді
    assert clause_tense(["қол", "қойды", "."]) == PAST
    assert clause_tense(["жасайды", "."]) == FUTURE
    # -дады (қабылда+ды) outweighs the present -ады (бар+ады)
    assert clause_tense(["қабылдады", "."]) == PAST
    assert clause_tense(["барады", "."]) == FUTURE
    # no predicate we know: unclear, not future
    assert clause_tense(["Бірлік", "күні", "."]) is None
    assert clause_tense(["."]) is None
    # the date's own clause ends before ", ал ..."
    assert clause_tense(["өтті", ",", "ал", "келесі", "кездесу", "болады", "."]) == PAST


def test_resolve_day_without_year_around_new_year() -> None:
    [find] = find_dates("5 қаңтарда".split())
    assert resolve(find, dt.date(2025, 12, 20), past=False).value == "2026-01-05"
    assert resolve(find, dt.date(2025, 12, 20), past=True).value == "2025-01-05"
    assert resolve(find, None, past=True).value is None


def test_resolve_unclear_tense_takes_the_nearest() -> None:
    [day] = find_dates("5 қаңтарда".split())
    assert resolve(day, dt.date(2025, 12, 20), past=None).value == "2026-01-05"
    assert resolve(day, dt.date(2025, 3, 1), past=None).value == "2025-01-05"
    [month] = find_dates("қаңтарда".split())
    # six months either way: the tie goes to the one not after published
    assert resolve(month, dt.date(2025, 7, 15), past=None).value == "2025-01"
    assert resolve(month, dt.date(2025, 8, 15), past=None).value == "2026-01"


def test_rules_only_match_where_a_date_may_start() -> None:
    """``find_dates`` skips words that :func:`may_start` (the word alone) or
    :func:`may_start_at` (a number with the word after it) reject, for speed;
    that is only sound if no rule ever matches at such a word. Checked at
    every word of the table's sentences and of the sample articles, tokenised
    as the pipeline does."""
    nlp = load_pipeline()
    texts = [row[0] for row in ROWS] + [p.read_text(encoding="utf-8") for p in sorted(SEED.parent.glob("*.txt"))]
    matched = 0
    for text in texts:
        words = [token.text for token in nlp.make_doc(text)]
        for i, word in enumerate(words):
            if any(rule(words, i) is not None for rule in RULES):
                matched += 1
                assert may_start(word), (word, text)
                assert may_start_at(words, i), (word, text)
    assert matched >= len(ROWS)  # the check saw the dates, not an empty corpus
