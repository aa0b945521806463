"""Agreements: who signed what with whom, when and where.

The component reads the sentences and the span groups of the components
before it (parties, places, dates), turns each sentence into the small model
the rules work on (:class:`~.agreement_rules.Sentence`), lets the discourse
rules find the agreements (:mod:`.agreement_discourse`), and writes one span
per agreement to ``doc.spans["agreements"]``: the evidence sentence, with an
:class:`~kazextract.spans.AgreementInfo` whose sides are party names as the
parties component wrote them, so the record builder maps them to party ids.

Why this component also writes to ``doc.spans["parties"]``: a region or a
city can itself be a side (``Түркістан облысы Самарқанд облысымен келісім
жасасқан``), and the record contract lists it then as an organisation party
for that agreement as well as a place. Only here is it known that the place
acts as a side: the places component lists the place, the parties component
(which runs before) rightly does not make every place a party. So a place
mention that ends up as a side of an agreement gets a party span over the
same words (kind ``organization``, the place's name and country), labelled
with the parties group so that its ``span._.kx`` does not overwrite the
place's (see :mod:`kazextract.spans`); the builder then gives it an id like
any other party.
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..spans import (
    AGREEMENTS,
    DATES,
    PARTIES,
    PLACES,
    AgreementInfo,
    DateInfo,
    PartyInfo,
    PlaceInfo,
)
from .agreement_discourse import Agreement, Discourse
from .agreement_rules import (
    CONNECTORS,
    Sentence,
    Side,
    When,
    Where,
    case_of_suffix,
    is_modifier,
    place_head_case,
    word_role,
)

# places that can act as a side: a city or a region (a river or a mausoleum cannot)
SIDE_PLACE_KINDS = frozenset({"city", "region"})
# a place names a side only as a subject, a member of ``X пен Y`` or a
# counterpart; in any other case (``Алматы облысында``) it is a where, and as a
# side it would cut a topic phrase short
SIDE_PLACE_CASES = frozenset({"nom", "ins"})
# trigger roles that may follow a side in the nominative directly; a document
# word may not: a place right before it names the document (``Астана
# декларациясына``)
SIDE_FOLLOWERS = frozenset({"between", "multilateral"})


@Language.component("kazextract_agreements")
def find_agreements(doc: Doc) -> Doc:
    """Write ``doc.spans["agreements"]``."""
    sents = list(doc.sents)
    groups = {group: _by_sentence(doc, group, sents) for group in (PARTIES, PLACES, DATES)}
    models = [
        sentence_model(doc, sent, k, {g: spans[k] for g, spans in groups.items()})
        for k, sent in enumerate(sents)
    ]
    found = Discourse(models, doc._.published).run()
    add_place_parties(doc, found)
    doc.spans[AGREEMENTS] = evidence_spans(sents, found)
    return doc


def add_place_parties(doc: Doc, found: list[Agreement]) -> None:
    """List every place acting as a side as an organisation party (module
    docstring): one party span per mention used, over the place's words."""
    added: set[tuple[int, int]] = set()
    spans: list[Span] = []
    for agreement in found:
        for side in agreement.sides:
            if side.origin is None or side.origin in added:
                continue
            added.add(side.origin)
            span = Span(doc, side.origin[0], side.origin[1], label=PARTIES)
            span._.kx = PartyInfo(name=side.name, kind="organization", country=side.country)
            spans.append(span)
    if not spans:
        return
    if PARTIES in doc.spans:
        doc.spans[PARTIES].extend(spans)
    else:
        doc.spans[PARTIES] = spans


def sentence_model(doc: Doc, sent: Span, index: int, inside: dict[str, list[Span]]) -> Sentence:
    """The sentence as the rules see it: words, and the party, place and
    date mentions inside it with their grammatical case. ``inside`` holds the
    spans of each group already bucketed to this sentence (:func:`_by_sentence`)."""
    words = [t.text for t in sent]
    model = Sentence(
        index=index,
        tokens=[w.lower() for w in words],
        words=words,
        headline=is_headline(doc, sent, words),
    )
    for span in inside[PARTIES]:
        party: PartyInfo = span._.kx
        model.sides.append(
            Side(
                start=span.start - sent.start,
                end=span.end - sent.start,
                name=party.name,
                kind=party.kind,
                country=party.country,
                case=mention_case(span, party.surface or party.name),
            )
        )
    bodies = [(side.start, side.end) for side in model.sides]
    for span in inside[PLACES]:
        place: PlaceInfo = span._.kx
        side = place_side(sent, span, place, bodies)
        if side is not None:
            model.sides.append(side)
        model.places.append(
            Where(
                start=span.start - sent.start,
                end=span.end - sent.start,
                name=place.name,
                case=mention_case(span, place.name),
            )
        )
    for span in inside[DATES]:
        date: DateInfo = span._.kx
        model.dates.append(
            When(
                start=span.start - sent.start,
                end=span.end - sent.start,
                value=date.value,
                granularity=date.granularity,
                note=date.note,
            )
        )
    return model


