"""Persons: the names of people, in the nominative.

A person's name is found by one of these rules, tried at each capitalised
token:

    AFTER_POSITION = POSITION NAME NAME [SHORT_NAME]   (министрі Ким Чжон Хо)
    GIVEN_NAME     = FIRST_NAME NAME                    (Мұхтар Әуезов пен)
    INITIALS       = INITIAL+ NAME                      (Л.Н. Гумилев)
    SURNAME_SHAPE  = NAME SURNAME                       (Айгүл Төлеуова, Ерсін Төлеген?)

POSITION words come from models/positions.tsv, first names from
models/person_names.tsv, surname endings from models/name_grammar.tsv
(role ``surname_suffix``). The last word is put back into the nominative
with morph (``Әуезов пен`` -> Әуезов, ``Қадыри арасындағы`` -> Қадыри).

The country comes from the words before the name, in the same phrase: a
nationality word (``қазақтың ұлы жазушысы``), or a state or an organisation
with a country that the position belongs to (``Өзбекстанның Мәдениет
министрі``); otherwise null.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import compress, count
from operator import attrgetter

from spacy.tokens import Doc

from .. import docdata, morph
from .. import gazetteer as gz
from ..resources import preload, read_tsv
from .org_grammar import Tok, is_all_caps, is_initials, name_word, toks

WINDOW = 8  # words before a name searched for its country


@preload
@cache
def _positions() -> frozenset[str]:
    """Position words (last word of each entry), folded."""
    return frozenset(gz.fold(row["word"].split()[-1]) for row in read_tsv("positions.tsv"))


@preload
@cache
def _first_names() -> frozenset[str]:
    return frozenset(gz.fold(row["name"]) for row in read_tsv("person_names.tsv"))


@preload
@cache
def _surname_suffixes() -> tuple[str, ...]:
    return tuple(
        gz.fold(row["word"].lstrip("-"))
        for row in read_tsv("name_grammar.tsv")
        if row["role"] == "surname_suffix"
    )


@lru_cache(maxsize=1 << 14)
def is_position(word: str) -> bool:
    """``министрі``, ``елшісі``, ``вице-министрі`` ...: a position in the possessive."""
    pos = _positions()
    return any(gz.fold(a.lemma) in pos or gz.fold(a.form) in pos for a in morph.analyses(word))


@lru_cache(maxsize=1 << 14)
def person_name(text: str) -> str:
    """A person's name in the nominative. Kazakh names often end in what looks
    like an accusative (Сатыбалды, Жолды, Берді): in a name the accusative is
    only undone when what is left is a known first name or has a surname
    suffix (Ержанды -> Ержан, Тоқаевты -> Тоқаев); other cases as usual.
    Cached by the name's text (two or three words)."""
    name = morph.canonical(text)
    words, cut = text.split(" "), name.split(" ")
    if morph.case_of(words[-1]) == "acc" and len(cut) == len(words):
        stem = cut[-1]
        if not (is_first_name(stem) or is_surname(stem)):
            return " ".join([*cut[:-1], gz.fold_case_kept(words[-1])])
    return name


@lru_cache(maxsize=1 << 16)
def is_first_name(word: str) -> bool:
    """A known first name, possibly inflected (cached by word: asked of most capitalised words)."""
    return any(k in _first_names() for k in gz.word_keys(word))


@lru_cache(maxsize=1 << 16)
def is_surname(word: str) -> bool:
    """A word shaped like a surname, possibly inflected (Тоқаевпен, Әуезовтің).
    Cached by word."""
    keys = gz.word_keys(word)
    return any(len(k) > 4 and k.endswith(sfx) for k in keys for sfx in _surname_suffixes())


def _name_tok(tok: Tok) -> bool:
    """A name word inside a sentence, not in capitals: a part of a person's name."""
    return not tok.sent_start and _inner_name_word(tok.text, tok.cap, tok.punct)


@lru_cache(maxsize=1 << 16)
def _inner_name_word(text: str, cap: bool, punct: bool) -> bool:
    """:func:`name_word` of a token that does not open a sentence, and not in
    capitals. ``name_word`` reads a token's text, ``cap`` and ``punct`` (and
    ``sent_start``, False here), so this is cached by those: it is asked of
    the words after every capitalised one."""
    tok = Tok(text=text, cap=cap, sent_start=False, newline_after=False, punct=punct)
    return name_word(tok) and not is_all_caps(text)


@dataclass
class PersonSpan:
    """A person's name at tokens ``start``..``end`` (exclusive)."""

    start: int
    end: int
    name: str
    country: str | None


Rule = Callable[[list[Tok], int], int | None]


def after_position(ts: list[Tok], i: int) -> int | None:
    """AFTER_POSITION: two capitalised words after a position, a third if short."""
    if i == 0 or not is_position(ts[i - 1].text) or i + 1 >= len(ts):
        return None
    if not (_name_tok(ts[i]) or ts[i].cap) or not _name_tok(ts[i + 1]) or ts[i].newline_after:
        return None
    return _third_part(ts, i, i + 2)


