"""Places: cities, regions and other named places that are not states.

Names come from ``models/places.tsv`` matched through inflection (``Ақтауда``
-> Ақтау), and from the shape ``<Capitalised word> қаласы/облысы/ауданы/ауылы``
for places the list does not know. States and places are matched in one
left-to-right pass, the longest name winning, so that ``Солтүстік Қазақстан
облысы`` is a region and not the state Қазақстан (:func:`find_names`, shared
with the parties component).

What is not a place mention (RECORD.md, Conventions): the dateline; a place
inside an organisation's name (``Қостанай облысының білім басқармасы``,
``«Алматы Тауэр» ЖШС``) or inside a quoted title. A place inside a position
(``Шымкент қаласының әкімі``) is one, since a position is not an organisation.
``Алматы қаласы`` is the city ``Алматы``: the mention is the city word alone.
A city's name before a region word is the region named after it (``Беларусьтің
Гомель облысымен`` -> ``Гомель облысы``, not the city), and a region the list
does not know takes the country of a state in the genitive just before it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import cast

from spacy.language import Language
from spacy.tokens import Doc, Span

from .. import docdata, morph
from .. import gazetteer as gz
from ..dates_grammar import month_of
from ..reader import Article
from ..spans import PLACES, TITLES, PlaceInfo, set_kx
from .name_lookup import WORD_MARKS, may_start, name_at
from .org_grammar import (
    Tok,
    find_organisations,
    is_all_caps,
    is_cap,
    is_punct,
    marked_tokens,
    name_word,
    toks,
)

_PLACE_WORDS = {"city", "region", "other"}


@dataclass(frozen=True)
class NameHit:
    """A state or place name at tokens ``start``..``end`` (exclusive)."""

    start: int
    end: int
    entry: gz.Entry


# A unit named after its city is the unit, not the city: Гомель облысы,
# Қостанай ауданы; the unit words are marked after_city in name_grammar.tsv
# (RECORD.md keeps облысы/ауданы in a place's name; KazNERD tags the town
# alone in "Шемонаиха ауданында", so its GPE score dips by a hair: the
# record's contract wins).

MAX_LANDMARK_WORDS = 4  # capitalised words of a landmark's name (Қожа Ахмет Ясауи кесенесі)


def _generic_place(ts: list[Tok], words: list[str], i: int) -> tuple[int, gz.Entry] | None:
    """``<Capitalised> облысы``, ``Киров су қоймасы``: a place the gazetteer does not list.

    ``қаласы`` names a city by its bare name; the other words stay in the
    name. A landmark word (кесенесі, мешіті, көшесі) takes the run of
    capitalised words before it, so that the person a mausoleum or a street
    is named after is part of the place (RECORD.md: a person named only inside
    a larger name is not listed). Returns (number of words, entry).
    """
    if not name_word(ts[i]) or is_all_caps(words[i]):
        return None  # Яғни кен орнында, Жалпы көшесі: a sentence's first word is no name
    j = i + 1
    while j < len(words) and j - i < MAX_LANDMARK_WORDS and not ts[j - 1].newline_after:
        if not (
            name_word(ts[j]) and not is_all_caps(words[j]) or gz.role_of(words[j]) == "honorific"
        ):
            break
        j += 1
    if j >= len(words) or ts[j - 1].newline_after:
        return None
    hit = name_at(gz.place_words(), words, j)
    if hit is None or words[j][:1].isupper():
        return None
    n, generic = hit
    role = generic.kind
    if role != "landmark" and j > i + 1:
        return None  # other generic words follow one name word (Кеген ауданы): found at j - 1
    if role == "landmark" and ts[i].sent_start and j > i + 1:
        return None  # a sentence's first word may be a common one: the name starts further on
    names = words[i:j]
    end = j + n
    if role == "city":
        return end - i, gz.Entry(morph.canonical(words[i]), "city", None, "place")
    name = " ".join([*names, gz.place_words().written(words[j:end]) or generic.name])
    return end - i, gz.Entry(name, "other" if role == "landmark" else role, None, "place")


def _plural_place_word(word: str) -> str | None:
    """The singular generic word (``облысы``) of a plural one (``облыстарында``).

    Asked once a word (``PLURAL_PLACE_WORD`` in ``WORD_MARKS``). A word
    without a plural and a possessive ending is not analysed at all."""
    if not morph.may_be_plural_possessive(word):
        return None
    for a in morph.analyses(word):
        if a.plural and a.possessive:
            singular = morph.inflect(a.lemma, "nom", possessive=True)
            if gz.role_of(singular) in {"region", "other"}:
                return singular
    return None


def _is_cap_word(word: str) -> bool:
    """Capitalised and not punctuation: a name's first word."""
    return is_cap(word) and not is_punct(word)


