"""Parties: states, organisations and persons, each named canonically.

One span per mention goes to ``doc.spans["parties"]`` with a
:class:`PartyInfo`; the record builder groups mentions by (kind, name). So
coreference inside an article is decided here, by giving a later mention the
``name`` of the party it refers to and its own canonical form as ``surface``
(kept as an alias):

- a state is one party however written (``Өзбекстан``, ``Өзбекстан
  Республикасының``): the canonical name of models/states.tsv;
- an acronym in parentheses after a name (``... ұйымы (ТҮРКСОЙ)``) is that
  name's alias, and later uses of the acronym (``ТҮРКСОЙ ұйымына``) are its
  mentions; a known acronym alone (``ЮНЕСКО``) is a party named by it;
- a later short form with the same head and modifiers taken from an earlier
  name of the same country (``Ұлттық кино орталығы`` after ``Ұлттық киноны
  қолдау мемлекеттік орталығы``) is that party;
- ``«X» <head>`` at the end of a longer name is registered as its alias;
- a person's first name or surname alone after the full name is that person.

Not state mentions: a state inside a region's name (the longer place name
wins in :func:`find_names`), before a currency word (``АҚШ доллары``), inside
a quoted title.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from .. import docdata, morph
from .. import gazetteer as gz
from ..spans import PARTIES, PartyInfo
from .org_grammar import OrgSpan, find_organisations, is_all_caps, toks
from .persons import PersonSpan, find_persons
from .places import NameHit, blocked_tokens, find_names, org_tokens


def _mention(doc: Doc, start: int, end: int, info: PartyInfo) -> Span:
    span = Span(doc, start, end, label=PARTIES)
    span._.kx = info
    return span


def state_mentions(doc: Doc, hits: list[NameHit], titles: set[int]) -> list[Span]:
    """Every state name outside titles and currency phrases."""
    out = []
    for hit in hits:
        if hit.entry.source != "state" or any(i in titles for i in range(hit.start, hit.end)):
            continue
        if hit.end < len(doc) and gz.role_of(docdata.words(doc)[hit.end]) == "currency":
            continue
        out.append(
            _mention(doc, hit.start, hit.end, PartyInfo(hit.entry.name, "state", hit.entry.country))
        )
    return out


# --------------------------------------------------------------------------
# organisations and their aliases


@dataclass
class OrgParty:
    """An organisation party of this article, as registered so far."""

    name: str
    country: str | None
    words: list[str]
    acronyms: set[str] = field(default_factory=set)


def _stem(word: str) -> str:
    """A word's lemma, folded, for comparing modifiers across forms."""
    return gz.fold(morph.analyses(word)[0].lemma)


def _same_modifier(short: str, long: str) -> bool:
    """``кино`` ~ ``киноны``: one word's stem starts the other's."""
    a, b = _stem(short), _stem(long)
    return a.startswith(b) or b.startswith(a)


def is_short_form(words: list[str], party: OrgParty) -> bool:
    """A later, shorter name of ``party``: same head, same first modifier,
    every modifier found among the party's words (by stem)."""
    long = party.words
    if len(words) >= len(long) or len(words) < 2 or _stem(words[-1]) != _stem(long[-1]):
        return False
    mods = words[:-1]
    if not any(_same_modifier(mods[0], w) for w in long[:-1] if w[:1].isupper()):
        return False
    return all(any(_same_modifier(m, w) for w in long[:-1]) for m in mods)


def _quoted_name(name: str) -> str | None:
    """The «quoted» part of a name, folded, or None."""
    if "«" in name and "»" in name:
        return gz.fold(name[name.index("«") + 1 : name.index("»")])
    return None


def _acronym_after(doc: Doc, end: int) -> int | None:
    """Token index of ``ACR`` in ``name (ACR)`` right after a name."""
    words = docdata.words(doc)
    if end + 2 < len(words) and words[end] == "(" and words[end + 2] == ")":
        word = words[end + 1]
        if is_all_caps(word) or gz.acronym_of(word) is not None:
            return end + 1
    return None


