"""Dates: every date expression of the article, normalised to ISO 8601.

A thin spaCy wrapper around :mod:`kazextract.dates_grammar`, which holds the
grammar and the calendar arithmetic. This component gives the grammar the
words of the Doc, tells it the tense of each date's clause (a day and month
without a year falls before ``published`` in a past clause, after it in a
future one, nearest to it when the tense is unclear), writes ``doc.spans["dates"]`` with a :class:`DateInfo` on each
span, and warns when a relative date cannot be resolved because the article
has no ``published`` date: it is never resolved against the machine's clock.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from .. import docdata
from ..dates_grammar import PAST, clause_tense, find_dates, resolve
from ..spans import DATES, DateInfo, warn


@Language.factory("kazextract_dates")
def make_dates(nlp: Language, name: str) -> DatesComponent:
    return DatesComponent()


def _clause_tail(words: list[str], starts: list[bool], end: int) -> list[str]:
    """The words from a date's end to the end of its sentence.

    Read from the Doc's plain word and sentence-start lists
    (:mod:`kazextract.docdata`): walking ``doc[end:]`` built a spaCy Token per
    word up to the sentence's end, for every date."""
    stop = end + 1
    while stop < len(words) and not starts[stop]:
        stop += 1
    return words[end:stop]


class DatesComponent:
    """Writes ``doc.spans["dates"]``: one span per date expression, with
    :class:`DateInfo` (value, granularity, relative, note) on ``span._.kx``."""

    def __call__(self, doc: Doc) -> Doc:
        words = docdata.words(doc)
        starts = docdata.sent_starts(doc)
        published = doc._.published
        spans: list[Span] = []
        for find in find_dates(words):
            tense = clause_tense(_clause_tail(words, starts, find.end))
            value = resolve(find, published, past=None if tense is None else tense == PAST)
            span = Span(doc, find.start, find.end, label=DATES)
            if value.value is None:
                warn(
                    doc,
                    f"date {span.text!r} needs the article's published date, which is unknown: left unresolved",
                )
            span._.kx = DateInfo(value.value, value.granularity, value.relative, value.note)
            spans.append(span)
        doc.spans[DATES] = spans
        return doc
