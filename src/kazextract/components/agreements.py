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

from collections.abc import Sequence
from functools import lru_cache
from itertools import compress
from operator import itemgetter
from typing import Any, overload

from spacy.language import Language
from spacy.tokens import Doc, Span

from .. import docdata
from ..reader import Article
from ..spans import (
    AGREEMENTS,
    DATES,
    PARTIES,
    PLACES,
    AgreementInfo,
    DateInfo,
    PartyInfo,
    PlaceInfo,
    get_kx,
    set_kx,
)
from .agreement_discourse import Agreement, Discourse
from .agreement_rules import (
    CONNECTORS,
    WORD_FACTS,
    Sentence,
    Side,
    When,
    Where,
    WordFacts,
    case_of_suffix,
    is_modifier,
    place_head_case,
    rule_token,
    word_role,
)
from .agreement_words import WordTable

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

# a mention inside one sentence: its doc token range and its ``span._.kx``
# (the group's data class: PartyInfo, PlaceInfo or DateInfo)
Mention = tuple[int, int, Any]
# the parts of agreement_rules.WordFacts
_STATES, _TOKEN, _PLAN = itemgetter(0), itemgetter(1), itemgetter(2)
# the span groups a sentence model reads, in the order of sentence_model's arguments
MENTION_GROUPS = (PARTIES, PLACES, DATES)
# a span of one of them, bucketed to a sentence before its data is read:
# start, end, the group's place in MENTION_GROUPS, the span's place in its group
Placed = tuple[int, int, int, int, Span]


@Language.component("kazextract_agreements")
def find_agreements(doc: Doc) -> Doc:
    """Write ``doc.spans["agreements"]``.

    Only a sentence with a word that can state an agreement (a document
    word, a word pointing back at one, a ceremony word or a verb that means
    agreeing by itself: :func:`~.agreement_rules.may_state_agreement`) can
    add or change one, so the rest are never read; most articles and most
    sentences have none. The sentence models are built from the Doc's plain
    token facts (:mod:`kazextract.docdata`), and only for the sentences the
    rules look at (:class:`SentenceModels`)."""
    facts = WORD_FACTS.of(docdata.words(doc))
    stating = tuple(map(_STATES, facts))
    if True not in stating:
        doc.spans[AGREEMENTS] = []
        return doc
    extensions = doc._  # one Underscore object for both attributes
    sentences = SentenceModels(doc, extensions.article, facts)
    found = Discourse(
        sentences,
        extensions.published,
        stating=sentences.containing(stating),
        worded=sentences.worded(),
        headline=sentences.is_headline,
    ).run()
    add_place_parties(doc, found)
    doc.spans[AGREEMENTS] = evidence_spans(doc, sentences.bounds, found)
    return doc


