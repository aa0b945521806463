"""Parties: states, organisations and persons, each named canonically.

One span per mention goes to ``doc.spans["parties"]`` with a
:class:`PartyInfo`; the record builder groups mentions by (kind, name). So
coreference inside an article is decided here, by giving a later mention the
``name`` of the party it refers to and its own canonical form as ``surface``
(kept as an alias):

- a state is one party however written (``Өзбекстан``, ``Өзбекстан
  Республикасының``): the canonical name of models/states.tsv;
- an acronym in parentheses after a name (``... ұйымы (ТҮРКСОЙ)``, ``...
  академиясы (ҚР ҰҒА)``) is that name's alias, and later uses of the acronym
  (``ТҮРКСОЙ ұйымына``, ``ҚР ҰҒА мен``) are its mentions, also without the
  state abbreviation it opens with (``ҰҒА``); a known acronym alone
  (``ЮНЕСКО``) is a party named by it;
- a later short form with the same head and modifiers taken from an earlier
  name of the same country (``Ұлттық кино орталығы`` after ``Ұлттық киноны
  қолдау мемлекеттік орталығы``) is that party; a short form with no clue to
  its country of its own (``Гиме мұражайы`` after ``Гиме атындағы Азия
  өнерінің ұлттық мұражайы``) whatever that party's country. Without its
  genitive owner a name's head loses its possessive (``Ұлттық музей`` after
  ``Қазақстан Республикасының Ұлттық музейі``): capitalised words and a bare
  head are a mention when they shorten a party named before, never a party of
  their own;
- ``«X» <head>`` (or a Latin name + head) at the end of a longer name is
  registered as its alias;
- a person's first name or surname alone after the full name is that person.

Not state mentions: a state inside a region's name (the longer place name
wins in :func:`find_names`), before a currency word (``АҚШ доллары``), inside
a quoted title.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress, count
from operator import itemgetter
from typing import NamedTuple

from spacy.language import Language
from spacy.tokens import Doc, Span

from .. import docdata, morph
from .. import gazetteer as gz
from ..spans import PARTIES, PartyInfo, set_kx
from .org_grammar import (
    MAX_QUOTE,
    OrgSpan,
    acronym_after,
    find_organisations,
    head_kind,
    is_all_caps,
    is_cap,
    may_hold_head,
    name_word,
    toks,
)
from .persons import PersonSpan, find_persons
from .places import NameHit, blocked_tokens, find_names, org_tokens

# One mention of a party: tokens ``start``..``end`` (exclusive) and what its
# span holds. The spans are made once, at the end (:func:`_spans`): a spaCy
# Span builds three Tokens, and the owners of positions read the plain data.
Mention = tuple[int, int, PartyInfo]


def state_mentions(doc: Doc, hits: list[NameHit], titles: AbstractSet[int]) -> list[Mention]:
    """Every state name outside titles and currency phrases."""
    words = docdata.words(doc)
    out = []
    for hit in hits:
        if hit.entry.source != "state" or not titles.isdisjoint(range(hit.start, hit.end)):
            continue
        if hit.end < len(words) and gz.role_of(words[hit.end]) == "currency":
            continue
        out.append((hit.start, hit.end, PartyInfo(hit.entry.name, "state", hit.entry.country)))
    return out


# --------------------------------------------------------------------------
# organisations and their aliases


@dataclass(slots=True)
class OrgParty:
    """An organisation party of this article, as registered so far."""

    name: str
    country: str | None
    words: list[str]
    default_country: bool = False  # a guess (the outlet's country, or null for a foreign look)
    size: int = 0  # words in the name: names equal but for inner cases have as many


@lru_cache(maxsize=1 << 16)
def _stem(word: str) -> str:
    """A word's lemma, folded, for comparing modifiers across forms (cached by word)."""
    return gz.fold(morph.analyses(word)[0].lemma)


@lru_cache(maxsize=1 << 16)
def _same_modifier(short: str, long: str) -> bool:
    """``кино`` ~ ``киноны``: one word's stem starts the other's (cached by the word pair)."""
    a, b = _stem(short), _stem(long)
    return a.startswith(b) or b.startswith(a)


