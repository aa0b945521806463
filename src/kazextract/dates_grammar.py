"""The grammar of Kazakh date expressions, and their ISO 8601 values.

This is where dates live; ``components/dates.py`` only runs it on a Doc.

Why a hand-written token grammar: a Kazakh date is a few words in a fixed
order (year, day, month), each of which may carry a case ending or be written
in words (``екі мың жиырма бесінші жылғы бесінші қазанда``). Reading the
words one by one into *parts* (a year, a day, a month, a year word ...) and
then trying a handful of small named rules on those parts keeps every shape
in one place, testable without spaCy. All vocabulary is data under
``models/``: month names (``months.tsv``), number words (``numbers.tsv``),
year words, postpositions and endings (``date_words.tsv``) and relative words
(``relative_dates.tsv``).

Pipeline of this module::

    words ──rules where a date can start──▶ candidate Finds ──longest wins──▶
    Finds ──resolve(published, tense)──▶ DateValue (value, granularity, relative)

A :class:`Find` holds the meaning before any calendar arithmetic (a
:class:`Point` with possibly no year, a range, or a relative period);
:func:`resolve` turns it into a value against the article's ``published``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from itertools import compress
from typing import NamedTuple

from . import morph
from .lookalikes import fold_lookalikes
from .resources import alternation, group_by, preload, read_tsv

MIN_YEAR, MAX_YEAR = 1000, 2100
DASHES = frozenset({"-", "–", "—", "−"})



# ------------------------------------------------------------------ lexicon


@preload
@cache
def _date_words() -> dict[str, dict[str, str]]:
    """kind -> {form: value} from ``date_words.tsv``."""
    out: dict[str, dict[str, str]] = {}
    for row in read_tsv("date_words.tsv"):
        out.setdefault(row["kind"], {})[row["form"]] = row["value"]
    return out


def _words(kind: str) -> dict[str, str]:
    return _date_words().get(kind, {})


@preload
@cache
def _months() -> tuple[tuple[str, int, str], ...]:
    """(form, number, kind) with kind name | abbr | russian, longest first."""
    rows: list[tuple[str, int, str]] = []
    for row in read_tsv("months.tsv"):
        number = int(row["number"])
        rows.append((row["name"], number, "name"))
        rows += [(f, number, "abbr") for f in row["forms"].split("|") if f]
        # short Russian forms (май, окт.) are abbreviations: май is also Kazakh "oil"
        rows += [(f, number, "abbr" if len(f) <= 4 else "russian") for f in row["russian"].split("|") if f]
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


@preload
@cache
def _numbers() -> dict[str, tuple[int, str]]:
    """number word -> (value, kind) with kind cardinal | ordinal | mult."""
    return {row["word"]: (int(row["value"]), row["kind"]) for row in read_tsv("numbers.tsv")}


@preload
@cache
def _relatives() -> dict[tuple[str, ...], tuple[str, int]]:
    """phrase words -> (unit, offset) from ``relative_dates.tsv``."""
    return {tuple(r["phrase"].split()): (r["unit"], int(r["offset"])) for r in read_tsv("relative_dates.tsv")}


_PREFIX = 2  # letters a word shares with the month or number it writes, whatever its ending


@preload
@cache
def _months_by_start() -> dict[str, tuple[tuple[str, int, str], ...]]:
    """:func:`_months` by their first letters, each group in the same order.

    A word names a month only if it is one of the forms or starts with a
    name (its last consonant at most voiced, ``қыркүйегі``): in both cases it
    starts with the form's first two letters (every name is longer than
    two), so :func:`month_of` tries those forms only."""
    return group_by(_months(), lambda row: row[0][:_PREFIX])


@preload
@cache
def _cardinals_by_start() -> dict[str, tuple[tuple[str, tuple[int, str]], ...]]:
    """The cardinals of :func:`_numbers` of two letters or more by their first
    letters, in table order: an inflected number word starts with its
    cardinal, so :func:`_number_word` tries the few of its own start."""
    cardinals = (row for row in _numbers().items() if row[1][1] == "cardinal" and len(row[0]) >= _PREFIX)
    return group_by(cardinals, lambda row: row[0][:_PREFIX])


@lru_cache(maxsize=1 << 16)
def fold(word: str) -> str:
    """Lower case, with Latin look-alike letters made Cyrillic when the word
    has Cyrillic letters (``қазaн`` typed with a Latin a is still October).

    Cached: the grammar folds the same word many times while rules look
    around it, and news vocabulary repeats; bounded so a long batch run
    cannot grow it without end."""
    return fold_lookalikes(word).lower()


_VOICED = {"к": "г", "қ": "ғ", "п": "б"}


def split_inflected(word: str, stem: str, endings: dict[str, str]) -> str | None:
    """The ending of ``word`` when it is ``stem`` plus an allowed ending, else None.

    The one place where case endings are seen through: the stem may voice its
    last consonant before a vowel (``қыркүйек`` -> ``қыркүйегінде``), and the
    ending must be a known inflection, so ``тамыр`` is not ``тамыз``.
    """
    if word == stem:
        return ""
    stems = [stem]
    if stem[-1] in _VOICED:
        stems.append(stem[:-1] + _VOICED[stem[-1]])
    for s in stems:
        if word.startswith(s) and word[len(s) :] in endings:
            return word[len(s) :]
    return None


@dataclass(frozen=True)
class Month:
    number: int
    ending: str
    kind: str  # name | abbr | russian

    @property
    def genitive(self) -> bool:
        return self.ending in {"ның", "нің", "дың", "дің", "тың", "тің"}


@cache
def month_of(word: str) -> Month | None:
    """The month a word names, with its ending (``қазанында`` -> 10, ``ында``).

    Abbreviations and Russian forms only as written (``қаз.``, ``октября``);
    Kazakh names also inflected.
    """
    w = fold(word)
    endings = _words("month_ending")
    for form, number, kind in _months_by_start().get(w[:_PREFIX], ()):
        if kind != "name":
            if w == form:
                return Month(number, "", kind)
            continue
        ending = split_inflected(w, form, endings)
        if ending is not None:
            return Month(number, ending, kind)
    return None


# ------------------------------------------------------------------ numbers

_HYPHENED = re.compile(r"^(\d{1,4})-([^\W\d_]+)$")


def _possessed_endings(number_word: bool) -> tuple[tuple[str, str, str], ...]:
    """(ending, harmony, case) of the cases a possessed number may carry, in
    digits (every ``possessed_number_case`` row of ``date_words.tsv``) or as
    a number word (the rows marked ``both``), with their pronominal-n
    endings from morph."""
    rows = _words("possessed_number_case").items()
    cases = [case for case, after in rows if after == "both" or not number_word]
    return tuple((e, h, case) for case in cases for e, h in morph.possessed_case_endings(case))


@preload
@cache
def _ordinal_digits() -> re.Pattern[str]:
    """A number in digits with an ordinal ending (``2019-ыншы``, ``5ші``)."""
    return re.compile(rf"^(\d{{1,4}})-?(?:{alternation(_words('digit_ordinal'))})$")


@preload
@cache
def _possessed_digits() -> re.Pattern[str]:
    """A day in digits with the possessive and a case (``5-і``, ``1-інен``),
    or with a case alone (``5-нен``): group 2 or 3 is the case ending."""
    possessive = alternation(e for e, _ in morph.possessive_endings())
    after_possessive = alternation(e for e, _, _ in _possessed_endings(number_word=False))
    bare = alternation(_words("digit_case"))
    return re.compile(rf"^(\d{{1,2}})-(?:(?:{possessive})({after_possessive})?|({bare}))$")


@preload
@cache
def _number_endings() -> frozenset[str]:
    """What may follow a cardinal number word's own letters: the possessive,
    alone or with a case ending of its vowel harmony (бес+і, бес+інде), or a
    case ending alone (он+да)."""
    possessives = morph.possessive_endings()
    after = _possessed_endings(number_word=True)
    return frozenset(
        [p for p, _ in possessives]
        + [p + e for p, ph in possessives for e, eh, _ in after if eh in ("any", ph)]
        + list(_words("number_word_case"))
    )


@preload
@cache
def _possessed_cases() -> dict[str, str]:
    """The case of what follows a number's possessive, or of a case ending
    after it alone: ending -> case, ``""`` -> nom."""
    return {
        "": "nom",
        **{e: case for e, _, case in _possessed_endings(number_word=False)},
        **_words("digit_case"),
        **_words("number_word_case"),
    }


class Number(NamedTuple):
    """A number read from one or more words: ``end`` is one past its last word.

    A NamedTuple rather than a frozen dataclass: the rules read numbers at
    every candidate word several times over, and a tuple is built several
    times faster."""

    value: int
    end: int
    ordinal: bool
    possessed: str | None  # None, or the case after a possessive (5-і nom, 1-інен abl)
    in_words: bool


@lru_cache(maxsize=1 << 16)
def _number_word(word: str) -> tuple[int, str, str | None] | None:
    """(value, kind, possessive case or None) of one number word, maybe inflected.

    Cached by word: without it every word of every article was compared with
    every cardinal of ``numbers.tsv``."""
    table = _numbers()
    w = fold(word)
    if w in table:
        return (*table[w], None)
    for base, (value, kind) in _cardinals_by_start().get(w[:_PREFIX], ()):
        if w.startswith(base):
            rest = w[len(base) :]
            if rest in _number_endings():
                return value, kind, _possessed_case(rest)
    return None


def _possessed_case(rest: str) -> str:
    cases = _possessed_cases()
    for poss, _ in sorted(morph.possessive_endings(), key=lambda p: -len(p[0])):
        if rest.startswith(poss) and rest[len(poss) :] in cases:
            return cases[rest[len(poss) :]]
    return cases.get(rest, "nom")



@lru_cache(maxsize=1 << 16)
def _digit_number(word: str) -> tuple[int, bool, str | None] | None:
    """(value, ordinal, possessed case) of a number written in digits
    (``5``, ``2019-ыншы``, ``5-і``, ``1-інен``), else None. Cached by word."""
    w = fold(word)
    if w.isdigit():
        return int(w), False, None
    m = _ordinal_digits().match(w)
    if m:
        return int(m.group(1)), True, None
    m = _possessed_digits().match(w)
    if m:
        case = m.group(2) or m.group(3) or ""
        return int(m.group(1)), False, _possessed_cases().get(case, "nom")
    return None


def read_number(words: Sequence[str], i: int) -> Number | None:
    """A number at ``i``: digits (``5``, ``2019-ыншы``, ``5-і``) or number
    words (``екі мың жиырма бесінші``, ``жиырма бірінде``)."""
    if i >= len(words):
        return None
    digits = _digit_number(words[i])
    if digits is not None:
        return Number(digits[0], i + 1, digits[1], digits[2], False)
    return _read_number_words(words, i)


def _read_number_words(words: Sequence[str], i: int) -> Number | None:
    """Compound number words by juxtaposition: only the last may be inflected."""
    total = current = 0
    j = i
    ordinal = False
    possessed: str | None = None
    while j < len(words):
        parsed = _number_word(words[j])
        if parsed is None:
            break
        value, kind, possessed = parsed
        if kind == "mult" or (kind == "ordinal" and value in (100, 1000)):
            current = (current or 1) * value
            if value >= 1000:
                total, current = total + current, 0
        else:
            current += value
        ordinal = kind == "ordinal"
        j += 1
        if ordinal or possessed is not None:
            break
    if j == i:
        return None
    return Number(total + current, j, ordinal, possessed, True)


# ------------------------------------------------------------------ meaning


@dataclass(frozen=True)
class Point:
    """A calendar point at some precision. ``year`` None: not written (take it
    from ``published``); ``year_offset`` set: relative to ``published``."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    year_offset: int | None = None
    direction: int | None = None  # -1 last such month (өткен ақпан), 1 next
    month_offset: int | None = None  # months from published's (өткен айдың 20-сы: -1)


