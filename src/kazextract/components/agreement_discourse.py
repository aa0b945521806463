"""Agreements across sentences: one agreement, many sentences.

News rarely says everything about a signing in one sentence. An overview
(``... ұйымдарымен меморандумдарға қол қойды``) names the states; later
paragraphs name each body (``... Кино агенттігімен жасалған меморандум``);
``Құжатқа кеше Астанада ... қол қойды`` adds the date and place; ``Оған ...
қол қою жоспарлануда`` turns a memorandum that was only discussed into a
planned one. These rules walk the sentences in order, keep candidate
agreements, and let later sentences complete or refine them:

* **detail**: a sentence with a counterpart but no subject refines the
  agreement that has that counterpart's state as a side (the body replaces
  the state, its sentence becomes the evidence);
* **follow-up**: a sentence that points back at the document (``Құжатқа``,
  ``Оған``) or names the document without two sides fills in the last
  agreement's missing date, place and status;
* **headline**: an agreement stated in the headline is dropped when the body
  states it too.

The result is a list of :class:`Agreement` values; the component turns them
into spans.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from itertools import chain
from operator import attrgetter

from .agreement_rules import (
    BY_START,
    SIDE_KINDS,
    Generic,
    Hit,
    Sentence,
    Side,
    any_of_kinds,
    coordinated,
    employer_of,
    find_nouns,
    find_triggers,
    generic_of,
    generic_partner_of,
    generic_subject_at,
    group_roles,
    has_role,
    is_company,
    marked_sides,
    maximal,
    pick_document,
    pick_verb,
    private_counterparts,
    signing_date,
    signing_place,
    split_sides,
    topic_range,
    topics_in,
)

_UPDATED = attrgetter("updated")
FOLLOW_UP_WINDOW = 3  # sentences a follow-up may reach back (blank lines do not count)
BACKGROUND_DAYS = 60  # a signing dated this long before publication is background


@dataclass(slots=True)
class Agreement:
    """A candidate agreement while the sentences are read."""

    type: str
    status: str
    sides: list[Side]
    sentence: int
    date: str | None = None
    place: str | None = None
    topics: list[str] = field(default_factory=list)
    headline: bool = False
    verbless: bool = False  # named without a verb: a mention of an agreement told elsewhere
    updated: int = -1  # last sentence that said something about it


@dataclass(slots=True)
class Reading:
    """What one sentence says, before it is related to earlier ones."""

    sent: Sentence
    nouns: list[Hit]
    verb: Hit | None
    document: Hit | None
    status: str | None
    subjects: list[Side]
    counterparts: list[Side]
    date: str | None
    place: str | None
    topics: list[str]
    generic: Generic | None = None  # a bare generic subject (``компания``) to resolve
    # a bare generic joined to the named subject (``агенттік пен X``) to resolve
    partner: Generic | None = None
    # the body each signing official stands for, by the official's name
    # (``X театрының директоры А``), to put in the official's place
    employers: dict[str, Side | Generic] = field(default_factory=dict)


# ---------------------------------------------------------------- reading one sentence


def read_sentence(
    sent: Sentence,
    previous: Callable[[], Sentence | None],
    published: dt.date | None = None,
) -> Reading:
    """Trigger, verb, status, sides, date and place of one sentence. For a
    past signing, dates after ``published`` (and places written with them)
    are what was agreed on, not when or where. ``previous`` gives the
    sentence before (None for the first): it is read only when this one
    points at its context (``Осы кездесуде``), so it is asked for only then."""
    nouns, verbs = find_triggers(sent)
    verb = pick_verb(verbs)
    document = pick_document(nouns, verb)
    status = _status(verbs, verb, document, has_role(nouns, "doc_anaphor"))
    if status is None:
        # nothing is signed here: Discourse.take only looks for a ceremony
        # word, so the sides, date and place are not worth reading
        return Reading(sent, nouns, verb, document, None, [], [], None, None, [])
    limit = verb.start if verb is not None and verb.status != "link" else len(sent.tokens)
    if document is not None and verb is None:
        limit = document.start
    groups = group_roles(sent, nouns, limit)
    subjects, counterparts = split_sides(groups)
    if not counterparts and any_of_kinds(subjects, SIDE_KINDS):
        counterparts = private_counterparts(sent, groups)
    marked = marked_sides(sent, nouns, limit)
    if marked:
        subjects, counterparts = marked, []
    generic = None
    if counterparts and not marked:
        # a bare generic in subject position, before the counterparts and any
        # named subject; a nominative named after the counterparts is then
        # inside the object (``елшілік ...-мен Қазақстан мәдениеті күндерін
        # өткізу жөнінде уағдаласты``), not the subject
        first = min(map(BY_START, counterparts))
        named_first = min(map(BY_START, subjects), default=first)  # the first named subject
        generic = generic_subject_at(sent, min(limit, first, named_first))
        if generic is not None and named_first < first:
            generic = None
        if generic is not None:
            subjects = []
    partner = None
    if subjects and not counterparts and not marked:
        partner = generic_partner_of(sent, subjects[0])
    employers = (
        officials_employers(sent, subjects + counterparts)
        if len(subjects) + len(counterparts) >= 2
        else {}
    )
    excluded = topic_range(sent, nouns, verbs)
    later = published.isoformat() if published is not None and status == "signed" else None
    date = signing_date(sent, excluded, later)
    place = signing_place(sent, nouns, excluded, False, later)
    before = previous() if has_role(nouns, "context_anaphor") else None
    if before is not None:
        date = date or signing_date(before, None)
        place = place or signing_place(before, find_nouns(before), None)
    topics = topics_in(sent, nouns, verbs, excluded) if document else []
    # positional, in the order of Reading's fields (cheaper than keywords)
    return Reading(
        sent,
        nouns,
        verb,
        document,
        status,
        subjects,
        counterparts,
        date,
        place,
        topics,
        generic,
        partner,
        employers,
    )


def officials_employers(sent: Sentence, sides: list[Side]) -> dict[str, Side | Generic]:
    """When only persons sign (``театрының директоры А мен ... театрының
    директоры Б ... қол қойды``), the bodies they sign for, if every one of
    them is named so: persons are sides only when no body is named for the
    agreement. Empty when a person has no body before his post."""
    if len(sides) < 2:
        return {}
    for side in sides:
        if side.kind != "person":
            return {}
    out: dict[str, Side | Generic] = {}
    for person in sides:
        employer = employer_of(sent, person)
        if employer is None:
            return {}
        out[person.name] = employer
    return out


def _status(verbs: list[Hit], verb: Hit | None, document: Hit | None, anaphor: bool) -> str | None:
    """Status from the verb and cues; a document with no verb is reported
    when the word allows it (``келісім аясында``). A verb needs a document
    word, a word pointing back at one (``Құжатқа``), or to be one that
    means agreeing by itself (``уағдаласты``)."""
    if verb is None:
        return "reported" if document is not None and document.verbless else None
    if document is None and not anaphor and not verb.alone:
        return None
    status = verb.status
    if status in {"signed", "link"} and any(
        h.role == "cue" and h.status == "reported" for h in verbs
    ):
        status = "reported"
    return status


# ---------------------------------------------------------------- relating sentences


class Discourse:
    """Reads sentences in order and keeps the agreements found so far."""

    def __init__(
        self,
        sentences: Sequence[Sentence],
        published: dt.date | None,
        stating: Sequence[bool] | None = None,
        worded: Sequence[bool] | None = None,
        headline: Callable[[int], bool] | None = None,
    ) -> None:
        """``stating`` marks the sentences that may state an agreement or add
        to one (a word of :func:`~.agreement_rules.may_state_agreement`),
        ``worded`` those with a token that is not whitespace; both default to
        what the models say. The component passes them, read from the Doc's
        plain token texts, so that a sentence the rules never look at is
        never made into a model (``sentences`` may build them lazily).
        ``headline`` tells whether the sentence of an index is the article's
        headline (default: none is); it is asked only of a sentence that
        states an agreement, so the component answers it lazily."""
        self.sentences = sentences
        self.published = published
        self.headline = headline if headline is not None else _no_headline
        self.found: list[Agreement] = []
        if stating is None:
            stating = [True] * len(sentences)
        if worded is None:
            worded = [any(not t.isspace() for t in sent.tokens) for sent in sentences]
        self.stating = stating
        # the number of sentences with words up to each sentence: distances
        # are counted in these, so that paragraph breaks do not use up a window
        self.ordinal: list[int] = []
        count = 0
        for has_words in worded:
            count += has_words
            self.ordinal.append(count)

    def sentence_before(self, index: int) -> Sentence | None:
        return self.sentences[index - 1] if index else None

    def distance(self, later: int, earlier: int) -> int:
        """Sentences with words between two sentence indices."""
        return self.ordinal[later] - self.ordinal[earlier]

    def run(self) -> list[Agreement]:
        """Read the sentences in order; one that is not ``stating`` is
        skipped, as its reading would have no status and no ceremony word,
        and :meth:`take` would do nothing with it."""
        for k, stating in enumerate(self.stating):
            if stating:
                previous = partial(self.sentence_before, k)
                self.take(read_sentence(self.sentences[k], previous, self.published))
        return self.finish()

    def take(self, r: Reading) -> None:
        """Relate one sentence's reading to the agreements found before."""
        if r.status is None:
            if has_role(r.nouns, "ceremony"):
                self.ceremony(r)
            return
        self.resolve_generics(r)
        self.resolve_employers(r)
        sides = r.subjects + r.counterparts
        if has_role(r.nouns, "doc_anaphor") and r.verb is not None:
            if self.follow_up(r):
                return
            if not any_of_kinds(sides, SIDE_KINDS):
                return  # ``Құжатқа A мен B қол қойды``: the signatories, not the sides
        if r.counterparts and not r.subjects and r.status in {"link", "signed"} and self.detail(r):
            return
        if len(sides) < 2:
            sides = self.complete_sides(r)
        if len(sides) < 2:
            if not r.subjects and not r.counterparts and r.verb is not None:
                self.follow_up(r)
            return
        self.add(r, sides)

    # -- new agreements

    def add(self, r: Reading, sides: list[Side]) -> None:
        kind = r.document.type if r.document is not None else "agreement"
        plural = r.document is not None and r.document.plural
        if has_role(r.nouns, "multilateral"):
            plural = False  # ``үшжақты меморандум(дар)``: one document all the sides sign
        groups = [sides]
        if plural and len(r.counterparts) >= 2:
            subjects = [s for s in sides if s not in r.counterparts]
            if subjects:
                groups = [subjects + [c] for c in r.counterparts]
        place = r.place or self.event_place(r)
        headline = self.headline(r.sent.index)
        for group in groups:
            self.found.append(
                # positional: type status sides sentence date place topics
                # headline verbless updated
                Agreement(
                    _type_for(r.document, group) if r.document is not None else kind,
                    r.status or "reported",
                    _unique(group),
                    r.sent.index,
                    r.date,
                    place,
                    list(r.topics),
                    headline,
                    r.verb is None,
                    r.sent.index,
                )
            )

    def event_place(self, r: Reading) -> str | None:
        """``Кеңес қорытындысы бойынша ... қол қойды``: the place where the
        event the sentence names was said to be held, a few sentences before."""
        if not has_role(r.nouns, "event"):
            return None
        events = {h.key for h in r.nouns if h.role == "event"}
        for sent in reversed(
            self.sentences[max(0, r.sent.index - FOLLOW_UP_WINDOW) : r.sent.index]
        ):
            nouns = find_nouns(sent)
            if events & {h.key for h in nouns if h.role == "event"}:
                place = signing_place(sent, nouns, None)
                if place is not None:
                    return place
        return None

    def complete_sides(self, r: Reading) -> list[Side]:
        """Sides the sentence names only indirectly: a generic subject
        (``әкімдік`` for the akimat named before), the overview's subject for
        a detail, or the participants listed before a collective subject
        (``министрлер``)."""
        sides = r.subjects + r.counterparts
        if r.counterparts and not r.subjects:
            subject = self.generic_subject(r)
            if subject is not None:
                return [subject] + r.counterparts
            if self.found and r.status in {"link", "signed"}:
                return _unique(self.subjects_of(self.found[-1]) + r.counterparts)
        if has_role(r.nouns, "collective") and r.document is not None:
            listed = self.listed_states(r.sent.index)
            same = self.last_told()
            if len(listed) < 2 and (same is None or sides):
                return sides
            # ``Тараптар сондай-ақ ... мәлімдеме қабылдады``: the participants
            # listed before, else the sides of the agreement last told, however
            # far back (``Напомним, ранее стороны подписали ...`` a few
            # paragraphs on: 'the sides' are still the article's two sides)
            found = listed if len(listed) >= 2 else list(same.sides) if same else []
            near = (
                same is not None
                and self.distance(r.sent.index, same.updated) <= FOLLOW_UP_WINDOW  # same is self.recent(r)
                and r.status != "reported"
            )
            if near and same and {s.name for s in found} == {s.name for s in same.sides}:
                # the same sides again, at the same meeting: its date and place
                r.date = r.date or same.date
                r.place = r.place or same.place
            return found
        return sides

    def last_told(self) -> Agreement | None:
        """The agreement last spoken about, however far back."""
        return max(self.found, key=_UPDATED) if self.found else None

    def recent(self, r: Reading) -> Agreement | None:
        """The agreement last spoken about, if within the follow-up window."""
        last = self.last_told()
        if last is None:
            return None
        return last if self.distance(r.sent.index, last.updated) <= FOLLOW_UP_WINDOW else None

    def resolve_generics(self, r: Reading) -> None:
        """Put the body named before in the place of a generic one: a bare
        subject (``компания``, ``министрлік``), a bare generic joined to the
        named subject (``агенттік пен X``, put first: it was written first)
        or a party that is only a generic phrase (``Облыс әкімдігі``)."""
        named: set[str] | None = None  # the names the sentence gives, before any is replaced
        for group in (r.subjects, r.counterparts):
            for k, side in enumerate(group):
                generic = generic_of(side.name)
                if generic is not None:
                    if named is None:
                        named = _names(r.subjects, r.counterparts)
                    found = self.antecedent(generic, r.sent.index, named)
                    if found is not None:
                        group[k] = found
        if r.generic is None and r.partner is None:
            return
        if named is None:
            named = _names(r.subjects, r.counterparts)
        if r.generic is not None and not r.subjects:
            found = self.antecedent(r.generic, r.sent.index, named)
            if found is not None:
                r.subjects.append(found)
        if r.partner is not None:
            found = self.antecedent(r.partner, r.sent.index, named)
            if found is not None:
                r.subjects.insert(0, found)

    def resolve_employers(self, r: Reading) -> None:
        """Put each signing official's body in his place (:func:`officials_employers`);
        a body named by a generic head (``Шымкент театрының``) is the one
        named before. All or nothing: a half-resolved list would mix persons
        and bodies."""
        if not r.employers:
            return
        named = _names(r.subjects, r.counterparts)
        named.update(e.name for e in r.employers.values() if isinstance(e, Side))
        bodies: dict[str, Side] = {}
        for person, employer in r.employers.items():
            if isinstance(employer, Side):
                bodies[person] = employer
                continue
            found = self.antecedent(employer, r.sent.index, named)
            if found is None:
                return
            bodies[person] = found
        if len({b.name for b in bodies.values()}) < len(bodies):
            return
        r.subjects = [bodies.get(s.name, s) for s in r.subjects]
        r.counterparts = [bodies.get(s.name, s) for s in r.counterparts]

    def antecedent(self, generic: Generic, index: int, exclude: set[str]) -> Side | None:
        """The body a generic phrase stands for: the subject of an agreement
        already found (the article's protagonist, most recent first), then
        another side of one, then a body named in the nominative before,
        then any body named before; never one the sentence names itself."""

        def fits(side: Side) -> bool:
            return (
                side.kind == "organization"
                and side.name not in exclude
                and generic_of(side.name) is None
                and generic.fits(side.name)
            )

        agreements = list(reversed(self.found))
        tiers: list[Iterable[Side]] = [
            [a.sides[0] for a in agreements if a.sides],
            [side for a in agreements for side in a.sides[1:]],
            (side for side in self.sides_before(index) if side.case == "nom"),
            self.sides_before(index),
        ]
        for tier in tiers:
            for side in tier:
                if fits(side):
                    return side
        return None

    def generic_subject(self, r: Reading) -> Side | None:
        """The organisation named earlier whose head noun the sentence uses
        bare (``әкімдік`` -> ``Шымкент қаласының әкімдігі``). The subject of
        an agreement already found comes first, most recent first: a bare
        head in subject position is the article's protagonist again
        (``Федерация ... федерациясымен келісімге қол қоюды жоспарлап отыр.
        ... 2023 жылы федерация ... федерациясымен келісім жасаған``), not the
        counterpart named nearer; then any body named before, nearest first."""
        covered: set[int] = set()
        for side in r.sent.sides:
            covered.update(range(side.start, side.end))
        bare = {t for k, t in enumerate(r.sent.tokens) if k not in covered and len(t) >= 5}
        if not bare:
            return None
        named = {c.name for c in r.counterparts}
        found_subjects = (a.sides[0] for a in reversed(self.found) if a.sides)
        for side in chain(found_subjects, self.sides_before(r.sent.index)):
            if side.kind != "organization" or side.name in named:
                continue
            head = side.name.split()[-1].lower()
            if any(_same_head(token, head) for token in bare):
                return side
        return None

    def sides_before(self, index: int) -> Iterator[Side]:
        """The mentions of the sentences before ``index``, nearest first
        (each sentence's from its end, :func:`maximal` ones only). Lazily:
        the search stops at the first fit, and the sentences further back
        are then never made into models."""
        for k in range(index - 1, -1, -1):
            yield from reversed(maximal(self.sentences[k].sides))

    def listed_states(self, index: int) -> list[Side]:
        """The longest list of two or more states in the two sentences before."""
        best: list[Side] = []
        for sent in self.sentences[max(0, index - 2) : index]:
            for members in coordinated(sent, maximal(sent.sides)):
                if all(m.kind == "state" for m in members) and len(members) > len(best):
                    best = members
        return best if len(best) >= 2 else []

    @staticmethod
    def subjects_of(agreement: Agreement) -> list[Side]:
        return agreement.sides[:1]

    # -- refining earlier ones

    def detail(self, r: Reading) -> bool:
        """A counterpart named with a participle (``...-мен жасалған
        меморандум``) refines the agreement that has its state (or itself)
        as a side; the more specific sentence becomes the evidence."""
        merged = False
        for counterpart in r.counterparts:
            target = self.target_for(counterpart)
            if target is None:
                continue
            target.sides = [
                counterpart if _generalises(s, counterpart) else s for s in target.sides
            ]
            target.sentence = r.sent.index
            target.topics = _unique_text(target.topics + r.topics)
            target.date = target.date or r.date
            target.updated = r.sent.index
            merged = True
        return merged

    def target_for(self, counterpart: Side) -> Agreement | None:
        name = counterpart.name
        for agreement in reversed(self.found):
            for side in agreement.sides[1:]:
                if side.name == name or _generalises(side, counterpart):
                    return agreement
        return None

    def follow_up(self, r: Reading) -> bool:
        """Fill the last agreement's gaps from a sentence that points back at
        it (``Құжатқа кеше Астанада ... қол қойды``)."""
        last = self.last_told()
        if last is None or r.status == "discussed":
            return False
        if self.distance(r.sent.index, last.updated) > FOLLOW_UP_WINDOW:
            return False
        if r.status in {"signed", "planned", "reported"} and last.status in {"discussed", "link"}:
            last.status = r.status
        last.date = last.date or r.date
        last.place = last.place or r.place
        last.updated = r.sent.index
        return True

    def ceremony(self, r: Reading) -> None:
        """``Салтанатты рәсім ... Алматыдағы ... өтті``: the place of the signing just reported."""
        last = self.last_told()
        if last is None or self.distance(r.sent.index, last.updated) > 1:
            return
        last.place = last.place or signing_place(r.sent, r.nouns, None, loose=True)

    # -- the end

    def finish(self) -> list[Agreement]:
        """Drop what was never signed, headlines the body repeats and
        duplicates; settle status and date."""
        kept = [a for a in self.found if a.status not in {"discussed", "negated"}]
        body = [a for a in kept if not a.headline]
        kept = [a for a in kept if not a.headline or not any(_compatible(a, b) for b in body)]
        out: list[Agreement] = []
        out_names: list[set[str]] = []
        for agreement in kept:
            names = _names(agreement.sides)
            twin = None
            for other, other_names in zip(out, out_names, strict=True):
                if names == other_names and _same(agreement, other):
                    twin = other
                    break
            if twin is not None:
                twin.date = twin.date or agreement.date
                twin.place = twin.place or agreement.place
                continue
            out.append(agreement)
            out_names.append(names)
        for agreement in out:
            self.settle(agreement)
        return out

    def settle(self, a: Agreement) -> None:
        """A participle alone is background; a signing long before publication
        is background; a past signing with no date takes the publication date."""
        if a.status == "link":
            a.status = "reported"
        published = self.published
        if (
            a.status == "signed"
            and a.date
            and published
            and _before(a.date, published, BACKGROUND_DAYS)
        ):
            a.status = "reported"
        if a.status == "signed" and a.date is None and published is not None:
            a.date = published.isoformat()