class OrgResolver:
    """Assigns each organisation mention to a party of the article, in text order."""

    def __init__(self, orgs: list[OrgSpan]) -> None:
        self.orgs = orgs  # every name of the article: a short form may come first (a headline)
        self.parties: list[OrgParty] = []
        self.by_acronym: dict[str, OrgParty] = {}
        self.by_quoted: dict[str, OrgParty] = {}

    def _by_name(self, name: str) -> OrgParty | None:
        key = gz.fold(name)
        return next((p for p in self.parties if gz.fold(p.name) == key), None)

    def register(self, name: str, country: str | None, words: list[str]) -> OrgParty:
        party = self._by_name(name)
        if party is None:
            party = OrgParty(name, country, words)
            self.parties.append(party)
        return party

    def for_acronym(self, acronym: str) -> OrgParty:
        """The party an acronym names: the article's own, a known body's full name, or itself."""
        key = gz.fold_case_kept(acronym)
        if key in self.by_acronym:
            return self.by_acronym[key]
        known = gz.acronym_of(acronym)
        party = self._by_name(known.name) if known is not None else None
        if party is None:
            party = self.register(
                known.acronym if known else acronym, known.country if known else None, [acronym]
            )
        self.by_acronym[key] = party
        return party

    def for_name(self, org: OrgSpan, words: list[str]) -> tuple[OrgParty, str | None]:
        """(party, surface) of a grammar name: a short form of an earlier one or a new party.

        Two names with the same quoted name are one body (``«Сапар Транс» ЖШС``
        and ``«Сапар Транс» компаниясы``).
        """
        quoted = _quoted_name(org.name)
        if (
            quoted
            and quoted in self.by_quoted
            and gz.fold(org.name) != gz.fold(self.by_quoted[quoted].name)
        ):
            return self.by_quoted[quoted], org.name
        for party in self.parties:
            if party.country == org.country and is_short_form(words, party):
                return party, org.name
        for other in self.orgs:
            candidate = OrgParty(other.name, other.country, other.name.split())
            if (
                other is not org
                and other.country == org.country
                and is_short_form(words, candidate)
            ):
                return self.register(other.name, other.country, candidate.words), org.name
        known = gz.intl_org_names().lookup(words)
        if known is not None and gz.fold_case_kept(known.source) in self.by_acronym:
            return self.by_acronym[gz.fold_case_kept(known.source)], org.name
        party = self.register(org.name, org.country, words)
        if quoted:
            self.by_quoted.setdefault(quoted, party)
        if known is not None:
            self.by_acronym.setdefault(gz.fold_case_kept(known.source), party)
        return party, None


def org_mentions(doc: Doc, orgs: list[OrgSpan], titles: set[int]) -> list[Span]:
    """Mentions of organisations: grammar names, their acronyms and short names, lone acronyms."""
    resolver = OrgResolver([o for o in orgs if not o.acronym])
    words = docdata.words(doc)
    for org in orgs:  # `name (ACR)` anywhere defines ACR for the whole article, the headline too
        acr = _acronym_after(doc, org.end)
        if acr is not None and not org.acronym:
            party = resolver.register(org.name, org.country, org.name.split())
            resolver.by_acronym.setdefault(gz.fold_case_kept(words[acr]), party)
    out: list[Span] = []
    used: set[int] = set()
    by_start = {o.start: o for o in orgs}
    i = 0
    while i < len(doc):
        found = by_start.get(i)
        if found is not None:
            out.extend(_org_at(doc, found, resolver, used))
            i = found.end
            continue
        if i not in used and i not in titles:
            acronym = _lone_acronym(words[i], resolver)
            if acronym is not None:
                party = resolver.for_acronym(acronym)
                out.append(
                    _mention(
                        doc, i, i + 1, PartyInfo(party.name, "organization", party.country, acronym)
                    )
                )
        i += 1
    return out


def _lone_acronym(word: str, resolver: OrgResolver) -> str | None:
    base = word.split("-", 1)[0]
    if gz.fold_case_kept(base) in resolver.by_acronym:
        return base
    return _known_acronym(word)