@dataclass(frozen=True)
class Find:
    """One date expression: words ``start:end`` and what it means.

    Exactly one of ``point``, ``range`` and ``period`` is set; ``period`` is a
    relative (unit, offset); ``vague`` finds are kept only to block others.
    """

    start: int
    end: int
    rule: str
    point: Point | None = None
    range: tuple[Point, Point] | None = None
    period: tuple[str, int] | None = None
    note: str | None = None
    vague: bool = False

    @property
    def length(self) -> int:
        return self.end - self.start


Words = Sequence[str]


def _word(words: Words, i: int) -> str:
    return fold(words[i]) if 0 <= i < len(words) else ""


def _is_dash(words: Words, i: int) -> bool:
    return _word(words, i) in DASHES


def _year_value(n: Number | None) -> bool:
    return n is not None and MIN_YEAR <= n.value <= MAX_YEAR and n.possessed is None


def _is_day(n: Number | None) -> bool:
    return n is not None and 1 <= n.value <= 31 and (not n.in_words or n.ordinal or n.possessed is not None)


@dataclass(frozen=True)
class YearPart:
    """A year as written before a month or alone: ``2025 жылғы``, ``биылғы``."""

    point: Point
    end: int
    case: str
    plural: bool = False


def read_year(words: Words, i: int) -> YearPart | None:
    """``2025 жылы``, ``2025-жылы``, ``2019-ыншы жылдың``, ``екі мың жиырма
    бесінші жылғы``, ``2025 ж.``, ``2025 года``; never a duration (``2000 жыл бұрын``)."""
    m = _HYPHENED.match(_word(words, i))
    if m and m.group(2) in _words("year") and MIN_YEAR <= int(m.group(1)) <= MAX_YEAR:
        return YearPart(Point(int(m.group(1))), i + 1, _words("year")[m.group(2)])
    n = read_number(words, i)
    if not _year_value(n) or n is None:
        return None
    word = _word(words, n.end)
    years = _year_words()
    if word not in years:
        return None
    case = years[word]
    if case == "nom" and _word(words, n.end + 1) in _words("duration_after"):
        return None
    if _word(words, i - 1) in _words("duration_before"):
        return None
    end = n.end + 1
    if case == "abbr" and not word.endswith(".") and _word(words, end) == ".":
        end += 1  # ``2025 г.`` split by the tokenizer into ``г`` ``.``
    return YearPart(Point(n.value), end, case, plural=word in _words("years"))


