"""The record builder: the one place where spans become pydantic models.

It reads the span groups the components wrote (``spans.py`` says what each
holds), groups mentions into parties and places, numbers parties in order of
first mention, deduplicates titles, resolves agreement sides to party ids, and
validates the result as a :class:`~kazextract.record.Record`.

The parts are built as plain dicts and validated once, as a whole, by
``Record.model_validate``: building each Mention, Party and Place as a model
validated every part a first time and the Record's fields then checked them
again, for the same result.
"""

from __future__ import annotations

import hashlib
from operator import itemgetter
from typing import Any

from spacy.tokens import Doc

from . import docdata
from .record import Record
from .spans import (
    AGREEMENTS,
    DATES,
    PARTIES,
    PLACES,
    TITLES,
    AgreementInfo,
    DateInfo,
    PartyInfo,
    PlaceInfo,
    TitleInfo,
    get_kx,
)


def doc_id_for_text(text: str) -> str:
    """The doc_id of text read from stdin: ``sha1:`` and 12 hex digits."""
    return "sha1:" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


Json = dict[str, Any]


# A span of a group as the builder reads it: its character offsets and its ``span._.kx``.
Item = tuple[int, int, Any]
_OFFSETS = itemgetter(0, 1)


def _mention(text: str, start: int, end: int) -> Json:
    return {"text": text[start:end], "start": start, "end": end}


def _group(doc: Doc, name: str) -> list[Item]:
    """The spans of a group in text order, each read once: a spaCy Span is
    rebuilt (with three Tokens) every time the group hands one out."""
    group = doc.spans.get(name)
    if group is None:
        return []
    kx = get_kx
    items = [(span.start_char, span.end_char, kx(span)) for span in group]
    items.sort(key=_OFFSETS)  # stable, as sorting the spans by their offsets was
    return items


def build_titles(doc: Doc) -> list[Json]:
    """Each distinct title once (first occurrence), with its kind; a later
    occurrence with a specific kind improves an 'other'."""
    titles: dict[str, Json] = {}
    info: TitleInfo
    for _, _, info in _group(doc, TITLES):
        key = " ".join(info.text.casefold().split())
        if key in titles:
            if titles[key]["kind"] == "other" and info.kind != "other":
                titles[key]["kind"] = info.kind
            continue
        titles[key] = {
            "text": info.text,
            "kind": info.kind,
            "start": info.start_char,
            "end": info.end_char,
        }
    return list(titles.values())


def build_dates(doc: Doc) -> list[Json]:
    text = docdata.text(doc)
    out = []
    info: DateInfo
    for start, end, info in _group(doc, DATES):
        out.append(
            {
                **_mention(text, start, end),
                "value": info.value,
                "granularity": info.granularity,
                "relative": info.relative,
            }
        )
    return out


def build_places(doc: Doc) -> list[Json]:
    text = docdata.text(doc)
    places: dict[str, Json] = {}
    info: PlaceInfo
    for start, end, info in _group(doc, PLACES):
        place = places.get(info.name)
        if place is None:
            places[info.name] = {
                "name": info.name,
                "kind": info.kind,
                "country": info.country,
                "mentions": [_mention(text, start, end)],
            }
        else:
            place["mentions"].append(_mention(text, start, end))
    return list(places.values())


def build_parties(doc: Doc) -> list[Json]:
    """One party per (kind, name); ids in order of first mention; each
    mention's own canonical form becomes an alias when it differs."""
    text = docdata.text(doc)
    parties: dict[tuple[str, str], Json] = {}
    info: PartyInfo
    for start, end, info in _group(doc, PARTIES):
        key = (info.kind, info.name)
        party = parties.get(key)
        if party is None:
            party = {
                "id": f"P{len(parties) + 1}",
                "name": info.name,
                "kind": info.kind,
                "country": info.country,
                "aliases": [],
                "mentions": [],
            }
            parties[key] = party
        party["mentions"].append(_mention(text, start, end))
        if party["country"] is None and info.country is not None:
            party["country"] = info.country
        alias = info.surface
        if alias and alias != party["name"] and alias not in party["aliases"]:
            party["aliases"].append(alias)
    return list(parties.values())


def build_agreements(doc: Doc, parties: list[Json]) -> list[Json]:
    text = docdata.text(doc)
    by_name: dict[str, str] = {}
    for party in parties:
        by_name.setdefault(party["name"], party["id"])
    out: list[Json] = []
    info: AgreementInfo
    for start, end, info in _group(doc, AGREEMENTS):
        ids = []
        for side in info.sides:
            pid = by_name.get(side)
            if pid and pid not in ids:
                ids.append(pid)
        out.append(
            {
                "id": f"A{len(out) + 1}",
                "type": info.type,
                "parties": ids,
                "status": info.status,
                "date": info.date,
                "place": info.place,
                "evidence": _mention(text, start, end),
                "topics": list(info.topics),
            }
        )
    return out


def build_record(doc: Doc, doc_id: str | None = None) -> Record:
    """Turn a processed Doc into a validated Record."""
    ext = doc._  # one accessor object for the three reads (each ``doc._`` makes one)
    article, published = ext.article, ext.published
    parties = build_parties(doc)
    warnings = list(ext.warnings or [])
    text = docdata.text(doc)
    if not text or text.isspace():
        warnings.append("empty input: no text to extract from")
    return Record.model_validate(
        {
            "doc_id": doc_id or doc_id_for_text(text),
            "title": article.title if article else None,
            "published": published.isoformat() if published else None,
            "dateline": article.dateline if article else None,
            "agency": article.agency if article else None,
            "parties": parties,
            "places": build_places(doc),
            "dates": build_dates(doc),
            "titles": build_titles(doc),
            "agreements": build_agreements(doc, parties),
            "warnings": warnings,
        }
    )