def _third_part(ts: list[Tok], i: int, end: int) -> int:
    """One past a two-word name at ``i``, or past a short third part.

    A third capitalised word belongs to the name when it is short (``Ким Чжон
    Хо``) or when the first two are syllables of an East Asian name (``Пак Мин
    Чжун``, ``Ли Су Чжин``: family name and a given name of two syllables),
    or when it is a given name in the nominative after two words none of
    which is a surname (Malay and Arabic names: ``Нор Азлан Исмаил``,
    ``Мұхаммед Әли Хасан``, the last part the father's name), unless a
    capitalised word follows it: then it opens the next name (``Брижит Бардо
    Қасым-Жомарт Тоқаевқа``).
    """
    if end >= len(ts) or not _name_tok(ts[end]) or ts[end - 1].newline_after:
        return end
    third = len(ts[end].text)
    syllables = len(ts[i].text) <= 3 and len(ts[i + 1].text) <= 3
    if third <= 3 or syllables and third <= 5:
        return end + 1
    if (
        not is_surname(ts[i + 1].text)
        and is_first_name(ts[end].text)
        and morph.case_of(ts[end].text) == "nom"
        and not (end + 1 < len(ts) and _name_tok(ts[end + 1]) and not ts[end].newline_after)
    ):
        return end + 1  # Нор Азлан Исмаил: a father's given name closes a name with no surname
    return end


def given_name(ts: list[Tok], i: int) -> int | None:
    """GIVEN_NAME: a known first name and the capitalised word after it."""
    if (
        i + 1 < len(ts)
        and is_first_name(ts[i].text)
        and ts[i].cap
        and _name_tok(ts[i + 1])
        and not ts[i].newline_after
    ):
        return _third_part(ts, i, i + 2)
    return None


def initials(ts: list[Tok], i: int) -> int | None:
    """INITIALS: ``М.`` or ``Л.Н.`` before a capitalised surname."""
    if i + 1 < len(ts) and is_initials(ts[i].text) and _name_tok(ts[i + 1]):
        return i + 2
    return None


def surname_shape(ts: list[Tok], i: int) -> int | None:
    """SURNAME_SHAPE: a capitalised word and a surname-shaped one."""
    if (
        i + 1 < len(ts)
        and (ts[i].cap and not ts[i].punct)
        and _name_tok(ts[i + 1])
        and is_surname(ts[i + 1].text)
    ):
        return i + 2
    return None


RULES: tuple[Rule, ...] = (after_position, initials, given_name, surname_shape)


@lru_cache(maxsize=1 << 16)
def _nationality(word: str) -> str | None:
    """:func:`gz.nationality_of`, cached by word: asked of the words before every name."""
    return gz.nationality_of(word)


def person_country(
    doc: Doc, ts: list[Tok], start: int, owners: dict[int, str | None]
) -> str | None:
    """The country of the person at ``start`` from the phrase before the name.

    ``owners`` maps the last token of each state or organisation name to its
    country. The search stops at punctuation and at a conjunction that joins
    this name to another one.
    """
    for j in range(start - 1, max(-1, start - WINDOW - 1), -1):
        tok = ts[j]
        if tok.punct or tok.newline_after:
            return None
        code = _nationality(tok.text) if not tok.cap else None
        if code:
            return code
        if (
            j in owners and morph.case_of(tok.text) != "attr"
        ):  # Қазақстандағы елшісі: where, not whose
            return owners[j]
        if gz.role_of(tok.text) == "and" and ts[j + 1].cap:
            return None
    return None


_CAP = attrgetter("cap")


def find_persons(
    doc: Doc, blocked: set[int], owners: dict[int, str | None], caps: list[int] | None = None
) -> list[PersonSpan]:
    """Every person name outside ``blocked`` tokens (names of bodies, places, titles).

    A name starts at a capitalised word (``caps``: their positions, if known),
    and every rule wants a name word after it (:func:`_name_tok`): the other
    words are not tried.
    """
    ts = toks(doc)
    if caps is None:
        caps = list(compress(count(), map(_CAP, ts)))
    out: list[PersonSpan] = []
    end = 0  # the tokens before it are read
    for i in caps:
        if i < end or i in blocked or i + 1 >= len(ts):
            continue
        after = ts[i + 1]
        if not (after.cap and _name_tok(after)):  # a name word is capitalised
            continue
        found = _name_end(ts, i, blocked)
        if found is None:
            continue
        end = found
        name = person_name(docdata.span_text(doc, i, end))
        out.append(PersonSpan(i, end, name, person_country(doc, ts, i, owners)))
    return out


def _name_end(ts: list[Tok], i: int, blocked: set[int]) -> int | None:
    """One past the name at ``i`` by the first rule that finds one clear of ``blocked``."""
    for rule in RULES:
        end = rule(ts, i)
        if end is not None and blocked.isdisjoint(range(i, end)):
            return end
    return None