def is_short_form(words: list[str], long: list[str]) -> bool:
    """``words``: a later, shorter name of the party named ``long`` (its
    words): same head, same first modifier, every modifier found among the
    party's words (by stem)."""
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


@lru_cache(maxsize=1 << 16)
def _nominative_word(word: str) -> str:
    """One word in the nominative, as :func:`morph.canonical` gives it (cached by word)."""
    return morph.canonical(word)


def _case_free(name: str) -> str:
    """A name with its inner words in the nominative, folded: an owner with or
    without its genitive (``ҚР Парламентінің Сенаты``, official ``ҚР
    Парламенті Сенаты``) names the same body."""
    words = name.split()
    return gz.fold(" ".join([*(_nominative_word(w) for w in words[:-1]), *words[-1:]]))


@lru_cache(maxsize=1 << 14)
def _lemmas(word: str) -> frozenset[str]:
    """The folded lemmas of every reading of a word (cached by word)."""
    return frozenset(gz.fold(a.lemma) for a in morph.analyses(word))


def _acronym_keys(words: list[str], first: int, end: int) -> list[str]:
    """The keys an acronym in parentheses defines: as written (``ҚР ҰҒА``), and
    without a state abbreviation it opens with (``ҰҒА``), how the text may
    name the body later."""
    keys = [gz.fold_case_kept(" ".join(words[first:end]))]
    if end - first > 1 and gz.states().lookup([words[first]]) is not None:
        keys.append(gz.fold_case_kept(" ".join(words[first + 1 : end])))
    return keys