@preload
@cache
def _year_words() -> dict[str, str]:
    """Year words singular and plural (``жылғы``, ``жылдары``) -> case."""
    return {**_words("year"), **_words("years")}


def read_relative_year(words: Words, i: int) -> YearPart | None:
    """``биылғы``, ``өткен жылдың``, ``келер жылы``: a year relative to ``published``."""
    found = _relative_phrase(words, i)
    if found and found[1] == "year":
        return YearPart(Point(year_offset=found[2]), found[0], "rel")
    return None


def _relative_phrase(words: Words, i: int) -> tuple[int, str, int] | None:
    """(end, unit, offset) of the longest relative phrase at ``i``."""
    first = _word(words, i)
    if first not in _relative_starts():  # most words: no phrase starts here
        return None
    relatives = _relatives()
    pair = (first, _word(words, i + 1))
    for key in (pair, pair[:1]):
        if key in relatives:
            unit, offset = relatives[key]
            return i + len(key), unit, offset
    return None


@dataclass(frozen=True)
class DayMonth:
    """A day (or days) and a month: ``5 қазанда``, ``қазанның 5-і``, ``5-7 қазан``."""

    start: Point
    end_point: Point | None
    end: int
    bare: bool = False  # the month word is uninflected: a year may follow (5 қазан 2025 жыл)


def _month_at(words: Words, i: int, strong: bool) -> Month | None:
    """A month word at ``i``; a bare ambiguous one (қазан) only when ``strong``
    context (a day or year written next to it) vouches for it."""
    if i >= len(words):
        return None
    month = month_of(words[i])
    if month is None:
        return None
    if not strong and _is_ambiguous(words, i, month):
        return None
    return month


def _is_ambiguous(words: Words, i: int, month: Month) -> bool:
    name = next(f for f, n, k in _months() if n == month.number and k == "name")
    if month.kind == "abbr":
        return True
    return name in _words("ambiguous_month") and _word(words, i + 1) not in _words("month_word")


def _cauldron(words: Words, i: int, month: Month) -> bool:
    """``5 қазан сатып алды`` (bought five cauldrons): an ambiguous month name,
    uninflected, with an ordinary word after it is a count of things. As a
    date the bare form stands before a year, punctuation, a dash or the end."""
    if month.kind != "name" or month.ending or not _is_ambiguous(words, i, month):
        return False
    after = words[i + 1] if i + 1 < len(words) else ""
    if not after[:1].isalpha() or after.isupper():
        return False
    nxt = _word(words, i + 1)
    return not (nxt in _words("year") or nxt in _words("note") or nxt in _words("day_word")
                or nxt in _words("range_word") or nxt in _words("conj"))


