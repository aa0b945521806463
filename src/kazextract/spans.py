"""What the extractors write on a spaCy Doc, in one place.

Each component writes one span group (``doc.spans[<group>]``) and puts a small
dataclass on every span it adds, reachable as ``span._.kx``. The record builder
(``build.py``) is the only reader that turns these into pydantic models, so the
dataclasses are the internal contract between components and builder.

Doc-level context set before the components run (see ``pipeline.make_doc``):
``doc._.article`` (the reader's :class:`~kazextract.reader.Article`),
``doc._.published`` (``datetime.date`` or None) and ``doc._.warnings``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, cast

from spacy.tokens import Doc, Span

TITLES = "titles"
DATES = "dates"
PLACES = "places"
PARTIES = "parties"
AGREEMENTS = "agreements"


@dataclass
class TitleInfo:
    """A quoted proper title. ``text`` is the title without its quotes."""

    text: str
    kind: str
    start_char: int
    end_char: int


@dataclass
class DateInfo:
    """A date expression. ``value`` is ISO 8601 at its own precision or a range
    ``a/b``; None when it could not be resolved (a warning says why)."""

    value: str | None
    granularity: str  # day | month | year | range
    relative: bool = False
    note: str | None = None  # e.g. "until", "since": kept, not an error


@dataclass
class PlaceInfo:
    """A named place that is not a state, in the nominative."""

    name: str
    kind: str  # city | region | other
    country: str | None


@dataclass
class PartyInfo:
    """One mention of a party. Mentions sharing ``name`` and ``kind`` are one
    party; ``surface`` is this mention's own canonical form, kept as an alias
    when it differs from ``name``."""

    name: str
    kind: str  # organization | state | person
    country: str | None
    surface: str | None = None


@dataclass
class AgreementInfo:
    """An agreement event; the span is its evidence sentence. ``sides`` hold
    the party names (``PartyInfo.name``) of every side."""

    type: str
    status: str
    sides: list[str] = field(default_factory=list)
    date: str | None = None
    place: str | None = None
    topics: list[str] = field(default_factory=list)


_KX = "kazextract.kx"


def _store(span: Span) -> dict[Any, Any]:
    # Doc.user_data takes any hashable key (spaCy itself keys it by tuples);
    # the type is quoted: a subscripted dict[...] is built anew on every call
    return cast("dict[Any, Any]", span.doc.user_data)


def get_kx(span: Span) -> Any:
    """``span._.kx``. Call it directly where many spans are read: ``span._``
    builds a new Underscore object on every access."""
    return _store(span).get((_KX, span.start_char, span.end_char, span.label, span.id))


def set_kx(span: Span, value: object) -> None:
    """``span._.kx = value``, without the Underscore object (see :func:`get_kx`)."""
    _store(span)[(_KX, span.start_char, span.end_char, span.label, span.id)] = value


def register_extensions() -> None:
    """Idempotently register the Doc and Span extensions kazextract uses.

    spaCy keys a span's ``span._`` values by its character offsets alone, so
    a place and a party over the same words, or two agreements stated by one
    sentence, would overwrite each other's data. ``span._.kx`` is keyed by the
    span's offsets *and* its ``label`` and ``id``: components give their spans
    their group's name as label, and distinct ids to spans that share offsets.
    """
    if not Span.has_extension("kx"):
        Span.set_extension("kx", getter=get_kx, setter=set_kx)
    for name in ("article", "published", "warnings"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


def warn(doc: Doc, message: str) -> None:
    """Add a warning to the document's record (deduplicated, in order)."""
    if doc._.warnings is None:
        doc._.warnings = []
    if message not in doc._.warnings:
        doc._.warnings.append(message)


register_extensions()