CAP_WORD = WORD_MARKS.add(_is_cap_word)
STATE_START = WORD_MARKS.add(lambda w: _is_cap_word(w) and may_start(gz.states(), w))
PLACE_START = WORD_MARKS.add(lambda w: _is_cap_word(w) and may_start(gz.places(), w))
PLACE_WORD_START = WORD_MARKS.add(
    lambda w: not w[:1].isupper() and may_start(gz.place_words(), w)
)  # _generic_place reads a generic word only in lower case
PLURAL_PLACE_WORD = WORD_MARKS.add(lambda w: _plural_place_word(w) is not None)
NAME_START = STATE_START | PLACE_START


def find_names(doc: Doc) -> list[NameHit]:
    """States and places of the doc, longest first at each position (cached).

    A name must start with a capital letter; the place tables win over the
    state table on equal length only when the place is longer. Only the
    words marked as a possible start (:data:`~.name_lookup.WORD_MARKS`) are probed: a table
    finds nothing at the others (:func:`~.name_lookup.may_start`).
    """
    cached = doc.user_data.get("kx_names")
    if cached is not None:
        return cached
    ts = toks(doc)
    words = docdata.words(doc)
    marked, marks = marked_tokens(doc)
    near = _before_place_words([j for j in marked if marks[j] & PLACE_WORD_START])
    states, places = gz.states(), gz.places()
    hits: list[NameHit] = []
    free = 0  # the first token after the last name found
    for i in marked:
        m = marks[i]
        if i < free or not (m & NAME_START or m & CAP_WORD and i in near):
            continue  # no table has a name here, and no generic place word follows
        best = states.longest_at(words, i) if m & STATE_START else None
        if m & PLACE_START:
            hit = places.longest_at(words, i)
            if hit is not None and (best is None or hit[0] > best[0]):
                best = hit
        if best is not None and _common_word_here(ts, words, i, best):
            continue
        if best is None:
            best = _generic_place(ts, words, i) if i in near else None
        elif best[1].source == "place" and _place_word_at(ts, i + best[0]):
            best = _with_feature_word(words, i, best)
            best = _region_of_city(words, i, best)
        if best is not None and best[1].source == "place" and best[1].country is None:
            best = _with_state_before(words, hits, i, best)
        if best is None:
            continue
        hits.append(NameHit(i, i + best[0], best[1]))
        free = i + best[0]
    hits = _plural_regions(words, hits, [k for k in marked if marks[k] & PLURAL_PLACE_WORD])
    doc.user_data["kx_names"] = hits
    return hits


def _place_word_at(ts: list[Tok], k: int) -> bool:
    """Whether a generic place word in lower case can start at token ``k``
    (its mark): else :func:`_with_feature_word` and :func:`_region_of_city`
    leave a name as it is."""
    return k < len(ts) and bool(ts[k].marks & PLACE_WORD_START)


def _before_place_words(place_words: list[int]) -> set[int]:
    """The positions from which :func:`_generic_place` may probe a generic
    place word (``облысы``, ``су қоймасы``) that can start at one of
    ``place_words``: it probes ``i + 1`` to ``i + MAX_LANDMARK_WORDS`` after a
    name at ``i``, and finds nothing from anywhere else."""
    near: set[int] = set()
    for j in place_words:
        near.update(range(j - MAX_LANDMARK_WORDS, j))
    return near


def _common_word_here(ts: list[Tok], words: list[str], i: int, hit: tuple[int, gz.Entry]) -> bool:
    """A one-word name that is here its common-word homonym: a state of kind
    ``homonym`` as a sentence's first word (``Қатар`` "row"), or a city named
    like a month between a day and a year (``03 Қазан, 2025``: a date)."""
    n, entry = hit
    if n != 1:
        return False
    if entry.source == "state":
        return ts[i].sent_start and any(k in gz.homonym_states() for k in gz.word_keys(words[i]))
    if month_of(words[i]) is None:
        return False
    before = i > 0 and words[i - 1].isdigit()
    after = next((w for w in words[i + 1 : i + 3] if w != ","), "")
    return before or (len(after) == 4 and after.isdigit())