def read_day_month(words: Words, i: int) -> DayMonth | None:
    """The day-and-month shapes, tried in turn; the first that fits wins."""
    for shape in (_day_range_month, _day_month, _hyphened_day_month, _genitive_month_day):
        found = shape(words, i)
        if found:
            return found
    return None


def _day_month(words: Words, i: int) -> DayMonth | None:
    """``5 қазанда``, ``бесінші қазанда``, ``5 октября``; also a range across
    months: ``27 наурыз бен 4 сәуір аралығында``."""
    day = read_number(words, i)
    if not _is_day(day) or day is None or day.possessed is not None:
        return None
    month = _month_at(words, day.end, strong=True)
    if month is None or _cauldron(words, day.end, month):
        return None
    first = Point(month=month.number, day=day.value)
    j = day.end + 1
    if _word(words, j) in _words("conj") or _is_dash(words, j):
        other = _day_month(words, j + 1) or _hyphened_day_month(words, j + 1)
        if other and other.end_point is None:
            return DayMonth(first, other.start, other.end, other.bare)
    return DayMonth(first, None, j, bare=month.ending == "" or month.kind == "russian")


def _hyphened_day_month(words: Words, i: int) -> DayMonth | None:
    """``5-қазанда``: the day and the month in one hyphenated word."""
    m = _HYPHENED.match(_word(words, i))
    if not m or not 1 <= int(m.group(1)) <= 31:
        return None
    month = month_of(m.group(2))
    if month is None or month.kind == "abbr":
        return None
    return DayMonth(Point(month=month.number, day=int(m.group(1))), None, i + 1)


def _day_range_month(words: Words, i: int) -> DayMonth | None:
    """``5-7 қазан``, ``24-інші — 27-нші маусым``: two days, one month."""
    first = read_number(words, i)
    if not _is_day(first) or first is None or first.possessed is not None or not _is_dash(words, first.end):
        return None
    second = read_number(words, first.end + 1)
    if not _is_day(second) or second is None or second.value <= first.value:
        return None
    month = _month_at(words, second.end, strong=True)
    if month is None:
        return None
    return DayMonth(
        Point(month=month.number, day=first.value),
        Point(month=month.number, day=second.value),
        second.end + 1,
        bare=month.ending == "" or month.kind == "russian",
    )


def _genitive_month_day(words: Words, i: int) -> DayMonth | None:
    """``қазанның 5-і (күні)``, ``наурыздың жиырма бесі``, and ranges
    ``қазанның 1-інен 5-іне дейін``, ``наурыздың 5-і мен 14-і``."""
    month = _month_at(words, i, strong=True)
    if month is None or not month.genitive:
        return None
    day = read_number(words, i + 1)
    if day is None or not _is_day(day) or day.possessed is None:
        return None
    start = Point(month=month.number, day=day.value)
    j = day.end
    if day.possessed == "abl" or _word(words, j) in _words("conj") or _is_dash(words, j):
        k = j if day.possessed == "abl" else j + 1
        second = read_number(words, k)
        if second is not None and _is_day(second) and second.possessed is not None and second.value > day.value:
            return DayMonth(start, Point(month=month.number, day=second.value), second.end)
        other = _genitive_month_day(words, k)  # сәуірдің 29-ы мен мамырдың 5-і
        if other is not None and other.end_point is None and (other.start.month or 0) > month.number:
            return DayMonth(start, other.start, other.end)
    return DayMonth(start, None, j)


def _read_month_only(words: Words, i: int, strong: bool) -> tuple[Month, int] | None:
    """A month named alone (``қаңтарда``, ``қазан айында``): (month, end)."""
    month = _month_at(words, i, strong)
    if month is None or month.kind == "abbr":
        return None
    end = i + 1
    if _word(words, end) in _words("month_word"):
        end += 1
    return month, end


def _month_case(words: Words, i: int) -> tuple[Month, str, int] | None:
    """A month word at ``i`` with its case: from its ending (``маусымнан``:
    abl) or from the ай word after it (``наурыз айынан``): (month, case, end)."""
    month = month_of(words[i]) if i < len(words) else None
    if month is None or month.kind == "abbr":
        return None
    after = _word(words, i + 1)
    if month.ending == "" and after in _words("month_word"):
        return month, _words("month_word")[after], i + 2
    return month, _words("month_ending").get(month.ending, ""), i + 1


def _read_months(words: Words, i: int) -> tuple[int, int, int] | None:
    """Two months as a range: (first, last, end).

    ``қаңтар-сәуір (айларында)``: one hyphenated word, the later month second.
    ``маусымнан қазанға дейін``, ``қазан айынан наурыз айына дейін``: from a
    month in the ablative to one in the dative; the range may cross the new
    year. A month name that is also a common word (маусым "season", қазан
    "cauldron") is trusted here only when дейін/шейін closes the range, as
    the pair then cannot be read otherwise; ``дейін`` itself is left to be
    the date's note.
    """
    w = _word(words, i)
    if "-" in w:
        a, _, b = w.partition("-")
        first, second = month_of(a), month_of(b)
        if not first or not second or first.kind == "abbr" or second.kind == "abbr" or second.number <= first.number:
            return None
        end = i + 1
        if _word(words, end) in _words("month_word"):
            end += 1
        return first.number, second.number, end
    start = _month_case(words, i)
    if start is None or start[1] != "abl":
        return None
    stop = _month_case(words, start[2])
    if stop is None or stop[1] != "dat" or stop[0].number == start[0].number:
        return None
    if _words("note").get(_word(words, stop[2])) != "until":
        if _is_ambiguous(words, i, start[0]) or _is_ambiguous(words, start[2], stop[0]):
            return None
    return start[0].number, stop[0].number, stop[2]