@lru_cache(maxsize=1 << 16)
def _known_acronym(word: str) -> str | None:
    """The acronym a word writes when it is a known body's (``ЮНЕСКО-мен``):
    the part of :func:`_lone_acronym` that depends on the word alone, cached
    by word since it is asked of every token."""
    base = word.split("-", 1)[0]
    known = gz.acronym_of(word)
    if known is not None and is_all_caps(word) or known is not None and base == known.acronym:
        return base
    return None


def _org_at(doc: Doc, org: OrgSpan, resolver: OrgResolver, used: set[int]) -> list[Span]:
    out = []
    if org.acronym:
        party = resolver.for_acronym(org.acronym)
        out.append(
            _mention(
                doc,
                org.start,
                org.end,
                PartyInfo(party.name, "organization", party.country, org.acronym),
            )
        )
        return out
    words = org.name.split()
    party, surface = resolver.for_name(org, words)
    out.append(
        _mention(
            doc, org.start, org.end, PartyInfo(party.name, "organization", party.country, surface)
        )
    )
    if org.quoted is not None:
        q0, q1 = org.quoted
        short = morph.canonical(docdata.span_text(doc, q0, q1))
        out.append(
            _mention(doc, q0, q1, PartyInfo(party.name, "organization", party.country, short))
        )
    acr = _acronym_after(doc, org.end)
    if acr is not None:
        written = docdata.words(doc)[acr]
        resolver.by_acronym[gz.fold_case_kept(written)] = party
        used.add(acr)
        out.append(
            _mention(
                doc,
                acr,
                acr + 1,
                PartyInfo(party.name, "organization", party.country, written),
            )
        )
    return out


# --------------------------------------------------------------------------
# persons


def _owners(hits: list[NameHit], orgs: list[OrgSpan]) -> dict[int, str | None]:
    """Last token of every state and organisation name -> its country."""
    owners: dict[int, str | None] = {
        h.end - 1: h.entry.country for h in hits if h.entry.source == "state"
    }
    owners.update({o.end - 1: o.country for o in orgs})
    return owners


def _acronym_owners(doc: Doc, spans: list[Span]) -> dict[int, str | None]:
    """Organisation mentions by acronym (``ҚазҰУ ректоры``) as owners of positions."""
    return {s.end - 1: s._.kx.country for s in spans if s._.kx.kind == "organization"}


def person_mentions(doc: Doc, persons: list[PersonSpan], blocked: set[int]) -> list[Span]:
    """Each person's full-name mentions, and later mentions by one part of the name."""
    out = [_mention(doc, p.start, p.end, PartyInfo(p.name, "person", p.country)) for p in persons]
    taken = set(blocked)
    for p in persons:
        taken.update(range(p.start, p.end))
    parts: dict[str, PersonSpan] = {}
    for p in persons:
        for word in p.name.split():
            parts.setdefault(gz.fold(word), p)
    ts = toks(doc)
    first = min((p.start for p in persons), default=len(doc))
    for i in range(first, len(doc)):
        if i in taken or not ts[i].cap or is_all_caps(ts[i].text):
            continue
        owner = next((parts[k] for k in gz.word_keys(ts[i].text) if k in parts), None)
        if owner is not None and owner.start < i:
            surface = morph.canonical(ts[i].text)
            out.append(
                _mention(doc, i, i + 1, PartyInfo(owner.name, "person", owner.country, surface))
            )
    return out


@Language.factory("kazextract_parties")
def make_parties(nlp: Language, name: str) -> PartiesComponent:
    return PartiesComponent()


class PartiesComponent:
    """Writes ``doc.spans["parties"]``: states, organisations and persons."""

    def __call__(self, doc: Doc) -> Doc:
        hits = find_names(doc)
        orgs = find_organisations(doc)
        titles = blocked_tokens(doc)
        spans = state_mentions(doc, hits, titles)
        spans += org_mentions(doc, orgs, titles)
        blocked = titles | org_tokens(doc)
        for hit in hits:
            blocked.update(range(hit.start, hit.end))
        persons = find_persons(doc, blocked, _acronym_owners(doc, spans) | _owners(hits, orgs))
        spans += person_mentions(doc, persons, blocked)
        doc.spans[PARTIES] = sorted(spans, key=lambda s: (s.start, s.end))
        return doc