# ---------------------------------------------------------------- helpers


def _type_for(document: Hit, sides: list[Side]) -> str:
    """The document's type, or its company type when every side is a
    company (``шарт`` between companies is a contract, models/agreement_triggers.tsv)."""
    if document.company_type and sides and all(is_company(s.name) for s in sides):
        return document.company_type
    return document.type


def _no_headline(index: int) -> bool:
    return False


def _unique(sides: list[Side]) -> list[Side]:
    seen: set[str] = set()
    out = []
    for side in sides:
        if side.name not in seen:
            seen.add(side.name)
            out.append(side)
    return out


def _unique_text(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _same_head(token: str, head: str) -> bool:
    """``әкімдік`` is the bare form of ``әкімдігі`` (possessive dropped,
    final consonant devoiced): same word when all but the last letter agree."""
    if len(token) > len(head) or len(token) < 5:
        return False
    return head.startswith(token[:-1]) and len(head) - len(token) <= 2


def _generalises(general: Side, specific: Side) -> bool:
    """A state stands for a body of that state named later."""
    return (
        general.kind == "state" and specific.kind != "state" and general.country == specific.country
    )


def _compatible(headline: Agreement, body: Agreement) -> bool:
    """The headline's sides each match a body side by name or country."""

    def matches(a: Side, b: Side) -> bool:
        return a.name == b.name or (a.country is not None and a.country == b.country)

    return all(any(matches(h, b) for b in body.sides) for h in headline.sides)


def _same(a: Agreement, b: Agreement) -> bool:
    """Same type and sides, and the same status unless one of them only
    names the agreement without a verb (``X пен Y арасындағы меморандум``)."""
    if a.type != b.type or _names(a.sides) != _names(b.sides):
        return False
    return a.status == b.status or a.verbless or b.verbless


def _names(*groups: list[Side]) -> set[str]:
    """The names of the sides of all the groups."""
    names: set[str] = set()
    for group in groups:
        for side in group:
            names.add(side.name)
    return names


def _before(value: str, published: dt.date, days: int) -> bool:
    """Is an ISO date (day, month or year precision) clearly before publication?"""
    parts = value.split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else 12
        day = int(parts[2]) if len(parts) > 2 else 28
        when = dt.date(year, month, day)
    except ValueError:
        return False
    return (published - when).days > days