_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


def _read_year_part(words: Words, i: int) -> tuple[int, int, int] | None:
    """A quarter or half of a year written after the year: (first month,
    last month, end). ``1-тоқсанында``, ``бірінші тоқсанда``, ``І тоқсанда``
    (Roman, often typed with the Kazakh letter і), ``екінші жартысында``,
    ``1-жартыжылдықта``. Only after a year: alone, ``екінші тоқсан`` is as
    often a school term, and ``бірінші жартысында`` the first half of a match.
    """
    w = _word(words, i)
    quarters, halves = _words("quarter_word"), _words("half_word")
    m = _HYPHENED.match(w)
    if m and (m.group(2) in quarters or m.group(2) in halves):
        n, unit, end = int(m.group(1)), m.group(2), i + 1
    elif w.replace("і", "i") in _ROMAN:
        n, unit, end = _ROMAN[w.replace("і", "i")], _word(words, i + 1), i + 2
    else:
        number = read_number(words, i)
        if number is None or number.possessed is not None or (number.in_words and not number.ordinal):
            return None
        n, unit, end = number.value, _word(words, number.end), number.end + 1
    if unit in quarters and 1 <= n <= 4:
        return 3 * n - 2, 3 * n, end
    if unit in halves and 1 <= n <= 2:
        return 6 * n - 5, 6 * n, end
    return None


def _read_academic_year(words: Words, i: int) -> YearPart | None:
    """``2025 оқу жылында``: a year with a word naming its kind between the
    number and жыл; only the second year of ``2024–2025 оқу жылы``."""
    n = read_number(words, i)
    if not _year_value(n) or n is None or _word(words, n.end) not in _words("year_kind"):
        return None
    word = _word(words, n.end + 1)
    if word not in _words("year"):
        return None
    return YearPart(Point(n.value), n.end + 2, _words("year")[word])


# ------------------------------------------------------------------ rules


_DAY_FIRST_NUMERIC = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:ж)?$")
_YEAR_FIRST_NUMERIC = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")


def rule_numeric(words: Words, i: int) -> Find | None:
    """``05.10.2025``, ``5.10.2025 ж.``, ``2025-10-05``, ``2025/10/05``."""
    w = _word(words, i)
    m = _DAY_FIRST_NUMERIC.match(w)
    if m:
        day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
    else:
        m = _YEAR_FIRST_NUMERIC.match(w)
        if not m:
            return None
        year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if not _valid(year, month, day):
        return None
    end = i + 1
    if _word(words, end) in _words("year"):
        end += 1
    return Find(i, end, "numeric", point=Point(year, month, day))