def _with_feature_word(words: list[str], i: int, hit: tuple[int, gz.Entry]) -> tuple[int, gz.Entry]:
    """``Шу өзені``: a known place name before a river, lake or landmark word
    names that feature, not the town (kind other, the state left open: rivers
    cross borders)."""
    n, entry = hit
    after = name_at(gz.place_words(), words, i + n) if i + n < len(words) else None
    if after is None or after[1].kind not in {"other", "landmark"} or words[i + n][:1].isupper():
        return hit
    end = i + n + after[0]
    feature = gz.place_words().written(words[i + n : end]) or after[1].name
    written = " ".join([*(gz.fold_case_kept(w) for w in words[i : i + n]), feature])
    return end - i, gz.Entry(written, "other", None, "place")


def _region_of_city(words: list[str], i: int, hit: tuple[int, gz.Entry]) -> tuple[int, gz.Entry]:
    """``Гомель облысы``: a city of the list before ``облысы`` names the
    region (a first-level unit takes its centre's name); a region the list
    knows is matched whole before this. Not ``ауданы`` or ``өңірі``: a
    district or the area around a town (``Қарағанды өңірі``, ``Шемонаиха
    ауданы``) is named by the town itself in the news (KazNERD tags the town
    alone); a district the list knows (``Жамбыл ауданы``) is matched whole."""
    n, entry = hit
    if entry.kind != "city" or i + n >= len(words) or words[i + n][:1].isupper():
        return hit
    after = name_at(gz.place_words(), words, i + n)
    if after is None or after[1].name not in gz.units_named_after_cities():
        return hit
    end = i + n + after[0]
    generic = gz.place_words().written(words[i + n : end]) or after[1].name
    written = " ".join([*(gz.fold_case_kept(w) for w in words[i : i + n]), generic])
    return end - i, gz.Entry(written, "region", entry.country, "place")


def _with_state_before(
    words: list[str], hits: list[NameHit], i: int, hit: tuple[int, gz.Entry]
) -> tuple[int, gz.Entry]:
    """A place the list does not know, right after a state in the genitive
    (``Беларусьтің Могилев облысы``), lies in that state."""
    n, entry = hit
    if not hits or hits[-1].end != i or hits[-1].entry.source != "state":
        return hit
    if not morph.is_genitive(words[i - 1]):
        return hit
    if entry.kind not in _PLACE_WORDS or entry.kind == "other":
        return hit  # rivers and landmarks may cross borders
    return n, gz.Entry(entry.name, entry.kind, hits[-1].entry.country, "place")


def _plural_regions(words: list[str], hits: list[NameHit], plurals: list[int]) -> list[NameHit]:
    """``Қарағанды және Павлодар облыстарында``: each listed name is a region.

    The plural generic word (облыстары, аудандары) after a list of names turns
    each of them into ``<name> облысы`` (from the gazetteer when it knows the
    region, else as written); the list is the run of names joined by commas
    and conjunctions right before it, each of up to three capitalised words.
    ``plurals``: the positions of the words that may be such a plural word.
    """
    if not plurals:
        return hits  # in order of start already, one a start (find_names)
    out = {h.start: h for h in hits}
    for k in plurals:
        role = _plural_place_word(words[k])
        if role is None:
            continue
        j = k
        while j > 0:
            found = _listed_region(words, j, role)
            if found is None:
                break
            out = {s: h for s, h in out.items() if h.end <= found.start or h.start >= found.end}
            out[found.start] = found
            j = found.start
            if j > 0 and (words[j - 1] == "," or gz.role_of(words[j - 1]) in {"and", "with"}):
                j -= 1
            else:
                break
    return [out[s] for s in sorted(out)]


def _listed_region(words: list[str], end: int, role: str) -> NameHit | None:
    """The region named by the capitalised words ending at ``end`` plus ``role``."""
    for n in (3, 2, 1):
        start = end - n
        if start < 0 or not all(gz.fold_case_kept(w)[:1].isupper() for w in words[start:end]):
            continue
        entry = gz.places().lookup([*words[start:end], role])
        if entry is not None:
            return NameHit(start, end, entry)
    if end > 0 and gz.fold_case_kept(words[end - 1])[:1].isupper():
        name = morph.canonical(words[end - 1]) + " " + role
        kind = gz.role_of(role)
        kind = "region" if kind not in _PLACE_WORDS else kind
        return NameHit(end - 1, end, gz.Entry(name, kind, None, "place"))
    return None


def blocked_tokens(doc: Doc) -> frozenset[int]:
    """Tokens inside quoted titles or page furniture (menus, weather and
    currency widgets): names there are not mentions."""
    return _blocked_tokens(doc, doc._.article)