class SentenceModels(Sequence[Sentence]):
    """The Doc's sentences as rule models (:class:`~.agreement_rules.Sentence`),
    each built the first time the rules ask for it and then kept.

    Why lazily: the rules read a sentence only when it may state an
    agreement, or when such a sentence looks back (the sentence before, the
    bodies named earlier); building every model cost more than all the rules.
    Why from plain lists: a spaCy ``Token`` is a new Python object on every
    access, the token texts and sentence starts of :mod:`kazextract.docdata`
    are not. The span groups are read once, here, so a model built late sees
    the mentions as they were when the component started."""

    def __init__(self, doc: Doc, article: Article | None, facts: Sequence[WordFacts]) -> None:
        """``article`` is the reader's (``doc._.article``): its title is the
        headline; ``facts`` are :func:`~.agreement_rules.word_facts` of each token."""
        self.doc = doc
        self.facts = facts
        self.words = docdata.words(doc)
        self.begins = _sentence_begins(docdata.sent_starts(doc))
        ends = self.begins[1:] + [len(self.words)] if self.begins else []
        self.bounds = list(zip(self.begins, ends, strict=True))
        self.offsets = docdata.offsets(doc)
        self.title: tuple[int, int] | None = article.title_span if article is not None else None
        self.placed = self._by_sentence()
        self._models: list[Sentence | None] = [None] * len(self.bounds)
        self._kx = get_kx

    def __len__(self) -> int:
        return len(self.bounds)

    @overload
    def __getitem__(self, index: int) -> Sentence: ...

    @overload
    def __getitem__(self, index: slice) -> list[Sentence]: ...

    def __getitem__(self, index: int | slice) -> Sentence | list[Sentence]:
        if isinstance(index, slice):
            return [self[k] for k in range(*index.indices(len(self.bounds)))]
        model = self._models[index]
        if model is None:
            if index < 0:
                index += len(self.bounds)
            model = self._models[index] = self._build(index)
        return model

    def containing(self, flags: Sequence[bool]) -> list[bool]:
        """For each sentence, is one of its tokens flagged (``flags``: one
        per token of the Doc)? A C-level search for a True per sentence."""
        return [True in flags[start:end] for start, end in self.bounds]

    def worded(self) -> list[bool]:
        """For each sentence, has it a token that is not whitespace? Read
        from the tokens' whitespace flags (``token.is_space``, which is
        ``str.isspace`` of the text): a C-level search for a False."""
        spaces = docdata.spaces(self.doc)
        return [False in spaces[start:end] for start, end in self.bounds]

    def _by_sentence(self) -> list[list[Placed] | None]:
        """The spans of the groups the rules read (:data:`MENTION_GROUPS`)
        inside each sentence (None for a sentence without any), in one
        sorted pass over all of them: scanning every group for every
        sentence cost more than the rules. A span across a sentence end is
        left out; the data of the spans is read only for a sentence made into
        a model (:meth:`_mentions`)."""
        out: list[list[Placed] | None] = [None] * len(self.bounds)
        groups = self.doc.spans
        rows: list[Placed] = []
        for number, group in enumerate(MENTION_GROUPS):
            if group in groups:
                rows.extend([(s.start, s.end, number, n, s) for n, s in enumerate(groups[group])])
        # by start, end, group, then the group's own order (n): never a Span compared
        rows.sort()
        begins, bounds = self.begins, self.bounds
        k, last = 0, len(bounds) - 1
        for row in rows:
            while k < last and begins[k + 1] <= row[0]:
                k += 1  # rows come by start: the sentence only moves on
            if row[1] > bounds[k][1]:
                continue
            bucket = out[k]
            if bucket is None:
                out[k] = [row]
            else:
                bucket.append(row)
        return out

    def _mentions(self, k: int) -> tuple[list[Mention], list[Mention], list[Mention]]:
        """The party, place and date mentions of sentence ``k`` with their
        data, each in text order; a span without data is left out."""
        found: tuple[list[Mention], list[Mention], list[Mention]] = ([], [], [])
        for start, end, number, _, span in self.placed[k] or ():
            info = self._kx(span)
            if info is not None:
                found[number].append((start, end, info))
        return found

    def _build(self, k: int) -> Sentence:
        start, end = self.bounds[k]
        parties, places, dates = self._mentions(k)
        words, facts = self.words[start:end], self.facts[start:end]
        return sentence_model(k, start, words, facts, parties, places, dates)

    def is_headline(self, k: int) -> bool:
        """Is sentence ``k`` the article's headline (:func:`is_headline`)?
        Asked only of the few sentences that state an agreement."""
        start, end = self.bounds[k]
        words = self.words[start:end]
        start_char, end_char = self.offsets[start], self.offsets[end - 1] + len(words[-1])
        return is_headline(self.title, start_char, end_char, words)


def _sentence_begins(starts: list[bool]) -> list[int]:
    """The first token of every sentence, as ``Doc.sents`` splits them: at
    every token marked as a start, and at the first token."""
    begins = list(compress(range(len(starts)), starts))
    if starts and (not begins or begins[0] != 0):
        begins.insert(0, 0)
    return begins


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
            set_kx(span, PartyInfo(name=side.name, kind="organization", country=side.country))
            spans.append(span)
    if not spans:
        return
    if PARTIES in doc.spans:
        doc.spans[PARTIES].extend(spans)
    else:
        doc.spans[PARTIES] = spans


def sentence_model(
    index: int,
    offset: int,
    words: list[str],
    facts: Sequence[WordFacts],
    parties: list[Mention],
    places: list[Mention],
    dates: list[Mention],
) -> Sentence:
    """The sentence as the rules see it: words, and the party, place and
    date mentions inside it with their grammatical case. ``offset`` is the
    doc index of its first token; ``facts`` are the words' own
    (:func:`~.agreement_rules.word_facts`); the mentions are those already
    bucketed to this sentence (:meth:`SentenceModels._by_sentence`)."""
    tokens = list(map(_TOKEN, facts))
    # positional (see agreement_rules.Hit): index tokens words sides places dates plans
    model = Sentence(index, tokens, words, [], [], [], tuple(map(_PLAN, facts)))
    sides = model.sides
    for start, end, info in parties:
        party: PartyInfo = info
        case = mention_case(tokens[end - 1 - offset], party.surface or party.name)
        # positional: start end name kind country case
        sides.append(
            Side(start - offset, end - offset, party.name, party.kind, party.country, case)
        )
    if places:
        bodies = [(side.start, side.end) for side in sides]
        for start, end, info in places:
            place: PlaceInfo = info
            side = place_side(model, start - offset, end - offset, place, bodies, offset)
            if side is not None:
                sides.append(side)
            case = mention_case(tokens[end - 1 - offset], place.name)
            model.places.append(Where(start - offset, end - offset, place.name, case))
    for start, end, info in dates:
        date: DateInfo = info
        # positional: start end value granularity note
        model.dates.append(
            When(start - offset, end - offset, date.value, date.granularity, date.note)
        )
    return model