def _valid(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return MIN_YEAR <= year <= MAX_YEAR


def rule_year_first(words: Words, i: int) -> Find | None:
    """A year (absolute or relative) and what follows it: ``2025 жылғы 5
    қазанда``, ``2025 жылдың қазан айында``, ``биылғы 5 қазанда``, ``2025 жылы``."""
    year = read_year(words, i) or read_relative_year(words, i)
    if year is None:
        return None
    yp = year.point
    j = year.end
    dm = read_day_month(words, j)
    if dm and not year.plural:
        start = replace(dm.start, year=yp.year, year_offset=yp.year_offset)
        if dm.end_point:
            end_pt = replace(dm.end_point, year=yp.year, year_offset=yp.year_offset)
            return Find(i, dm.end, "year+days", range=(start, end_pt))
        return Find(i, dm.end, "year+day", point=start)
    months = None if year.plural else _read_months(words, j) or _read_year_part(words, j)
    if months:  # 2025 жылдың қаңтар-сәуір айларында, 2025 жылдың 1-тоқсанында
        first, last, end = months
        # a range that crosses the new year ends in the next year; a relative
        # year's range gets its end's year when it is resolved
        wraps = last < first and yp.year is not None
        stop = replace(yp, month=last, year=(yp.year or 0) + 1) if wraps else replace(yp, month=last)
        return Find(i, end, "year+months", range=(replace(yp, month=first), stop))
    # after ``2025 жылы`` (in 2025) a bare қазан may be a cauldron; after
    # ``2025 жылғы`` / ``жылдың`` a month is expected
    mo = _read_month_only(words, j, strong=year.case != "poss")
    if mo and not year.plural:
        point = replace(yp, month=mo[0].number)
        other = _read_month_only(words, mo[1] + 1, strong=True) if _is_dash(words, mo[1]) else None
        if other and other[0].number > mo[0].number:  # 2025 жылғы қаңтар – маусымда
            return Find(i, other[1], "year+months", range=(point, replace(point, month=other[0].number)))
        return Find(i, mo[1], "year+month", point=point)
    if year.case == "rel":
        return Find(i, j, "relative-year", period=("year", yp.year_offset or 0))
    if year.plural and yp.year is not None and yp.year % 10 == 0:
        return Find(i, j, "decade", range=(yp, Point(yp.year + 9)))
    if year.case == "abl":
        later = read_year(words, j)
        if later and later.point.year and yp.year and later.point.year > yp.year and later.case == "dat":
            return Find(i, later.end, "year-from-to", range=(yp, later.point))
    return Find(i, j, "year", point=yp)


def rule_year_range(words: Words, i: int) -> Find | None:
    """``2024-2026 жылдары``, ``2024–2026 жж.``, ``2005 – 2018-інші жылдар``,
    and an academic year ``2024–2025 оқу жылында`` (the range of its two years)."""
    first = read_number(words, i)
    if not _year_value(first) or first is None or not _is_dash(words, first.end):
        return None
    second = read_year(words, first.end + 1) or _read_academic_year(words, first.end + 1)
    if second is None or second.point.year is None or second.point.year <= first.value:
        return None
    return Find(i, second.end, "year-range", range=(Point(first.value), second.point))


def rule_day_first(words: Words, i: int) -> Find | None:
    """``5 қазан 2025 жыл``, ``5 октября 2025 года``, ``02 Қараша, 2023``, and
    without a year ``5 қазанда`` (the year comes from ``published``)."""
    dm = read_day_month(words, i)
    if dm is None:
        return None
    j = dm.end
    if _word(words, j) == "," and _is_plain_year(words, j + 1):
        j += 1
    year: int | None = None
    tail = read_year(words, j) if dm.bare else None
    if tail and not tail.plural:
        year, j = tail.point.year, tail.end
    elif dm.bare and _is_plain_year(words, j):
        year, j = int(_word(words, j)), j + 1
    start = replace(dm.start, year=year)
    if dm.end_point:
        return Find(i, j, "days", range=(start, replace(dm.end_point, year=year)))
    return Find(i, j, "day", point=start)


def _is_plain_year(words: Words, i: int) -> bool:
    w = _word(words, i)
    return w.isdigit() and len(w) == 4 and MIN_YEAR <= int(w) <= MAX_YEAR


def rule_month(words: Words, i: int) -> Find | None:
    """``қазан 2025``, ``октябрь 2025 г.``, ``қаңтарда``, ``қазан айында``,
    ``өткен ақпан айында``, ``қаңтар – мамыр``, ``маусымнан қазанға дейін``;
    a bare ambiguous month (қазан, маусым, наурыз) needs a year or айы."""
    start = i
    direction: int | None = None
    rel = _relative_phrase(words, i)
    if rel and rel[1] == "month_mod" and month_of(words[rel[0]] if rel[0] < len(words) else "x"):
        direction, i = rel[2], rel[0]
    if direction is None:
        months = _read_months(words, i)
        if months and "-" not in _word(words, i):  # the one-word pair is rule_month_range_word's
            first, last, end = months
            return Find(start, end, "month-from-to", range=(Point(month=first), Point(month=last)))
    word_month = month_of(words[i]) if i < len(words) else None
    bare = word_month is not None and (word_month.ending == "" or word_month.kind == "russian")
    strong = bare and (_is_plain_year(words, i + 1) or read_year(words, i + 1) is not None)
    mo = _read_month_only(words, i, strong=strong)
    if mo is None:
        return None
    month, end = mo
    year: int | None = None
    tail = read_year(words, end) if bare else None
    if tail and not tail.plural:
        year, end = tail.point.year, tail.end
    elif bare and _is_plain_year(words, end):
        year, end = int(_word(words, end)), end + 1
    point = Point(year=year, month=month.number, direction=direction if direction else None,
                  year_offset=0 if direction == 0 else None)
    if _is_dash(words, end) and year is None:
        other = _read_month_only(words, end + 1, strong=True)
        if other and other[0].number > month.number:
            return Find(start, other[1], "month-range", range=(point, replace(point, month=other[0].number)))
    return Find(start, end, "month", point=point)


def rule_month_range_word(words: Words, i: int) -> Find | None:
    """``қаңтар-маусым``, ``қаңтар-сәуір айларында``: two months in one hyphenated word."""
    if "-" not in _word(words, i):
        return None
    months = _read_months(words, i)
    if months is None:
        return None
    first, last, end = months
    return Find(i, end, "month-range", range=(Point(month=first), Point(month=last)))


def rule_relative(words: Words, i: int) -> Find | None:
    """``бүгін``, ``кеше``, ``өткен аптада``, ``келесі айда``, a day of a
    relative month ``өткен айдың 20-сында`` (years are read by
    :func:`rule_year_first`, so that ``биылғы 5 қазанда`` is one date)."""
    found = _relative_phrase(words, i)
    if found is None or found[1] in ("year", "month_mod"):
        return None
    end, unit, offset = found
    if unit == "vague":
        return Find(i, end, "vague", vague=True)
    if unit == "month" and _word(words, end - 1).endswith(_genitive_endings()):  # өткен айдың 20-сында
        day = read_number(words, end)
        if day is not None and _is_day(day) and day.possessed is not None and not day.in_words:
            return Find(i, day.end, "relative-month-day", point=Point(day=day.value, month_offset=offset))
    return Find(i, end, "relative", period=(unit, offset))


@preload
@cache
def _genitive_endings() -> tuple[str, ...]:
    return morph.case_endings("gen")


@preload
@cache
def _year_cases() -> frozenset[str]:
    """The case endings a year in digits may carry after its hyphen (``2025-те``)."""
    return frozenset(e for case in _words("year_case") for e in morph.case_endings(case))


def rule_year_with_ending(words: Words, i: int) -> Find | None:
    """``2017-де``, ``2020-дан бері``, ``2024-ке қарағанда``: a four-digit year
    with a case ending and no year word; not a count (``2000-нан астам``)."""
    m = _HYPHENED.match(_word(words, i))
    if not m or len(m.group(1)) != 4 or not 1900 <= int(m.group(1)) <= MAX_YEAR:
        return None
    if m.group(2) not in _year_cases() or _word(words, i + 1) in _words("not_year_after"):
        return None
    return Find(i, i + 1, "year", point=Point(int(m.group(1))))


RULES: tuple[Callable[[Words, int], Find | None], ...] = (
    rule_numeric,
    rule_year_first,
    rule_year_range,
    rule_day_first,
    rule_month,
    rule_month_range_word,
    rule_relative,
    rule_year_with_ending,
)


def _extend(words: Words, find: Find) -> Find:
    """Take in the words after a date that belong to it: ``күні``,
    ``аралығында``, the period part (``жылдың басынан``) and a postposition
    (``дейін``, ``бері``) kept as the note."""
    end = find.end
    if _word(words, end) in _words("day_word") and (find.point and find.point.day or find.range):
        end += 1
    if _word(words, end) in _words("range_word") and find.range:
        end += 1
    if _word(words, end) in _words("part") and find.point and find.point.month is None and find.point.day is None:
        end += 1
    note = find.note
    if _word(words, end) in _words("note") and not find.vague:
        note = _words("note")[_word(words, end)]
        end += 1
    if end == find.end and note == find.note:
        return find
    return replace(find, end=end, note=note)


@preload
@cache
def _relative_starts() -> frozenset[str]:
    """The first words of the relative phrases (``өткен``, ``биылғы``, ``кеше``)."""
    return frozenset(phrase[0] for phrase in _relatives())


@lru_cache(maxsize=1 << 16)
def may_start(word: str) -> bool:
    """Whether any rule can match from this word: the union of the rules'
    first-word conditions.

    Why: trying all :data:`RULES` at every word cost more than a third of
    the whole pipeline, while dates start at few words. Every rule needs its
    first word to be one of: a word with a digit (numeric dates, years,
    days, ``5-қазанда``, ``2017-де``), a number word (years and days in
    words), a month word (``қазанның 5-і``, ``қаңтарда``), the first word of
    a relative phrase (``өткен ақпан``, ``биылғы``, ``кеше``) or a
    hyphenated pair of months (``қаңтар-маусым``). So skipping the other
    words changes no result (``tests/test_dates.py`` checks that no rule
    matches at a word this rejects). Cached by word, like :func:`fold`.
    """
    w = fold(word)
    if any(map(str.isdigit, w)):
        return True
    if _number_word(word) is not None or month_of(word) is not None or w in _relative_starts():
        return True
    return "-" in w and month_of(w.partition("-")[0]) is not None


def _lone_number(words: Words, i: int) -> bool:
    """A number in plain digits (``44``, ``2025``) that no rule can read as a
    date: every rule that starts at such a word needs the next word to be a
    year word (``2025 жылы``), a dash (``2024–2026``, ``5–7 қазан``) or a
    month (``5 қазанда``); numbers are the commonest candidates and most are
    counts. ``tests/test_dates.py`` checks, with :func:`may_start`, that no
    rule matches where this says no."""
    if not words[i].isdigit():
        return False
    after = _word(words, i + 1)
    if after in _year_words() or after in DASHES:
        return False
    return i + 1 >= len(words) or month_of(words[i + 1]) is None


def may_start_at(words: Words, i: int) -> bool:
    """Whether a rule may match at ``words[i]``: :func:`may_start` on the
    word, and not a :func:`_lone_number`."""
    return may_start(words[i]) and not _lone_number(words, i)


def find_dates(words: Words) -> list[Find]:
    """Every date expression in ``words``, in text order: left to right, the
    longest find starting at a word wins and reading resumes after it (a
    Kazakh date starts with its largest unit, so the leftmost start is the
    whole date). Vague phrases are dropped after they have blocked others.
    Rules are tried only at words where :func:`may_start` says one can match."""
    kept: list[Find] = []
    resume = 0  # reading resumes after the last find
    for i in compress(range(len(words)), map(may_start, words)):
        if i < resume or _lone_number(words, i):
            continue
        found = [f for rule in RULES if (f := rule(words, i)) is not None]
        if found:
            best = max((_extend(words, f) for f in found), key=lambda f: f.length)
            kept.append(best)
            resume = best.end
    return [f for f in kept if not f.vague]


# ------------------------------------------------------------------ tense


PAST, FUTURE = -1, 1


def _clause(tail: Words) -> list[str]:
    """The words of ``tail`` up to the end of the date's own clause: before a
    ``;`` or a comma that opens a new clause (``, ал ...``, ``, бірақ ...``),
    so that ``4 маусымда өтті, ал келесі кездесу қазанда болады`` reads өтті
    for the first date."""
    breaks = _words("clause_break")
    for k, w in enumerate(tail):
        if w == ";" or (w == "," and _word(tail, k + 1) in breaks):
            return list(tail[:k])
    return list(tail)


def clause_tense(tail: Words) -> int | None:
    """The tense of a date's clause from its predicate: :data:`PAST`,
    :data:`FUTURE` (also present and intention: planned) or None (unclear:
    no verb form we know, as in a heading or a clause without a predicate).

    ``tail`` runs from the date's end to the end of its sentence. Kazakh puts
    the predicate last (before a ``— деді`` of reported speech, whose quoted
    predicate decides). The past shows as -ды/-ді (өтті, болды, қол
    қойды), -ған/-ген, or the auxiliary еді; present-future -ады/-еді
    (өтеді) and intention -мақ/-мекші are not past. Where a past and a
    present suffix both fit, the longer decides (қабылдады: -дады, past;
    барады: -ады, present), and the few past forms no suffix tells apart
    are listed as past_word. Suffixes and words are data in date_words.tsv.
    """
    tail = _clause(tail)
    clean = [fold(w) for w in tail if _has_letter(w)]
    if not clean:
        return None
    last = clean[-1]
    dash = max((k for k, w in enumerate(tail) if w in DASHES), default=None)
    if dash is not None and not _words("speech_verb").keys().isdisjoint(clean[-3:]):
        before = [fold(w) for w in tail[:dash] if _has_letter(w)]
        last = before[-1] if before else last
    return _tense_of_predicate(last)


@lru_cache(maxsize=1 << 16)
def _has_letter(word: str) -> bool:
    return any(c.isalpha() for c in word)


@lru_cache(maxsize=1 << 16)
def _tense_of_predicate(last: str) -> int | None:
    """The tense a clause's last word (folded) shows, by :func:`clause_tense`'s
    suffix rules. Cached by word: predicates repeat (өтті, қол қойды, болады)."""
    if last in _words("past_word"):
        return PAST
    future = max((len(s) for s in _words("future_suffix") if last.endswith(s)), default=0)
    past = max((len(s) for s in _words("past_suffix") if last.endswith(s) and len(last) > len(s) + 1), default=0)
    if not future and not past:
        return None
    return PAST if past > future else FUTURE


def is_past(tail: Words) -> bool:
    """Whether the predicate of a clause is in a past tense (see :func:`clause_tense`)."""
    return clause_tense(tail) == PAST


# ------------------------------------------------------------------ values


@dataclass(frozen=True)
class DateValue:
    """What a record says about a date: ISO value (None: unresolved)."""

    value: str | None
    granularity: str
    relative: bool
    note: str | None = None


def _iso(p: Point) -> str:
    if p.year is None:
        raise ValueError("a point needs a year before it has an ISO form")
    out = f"{p.year:04d}"
    if p.month:
        out += f"-{p.month:02d}"
        if p.day:
            out += f"-{p.day:02d}"
    return out


def _granularity(p: Point) -> str:
    return "day" if p.day else "month" if p.month else "year"


def _needs_published(p: Point) -> bool:
    return p.year is None


def _place_year(p: Point, published: dt.date, past: bool | None) -> Point:
    """Give a point without a year the year from ``published``.

    RECORD.md: a day and month without a year take the year from
    ``published``; which year follows the clause's tense. Past (``past``
    True): the nearest such date not after ``published`` (an article of
    2025-05-14 on a signing ``13 мамырда`` means 2025-05-13, not 2026).
    Future or planned (False): the next one, not before it. Unclear (None):
    the nearest one either way, a tie going to the one not after, which is
    the date in ``published``'s own year except near the new year. A month
    placed by a word (``өткен ақпан``) is strictly before or after; a month
    counted from ``published`` (``өткен айдың 20-сында``) is that month.
    """
    if p.year_offset is not None:
        return replace(p, year=published.year + p.year_offset, year_offset=None, direction=None)
    if p.month_offset is not None:
        index = published.year * 12 + published.month - 1 + p.month_offset
        return replace(p, year=index // 12, month=index % 12 + 1, month_offset=None, direction=None)
    if p.month is None:
        return replace(p, year=published.year)
    strict = p.direction is not None
    if p.direction is None and past is None:
        return replace(p, year=_nearest_year(p.month, p.day, published))
    direction = p.direction if p.direction is not None else (-1 if past else 1)
    there = (p.month, p.day or 0)
    here = (published.month, published.day if p.day else 0)
    year = published.year
    if direction < 0 and (there > here or (strict and p.month >= published.month)):
        year -= 1
    elif direction > 0 and (there < here or (strict and p.month <= published.month)):
        year += 1
    return replace(p, year=year, direction=None)


def _nearest_year(month: int, day: int | None, published: dt.date) -> int:
    """The year, around ``published``'s, that puts the month (and day) nearest
    to ``published``: in days for a day, in whole months for a month; a tie
    goes to the earlier (not after ``published``)."""
    def distance(year: int) -> int:
        if day is None:
            return abs((year * 12 + month) - (published.year * 12 + published.month))
        last = 29 if month == 2 else 31  # 29 февраля / 31 days: measure from a real date
        for d in range(min(day, last), 0, -1):
            try:
                return abs((dt.date(year, month, d) - published).days)
            except ValueError:
                continue
        raise ValueError(f"no day of month {month} in {year}")
    years = (published.year - 1, published.year, published.year + 1)
    return min(years, key=lambda y: (distance(y), y))


def _relative_period(unit: str, offset: int, published: dt.date) -> tuple[str, str]:
    """(value, granularity) of a relative period such as ``өткен аптада``."""
    if unit == "day":
        return (published + dt.timedelta(days=offset)).isoformat(), "day"
    if unit == "week":
        monday = published - dt.timedelta(days=published.weekday()) + dt.timedelta(weeks=offset)
        return f"{monday.isoformat()}/{(monday + dt.timedelta(days=6)).isoformat()}", "range"
    if unit == "month":
        index = published.year * 12 + published.month - 1 + offset
        return f"{index // 12:04d}-{index % 12 + 1:02d}", "month"
    return f"{published.year + offset:04d}", "year"


def resolve(find: Find, published: dt.date | None, past: bool | None) -> DateValue:
    """The record's value of a find; None (and relative) when it needs
    ``published`` and there is none: never the machine's clock. ``past``: the
    tense of the date's clause, True past, False future or planned, None
    unclear (see :func:`_place_year`)."""
    if find.period is not None:
        if published is None:
            return DateValue(None, "range" if find.period[0] == "week" else find.period[0], True, find.note)
        value, gran = _relative_period(*find.period, published)
        return DateValue(value, gran, True, find.note)
    if find.point is not None:
        p = find.point
        relative = _needs_published(p)
        if relative:
            if published is None:
                return DateValue(None, _granularity(p), True, find.note)
            p = _place_year(p, published, past)
        return DateValue(_iso(p), _granularity(p), relative, find.note)
    assert find.range is not None
    a, b = find.range
    relative = _needs_published(a)
    if relative:
        if published is None:
            return DateValue(None, "range", True, find.note)
        a = _place_year(a, published, past)
        b = replace(b, year=a.year, year_offset=None, direction=None)
        if (b.month or 0, b.day or 0) < (a.month or 0, a.day or 0):
            b = replace(b, year=(a.year or 0) + 1)
    return DateValue(f"{_iso(a)}/{_iso(b)}", "range", relative, find.note)
