"""The reader: decoding, header, title among page clutter, dateline, offsets."""

from __future__ import annotations

import codecs

import pytest

from kazextract.reader import (
    InputError,
    decode,
    is_clutter,
    page_date,
    parse_dateline,
    read_bytes,
    read_text,
)

ARTICLE = "Ақтауда меморандумға қол қойылды.\nЕкінші абзац."


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (ARTICLE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + ARTICLE.encode("utf-8"), "utf-8-sig"),
        (ARTICLE.encode("utf-16"), "utf-16"),
        (ARTICLE.encode("utf-16-le"), "utf-16-le"),
        (ARTICLE.encode("utf-16-be"), "utf-16-be"),
        (ARTICLE.encode("kz1048"), "kz1048"),
    ],
)
def test_decode(data: bytes, encoding: str) -> None:
    text, found = decode(data)
    assert text == ARTICLE
    assert found == encoding


def test_decode_ptcp154_kazakh_letters() -> None:
    # ptcp154 and kz1048 place some Kazakh letters differently: the one that
    # gives Kazakh letters wins
    text = "Өзбекстан мен Қырғызстан арасындағы ұйымдар: Һ, һ, Ұ, ұ, Ғ, ғ."
    decoded, encoding = decode(text.encode("ptcp154"))
    assert decoded == text
    assert encoding in {"ptcp154", "kz1048"}


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"abc\x00def", "binary"),
        ("Le café résumé était très délicieux à Paris, près de la gare.".encode("latin-1"), "undecodable"),
        ("这是一个中文新闻文章，没有哈萨克语内容。".encode("gbk"), "undecodable"),
    ],
)
def test_decode_errors(data: bytes, kind: str) -> None:
    with pytest.raises(InputError) as info:
        decode(data, name="x.txt")
    assert info.value.kind == kind
    assert info.value.message.startswith("x.txt: ")
    assert "\n" not in info.value.message


def test_decode_size_limit() -> None:
    with pytest.raises(InputError) as info:
        decode(b"a" * 101, max_bytes=100)
    assert info.value.kind == "too_large"


def test_header_line() -> None:
    text = " date 2025-10-05 ТҮРКСОЙ: кино өндірісі саласында ынтымақтастық артады\nАСТАНА. KAZINFORM — Ақтауда ..."
    a = read_text(text)
    assert a.published == "2025-10-05"
    assert a.title == "ТҮРКСОЙ: кино өндірісі саласында ынтымақтастық артады"
    assert a.title_span is not None and text[a.title_span[0] : a.title_span[1]] == a.title
    assert a.published_span is not None and text[a.published_span[0] : a.published_span[1]] == "2025-10-05"
    assert (a.dateline, a.agency) == ("Астана", "Kazinform")
    assert a.dateline_span is not None and text[a.dateline_span[0] : a.dateline_span[1]] == "АСТАНА"
    assert a.lead_start is not None and text[a.lead_start :].startswith("Ақтауда")


def test_title_skips_clutter_and_reads_page_date() -> None:
    text = (
        "None\n"
        "Басты бет | Саясат | Экономика | Спорт | Мәдениет\n"
        "USD 470.52  EUR 512.30  RUB 5.81\n"
        "+12°C Алматы\n"
        "24.07.2025, 17:26\n"
        "ҚАЗАҚСТАН МЕН ӨЗБЕКСТАН КЕЛІСІМГЕ ҚОЛ ҚОЙДЫ\n"
        "НҰР-СҰЛТАН. ҚазАқпарат – Екі ел үкіметтері келісімге қол қойды.\n"
    )
    a = read_text(text)
    assert a.title == "ҚАЗАҚСТАН МЕН ӨЗБЕКСТАН КЕЛІСІМГЕ ҚОЛ ҚОЙДЫ"
    assert a.published == "2025-07-24"
    assert (a.dateline, a.agency) == ("Нұр-Сұлтан", "ҚазАқпарат")