class OrgResolver:
    """Assigns each organisation mention to a party of the article, in text order."""

    def __init__(self, orgs: list[OrgSpan]) -> None:
        self.orgs = orgs  # every name of the article: a short form may come first (a headline)
        # names and parties by the stem of their head (last word), which a
        # short form shares (is_short_form): only those are compared
        self.orgs_by_head: dict[str, list[tuple[OrgSpan, list[str]]]] = {}
        for org in orgs:
            words = org.name.split()
            if words:
                self.orgs_by_head.setdefault(_stem(words[-1]), []).append((org, words))
        self.parties: list[OrgParty] = []
        self.parties_by_head: dict[str, list[OrgParty]] = {}
        self.by_folded_name: dict[str, OrgParty] = {}  # the same parties, by gz.fold(name)
        self.by_acronym: dict[str, OrgParty] = {}
        self.by_quoted: dict[str, OrgParty] = {}
        self.quoted_orgs: dict[str, OrgSpan] | None = None  # quoted name -> first org, when asked
        self.case_free: dict[str, str] = {}  # name -> _case_free(name), for this article

    def _by_name(self, name: str) -> OrgParty | None:
        return self.by_folded_name.get(gz.fold(name))

    def register(
        self, name: str, country: str | None, words: list[str], default: bool = False
    ) -> OrgParty:
        key = gz.fold(name)
        party = self.by_folded_name.get(key)
        if party is None:
            party = OrgParty(name, country, words, default, len(name.split()))
            self.parties.append(party)
            self.by_folded_name[key] = party
            if words:
                self.parties_by_head.setdefault(_stem(words[-1]), []).append(party)
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

    def for_quoted(self, key: str) -> OrgParty | None:
        """The party whose name holds the quoted name ``key`` (folded), also
        one named later in the article (a headline comes first)."""
        if key in self.by_quoted:
            return self.by_quoted[key]
        if self.quoted_orgs is None:
            self.quoted_orgs = {}
            for org in self.orgs:
                quoted = _quoted_name(org.name)
                if quoted is not None:
                    self.quoted_orgs.setdefault(quoted, org)
        named = self.quoted_orgs.get(key)
        if named is None:
            return None
        party = self.register(named.name, named.country, named.name.split(), named.default_country)
        self.by_quoted[key] = party
        return party

    def shortened(self, words: list[str]) -> OrgParty | None:
        """The party named before that capitalised words and a bare head
        shorten (``Ұлттық музей`` for ``Қазақстан Республикасының Ұлттық
        музейі``): same head, every word found among the party's modifiers,
        the first one among its capitalised words."""
        head = _bare_head(words[-1])
        for party in self.parties:
            long = party.words
            if len(words) >= len(long) or head not in _lemmas(long[-1]):
                continue
            mods = words[:-1]
            if any(_same_modifier(mods[0], w) for w in long[:-1] if w[:1].isupper()) and all(
                any(_same_modifier(m, w) for w in long[:-1]) for m in mods
            ):
                return party
        return None

    def for_name(self, org: OrgSpan, words: list[str]) -> tuple[OrgParty, str | None]:
        """(party, surface) of a grammar name (``words``: its name split): a
        short form of an earlier one or a new party.

        Two names with the same quoted name are one body (``«Сапар Транс» ЖШС``
        and ``«Сапар Транс» компаниясы``), except a branch of it (``«Қазгидромет»
        РМК Ақмола филиалы``: head of role ``branch`` in models/name_grammar.tsv),
        a body of its own.
        """
        quoted = _quoted_name(org.name)
        if quoted and gz.role_of(words[-1]) == "branch":
            quoted = None
        if (
            quoted
            and quoted in self.by_quoted
            and gz.fold(org.name) != gz.fold(self.by_quoted[quoted].name)
        ):
            return self.by_quoted[quoted], org.name
        shortens = self._shortens(org, words) if len(words) > 1 else None  # one word: no short form
        if shortens is not None:
            return shortens, org.name
        known = gz.intl_org_names().lookup(words)
        if known is not None and gz.fold_case_kept(known.source) in self.by_acronym:
            return self.by_acronym[gz.fold_case_kept(known.source)], org.name
        same = self._same_case_free(org, len(words))
        if same is not None and gz.fold(same.name) != gz.fold(org.name):
            return same, org.name  # ҚР Парламенті Сенаты = ҚР Парламентінің Сенаты
        party = self.register(org.name, org.country, words, org.default_country)
        if quoted:
            self.by_quoted.setdefault(quoted, party)
        if known is not None:
            self.by_acronym.setdefault(gz.fold_case_kept(known.source), party)
        return party, None

    def _shortens(self, org: OrgSpan, words: list[str]) -> OrgParty | None:
        """The party of the same country (any, for a guessed one) that ``words``
        shorten (:func:`is_short_form`): one named before, else one the
        article names anywhere, then registered."""
        head = _stem(words[-1])
        for party in self.parties_by_head.get(head, ()):
            if (party.country == org.country or org.default_country) and is_short_form(
                words, party.words
            ):
                return party
        for other, other_words in self.orgs_by_head.get(head, ()):
            if (
                other is not org
                and (other.country == org.country or org.default_country)
                and is_short_form(words, other_words)
            ):
                return self.register(other.name, other.country, other_words, other.default_country)
        return None

    def _same_case_free(self, org: OrgSpan, size: int) -> OrgParty | None:
        """The first party of the org's country named the same but for inner
        cases (:func:`_case_free`), ``size`` words long like the org's name;
        the keys are worked out once per article."""
        key = None
        for party in self.parties:
            if party.country != org.country or party.size != size:
                continue
            if key is None:
                key = self._case_free_of(org.name)
            if self._case_free_of(party.name) == key:
                return party
        return None

    def _case_free_of(self, name: str) -> str:
        found = self.case_free.get(name)
        if found is None:
            found = self.case_free[name] = _case_free(name)
        return found


