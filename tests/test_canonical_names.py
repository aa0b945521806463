"""Names as the record gives them, from text as real pages write it.

Pages mix Latin look-alike letters into Cyrillic words (a Latin C in Cыртқы)
and put widgets with city names above the story. The canonical names are
clean Cyrillic nominatives; the mentions keep the text as written; the
furniture gives no mentions.
"""

from __future__ import annotations

import pytest

from kazextract import extract
from kazextract.morph import canonical


@pytest.mark.parametrize(
    ("phrase", "name"),
    [
        ("Cыртқы істер министрлігінің", "Сыртқы істер министрлігі"),  # Latin C
        ("Мәдениeт министрлігіне", "Мәдениет министрлігі"),  # Latin e
        ("Aқтауда", "Ақтау"),  # Latin A
        ("Қазақстан Pеспубликасының Үкіметімен", "Қазақстан Республикасының Үкіметі"),  # Latin P
        ("Google-дың", "Google"),  # a Latin name stays Latin
        ("«Kaz Logistics» компаниясымен", "«Kaz Logistics» компаниясы"),
        ("JICA-мен", "JICA"),
        ("ЮНЕСКО-мен", "ЮНЕСКО"),
        ("Ұлттық кино орталығы", "Ұлттық кино орталығы"),
    ],
)
def test_canonical(phrase: str, name: str) -> None:
    assert canonical(phrase) == name


def test_lookalike_letters_fold_in_names_not_in_mentions() -> None:
    text = "Тақырып\nCыртқы істер министрлігінің мәліметінше, Aқтауда форум өтті."
    record = extract(text)
    ministry = next(p for p in record.parties if p.kind == "organization")
    assert ministry.name == "Сыртқы істер министрлігі"
    assert ministry.mentions[0].text == "Cыртқы істер министрлігінің"
    assert [p.name for p in record.places] == ["Ақтау"]
    assert record.places[0].mentions[0].text == "Aқтауда"


def test_widget_city_above_the_story_is_not_a_place() -> None:
    text = (
        "None\nБасты бет | Саясат | Экономика | Қоғам\nUSD 512.40  EUR 598.15\nШымкент +21°C\n"
        "Түркістанда жаңа мектеп ашылды\nТүркістан облысында 300 орындық мектеп пайдалануға берілді.\n"
    )
    record = extract(text)
    assert "Шымкент" not in [p.name for p in record.places]
    assert record.title == "Түркістанда жаңа мектеп ашылды"


@pytest.mark.parametrize(
    ("phrase", "name"),
    [
        ("Дархан Сатыбалды", "Дархан Сатыбалды"),  # -ды is part of the name
        ("Асқар Жолды", "Асқар Жолды"),
        ("Айгүл Берді", "Айгүл Берді"),
        ("Ержан Нұрлыбаевты", "Ержан Нұрлыбаев"),  # accusative of a surname
        ("Қасым-Жомарт Тоқаевты", "Қасым-Жомарт Тоқаев"),
        ("Мұхтар Әуезовтің", "Мұхтар Әуезов"),  # front ending after the root Әуез-
        ("Мұхтар Әуезовті", "Мұхтар Әуезов"),
        ("Гүлнар Әлиеваның", "Гүлнар Әлиева"),
        ("Дархан Сатыбалдыға", "Дархан Сатыбалды"),
        ("Дархан Сатыбалдымен", "Дархан Сатыбалды"),
        ("Абдулла Қадыри", "Абдулла Қадыри"),
    ],
)
def test_person_names(phrase: str, name: str) -> None:
    from kazextract.components.persons import person_name

    assert person_name(phrase) == name


def test_person_with_accusative_looking_surname_in_an_article() -> None:
    text = "Тақырып\nҚұжатқа облыс әкімі Дархан Сатыбалды қол қойды."
    record = extract(text)
    assert [p.name for p in record.parties if p.kind == "person"] == ["Дархан Сатыбалды"]
