"""Places: what counts as a place mention (RECORD.md, Conventions) and where it lies."""

from __future__ import annotations

import pytest

from kazextract import extract


def _places(text: str) -> dict[str, list[str]]:
    return {p.name: [m.text for m in p.mentions] for p in extract(text).places}


def test_dateline_alone_is_not_a_place() -> None:
    text = "Тақырып\nАСТАНА. KAZINFORM — Жиын өтті.\n"
    assert _places(text) == {}


def test_dateline_place_named_again_is_a_place() -> None:
    text = "Тақырып\nАСТАНА. KAZINFORM — Астанада жиын өтті.\n"
    assert _places(text) == {"Астана": ["Астанада"]}


def test_city_mention_leaves_out_its_generic_word() -> None:
    text = "Тақырып\nАлматы қаласында форум өтті."
    record = extract(text)
    (place,) = record.places
    (mention,) = place.mentions
    assert (place.name, mention.text) == ("Алматы", "Алматы")
    assert text[mention.start : mention.end] == "Алматы"


def test_region_mention_keeps_its_generic_word() -> None:
    assert _places("Тақырып\nМаңғыстау облысында жел станциясы салынады.") == {
        "Маңғыстау облысы": ["Маңғыстау облысында"]
    }


def test_place_inside_an_organisation_is_not_listed() -> None:
    assert _places("Тақырып\nҚостанай облысының білім басқармасы хабарлады.") == {}


def test_place_inside_a_quoted_title_is_not_listed() -> None:
    assert _places("Тақырып\n«Алматы Тауэр» ЖШС құрылысты аяқтады.") == {}


def test_place_inside_a_position_is_listed() -> None:
    assert _places("Тақырып\nШымкент қаласының әкімі кездесу өткізді.") == {"Шымкент": ["Шымкент"]}


def test_abbreviation_is_named_in_full() -> None:
    assert _places("Тақырып\nШҚО-да су тасқыны болды.") == {"Шығыс Қазақстан облысы": ["ШҚО-да"]}


def test_every_mention_of_one_place_is_kept() -> None:
    assert _places("Тақырып\nАқтауда фестиваль өтті. Ақтауға қонақтар келді.") == {
        "Ақтау": ["Ақтауда", "Ақтауға"]
    }


def test_state_inside_a_region_name_is_no_state() -> None:
    record = extract("Тақырып\nСолтүстік Қазақстан облысында егін жиналды.")
    assert [p.name for p in record.parties] == []
    assert [p.name for p in record.places] == ["Солтүстік Қазақстан облысы"]


def test_latin_lookalike_letters_are_read_as_cyrillic() -> None:
    text = "Тақырып\nCыртқы істер министрлігі Aлматыда брифинг өткізді."
    record = extract(text)
    assert [p.name for p in record.places] == ["Алматы"]
    (mention,) = record.places[0].mentions
    assert text[mention.start : mention.end] == "Aлматыда"


def test_month_named_like_a_city_in_a_date_is_no_place() -> None:
    # Қазан is the month October and the city Kazan: between a day and a year it is the month
    text = "Тақырып\nСаясат • 14 Қазан, 2024\nДелегация Қазанда болды."
    assert _places(text) == {"Қазан": ["Қазанда"]}



@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Қостанай ауданында жаңа мектеп ашылды.", [("Қостанай ауданы", "region", "KZ")]),
        ("Шемонаиха ауданының әкімі келді.", [("Шемонаиха ауданы", "region", "KZ")]),
        ("Беларусьтің Гомель облысымен келісім жасалды.", [("Гомель облысы", "region", "BY")]),
        ("Қостанайда жаңа мектеп ашылды.", [("Қостанай", "city", "KZ")]),
    ],
)
def test_unit_named_after_its_city_is_the_unit(sentence: str, expected: list[tuple[str, str, str]]) -> None:
    """RECORD.md keeps облысы/ауданы in a place's name: a district or region
    named after its city is that unit, not the city."""
    record = extract("Тақырып\n" + sentence)
    assert [(p.name, p.kind, p.country) for p in record.places] == expected


def test_aimak_names_a_region_in_its_state() -> None:
    """``аймағы`` (a Mongolian or Chinese region) keeps its word like ``облысы``
    and lies in the state named in the genitive before it."""
    record = extract("Тақырып\nМоңғолияның Ховд аймағымен сауда артты.")
    assert [(p.name, p.kind, p.country) for p in record.places] == [("Ховд аймағы", "region", "MN")]
