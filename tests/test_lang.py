"""The Kazakh spaCy language: tokens, sentence boundaries, number words.

The tables are real shapes from Kazakh news: hyphenated case endings after
digits, acronyms and Latin names, abbreviations with full stops, initials,
quotes glued to words, and the letters Ғ Қ Ұ that spaCy's classes miss.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest
import spacy

from conftest import KAZNERD_VALID, require
from kazextract.lang import Kazakh
from kazextract.lang.lex_attrs import like_num
from kazextract.lang.tokenizer_exceptions import TOKENIZER_EXCEPTIONS
from kazextract.pipeline import load_pipeline, run
from kazextract.reader import read_text

TOKEN_TABLE = [
    ("Қ.Тоқаев Астанаға келді.", ["Қ.", "Тоқаев", "Астанаға", "келді", "."]),
    ("А. Байтұрсынұлы атындағы мектеп", ["А.", "Байтұрсынұлы", "атындағы", "мектеп"]),
    ("2025 ж. 5 қазанда", ["2025", "ж.", "5", "қазанда"]),
    ("2024–2026 жж. аралығында", ["2024", "–", "2026", "жж.", "аралығында"]),
    ("2024-2026 жылдары", ["2024", "-", "2026", "жылдары"]),
    ("5-7 қазан аралығында", ["5", "-", "7", "қазан", "аралығында"]),
    ("қазанның 5-і күні", ["қазанның", "5-і", "күні"]),
    ("2019-ыншы жылы", ["2019-ыншы", "жылы"]),
    ("200-ден астам адам", ["200-ден", "астам", "адам"]),
    ("5-қазанда өтті", ["5-қазанда", "өтті"]),
    ("ЮНЕСКО-мен бірлесіп", ["ЮНЕСКО-мен", "бірлесіп"]),
    ("ШЫҰ-ға мүше", ["ШЫҰ-ға", "мүше"]),
    ("Google-дың өкілі", ["Google-дың", "өкілі"]),
    ("12,5 %-ке өсті", ["12,5", "%-ке", "өсті"]),
    ("Сондай-ақ Нұр-Сұлтан мен Қасым-Жомарт", ["Сондай-ақ", "Нұр-Сұлтан", "мен", "Қасым-Жомарт"]),
    ("«Қазақстан темір жолы» ҰК АҚ", ["«", "Қазақстан", "темір", "жолы", "»", "ҰК", "АҚ"]),
    ("„Болашақ“ бағдарламасы", ["„", "Болашақ", "“", "бағдарламасы"]),
    ("“Болашақ” бағдарламасы", ["“", "Болашақ", "”", "бағдарламасы"]),
    ("«Қорқыт ата»кинофестивалі", ["«", "Қорқыт", "ата", "»", "кинофестивалі"]),
    ("келісім жасалды.Ертең", ["келісім", "жасалды", ".", "Ертең"]),
    ("Бұл жоқ.", ["Бұл", "жоқ", "."]),
    ("Мәселе анық.", ["Мәселе", "анық", "."]),
    ("Ол ұлық.", ["Ол", "ұлық", "."]),
    ("тау-кен, мұнай-газ т.б. салалар", ["тау-кен", ",", "мұнай-газ", "т.б.", "салалар"]),
    ("т.с.с. мәселелер", ["т.с.с.", "мәселелер"]),
    ("б.з.д. IV ғ.", ["б.з.д.", "IV", "ғ."]),
    ("05.10.2025 жылы", ["05.10.2025", "жылы"]),
    ("2025-10-05 күні", ["2025-10-05", "күні"]),
    ("2025/10/05 күні", ["2025/10/05", "күні"]),
    ("АСТАНА. KAZINFORM — Ақтауда", ["АСТАНА", ".", "KAZINFORM", "—", "Ақтауда"]),
    ("(ТҮРКСОЙ) шеңберінде", ["(", "ТҮРКСОЙ", ")", "шеңберінде"]),
    ("Министр: «Біз дайынбыз!» — деді.", ["Министр", ":", "«", "Біз", "дайынбыз", "!", "»", "—", "деді", "."]),
    ("5 млн теңге", ["5", "млн", "теңге"]),
    ("ҚР Президенті", ["ҚР", "Президенті"]),
    ("Ақтау мен Ашхабадтың", ["Ақтау", "мен", "Ашхабадтың"]),
]


@pytest.fixture(scope="module")
def nlp() -> spacy.Language:
    return Kazakh()


@pytest.mark.parametrize(("text", "expected"), TOKEN_TABLE)
def test_tokens(nlp: spacy.Language, text: str, expected: list[str]) -> None:
    assert [t.text for t in nlp(text)] == expected


def test_registered_as_kk() -> None:
    assert spacy.blank("kk").lang == "kk"
    assert isinstance(spacy.blank("kk"), Kazakh)


SENTENCE_TABLE = [
    ("Бірінші сөйлем. Екінші сөйлем.", ["Бірінші сөйлем.", "Екінші сөйлем."]),
    ("Келісімге 2025 ж. 5 қазанда қол қойылды. Ол күшіне енді.", ["Келісімге 2025 ж. 5 қазанда қол қойылды.", "Ол күшіне енді."]),
    ("Оны А. Байтұрсынұлы жазған. Кітап шықты.", ["Оны А. Байтұрсынұлы жазған.", "Кітап шықты."]),
    ("Мұнай, газ т.б. салалар қамтылды. Бұл маңызды.", ["Мұнай, газ т.б. салалар қамтылды.", "Бұл маңызды."]),
    ("ТАҚЫРЫП ЖОЛЫ\nАСТАНА. KAZINFORM — Мәтін басталды.", ["ТАҚЫРЫП ЖОЛЫ", "АСТАНА.", "KAZINFORM —", "Мәтін басталды."]),
    ("Ол: «Біз дайынбыз.» Сосын кетті.", ["Ол: «Біз дайынбыз.»", "Сосын кетті."]),
    ("Сұрақ па? Иә! Жақсы…", ["Сұрақ па?", "Иә!", "Жақсы…"]),
    ("Қ.Тоқаев келді. Кездесу өтті.", ["Қ.Тоқаев келді.", "Кездесу өтті."]),
]


@pytest.mark.parametrize(("text", "expected"), SENTENCE_TABLE)
def test_sentences(text: str, expected: list[str]) -> None:
    doc = run(load_pipeline(), read_text(text))
    assert [s.text.strip() for s in doc.sents if s.text.strip()] == expected


@pytest.mark.parametrize(
    "word",
    ["5", "2025", "12,5", "2019-ыншы", "5-і", "бір", "жиырма", "мың", "бесінші", "екіден", "жиырмасыншы", "Бес"],
)
def test_like_num_true(word: str) -> None:
    assert like_num(word)


@pytest.mark.parametrize("word", ["Астана", "келісім", "бірлестігі", "онда", "мыңдаған адам", "ж."])
def test_like_num_false(word: str) -> None:
    assert not like_num(word)


def _kaznerd_sentences() -> list[list[str]]:
    sentences, current = [], []
    for line in require(KAZNERD_VALID).read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if parts:
            current.append(parts[0])
        elif current:
            sentences.append(current)
            current = []
    return sentences


def test_kaznerd_hyphenated_endings_stay_whole(nlp: spacy.Language) -> None:
    """Every KazNERD token of the shape digits/%/acronym + hyphen + ending
    (1-інші, %-ке, 2020-сыншы) comes back as one token from our tokenizer."""
    shape = re.compile(r"^(\d+|%|[A-ZА-ЯӘҒҚҢӨҰҮҺІ]{2,})-[^\W\d_]+$")
    checked = 0
    for tokens in _kaznerd_sentences():
        targets = [t for t in tokens if shape.match(t)]
        if not targets:
            continue
        ours = {t.text for t in nlp(" ".join(tokens))}
        for target in targets:
            assert target in ours, f"{target!r} split in: {' '.join(tokens)}"
            checked += 1
    assert checked > 300  # the validation split has several hundred such tokens


def test_kaznerd_quotes_split_from_words(nlp: spacy.Language) -> None:
    """KazNERD writes « and » as tokens of their own; written as prose with the
    quotes glued to the words, our tokenizer splits them off again."""
    checked = 0
    for tokens in _kaznerd_sentences():
        if "«" not in tokens or "»-дан" in tokens:
            continue
        prose = " ".join(tokens).replace("« ", "«").replace(" »", "»")
        assert [t.text for t in nlp(prose)] == tokens
        checked += 1
    assert checked > 500


# --------------------------------------------------------------------------
# special cases left out of the tokenizer (lang.tokenizer_exceptions.without_redundant)

REPO = Path(__file__).resolve().parents[1]


def _full_table_tokenizer() -> spacy.tokenizer.Tokenizer:
    """Our tokenizer with every exception, the no-op ones included."""
    tokenizer = Kazakh().tokenizer
    tokenizer.rules = TOKENIZER_EXCEPTIONS
    return tokenizer


def _tokens(tokenizer: spacy.tokenizer.Tokenizer, text: str) -> list[tuple[str, str, str, int]]:
    return [(t.text, t.whitespace_, t.norm_, t.idx) for t in tokenizer(text)]


def _repo_texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((REPO / "samples").glob("*.txt"))]
    for path in sorted((REPO / "tests" / "data").glob("*.jsonl")):
        texts += [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return texts


def test_no_op_special_cases_are_left_out(nlp: spacy.Language) -> None:
    """The line break, the space and the em dash are no special cases: spaCy
    stops caching a doc's words after the first special case it meets, and
    these are in every article."""
    rules = nlp.tokenizer.rules
    for form in ("\n", " ", "\t", "—"):
        assert form in TOKENIZER_EXCEPTIONS and form not in rules


@pytest.mark.parametrize(
    ("text", "abbreviation", "expansion"),
    [
        ("2025 ж. 5 қазан", "ж.", "жыл"),
        ("(2024–2026 жж.)", "жж.", "жылдар"),
        ("(ж.", "ж.", "жыл"),
        ("«т.б.»", "т.б.", "тағы басқа"),
        ("т.б., тағы", "т.б.", "тағы басқа"),
        ("Ж. Баласағұн", "Ж.", "жыл"),
    ],
)
def test_abbreviations_are_whole_tokens_with_their_expansion_without_a_special_case(
    nlp: spacy.Language, text: str, abbreviation: str, expansion: str
) -> None:
    """Abbreviations are kept whole by the token match and expanded by the
    norm of their word, not by special cases (which would stop the cache
    for the rest of the article)."""
    assert abbreviation in TOKENIZER_EXCEPTIONS and abbreviation not in nlp.tokenizer.rules
    [token] = [t for t in nlp(text) if t.text == abbreviation]
    assert token.norm_ == expansion


def test_tokens_equal_those_of_the_full_exception_table(nlp: spacy.Language) -> None:
    """Leaving the no-op special cases out changes no token (text, space,
    norm, offset): on every article shipped in the repository, each also as
    the reader cleans it, and on the token table above."""
    full = _full_table_tokenizer()
    texts = _repo_texts()
    texts += [read_text(text).text for text in texts] + [text for text, _ in TOKEN_TABLE]
    assert len(texts) > 300
    for text in texts:
        assert _tokens(nlp.tokenizer, text) == _tokens(full, text), text[:80]


def test_tokens_equal_those_of_the_full_exception_table_on_odd_strings(nlp: spacy.Language) -> None:
    """The same on strings glued from the left-out forms, the kept
    abbreviations, quotes, dashes, spaces and words (seeded, so repeatable):
    a left-out form inside quotes or brackets, after a prefix or before a
    suffix must still come out as the full table makes it."""
    left_out = sorted(set(TOKENIZER_EXCEPTIONS) - set(nlp.tokenizer.rules))
    kept = sorted(nlp.tokenizer.rules)[:60]
    glue = ["«", "»", "(", ")", ".", ",", "—", "-", "Қ", "сөз", "Астана", "2025", "ж", "\n", " ", "  ", "\xa0", ":", '"', "’", "…"]
    atoms = left_out + kept + glue
    full = _full_table_tokenizer()
    rng = random.Random(7)
    for _ in range(5000):
        text = "".join(rng.choice(atoms) for _ in range(rng.randint(1, 6)))
        assert _tokens(nlp.tokenizer, text) == _tokens(full, text), repr(text)


def test_kaznerd_tokens_equal_those_of_the_full_exception_table(nlp: spacy.Language) -> None:
    full = _full_table_tokenizer()
    sentences = [" ".join(tokens) for tokens in _kaznerd_sentences()]
    assert len(sentences) > 1000
    for text in sentences:
        assert _tokens(nlp.tokenizer, text) == _tokens(full, text), text[:80]