def _blocked_tokens(doc: Doc, article: Article | None) -> frozenset[int]:
    """:func:`blocked_tokens`, given the doc's article (``doc._.article``).
    Kept in ``doc.user_data``: places and parties both ask (titles are set
    by then and never change)."""
    cached = doc.user_data.get("kx_blocked")
    if cached is None:
        cached = doc.user_data["kx_blocked"] = frozenset(_read_blocked_tokens(doc, article))
    return cast("frozenset[int]", cached)


def _read_blocked_tokens(doc: Doc, article: Article | None) -> set[int]:
    blocked: set[int] = set()
    for span in doc.spans.get(TITLES, []):
        blocked.update(range(span.start, span.end))
    for start, end in getattr(article, "furniture", None) or ():
        sub = doc.char_span(start, end, alignment_mode="expand")
        if sub is not None:
            blocked.update(range(sub.start, sub.end))
    return blocked


def org_tokens(doc: Doc) -> set[int]:
    """Tokens inside organisation names."""
    inside: set[int] = set()
    for org in find_organisations(doc):
        inside.update(range(org.start, org.end))
    return inside


def _dateline_tokens(doc: Doc, article: Article | None) -> set[int]:
    """Tokens of the article's dateline."""
    span = getattr(article, "dateline_span", None) if article is not None else None
    if not span:
        return set()
    sub = doc.char_span(span[0], span[1], alignment_mode="expand")
    return set(range(sub.start, sub.end)) if sub is not None else set()


def place_span(doc: Doc, words: list[str], hit: NameHit, label: int) -> Span:
    """The mention: a city without its ``қаласы``, any other name whole.
    ``words``: the doc's token texts; ``label``: the id of :data:`PLACES` in
    the doc's strings (a string label would be looked up for every span)."""
    end = hit.end
    if hit.entry.kind == "city" and end - hit.start > 1 and gz.role_of(words[end - 1]) == "city":
        end -= 1
    return Span(doc, hit.start, end, label=label)


def place_name(words: list[str], hit: NameHit) -> str:
    """The record's name of a place: the text's own spelling, in the nominative.

    A spelling variant the gazetteer lists (``Стамбулда`` for Стамбұл,
    ``Пекинде`` for Бейжің, ``Оренбург`` for Орынбор) and a former name
    (``Нұр-Сұлтан``) are named as the article writes them: the gold and the
    reader expect the article's own word, and the country still comes from the
    gazetteer. An abbreviation or a headline in capitals (``ШҚО``, ``АЛМАТЫ``)
    takes the gazetteer's full name, and a city written with its generic word
    (``Алматы қаласы``) its bare name. ``words``: the doc's token texts.
    """
    names = tuple(words[hit.start : hit.end])
    if any(is_all_caps(w) for w in names):
        return hit.entry.name
    if hit.entry.kind == "city" and len(names) > 1 and gz.role_of(names[-1]) == "city":
        return hit.entry.name
    entry, written = _listed_place(names)
    if entry != hit.entry:
        return hit.entry.name  # a name built here (Шу өзені from a list), not a gazetteer match
    return written if written is not None else hit.entry.name


@lru_cache(maxsize=1 << 14)
def _listed_place(names: tuple[str, ...]) -> tuple[gz.Entry | None, str | None]:
    """The place list's entry for these words and the name as they write it.
    Cached by the words of a place's name, as the gazetteer memoises its probes."""
    return gz.places().lookup(names), gz.places().written(names)


@Language.factory("kazextract_places")
def make_places(nlp: Language, name: str) -> PlacesComponent:
    return PlacesComponent()


class PlacesComponent:
    """Writes ``doc.spans["places"]`` with :class:`PlaceInfo` on each mention."""

    def __call__(self, doc: Doc) -> Doc:
        article = doc._.article
        skip = _blocked_tokens(doc, article) | org_tokens(doc) | _dateline_tokens(doc, article)
        words = docdata.words(doc)
        label = doc.vocab.strings.add(PLACES)
        spans = []
        for hit in find_names(doc):
            if hit.entry.source != "place" or not skip.isdisjoint(range(hit.start, hit.end)):
                continue
            span = place_span(doc, words, hit, label)
            info = PlaceInfo(
                name=place_name(words, hit), kind=hit.entry.kind, country=hit.entry.country
            )
            set_kx(span, info)
            spans.append(span)
        doc.spans[PLACES] = spans
        return doc