def org_mentions(
    doc: Doc, orgs: list[OrgSpan], titles: AbstractSet[int], marks: WordMarks | None = None
) -> list[Mention]:
    """Mentions of organisations: grammar names, their acronyms and short names,
    lone acronyms. ``marks``: :func:`word_marks` of the doc's words, if known."""
    resolver = OrgResolver([o for o in orgs if not o.acronym])
    words = docdata.words(doc)
    acronyms = {org.end: acronym_after(words, org.end) for org in orgs}  # `name (ACR)`
    for org in orgs:  # `name (ACR)` anywhere defines ACR for the whole article, the headline too
        acr = acronyms[org.end]
        if acr is not None and not org.acronym:
            party = resolver.register(org.name, org.country, org.name.split(), org.default_country)
            for key in _acronym_keys(words, *acr):
                resolver.by_acronym.setdefault(key, party)
    out: list[Mention] = []
    used: set[int] = set()
    by_start = {o.start: o for o in orgs}
    if marks is None:
        marks = word_marks(words)
    bare = _bare_short_forms(doc, orgs, marks.bare_heads)
    end = 0  # the tokens before it are read
    for i in _mention_starts(marks.opens, by_start, bare):
        if i < end:
            continue
        found = by_start.get(i)
        if found is not None:
            out.extend(_org_at(doc, found, resolver, used, acronyms[found.end]))
            end = found.end
            continue
        if i in used or (i in titles and words[i] != "«"):  # «X» alone: a title too
            continue
        found_at = _other_mention(doc, i, resolver, bare)
        if found_at is not None:
            end, party, surface = found_at
            out.append((i, end, PartyInfo(party.name, "organization", party.country, surface)))
    return out


# What a word may be to org_mentions (bits of :func:`_word_tag`)
_OPENS = 1  # an opening quote or an acronym shape: a mention may start here
_BARE_HEAD = 2  # an org head noun without the possessive: it may end a short form
_CAPITALISED = 4  # is_cap, as Tok.cap (org_grammar.toks): a person's name may start here


_TAGS: dict[str, int] = {}  # word -> _word_tag(word)
MAX_TAGS = 1 << 16  # words remembered before the memo starts afresh


class WordMarks(NamedTuple):
    """Where the rules have anything to try: positions of words, in order."""

    opens: list[int]  # a quote or an acronym shape: an org mention may start there
    bare_heads: list[int]  # an org head noun without the possessive
    caps: list[int]  # a capitalised word (Tok.cap): a person's name may start there


def word_marks(words: list[str]) -> WordMarks:
    """The :class:`WordMarks` of a doc's words, from one scan of their tags
    (:func:`_word_tag`), remembered by word in a plain dict and read in one
    ``map``: an ``lru_cache`` call per word cost twice as much."""
    try:
        tags = list(map(_TAGS.__getitem__, words))
    except KeyError:  # a word seen for the first time
        if len(_TAGS) >= MAX_TAGS:
            _TAGS.clear()
        for word in words:
            if word not in _TAGS:
                _TAGS[word] = _word_tag(word)
        tags = list(map(_TAGS.__getitem__, words))
    marks = WordMarks([], [], [])
    opens, bare_heads, caps = marks
    for i in compress(count(), tags):
        tag = tags[i]
        if tag & _CAPITALISED:
            caps.append(i)
        if tag & _OPENS:
            opens.append(i)
        if tag & _BARE_HEAD:
            bare_heads.append(i)
    return marks


def _word_tag(word: str) -> int:
    """The :data:`_OPENS`, :data:`_BARE_HEAD` and :data:`_CAPITALISED` bits of a word."""
    opens = word == "«" or _acronym_shaped(word)
    bare = _bare_head(word) is not None
    return (
        (_OPENS if opens else 0)
        | (_BARE_HEAD if bare else 0)
        | (_CAPITALISED if is_cap(word) else 0)
    )


def _mention_starts(
    opens: list[int], by_start: dict[int, OrgSpan], bare: dict[int, int]
) -> list[int]:
    """Where a mention may start, in order: a grammar name, a short form with
    a bare head, a quote or an acronym-shaped word (``opens``). At any other
    word :func:`org_mentions` finds nothing, so it reads only these."""
    starts = set(opens)
    starts.update(by_start)
    starts.update(bare)
    return sorted(starts)


def _other_mention(
    doc: Doc, i: int, resolver: OrgResolver, bare: dict[int, int]
) -> tuple[int, OrgParty, str] | None:
    """(end, party, surface) of a mention at ``i`` outside the grammar's names:
    a quoted name alone, a short form with a bare head, or an acronym."""
    words = docdata.words(doc)
    quoted = _lone_quoted(doc, i, resolver) if words[i] == "«" else None
    if quoted is not None:
        return quoted
    end = bare.get(i)
    if end is not None:
        party = resolver.shortened(words[i:end])
        if party is not None:
            return end, party, morph.canonical(docdata.span_text(doc, i, end))
    n, acronym = _lone_acronym(words, i, resolver)
    if acronym is not None:
        return i + n, resolver.for_acronym(acronym), acronym
    return None


