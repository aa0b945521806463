"""The Kazakh spaCy language: tokens, sentence boundaries, number words.

The tables are real shapes from Kazakh news: hyphenated case endings after
digits, acronyms and Latin names, abbreviations with full stops, initials,
quotes glued to words, and the letters Ғ Қ Ұ that spaCy's classes miss.
"""

from __future__ import annotations

import re

import pytest
import spacy

from conftest import KAZNERD_VALID, require
from kazextract.lang import Kazakh
from kazextract.lang.lex_attrs import like_num
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
