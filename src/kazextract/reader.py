"""The reader: bytes in, :class:`Article` out.

It decodes the input, and finds the parts of a news page that are not prose:
the optional header line (`` date 2025-10-05 Title``), the headline, a date
line at the top of the page, and the dateline (``АСТАНА. KAZINFORM —``) with its
place and agency. It never changes the text: every offset it reports indexes
``Article.text`` exactly as decoded, so the record's mentions satisfy
``text[start:end] == mention``.

Real pages arrive with clutter above the headline (site menus, currency and
weather widgets, stray ``None`` lines); such lines are skipped when choosing
the title.
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache

from .resources import alternation, preload, read_tsv

DEFAULT_MAX_BYTES = 5 * 1024 * 1024


class InputError(Exception):
    """An input that cannot be read as an article. ``kind`` is a short code
    (``binary``, ``undecodable``, ``too_large`` ...) written to batch error
    lines; the message is one line for a human."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


@dataclass
class Article:
    """A decoded article with what the reader found in its furniture.

    Offsets are ``(start, end)`` character pairs into ``text``.
    """

    text: str
    title: str | None = None
    title_span: tuple[int, int] | None = None
    published: str | None = None
    published_span: tuple[int, int] | None = None
    dateline: str | None = None
    dateline_span: tuple[int, int] | None = None
    agency: str | None = None
    lead_start: int | None = None  # where the prose starts after the dateline's dash
    # lines of page furniture (menus, widgets, None lines) before the story:
    # names in them (a weather widget's city) are not mentions
    furniture: list[tuple[int, int]] = field(default_factory=list)
    body_start: int = 0
    encoding: str = "utf-8"


# ---------------------------------------------------------------- decoding

_KAZAKH_SPECIFIC = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")


def _text_like(text: str) -> float:
    """Share of characters a news text is made of: whitespace and printable
    characters from Latin, Cyrillic, general punctuation (dashes, quotes,
    ellipsis), currency and letterlike symbols (№). Binary data read as
    UTF-16 gives CJK, private-use and control characters instead."""
    if not text:
        return 0.0
    plausible = sum(
        1
        for c in text
        if c in "\t\r\n\ufeff"
        or (c.isprintable() and (ord(c) < 0x0530 or 0x2000 <= ord(c) < 0x2150))
    )
    return plausible / len(text)