def _acronym_shaped(word: str) -> bool:
    """Whether a word may be an acronym mention (capitals, or a known body's
    acronym): the other words skip :func:`_other_mention`. Asked once a word,
    through :func:`word_marks`."""
    return is_all_caps(word.split("-", 1)[0]) or _known_acronym(word) is not None


def _lone_quoted(
    doc: Doc, i: int, resolver: OrgResolver
) -> tuple[int, OrgParty, str] | None:
    """(end, party, surface) of a quoted name alone at the « at ``i`` (``«Dala
    TV» былтыр ...``) that is the quoted name of an organisation of the article
    (``«Dala TV» телеарнасы``): a mention of it, as the title list keeps it too."""
    words = docdata.words(doc)
    try:
        close = words.index("»", i + 1, min(i + MAX_QUOTE + 1, len(words)))
    except ValueError:
        return None
    surface = docdata.span_text(doc, i, close + 1)
    party = resolver.for_quoted(gz.fold(surface[1:-1]))
    return (close + 1, party, surface) if party is not None else None


def _bare_short_forms(doc: Doc, orgs: list[OrgSpan], heads: list[int]) -> dict[int, int]:
    """Capitalised words and a bare head (``Ұлттық музей мен``) outside the
    grammar's names: start -> end of each, to be tried as a short form of a
    party named before (:meth:`OrgResolver.shortened`). ``heads``: where
    the words with a bare head's reading are."""
    if not heads:
        return {}
    ts = toks(doc)
    inside: set[int] = set()
    inside.update(*(range(org.start, org.end) for org in orgs))
    out: dict[int, int] = {}
    for i in heads:
        if ts[i].cap or i in inside:
            continue
        k = i
        while (
            k > 0
            and i - k < MAX_SHORT_WORDS
            and k - 1 not in inside
            and not ts[k - 1].newline_after
            and name_word(ts[k - 1])
            and not is_all_caps(ts[k - 1].text)
        ):
            k -= 1
        if k < i:
            out[k] = i + 1
    return out


MAX_SHORT_WORDS = 3  # capitalised words before a bare head in a short form


def _bare_head(word: str) -> str | None:
    """The folded lemma of an org head noun written without the possessive
    (``музей``, ``музеймен``). Asked of every word (once, through
    :func:`word_marks`), so a word that cannot hold a head is not analysed
    (``may_hold_head``)."""
    if not may_hold_head(word):
        return None
    for a in morph.analyses(word):
        if a.possessive or a.plural:
            continue
        lemma = gz.fold(a.lemma)
        if lemma.isalpha() and head_kind(morph.inflect(lemma, "nom", possessive=True)):
            return lemma
    return None


def _lone_acronym(words: list[str], i: int, resolver: OrgResolver) -> tuple[int, str | None]:
    """(number of words, acronym) of an acronym at ``words[i]``: one the article
    defined (``ҚР ҰҒА``, two words, or ``ҰҒА``) or a known body's."""
    base = words[i].split("-", 1)[0]
    if i + 1 < len(words) and is_all_caps(base):
        pair = base + " " + words[i + 1].split("-", 1)[0]
        if gz.fold_case_kept(pair) in resolver.by_acronym:
            return 2, pair
    if gz.fold_case_kept(base) in resolver.by_acronym:
        return 1, base
    return 1, _known_acronym(words[i])


def _known_acronym(word: str) -> str | None:
    """The acronym a word writes when it is a known body's (``ЮНЕСКО-мен``):
    the part of :func:`_lone_acronym` that depends on the word alone (asked
    of every word once, through :func:`_acronym_shaped` in :func:`word_marks`).

    A word not in capitals names a body only by its acronym as written: its
    ``base`` is then a key of the acronym table itself, so such a word is
    looked up there and never analysed (``acronym_of`` would try its lemma
    candidates, whose body's acronym cannot be ``base``: ``base`` would have
    been found first)."""
    base = word.split("-", 1)[0]
    if not is_all_caps(word):
        direct = gz.intl_orgs().get(gz.fold_case_kept(base))
        return base if direct is not None and base == direct.acronym else None
    return base if gz.acronym_of(word) is not None else None