def place_side(
    sent: Sentence,
    start: int,
    end: int,
    place: PlaceInfo,
    bodies: list[tuple[int, int]],
    offset: int,
) -> Side | None:
    """A city or region mention (tokens ``start:end`` of the sentence, which
    begins at doc token ``offset``) as a possible side: not inside a party's
    name (``Түркістан облысының әкімдігі`` is the side there), its case read
    past a city's designator (``Алматы қаласымен``). A nominative place right
    before a common noun names that noun's place (``Шымкент театрының
    директоры``), not a subject, and is left out; so is a place whose
    designator is not in its mention, and one in another case than the
    nominative or instrumental."""
    if place.kind not in SIDE_PLACE_KINDS:
        return None
    if any(start < b_end and b_start < end for b_start, b_end in bodies):
        return None
    if not sent.tokens[end - 1].startswith(place.name.lower().split()[-1]):
        # ``Арал және Қазалы аудандарында``: the designator, and with it the
        # case, is further on and shared; such a list is a where, not a who
        return None
    case = mention_case(sent.tokens[end - 1], place.name)
    if end < len(sent.tokens):
        head = place_head_case(sent.tokens[end])
        if head is not None:
            case, end = head, end + 1
    if case not in SIDE_PLACE_CASES or (case == "nom" and _before_common_noun(sent.words, end)):
        return None
    if any(start < b_end and b_start < end for b_start, b_end in bodies):
        return None
    # positional (see agreement_rules.Hit): start end name kind country case origin
    return Side(
        start, end, place.name, "organization", place.country, case, (offset + start, offset + end)
    )


def _before_common_noun(words: list[str], k: int) -> bool:
    """Is the word at ``k``, past adjectives (``қалалық``), a lower-case
    noun that the place modifies (``Ыстанбұл қалалық театрларымен``)? Not
    a connector or ``арасында``, which follow a side."""
    while k < len(words) and is_modifier(words[k]):
        k += 1
    if k >= len(words):
        return False
    word = words[k]
    if not (word.isalpha() and word.islower()) or word in CONNECTORS:
        return False
    return word_role(word.lower()) not in SIDE_FOLLOWERS


@lru_cache(maxsize=1 << 16)
def mention_case(last: str, canonical: str) -> str:
    """The case of a mention whose last word, in lower case, is ``last``:
    the ending it has beyond the canonical name's last word (``Кино
    агенттігімен`` over ``Кино агенттігі`` -> ins). The components before
    have already found the nominative; this only reads what they cut off.
    Cached by the (word, name) pair: the same names come back in every article."""
    words = rule_token(canonical).split()
    head = words[-1] if words else ""
    if head and last.startswith(head):
        return case_of_suffix(last[len(head) :])
    if "-" in last:
        return case_of_suffix(last.rsplit("-", 1)[1])
    return "nom"


def is_headline(
    title: tuple[int, int] | None, start_char: int, end_char: int, words: list[str]
) -> bool:
    """The article's title (character range ``title``), or a line in
    capitals (a repeated headline): at least 12 letters, more than 80% of
    them upper case.

    ``upper > 0.8 * letters`` is ``5 * upper - 4 * letters > 0`` in whole
    numbers, a sum of one number per word: each word's is kept (the same
    words come back in every article), and the letters are counted only
    for the rare line that passes."""
    if title is not None:
        start, end = title
        if start_char < end and start < end_char:
            return True
    if sum(CAPITALS_WEIGHTS.of(words)) <= 0:
        return False
    return sum(map(_letter_count, words)) >= 12


def _capitals_weight(word: str) -> int:
    """5 x the upper-case letters of a word less 4 x its letters."""
    letters = [c for c in word if c.isalpha()]
    return 5 * sum(c.isupper() for c in letters) - 4 * len(letters)


# per-word facts of the words of a sentence, read at once (agreement_words.py)
CAPITALS_WEIGHTS = WordTable(_capitals_weight)


@lru_cache(maxsize=1 << 16)
def _letter_count(word: str) -> int:
    return sum(c.isalpha() for c in word)


def evidence_spans(doc: Doc, bounds: list[tuple[int, int]], found: list[Agreement]) -> list[Span]:
    """One span per agreement over its whole evidence sentence (``bounds``:
    the doc token range of each sentence), without trailing whitespace tokens.

    Two agreements stated by one sentence (``меморандумдарға`` with two
    counterparts) share its offsets; each span gets its own ``id`` so that
    their data on ``span._.kx`` stay apart (see :mod:`kazextract.spans`)."""
    spaces = docdata.spaces(doc)
    out: list[Span] = []
    for number, agreement in enumerate(found, start=1):
        start, end = bounds[agreement.sentence]
        while end - start > 1 and spaces[end - 1]:
            end -= 1
        span = Span(doc, start, end, label=AGREEMENTS, span_id=number)
        info = AgreementInfo(
            type=agreement.type,
            status=agreement.status,
            sides=[s.name for s in agreement.sides],
            date=agreement.date,
            place=agreement.place,
            topics=list(agreement.topics),
        )
        set_kx(span, info)
        out.append(span)
    return out