def _looks_utf16(data: bytes) -> str | None:
    """Guess UTF-16 without a BOM: text with spaces or ASCII has NUL bytes in
    UTF-16, and decoded in the right byte order it reads as text. (A byte
    parity count alone fails on short lines full of dashes, quotes and №.)"""
    sample = data[:4096]
    if len(sample) < 4 or b"\x00" not in sample:
        return None
    sample = sample[: len(sample) // 2 * 2]
    best, best_score = None, 0.0
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            score = _text_like(sample.decode(encoding))
        except UnicodeDecodeError:  # e.g. a sample cut inside a surrogate pair
            score = _text_like(sample[:-2].decode(encoding, errors="replace"))
        if score > best_score:
            best, best_score = encoding, score
    return best if best_score >= 0.95 else None


def _kazakh_score(text: str) -> float:
    """How much a single-byte decoding reads like Kazakh prose: the share of
    letters that are Cyrillic, with a bonus for Kazakh letters (this decides
    between KZ-1048 and PTCP154). Any byte string decodes in a single-byte
    code page, so text without word spaces or with mostly capitals (what
    other encodings' bytes turn into) scores 0."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    cyr = [c for c in letters if _CYRILLIC.match(c)]
    if sum(1 for c in text if c.isspace()) < 0.05 * len(text):
        return 0.0
    if cyr and sum(1 for c in cyr if c.islower()) < 0.5 * len(cyr):
        return 0.0
    kaz = sum(1 for c in letters if c in _KAZAKH_SPECIFIC)
    return (len(cyr) + kaz) / len(letters)


def decode(
    data: bytes, *, name: str = "input", max_bytes: int | None = DEFAULT_MAX_BYTES
) -> tuple[str, str]:
    """Decode article bytes; returns ``(text, encoding)``.

    UTF-8 (with or without BOM) and UTF-16 (BOM, or guessed from its NULs) are
    recognised, then the Kazakh single-byte code pages KZ-1048 and PTCP154 for
    bytes that are not UTF-8. Anything else raises :class:`InputError`, and so
    does a file with no text at all (``empty``): it has no article to extract,
    and a batch should list it rather than emit an empty record.
    """
    text, encoding = _decode(data, name=name, max_bytes=max_bytes)
    if not text.replace("\ufeff", "").strip():  # whitespace and stray BOMs only
        raise InputError("empty", f"{name}: empty file, no text to extract")
    return text, encoding


def _decode(data: bytes, *, name: str, max_bytes: int | None) -> tuple[str, str]:
    if max_bytes is not None and len(data) > max_bytes:
        raise InputError(
            "too_large", f"{name}: {len(data)} bytes is over the limit of {max_bytes} bytes"
        )
    if data.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        encoding = _looks_utf16(data) or ""
        if not encoding and b"\x00" in data:
            raise InputError(
                "binary", f"{name}: binary file (contains NUL bytes), not a text article"
            )
    if encoding:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError as exc:
            raise InputError(
                "undecodable", f"{name}: not valid {encoding} ({exc.reason} at byte {exc.start})"
            ) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = f"{exc.reason} at byte {exc.start}"
    candidates = []
    for codepage in ("kz1048", "ptcp154"):
        try:
            text = data.decode(codepage)
        except UnicodeDecodeError:
            continue
        candidates.append((_kazakh_score(text), codepage, text))
    if candidates:
        score, codepage, text = max(candidates, key=lambda c: c[0])
        if score >= 0.6 and "\x00" not in text:
            return text, codepage
    raise InputError(
        "undecodable",
        f"{name}: not UTF-8 ({utf8_error}) nor Kazakh KZ-1048/PTCP154 text",
    )


# ---------------------------------------------------------------- the page


_HEADER = re.compile(r"^[ \t\ufeff]*date[ \t]+(\d{4}-\d{2}-\d{2})(?:[ \t]+(.*?))?[ \t\r]*$")
_NUMERIC_DATE_LINE = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s*,?\s*\d{1,2}:\d{2})?\s*$")


@cache
def _clutter_words(kind: str) -> frozenset[str]:
    """Words of models/page_clutter.tsv of one kind (``line``, ``currency``)."""
    return frozenset(
        row["word"].lower() for row in read_tsv("page_clutter.tsv") if row["kind"] == kind
    )


@preload
@cache
def _currency_widget() -> re.Pattern[str]:
    codes = alternation(_clutter_words("currency"))
    return re.compile(rf"(?:^|[\s(/])(?:{codes})(?=$|[\s:)/]).*\d", re.IGNORECASE)


_WEATHER = re.compile(r"[+-−]?\d+\s*°\s*[CС]?")
_MENU_SEPARATORS = re.compile(r"\s[|•/·]\s")


@preload
@cache
def _month_lookup() -> dict[str, int]:
    """Every month form (Kazakh, abbreviations, Russian) -> month number."""
    lookup: dict[str, int] = {}
    for row in read_tsv("months.tsv"):
        number = int(row["number"])
        forms = [row["name"], *row["forms"].split("|"), *row["russian"].split("|")]
        for form in forms:
            if form:
                lookup[form.lower().rstrip(".")] = number
    return lookup


def _month_number(word: str) -> int | None:
    """Month number of a month word with an optional case ending (наурызда)."""
    lookup = _month_lookup()
    lower = word.lower().rstrip(".")
    if lower in lookup:
        return lookup[lower]
    for form, number in lookup.items():
        if len(form) >= 4 and lower.startswith(form) and len(lower) - len(form) <= 4:
            return number
    return None


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


_WORD_DATE = re.compile(r"(\d{1,2})\s+([^\W\d_]+)\.?,?\s+(\d{4})")


def page_date(line: str) -> str | None:
    """The date of a date line at the top of a page (``24.07.2025, 17:26``,
    ``Саясат • 02 Қараша, 2023``), or None."""
    match = _NUMERIC_DATE_LINE.match(line)
    if match:
        day, month, year = (int(g) for g in match.groups())
        return _iso(year, month, day)
    match = _WORD_DATE.search(line)
    if match and len(line) <= 60:
        month_number = _month_number(match.group(2))
        if month_number:
            return _iso(int(match.group(3)), month_number, int(match.group(1)))
    return None


def is_clutter(line: str) -> bool:
    """A line of page furniture, not prose: empty, ``None``, a currency or
    weather widget, a menu of short items, a bare date line."""
    stripped = line.strip()
    if not stripped:
        return True
    if stripped.lower().strip(".:") in _clutter_words("line"):
        return True
    if not any(c.isalpha() for c in stripped):
        return True
    if _currency_widget().search(stripped) and len(stripped) < 80:
        return True
    if _WEATHER.search(stripped) and len(stripped.split()) <= 6:
        return True
    if (
        len(_MENU_SEPARATORS.findall(stripped)) >= 2
        and len(stripped) / max(1, len(stripped.split())) < 12
    ):
        return True
    return bool(page_date(stripped)) and not parse_dateline(stripped)


def _lines(text: str) -> list[tuple[int, str]]:
    """(offset, line) pairs, line ends removed (LF, CRLF or CR)."""
    out = []
    offset = 0
    for raw in text.splitlines(keepends=True):
        line = raw.rstrip("\r\n")
        out.append((offset, line))
        offset += len(raw)
    return out


def _strip_span(offset: int, line: str) -> tuple[int, int]:
    lead = len(line) - len(line.lstrip())
    return offset + lead, offset + len(line.rstrip())


# ---------------------------------------------------------------- dateline

_UPPER = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІ"
_DATELINE = re.compile(
    rf"^\s*(?P<place>[{_UPPER}][^\W\d_]*(?:[- ][{_UPPER}][^\W\d_]*)?)"
    r"(?:(?P<sep>[.,])\s*"
    r"(?:(?P<date>\d{1,2}\s+[^\W\d_]+\.?(?:\s+\d{4})?)\s*[.,]?\s*)?"
    r"(?P<agency>[^\s—–\-.,][^—–\n]{0,40}?)?\s*|\s+)"
    r"(?P<dash>[—–-])\s"
)
# a dated dateline that ends in a full stop, no dash: "Тараз, 11 қазан 2024. ..."
_DATED_DATELINE = re.compile(
    rf"^\s*(?P<place>[{_UPPER}][^\W\d_]*(?:[- ][{_UPPER}][^\W\d_]*)?)"
    r",\s*(?P<date>\d{1,2}\s+[^\W\d_]+(?:\s+\d{4})?)(?:\s*ж)?\s*\.\s+"
)


@preload
@cache
def _agencies() -> dict[str, str]:
    return {row["form"].lower(): row["name"] for row in read_tsv("agencies.tsv")}


@preload
@cache
def _known_places() -> frozenset[str]:
    """Lower-cased names of places in the gazetteer (empty if it is absent)."""
    try:
        rows = read_tsv("places.tsv")
    except FileNotFoundError:
        return frozenset()
    names = set()
    for row in rows:
        names.add(row["name"].lower())
        names.update(v.lower() for v in row.get("variants", "").split("|") if v)
    return frozenset(names)


def _is_known_place(place: str) -> bool:
    return place.lower() in _known_places()


def _title_case(place: str) -> str:
    """``НҰР-СҰЛТАН`` -> ``Нұр-Сұлтан``, ``АСТАНА`` -> ``Астана``."""
    return "-".join(
        " ".join(w[:1].upper() + w[1:].lower() for w in part.split(" "))
        for part in place.split("-")
    )


def _agency_name(raw: str) -> str | None:
    raw = raw.strip().strip(".,")
    if not raw:
        return None
    known = _agencies().get(raw.lower())
    if known:
        return known
    if raw.isupper() and raw.isascii():
        return raw.title()
    return raw


def parse_dateline(line: str) -> tuple[str, str | None, str | None, int, int] | None:
    """``(place, agency, date_text, place_end, prose_start)`` of a dateline at
    the start of ``line`` (offsets into the line), or None. The place must be written in capitals or be followed
    by a comma and a date, as datelines are; a sentence starting with a
    capitalised word and a dash is not a dateline."""
    match = _DATELINE.match(line) or _DATED_DATELINE.match(line)
    if not match:
        return None
    if match.re is _DATED_DATELINE:
        date_text = match.group("date")
        if not _month_number(date_text.split()[1]):
            return None
        place = match.group("place")
        name = _title_case(place) if place.isupper() else place
        return name, None, date_text, match.end("place"), match.end()
    place = match.group("place")
    agency = match.group("agency")
    date_text = match.group("date")
    if date_text and not _month_number(date_text.split()[1]):
        return None
    if agency and len(agency.split()) > 3:
        return None
    known_agency = bool(agency) and agency.strip().strip(".,").lower() in _agencies()
    if not (place.isupper() or date_text or known_agency):
        return None
    if match.group("sep") is None and not _is_known_place(place):
        return None  # "ШЫМКЕНТ — ..." only for a place we know, not any capitals
    name = _title_case(place) if place.isupper() else place
    return name, _agency_name(agency or ""), date_text, match.end("place"), match.end()


def _dateline_published(date_text: str | None, header_year: int | None) -> str | None:
    if not date_text:
        return None
    parts = date_text.replace(".", " ").split()
    month = _month_number(parts[1])
    year = int(parts[2]) if len(parts) > 2 and parts[2].isdigit() else header_year
    if month is None or year is None:
        return None
    return _iso(year, month, int(parts[0]))


# ---------------------------------------------------------------- article


def read_text(text: str, *, encoding: str = "utf-8") -> Article:
    """Find header, title, page date and dateline in decoded text."""
    article = Article(text=text, encoding=encoding)
    lines = _lines(text)
    index = 0
    while index < len(lines) and not lines[index][1].strip():
        index += 1
    if index < len(lines):
        offset, line = lines[index]
        header = _HEADER.match(line)
        if header:
            article.published = header.group(1)
            article.published_span = (offset + header.start(1), offset + header.end(1))
            if header.group(2):
                article.title = header.group(2).strip()
                start = offset + header.start(2)
                article.title_span = (start, start + len(article.title))
            index += 1
    if article.title is None:
        index = _find_title(article, lines, index)
    _find_dateline(article, lines, index)
    return article


def _note_furniture(article: Article, offset: int, line: str) -> None:
    """Remember a clutter line; a page date line among them gives ``published``
    (the date stays a date mention, as a header date is)."""
    date = page_date(line.strip())
    if date:
        if article.published is None:
            article.published = date
        return
    if line.strip():
        article.furniture.append(_strip_span(offset, line))


def _find_title(article: Article, lines: list[tuple[int, str]], index: int) -> int:
    """Skip clutter lines (noting a page date among them) and take the first
    line of prose as the title; returns the index of the line after it."""
    while index < len(lines):
        offset, line = lines[index]
        if is_clutter(line):
            _note_furniture(article, offset, line)
            index += 1
            continue
        if parse_dateline(line):  # no headline: the page starts with the dateline
            return index
        start, end = _strip_span(offset, line)
        article.title = text_slice = article.text[start:end]
        article.title_span = (start, end)
        if not text_slice:
            article.title = None
        return index + 1
    return index


def _find_dateline(article: Article, lines: list[tuple[int, str]], index: int) -> None:
    """The dateline is at the start of the first prose line of the body."""
    while index < len(lines) and is_clutter(lines[index][1]):
        _note_furniture(article, *lines[index])
        index += 1
    if index >= len(lines):
        article.body_start = len(article.text)
        return
    offset, line = lines[index]
    article.body_start = offset
    found = parse_dateline(line)
    if not found:
        return
    place, agency, date_text, place_end, prose_start = found
    lead = len(line) - len(line.lstrip())
    article.dateline = place
    article.dateline_span = (offset + lead, offset + place_end)
    article.lead_start = offset + prose_start
    article.agency = agency
    if article.published is None:
        header_year = None
        article.published = _dateline_published(date_text, header_year)


def read_bytes(
    data: bytes, *, name: str = "input", max_bytes: int | None = DEFAULT_MAX_BYTES
) -> Article:
    """Decode bytes and read the article in them."""
    text, encoding = decode(data, name=name, max_bytes=max_bytes)
    return read_text(text, encoding=encoding)