def test_crlf_offsets_index_the_text_as_read() -> None:
    text = "Тақырып жолы\r\nАЛМАТЫ. KAZINFORM — Мәтін.\r\n"
    a = read_bytes(text.encode("utf-8"))
    assert a.text == text
    assert a.title == "Тақырып жолы"
    assert a.dateline_span is not None and text[a.dateline_span[0] : a.dateline_span[1]] == "АЛМАТЫ"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("АСТАНА. KAZINFORM — Бүгін", ("Астана", "Kazinform", None)),
        ("НҰР-СҰЛТАН. ҚазАқпарат – Бүгін", ("Нұр-Сұлтан", "ҚазАқпарат", None)),
        ("АЛМАТЫ. Kazinform — Бүгін", ("Алматы", "Kazinform", None)),
        ("ШЫМКЕНТ — Бүгін облыс әкімі", ("Шымкент", None, None)),
        ("Алматы, 12 наурыз 2024 – Мәтін", ("Алматы", None, "12 наурыз 2024")),
        ("Астана. Kazinform — Мәтін", ("Астана", "Kazinform", None)),
        ("ӨСКЕМЕН. KAZINFORM – Мәтін", ("Өскемен", "Kazinform", None)),
        ("ҚЫЗЫЛОРДА. ҚазАқпарат — Мәтін", ("Қызылорда", "ҚазАқпарат", None)),
        ("Тараз, 11 қазан 2024. Қалада жаңа мектеп ашылды.", ("Тараз", None, "11 қазан 2024")),
        ("Астана, 27 қараша. Үкімет отырысы өтті.", ("Астана", None, "27 қараша")),
        ("Шымкент, 3 наурыз 2025 ж. Әкімдік хабарлады.", ("Шымкент", None, "3 наурыз 2025")),
    ],
)
def test_datelines(line: str, expected: tuple[str, str | None, str | None]) -> None:
    found = parse_dateline(line)
    assert found is not None
    assert found[:3] == expected


@pytest.mark.parametrize(
    "line",
    [
        "Бұл жұмыс — үлкен жұмыс.",
        "Ақтау. Мәтін басы — деді ол.",
        "Министр — елдің басты тұлғасы.",
        "Ұлттық кино орталығы — жетекші ұйым.",
        "Алматы, Астана және Шымкент. Үш қала.",
        "Ақтау, 5 адам келді. Мәтін.",
    ],
)
def test_not_datelines(line: str) -> None:
    assert parse_dateline(line) is None


def test_dated_dateline_without_dash() -> None:
    text = "Тақырып\nТараз, 11 қазан 2024. Қала әкімдігі хабарлады.\n"
    a = read_text(text)
    assert (a.dateline, a.published) == ("Тараз", "2024-10-11")
    assert a.lead_start is not None and text[a.lead_start :].startswith("Қала әкімдігі")


def test_dateline_gives_published() -> None:
    a = read_text("Тақырып\nАлматы, 12 наурыз 2024 – Мәтін басы.")
    assert a.published == "2024-03-12"
    assert a.dateline == "Алматы"


@pytest.mark.parametrize(
    ("line", "value"),
    [
        ("24.07.2025, 17:26", "2025-07-24"),
        ("24.07.2025", "2025-07-24"),
        ("Саясат • 02 Қараша, 2023", "2023-11-02"),
        ("02 қараша 2023", "2023-11-02"),
        ("5 октября 2025", "2025-10-05"),
        ("31.02.2025", None),
        ("Мәтін жолы", None),
    ],
)
def test_page_date(line: str, value: str | None) -> None:
    assert page_date(line) == value


@pytest.mark.parametrize(
    ("line", "clutter"),
    [
        ("None", True),
        ("", True),
        ("USD 470.52  EUR 512.30", True),
        ("KZT/USD: 512,4", True),
        ("€ 512,3  ₽ 5,8", True),
        ("Басты бет", True),
        ("Tryout 5 games", False),
        ("+12°C", True),
        ("Басты | Саясат | Спорт | Қоғам", True),
        ("24.07.2025, 17:26", True),
        ("Ақтауда кинофестиваль өтті", False),
        ("ТҮРКСОЙ: кино өндірісі саласында ынтымақтастық артады", False),
    ],
)
def test_clutter(line: str, clutter: bool) -> None:
    assert is_clutter(line) is clutter


def test_empty_and_blank_text() -> None:
    assert read_text("").title is None
    assert read_text("\n\n  \n").title is None


def test_first_line_is_title_without_header() -> None:
    a = read_text("\n\nМәдениет министрлігі жаңа жоба бастады\nМәтін.")
    assert a.title == "Мәдениет министрлігі жаңа жоба бастады"
    assert a.published is None