def _org_at(
    doc: Doc,
    org: OrgSpan,
    resolver: OrgResolver,
    used: set[int],
    acr: tuple[int, int] | None,
) -> list[Mention]:
    """The mentions of a grammar name: the name, its quoted short name, and
    its acronym in parentheses (``acr``: tokens inside them, or None)."""
    if org.acronym:
        party = resolver.for_acronym(org.acronym)
        info = PartyInfo(party.name, "organization", party.country, org.acronym)
        return [(org.start, org.end, info)]
    party, surface = resolver.for_name(org, org.name.split())
    out = [(org.start, org.end, PartyInfo(party.name, "organization", party.country, surface))]
    if org.quoted is not None:
        q0, q1 = org.quoted
        short = morph.canonical(docdata.span_text(doc, q0, q1))
        out.append((q0, q1, PartyInfo(party.name, "organization", party.country, short)))
    if acr is not None:
        first, end = acr
        written = docdata.span_text(doc, first, end)
        for key in _acronym_keys(docdata.words(doc), first, end):
            resolver.by_acronym[key] = party
        used.update(range(first, end))
        out.append((first, end, PartyInfo(party.name, "organization", party.country, written)))
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


def _acronym_owners(mentions: list[Mention]) -> dict[int, str | None]:
    """Organisation mentions (by acronym too: ``ҚазҰУ ректоры``) as owners of positions."""
    return {end - 1: info.country for _, end, info in mentions}


def person_mentions(
    doc: Doc, persons: list[PersonSpan], blocked: set[int], caps: list[int]
) -> list[Mention]:
    """Each person's full-name mentions, and later mentions by one part of the
    name. ``caps``: the positions of the capitalised tokens, in order."""
    out = [(p.start, p.end, PartyInfo(p.name, "person", p.country)) for p in persons]
    if not persons:
        return out
    named = set().union(*(range(p.start, p.end) for p in persons))
    parts: dict[str, PersonSpan] = {}
    for p in persons:
        for word in p.name.split():
            parts.setdefault(gz.fold(word), p)
    ts = toks(doc)
    first = min(p.start for p in persons)
    for i in caps[bisect_left(caps, first) :]:  # a part is capitalised
        if i in blocked or i in named or is_all_caps(ts[i].text):
            continue
        owner = next((parts[k] for k in gz.word_keys(ts[i].text) if k in parts), None)
        if owner is not None and owner.start < i:
            surface = morph.canonical(ts[i].text)
            out.append((i, i + 1, PartyInfo(owner.name, "person", owner.country, surface)))
    return out


_BY_TOKENS = itemgetter(0, 1)
def _spans(doc: Doc, mentions: list[Mention]) -> list[Span]:
    """The spans of the mentions in text order (a stable sort: of two
    mentions of the same tokens the later one's data is kept, as before)."""
    label = doc.vocab.strings.add(PARTIES)  # a Span given the string adds it again, slowly
    out = []
    for start, end, info in sorted(mentions, key=_BY_TOKENS):
        span = Span(doc, start, end, label=label)
        set_kx(span, info)
        out.append(span)
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
        marks = word_marks(docdata.words(doc))
        mentions = state_mentions(doc, hits, titles)
        org_found = org_mentions(doc, orgs, titles, marks)
        mentions += org_found
        blocked = org_tokens(doc) | titles  # a new set: titles is the cached one
        blocked.update(*(range(hit.start, hit.end) for hit in hits))
        owners = _acronym_owners(org_found) | _owners(hits, orgs)
        persons = find_persons(doc, blocked, owners, marks.caps)
        mentions += person_mentions(doc, persons, blocked, marks.caps)
        doc.spans[PARTIES] = _spans(doc, mentions)
        return doc