def place_side(
    sent: Span, span: Span, place: PlaceInfo, bodies: list[tuple[int, int]]
) -> Side | None:
    """A city or region mention as a possible side: not inside a party's
    name (``Түркістан облысының әкімдігі`` is the side there), its case read
    past a city's designator (``Алматы қаласымен``). A nominative place right
    before a common noun names that noun's place (``Шымкент театрының
    директоры``), not a subject, and is left out; so is a place whose
    designator is not in its mention, and one in another case than the
    nominative or instrumental."""
    if place.kind not in SIDE_PLACE_KINDS:
        return None
    start, end = span.start - sent.start, span.end - sent.start
    if any(start < b_end and b_start < end for b_start, b_end in bodies):
        return None
    if not span[-1].text.lower().startswith(place.name.lower().split()[-1]):
        # ``Арал және Қазалы аудандарында``: the designator, and with it the
        # case, is further on and shared; such a list is a where, not a who
        return None
    case = mention_case(span, place.name)
    if end < len(sent):
        head = place_head_case(sent[end].text.lower())
        if head is not None:
            case, end = head, end + 1
    if case not in SIDE_PLACE_CASES or (case == "nom" and _before_common_noun(sent, end)):
        return None
    if any(start < b_end and b_start < end for b_start, b_end in bodies):
        return None
    return Side(
        start=start,
        end=end,
        name=place.name,
        kind="organization",
        country=place.country,
        case=case,
        origin=(sent.start + start, sent.start + end),
    )


def _before_common_noun(sent: Span, k: int) -> bool:
    """Is the word at ``k``, past adjectives (``қалалық``), a lower-case
    noun that the place modifies (``Ыстанбұл қалалық театрларымен``)? Not
    a connector or ``арасында``, which follow a side."""
    while k < len(sent) and is_modifier(sent[k].text):
        k += 1
    if k >= len(sent):
        return False
    word = sent[k].text
    if not (word.isalpha() and word.islower()) or word in CONNECTORS:
        return False
    return word_role(word.lower()) not in SIDE_FOLLOWERS


def _by_sentence(doc: Doc, group: str, sents: list[Span]) -> list[list[Span]]:
    """The spans of a group inside each sentence, in order, in one pass:
    scanning every group for every sentence cost more than the rules."""
    out: list[list[Span]] = [[] for _ in sents]
    if group not in doc.spans or not sents:
        return out
    starts = [sent.start for sent in sents]
    for span in sorted(doc.spans[group], key=lambda s: (s.start, s.end)):
        k = bisect_right(starts, span.start) - 1
        if k < 0 or span.end > sents[k].end or span._.kx is None:
            continue
        out[k].append(span)
    return out


def mention_case(span: Span, canonical: str) -> str:
    """The case of a mention: the ending its last word has beyond the
    canonical name's last word (``Кино агенттігімен`` over ``Кино агенттігі``
    -> ins). The components before have already found the nominative; this
    only reads what they cut off."""
    last = span[-1].text.lower()
    words = canonical.lower().split()
    head = words[-1] if words else ""
    if head and last.startswith(head):
        return case_of_suffix(last[len(head) :])
    if "-" in last:
        return case_of_suffix(last.rsplit("-", 1)[1])
    return "nom"


def is_headline(doc: Doc, sent: Span, words: list[str]) -> bool:
    """The article's title, or a line in capitals (a repeated headline).
    ``words`` are the sentence's token texts, already at hand (``sent.text``
    would build the string again for every sentence)."""
    article = doc._.article
    if article is not None and article.title_span is not None:
        start, end = article.title_span
        if sent.start_char < end and start < sent.end_char:
            return True
    letters = [c for word in words for c in word if c.isalpha()]
    return len(letters) >= 12 and sum(c.isupper() for c in letters) > 0.8 * len(letters)


def evidence_spans(sents: list[Span], found: list[Agreement]) -> list[Span]:
    """One span per agreement over its whole evidence sentence.

    Two agreements stated by one sentence (``меморандумдарға`` with two
    counterparts) share its offsets; each span gets its own ``id`` so that
    their data on ``span._.kx`` stay apart (see :mod:`kazextract.spans`)."""
    out: list[Span] = []
    for number, agreement in enumerate(found, start=1):
        sent = _trim(sents[agreement.sentence])
        span = Span(sent.doc, sent.start, sent.end, label=AGREEMENTS, span_id=number)
        span._.kx = AgreementInfo(
            type=agreement.type,
            status=agreement.status,
            sides=[s.name for s in agreement.sides],
            date=agreement.date,
            place=agreement.place,
            topics=list(agreement.topics),
        )
        out.append(span)
    return out


def _trim(span: Span) -> Span:
    end = len(span)
    while end > 1 and span[end - 1].is_space:
        end -= 1
    return span[:end]
