"""The grammar of agreements: small named rules over one sentence at a time.

An agreement sentence has three parts that these rules find separately:

* the **document word** (``меморандумға``, ``келісімшарт``) that gives the type,
  and whether it is plural (``меморандумдарға``: one agreement per counterpart);
* the **event verb** (``қол қойды``, ``жасалған``, ``қол қою жоспарлануда``)
  that gives the status, plus cues such as ``бұған дейін`` that make it
  background;
* the **sides**, found from the case of the party mentions the parties
  component left on the Doc: a nominative subject, instrumental counterparts
  (``Өзбекстанмен``), ``X мен Y арасында``, and a list of states followed by
  a generic body in the instrumental (``Франция және Грузияның ұлттық
  киноорталықтарымен``: the sides are the states).

All words are data (``models/agreement_triggers.tsv``, ``models/agreement_verbs.tsv``);
this module only says how they combine. The component (``agreements.py``)
runs these rules sentence by sentence and merges what they find across
sentences.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache, lru_cache
from itertools import compress
from operator import attrgetter

from .. import morph
from ..gazetteer import nationality_of
from ..lookalikes import fold_lookalikes
from ..resources import preload, read_tsv
from .agreement_words import WordTable

# connectors that may stand between the members of one coordinated group of sides
CONNECTORS = frozenset({",", "және", "мен", "пен", "бен", "hәм", "һәм", "сондай-ақ"})
# spotting a plural document word or an instrumental side needs no analysis:
# the suffix tables of kazextract.morph (models/morph/) are enough
PLURAL_SUFFIXES = morph.plural_endings()
INSTRUMENTAL_ENDINGS = morph.case_endings("ins")
SIDE_KINDS = frozenset({"organization", "state"})


# ---------------------------------------------------------------- lexicon


@dataclass(frozen=True, slots=True)
class NounEntry:
    """One row of agreement_triggers.tsv."""

    words: tuple[str, ...]
    forms: frozenset[str]
    role: str
    type: str
    verbless: bool
    company_type: str = ""  # the type when every side is a company (шарт -> contract)
    key: str = ""  # the words joined by a space (Hit.key)

    def match(self, tokens: list[str], i: int) -> tuple[int, str] | None:
        """(end index, remainder after the stem) when the entry matches at ``tokens[i]``."""
        n = len(self.words)
        if i + n > len(tokens):
            return None
        for k, word in enumerate(self.words[:-1]):
            if tokens[i + k] != word:
                return None
        last = tokens[i + n - 1]
        stem = self.words[-1]
        if self.forms:
            return (i + n, last[len(stem) :]) if last in self.forms else None
        if last.startswith(stem) and len(last) - len(stem) <= 9:
            return i + n, last[len(stem) :]
        return None


@dataclass(frozen=True, slots=True)
class VerbEntry:
    """One row of agreement_verbs.tsv."""

    words: tuple[str, ...]
    status: str
    kind: str
    alone: bool

    def match(self, tokens: list[str], i: int) -> int | None:
        """End index when the pattern matches at ``tokens[i]``."""
        if i + len(self.words) > len(tokens):
            return None
        for k, word in enumerate(self.words):
            token = tokens[i + k]
            if word.endswith("*"):
                if not token.startswith(word[:-1]):
                    return None
            elif token != word:
                return None
        return i + len(self.words)


@preload
@cache
def noun_lexicon() -> tuple[NounEntry, ...]:
    """Trigger and cue nouns, longest (most specific) first."""
    entries = [
        NounEntry(
            words=tuple(row["stem"].lower().split()),
            forms=frozenset(f for f in row["forms"].lower().split("|") if f),
            role=row["role"],
            type=row["type"],
            verbless=row["verbless"] == "yes",
            company_type=row["company_type"],
            key=" ".join(row["stem"].lower().split()),
        )
        for row in read_tsv("agreement_triggers.tsv")
    ]
    return tuple(sorted(entries, key=lambda e: (-len(e.words), -len(e.words[-1]))))


@preload
@cache
def verb_lexicon() -> tuple[VerbEntry, ...]:
    """Event verbs and cues, longest first so that ``қол қойған болатын`` beats ``қол қойған``."""
    entries = [
        VerbEntry(
            words=tuple(row["pattern"].lower().split()),
            status=row["status"],
            kind=row["kind"],
            alone=row["alone"] == "yes",
        )
        for row in read_tsv("agreement_verbs.tsv")
    ]
    return tuple(sorted(entries, key=lambda e: -len(e.words)))


# ---------------------------------------------------------------- sentence model


@dataclass(slots=True)
class Side:
    """A party mention inside a sentence (token indices relative to the sentence)."""

    start: int
    end: int
    name: str
    kind: str
    country: str | None
    case: str  # nom gen dat acc loc abl ins attr adj
    # doc token range of a place mention acting as a side (a region or city
    # itself: ``Түркістан облысы Жизақ облысымен ...``); the component lists
    # such a side as an organisation party (see agreements.py)
    origin: tuple[int, int] | None = None


@dataclass(slots=True)
class Where:
    """A place mention: name and grammatical case."""

    start: int
    end: int
    name: str
    case: str


@dataclass(slots=True)
class When:
    """A date mention with its normalised value."""

    start: int
    end: int
    value: str | None
    granularity: str
    note: str | None = None


@dataclass(slots=True)
class Sentence:
    """What the rules need to know about one sentence. (Whether it is the
    article's headline is asked of the article, by sentence index, only for
    a sentence that states an agreement: see ``Discourse``.)"""

    index: int
    tokens: list[str]  # lower case
    words: list[str]  # as written
    sides: list[Side] = field(default_factory=list)
    places: list[Where] = field(default_factory=list)
    dates: list[When] = field(default_factory=list)
    # the trigger plan of each token (:func:`word_facts`), when the maker of
    # the model has them already; else find_triggers reads them
    plans: tuple[TriggerPlan, ...] | None = None


@dataclass(slots=True)
class Hit:
    """A matched trigger noun or verb pattern.

    The rules build these (and :class:`Side`, :class:`Where`, :class:`When`)
    with positional arguments: keyword arguments cost more than the rest of
    building one, and a sentence makes dozens."""

    start: int
    end: int
    role: str
    type: str = ""
    status: str = ""
    plural: bool = False
    verbless: bool = False
    alone: bool = False
    key: str = ""  # the lexicon entry that matched (кеңес, форум ...)
    company_type: str = ""  # a document's type when every side is a company


# ---------------------------------------------------------------- finding words


def find_nouns(sent: Sentence) -> list[Hit]:
    """Every trigger/cue noun in the sentence, left to right, no overlaps
    (:func:`find_triggers`)."""
    return find_triggers(sent)[0]


def find_verbs(sent: Sentence) -> list[Hit]:
    """Every event verb and status cue, longest pattern first at each position
    (:func:`find_triggers`)."""
    return find_triggers(sent)[1]


def find_triggers(sent: Sentence) -> tuple[list[Hit], list[Hit]]:
    """(nouns, verbs): every trigger/cue noun and every event verb/status cue
    of the sentence, each left to right without overlaps among its kind.

    One scan for both, and only at the tokens where an entry can start: the
    plans of all the tokens are read at once (the model's own, else
    :data:`TRIGGER_PLANS`), and most tokens have none. Noun entries are tried in lexicon order, a
    one-word one already decided (:func:`_noun_plans`); verb patterns
    longest first, only those whose second word fits the next token
    (:func:`_verb_candidates_before`). A match of a kind resumes that
    kind's scan past its end."""
    nouns: list[Hit] = []
    verbs: list[Hit] = []
    tokens = sent.tokens
    last = len(tokens) - 1
    plans = sent.plans if sent.plans is not None else TRIGGER_PLANS.of(tokens)
    noun_free = verb_free = 0  # the first token not inside a match of the kind
    for i in compress(range(len(tokens)), plans):
        plan = plans[i]
        if plan is None:  # compress yields only tokens with a plan
            continue
        noun_plans, verb_firsts = plan
        if noun_plans and i >= noun_free:
            for entry, plural in noun_plans:
                end = i + 1
                if plural is None:
                    found = entry.match(tokens, i)
                    if found is None:
                        continue
                    end, rest = found
                    if entry.role == "document" and rest.endswith(INSTRUMENTAL_ENDINGS):
                        continue  # келісімімен 'with the consent of': not a document being signed
                    plural = rest.startswith(PLURAL_SUFFIXES)
                # positional (see Hit): start end role type status plural verbless alone
                # key company_type
                nouns.append(
                    Hit(
                        i,
                        end,
                        entry.role,
                        entry.type,
                        "",
                        plural,
                        entry.verbless,
                        False,
                        entry.key,
                        entry.company_type,
                    )
                )
                noun_free = end
                break
        if verb_firsts and i >= verb_free:
            following = tokens[i + 1] if i < last else None
            for verb in _verb_candidates_before(tokens[i], following):
                verb_end = verb.match(tokens, i)
                if verb_end is None:
                    continue
                # positional (see Hit): start end role type status plural verbless alone
                verbs.append(Hit(i, verb_end, verb.kind, "", verb.status, False, False, verb.alone))
                verb_free = verb_end
                break
    return nouns, verbs


# Distinct lower-case tokens whose candidate entries are remembered; news
# vocabulary is far smaller, and the bound keeps a long batch's memory flat.
_TOKEN_CACHE = 1 << 16


@lru_cache(maxsize=_TOKEN_CACHE)
def _noun_candidates(token: str) -> tuple[NounEntry, ...]:
    """The noun entries that may match starting at ``token``, in lexicon
    order: a one-word entry whose stem begins the token (or whose listed
    forms contain it), a longer entry whose first word is the token.
    :meth:`NounEntry.match` still decides; this only rules out the rest."""
    index = _noun_index()
    keys = [token] + [token[:k] for k in range(1, len(token))]
    found = {n for key in keys for n in index.get(key, ())}
    lexicon = noun_lexicon()
    return tuple(lexicon[n] for n in sorted(found))


@preload
@cache
def _noun_index() -> dict[str, tuple[int, ...]]:
    """Lexicon positions by the string a token must equal (a longer entry's
    first word) or begin with (a one-word entry's stem)."""
    index: dict[str, list[int]] = {}
    for n, entry in enumerate(noun_lexicon()):
        keys = set(entry.forms) if len(entry.words) == 1 and entry.forms else {entry.words[0]}
        for key in keys:
            index.setdefault(key, []).append(n)
    return {key: tuple(ns) for key, ns in index.items()}


@lru_cache(maxsize=_TOKEN_CACHE)
def _verb_candidates(token: str) -> tuple[VerbEntry, ...]:
    """The verb patterns whose first word is ``token`` (or a prefix pattern
    ``ратификация*`` it begins with), longest pattern first as in the lexicon."""
    exact, prefixes = _verb_index()
    found = set(exact.get(token, ()))
    for prefix, ns in prefixes:
        if token.startswith(prefix):
            found.update(ns)
    lexicon = verb_lexicon()
    return tuple(lexicon[n] for n in sorted(found))


# (entry, whether the document word is plural when a one-word entry matches
# the token, None for a longer entry, which is matched in its sentence)
NounPlan = tuple[tuple[NounEntry, bool | None], ...]
# what find_triggers tries at a token: its noun plans and verb patterns,
# None when it has neither (most tokens)
TriggerPlan = tuple[NounPlan, tuple[VerbEntry, ...]] | None


def _noun_plans(token: str) -> NounPlan:
    """The noun entries :func:`find_triggers` tries at ``token``, in lexicon
    order. A one-word entry matches or not by the token alone, so it is
    decided here: kept (with whether the rest past the stem makes it
    plural) when it matches and is not a document in the instrumental,
    which find_triggers skips; dropped otherwise. An entry of several words
    is kept undecided."""
    plans: list[tuple[NounEntry, bool | None]] = []
    for entry in _noun_candidates(token):
        if len(entry.words) > 1:
            plans.append((entry, None))
            continue
        found = entry.match([token], 0)
        if found is None:
            continue
        rest = found[1]
        if entry.role == "document" and rest.endswith(INSTRUMENTAL_ENDINGS):
            continue
        plans.append((entry, rest.startswith(PLURAL_SUFFIXES)))
    return tuple(plans)


def _trigger_plan(token: str) -> TriggerPlan:
    nouns, verbs = _noun_plans(token), _verb_candidates(token)
    return (nouns, verbs) if nouns or verbs else None


# the same, for all the tokens of a sentence at once (find_triggers)
TRIGGER_PLANS = WordTable(_trigger_plan)


@lru_cache(maxsize=_TOKEN_CACHE)
def _verb_candidates_before(token: str, following: str | None) -> tuple[VerbEntry, ...]:
    """:func:`_verb_candidates` of ``token`` less the patterns whose second
    word cannot be ``following`` (the next token, None at the end), in the
    same order. Some fifty patterns begin with ``қол``; trying each of them
    at every ``қол`` was most of the cost of finding the verbs.
    :meth:`VerbEntry.match` still decides."""
    return tuple(
        entry
        for entry in _verb_candidates(token)
        if len(entry.words) == 1
        or (following is not None and _word_fits(entry.words[1], following))
    )


def _word_fits(word: str, token: str) -> bool:
    """Does ``token`` fit a pattern word (``x*``: begins with x)?"""
    return token.startswith(word[:-1]) if word.endswith("*") else token == word


@preload
@cache
def _verb_index() -> tuple[dict[str, tuple[int, ...]], tuple[tuple[str, tuple[int, ...]], ...]]:
    """Lexicon positions by exact first word, and by first-word prefix (``x*``)."""
    exact: dict[str, list[int]] = {}
    prefixes: dict[str, list[int]] = {}
    for n, entry in enumerate(verb_lexicon()):
        first = entry.words[0]
        if first.endswith("*"):
            prefixes.setdefault(first[:-1], []).append(n)
        else:
            exact.setdefault(first, []).append(n)
    return (
        {key: tuple(ns) for key, ns in exact.items()},
        tuple((key, tuple(ns)) for key, ns in prefixes.items()),
    )


# noun roles without which a sentence states no agreement and changes none:
# a document word, a word pointing back at one (``Құжатқа``), a ceremony
# (which only adds the place of the signing just told)
STATING_ROLES = frozenset({"document", "doc_anaphor", "ceremony"})


def may_state_agreement(word: str) -> bool:
    """Can a sentence with this word (as written) state an agreement, or
    add to one? Only if a noun of :data:`STATING_ROLES` or a verb that means
    agreeing by itself (``уағдаласты``) may start at it: a sentence has a
    status only with such a verb or a document word (or one pointing back),
    and without a status only a ceremony word does anything
    (agreement_discourse.py). The candidates are those :func:`find_nouns` and
    :func:`find_verbs` try at the word, so this never misses a match; it lets
    the component skip the sentences without one before any other work."""
    return _may_state(rule_token(word))


def _may_state(token: str) -> bool:
    """:func:`may_state_agreement` of a word in its :func:`rule_token` form
    (the form the trigger candidates are looked up by)."""
    return any(e.role in STATING_ROLES for e in _noun_candidates(token)) or any(
        e.alone for e in _verb_candidates(token)
    )


# What the component needs of a word (as written), all from the word alone:
# whether it may state an agreement, its rule form, the trigger plan of that
WordFacts = tuple[bool, str, TriggerPlan]


def word_facts(word: str) -> WordFacts:
    """(:func:`may_state_agreement`, :func:`rule_token`, the trigger plan
    :func:`find_triggers` tries at it) of a word as written."""
    token = rule_token(word)
    return _may_state(token), token, _trigger_plan(token)


# The facts of each word of a Doc, read at once (agreement_words.py): one
# table for the three, so that each token costs one look-up. In the running
# pipeline a look-up is mostly a cache miss (the table and its keys are
# far apart in memory from the Doc's fresh strings), which made per-word
# reads a fifth of the component when there were three tables.
WORD_FACTS = WordTable(word_facts)


def pick_document(nouns: list[Hit], verb: Hit | None) -> Hit | None:
    """The document the verb is about: the nearest document word before the
    verb (Kazakh is verb-final), else after it (a participle: ``жасалған
    меморандум``), else the first one."""
    first = last_before = first_after = None
    for hit in nouns:
        if hit.role != "document":
            continue
        if first is None:
            first = hit
        if verb is not None:
            if hit.end <= verb.start:
                last_before = hit
            elif first_after is None and hit.start >= verb.end:
                first_after = hit
    if verb is None or first is None:
        return first
    if last_before is not None and verb.status != "link":
        return last_before
    if first_after is not None:
        return first_after
    return last_before if last_before is not None else first


def pick_verb(verbs: list[Hit]) -> Hit | None:
    """The event verb of the sentence: the last finite one (Kazakh is verb-final);
    a participle only when nothing else is there."""
    last = last_finite = None
    for hit in verbs:
        if hit.role == "verb":
            last = hit
            if hit.status != "link":
                last_finite = hit
    return last_finite if last_finite is not None else last


# The rules below read short lists (a sentence's hits, its mentions) many
# times per sentence, so they walk them with plain loops: on Python 3.11 a
# comprehension or generator expression is a function of its own, and making
# and calling it costs more than the walk over a handful of items.


def has_role(nouns: list[Hit], role: str) -> bool:
    for hit in nouns:
        if hit.role == role:
            return True
    return False


def first_hit(hits: list[Hit], role: str) -> Hit | None:
    """The first hit with that role, else None."""
    for hit in hits:
        if hit.role == role:
            return hit
    return None


def last_hit(hits: list[Hit], role: str) -> Hit | None:
    """The last hit with that role, else None."""
    found = None
    for hit in hits:
        if hit.role == role:
            found = hit
    return found


def any_of_kinds(sides: list[Side], kinds: frozenset[str]) -> bool:
    """Is some side of one of those kinds?"""
    for side in sides:
        if side.kind in kinds:
            return True
    return False


# ---------------------------------------------------------------- sides


@dataclass(slots=True)
class Group:
    """Coordinated party mentions with the role the group plays."""

    members: list[Side]
    role: str  # subject | counterpart | between | other


BY_START = attrgetter("start")  # sort key: sides and hits in text order


def maximal(sides: list[Side]) -> list[Side]:
    """Drop mentions inside or overlapping a longer one (a state inside an
    organisation's name), keeping the longest, in text order.

    Usually no two mentions overlap: then all are kept, and sorting them by
    their start is the whole answer (checked on neighbours in that order,
    which for non-empty mentions rules out any overlap)."""
    in_order = sorted(sides, key=BY_START)
    if _apart(in_order):
        return in_order
    out: list[Side] = []
    for side in sorted(in_order, key=_length, reverse=True):
        start, end = side.start, side.end
        for kept in out:
            if start < kept.end and kept.start < end:
                break
        else:
            out.append(side)
    out.sort(key=BY_START)
    return out


def _length(side: Side) -> int:
    return side.end - side.start


def _apart(in_order: list[Side]) -> bool:
    """Are these mentions (sorted by start) non-empty and without overlaps?"""
    end = -1
    for side in in_order:
        if side.start >= side.end or side.start < end:
            return False
        end = side.end
    return True


def _in_parens(tokens: list[str], start: int) -> bool:
    """Is the mention at ``start`` inside brackets (an alias: ``ұйымы (ДДСҰ)``)?"""
    depth = 0
    for token in tokens[:start]:
        if token == "(":
            depth += 1
        elif token == ")" and depth:
            depth -= 1
    return depth > 0


def _gap_is_connector(tokens: list[str], start: int, end: int) -> bool:
    """At least one connector between two mentions, and besides it only
    bracketed aliases and, right before the second mention, adjectives that
    modify it (``«ҚазТрансОйл» мен итальяндық «Eni» компаниясы``). A gap of
    a bracketed alias alone (``университеті (ҚБТУ) Германияның ...``) does
    not join: the subject and the counterparts that follow are two groups.
    A gap of one token (the usual ``мен`` or comma) joins when it is a
    connector: a bracket or any other word leaves no connector."""
    if end - start <= 1:
        return end > start and tokens[start] in CONNECTORS
    depth = 0
    words: list[str] = []
    for token in tokens[start:end]:
        if token == "(":
            depth += 1
        elif token == ")":
            depth = max(0, depth - 1)
        elif not depth:
            words.append(token)
    while words and words[-1] not in CONNECTORS and is_modifier(words[-1]):
        words.pop()
    return bool(words) and CONNECTORS.issuperset(words)


def is_modifier(token: str) -> bool:
    """A lower-case adjective that can stand before a name: a nationality
    word (``жапон``, ``ресейлік``) or a denominal adjective (``итальяндық``,
    ``халықаралық``; endings in models/agreement_modifiers.tsv)."""
    if not token.isalpha() or not token.islower():
        return False
    return nationality_of(token) is not None or token.endswith(_modifier_endings())


@preload
@cache
def _modifier_endings() -> tuple[str, ...]:
    return tuple(row["ending"] for row in read_tsv("agreement_modifiers.tsv"))


def coordinated(sent: Sentence, sides: list[Side]) -> list[list[Side]]:
    """Group mentions joined only by commas, ``және`` or ``мен/пен/бен``.

    A mention in the adjectival locative or genitive right before another
    (``Түркиядағы Анкара университеті``) modifies it and is dropped."""
    if "(" in sent.tokens:
        kept = [s for s in sides if not _in_parens(sent.tokens, s.start)]
    else:
        kept = list(sides)  # no brackets, no aliases
    kept = _unmodified(kept)
    groups: list[list[Side]] = []
    tokens = sent.tokens
    before: Side | None = None  # the mention before, the last of the last group
    for side in kept:
        # a gap of nothing at all joins two mentions only when the first is a
        # modifier (handled above); a gap of one token (the usual ``мен`` or
        # comma) is read here, a longer one by _gap_is_connector
        if (
            before is not None
            # persons coordinate with persons, bodies and states with each other:
            # ``министр А мен Германияның министрі Б`` is not a list of A and Germany
            and (before.kind == "person") == (side.kind == "person")
            and before.end < side.start
            and (
                tokens[before.end] in CONNECTORS
                if side.start - before.end == 1
                else _gap_is_connector(tokens, before.end, side.start)
            )
        ):
            groups[-1].append(side)
        else:
            groups.append([side])
        before = side
    return groups


def _unmodified(sides: list[Side]) -> list[Side]:
    """The mentions less those in the adjectival locative or genitive right
    before the next one (they modify it)."""
    out: list[Side] = []
    for k, side in enumerate(sides):
        if side.case in {"attr", "gen"} and k + 1 < len(sides) and sides[k + 1].start == side.end:
            continue
        out.append(side)
    return out


def _followed_by_between(sent: Sentence, end: int, nouns: list[Hit]) -> bool:
    """Is the next word after a bracketed alias ``арасында/арасындағы``?"""
    k, depth = end, 0
    while k < len(sent.tokens):
        token = sent.tokens[k]
        if token == "(":
            depth += 1
        elif token == ")":
            depth = max(0, depth - 1)
        elif not depth:
            break
        k += 1
    for hit in nouns:
        if hit.role == "between" and hit.start == k:
            return True
    return False


def _instrumental_head(sent: Sentence, end: int, stop: int) -> bool:
    """A generic plural body in the instrumental within a few words
    (``елдерінің ... ұйымдарымен``): the listed states are the counterparts."""
    for k in range(end, min(end + 6, stop)):
        token = sent.tokens[k]
        if token in CONNECTORS or not token.isalpha():
            return False
        if token.endswith(INSTRUMENTAL_ENDINGS) and len(token) > 4:
            return True
    return False


def _names_a_frame(sent: Sentence, end: int, nouns: list[Hit]) -> bool:
    """Does the mention ending at ``end`` only name the occasion of the
    signing (``Беларусь делегациясының сапары аясында``)? It does when at
    most three lower-case words, none of them a document or ``арасында``,
    lead from it to a frame word: the state or body is the owner of the
    visit or meeting, not a side. Bodies that sign are named after it."""
    frame = None
    for hit in nouns:
        if hit.role == "frame" and hit.start >= end:
            frame = hit.start
            break
    if frame is None or frame - end > 3:
        return False
    for k in range(end, frame):
        word = sent.words[k]
        if not (word.isalpha() and word.islower()) or word_role(sent.tokens[k]) not in {
            None,
            "event",
        }:
            return False
    return True


def group_roles(sent: Sentence, nouns: list[Hit], limit: int) -> list[Group]:
    """Assign each coordinated group (mentions before token ``limit``) its role."""
    # without a frame word or ``арасында`` in the sentence, those two tests
    # are false for every group and are not run
    frames = has_role(nouns, "frame")
    between = has_role(nouns, "between")
    out: list[Group] = []
    for members in coordinated(sent, maximal(sent.sides)):
        while len(members) > 1 and members[-1].case == "attr":
            members = members[:-1]  # ... мен Түркиядағы [unrecognised body]: a modifier, not a side
        last = members[-1]
        if last.start >= limit or (frames and _names_a_frame(sent, last.end, nouns)):
            continue
        if between and len(members) >= 2 and _followed_by_between(sent, last.end, nouns):
            role = "between"
        elif last.case == "ins":
            role = "counterpart"
        elif last.case in {"nom", "gen"} and _instrumental_head(
            sent, last.end, min(_next_start(sent, last.end), limit)
        ):
            role = "counterpart"
        elif last.case == "nom":
            role = "subject"
        else:
            role = "other"
        out.append(Group(members, role))
    return out


def _next_start(sent: Sentence, end: int) -> int:
    """The start of the first mention at or after token ``end``, else the
    sentence's length."""
    found = len(sent.tokens)
    for side in sent.sides:
        if end <= side.start < found:
            found = side.start
    return found


def split_sides(groups: list[Group]) -> tuple[list[Side], list[Side]]:
    """(subjects, counterparts). ``X мен Y арасында`` names all the sides
    (a nominative elsewhere, ``Парламент ... ратификациялады``, is not one); persons count only when no organisation or state is named."""
    between: list[Side] = []
    subjects: list[Side] = []
    counterparts: list[Side] = []
    for group in groups:
        if group.role == "between":
            between.extend(group.members)
        elif group.role == "subject":
            subjects.extend(group.members)
        elif group.role == "counterpart":
            counterparts.extend(group.members)
    if between:
        return between, []
    if any_of_kinds(subjects, SIDE_KINDS) or any_of_kinds(counterparts, SIDE_KINDS):
        subjects = [s for s in subjects if s.kind in SIDE_KINDS]
        counterparts = [s for s in counterparts if s.kind in SIDE_KINDS]
    return subjects, counterparts


def private_counterparts(sent: Sentence, groups: list[Group]) -> list[Side]:
    """Persons in the instrumental who sign for themselves: ``«Тобыл» футбол
    клубы ... жартылай қорғаушы Лукас Мендеспен келісімшарт жасасты`` is the
    club's contract with the player, so he is the counterpart although
    :func:`split_sides` drops persons once a body is named (there they are
    the bodies' signing officials). Only when no body or state is a
    counterpart, and only persons with no party named in the few words
    before them: ``Франция Президенті Макронмен`` is France's official,
    not a private side. Empty otherwise."""
    groups_of = [g for g in groups if g.role == "counterpart"]
    if any(m.kind in SIDE_KINDS for g in groups_of for m in g.members):
        return []
    persons = [m for g in groups_of for m in g.members if m.kind == "person"]
    ends = {s.end for s in sent.sides if s.kind != "person"}
    for person in persons:
        for j in range(person.start, max(-1, person.start - 5), -1):
            if j in ends:
                return []
            word = sent.words[j - 1] if j else ""
            if not word.isalpha():
                break
    return persons


def marked_sides(sent: Sentence, nouns: list[Hit], limit: int) -> list[Side]:
    """``Қазақстан тарапынан X министрлігінің вице-министрі ..., қырғыз
    тарапынан Y қызметінің директоры ... қол қойды``: each ``тарапынан``
    introduces one side, the body whose official signs (the last
    organisation before the next marker or the verb; else a state named
    there, else the state named right before the marker). Two marked sides
    or none: one marker alone is a detail of a signing told elsewhere."""
    markers: list[Hit] = []
    for hit in nouns:
        if hit.role == "side_marker" and hit.start < limit:
            markers.append(hit)
    if len(markers) < 2:
        return []
    mentions = [s for s in maximal(sent.sides) if s.kind in SIDE_KINDS]
    out: list[Side] = []
    for k, marker in enumerate(markers):
        stop = markers[k + 1].start if k + 1 < len(markers) else limit
        inside = [s for s in mentions if marker.end <= s.start and s.end <= stop]
        bodies = [s for s in inside if s.kind == "organization"]
        states = [s for s in inside if s.kind == "state"]
        before = [s for s in mentions if s.end == marker.start and s.kind == "state"]
        choice = bodies[-1:] or states[:1] or before[:1]
        if not choice:
            return []
        out.append(choice[0])
    return out


@dataclass(frozen=True, slots=True, eq=False)
class Generic:
    """A row of agreement_generics.tsv: a generic phrase and the word
    sequences of the bodies it can stand for."""

    words: tuple[str, ...]
    antecedents: tuple[tuple[str, ...], ...]

    def fits(self, name: str) -> bool:
        """Does a party name contain one of the antecedent word sequences?"""
        return _generic_fits(self, name)


@lru_cache(maxsize=_TOKEN_CACHE)
def _generic_fits(generic: Generic, name: str) -> bool:
    """:meth:`Generic.fits`, cached by (generic, party name): the discourse
    rules ask it of every side they weigh, and articles repeat their names.
    A generic hashes by identity (they are the lexicon's own objects)."""
    words = tuple(w.strip("«»\"'“”").lower() for w in name.split())
    return any(
        words[k : k + len(seq)] == seq
        for seq in generic.antecedents
        for k in range(len(words) - len(seq) + 1)
    )


@preload
@cache
def generic_lexicon() -> dict[str, Generic]:
    """Generic phrases by their text (lower case, words joined by a space)."""
    out: dict[str, Generic] = {}
    for row in read_tsv("agreement_generics.tsv"):
        words = tuple(row["generic"].lower().split())
        seqs = tuple(tuple(a.split()) for a in row["antecedents"].lower().split("|") if a)
        out[" ".join(words)] = Generic(words=words, antecedents=seqs)
    return out


@lru_cache(maxsize=_TOKEN_CACHE)
def generic_of(name: str) -> Generic | None:
    """The generic entry a party name is, if it is only a generic phrase
    (``Облыс әкімдігі``): the parties component may list one as a body.
    Cached by name: the discourse rules ask it of every side they weigh."""
    return generic_lexicon().get(" ".join(name.lower().split()))


def generic_subject_at(sent: Sentence, limit: int) -> Generic | None:
    """A generic phrase written bare, outside any party mention, before
    ``limit`` (the verb or the first counterpart): ``Келесі айда компания
    ...-мен ... қол қоюды жоспарлап отыр``. Only the exact nominative counts
    (``компанияның бас директоры`` is someone's title, not a subject).

    A phrase can only start at a token that is the first word of one
    (:func:`_generic_first_words`; tokens hold no spaces), so only those
    positions are tried, and a sentence with none is done at once."""
    tokens = sent.tokens
    stop = min(limit, len(tokens))
    firsts = _generic_first_words()
    if firsts.isdisjoint(tokens[:stop]):
        return None
    covered = {k for s in sent.sides for k in range(s.start, s.end)}
    lexicon = generic_lexicon()
    longest = _longest_generic()
    for i in range(stop):
        if tokens[i] not in firsts or i in covered:
            continue
        for n in range(longest, 0, -1):
            if i + n > limit or any(k in covered for k in range(i, i + n)):
                continue
            entry = lexicon.get(" ".join(tokens[i : i + n]))
            if entry is not None:
                return entry
    return None


@preload
@cache
def _longest_generic() -> int:
    """The most words of a generic phrase (models/agreement_generics.tsv)."""
    return max((len(g.words) for g in generic_lexicon().values()), default=0)


@preload
@cache
def _generic_first_words() -> frozenset[str]:
    """The first word of every generic phrase (models/agreement_generics.tsv)."""
    return frozenset(g.words[0] for g in generic_lexicon().values() if g.words)


def generic_partner_of(sent: Sentence, side: Side) -> Generic | None:
    """A generic phrase written bare right before ``side`` and joined to it
    by ``мен/пен/бен/және`` (``агенттік пен «Росатом» корпорациясы``): the
    body named before is the other member of the subject (one connector
    word between them, nothing else)."""
    k = side.start - 1
    if k < 1 or sent.tokens[k] not in CONNECTORS or sent.tokens[k] == ",":
        return None
    covered = {j for s in sent.sides for j in range(s.start, s.end)}
    lexicon = generic_lexicon()
    longest = _longest_generic()
    for n in range(min(longest, k), 0, -1):
        if any(j in covered for j in range(k - n, k)):
            continue
        entry = lexicon.get(" ".join(sent.tokens[k - n : k]))
        if entry is not None:
            return entry
    return None


def is_company(name: str) -> bool:
    """Is a party name a company's (``«Алтай Полиметалл» ЖШС``, ``«Хокуто
    Майнинг» корпорациясы``)? The heads and legal forms are those the generic
    ``компания`` stands for in models/agreement_generics.tsv: one list, so
    that a new legal form is added once."""
    company = generic_lexicon().get("компания")
    return company is not None and company.fits(name)


@preload
@cache
def _genitive_generics() -> tuple[tuple[str, Generic], ...]:
    """(possessive head, generic) for the one-word generics: ``театры`` ->
    ``театр``. A generic with fewer antecedents (more specific) comes first,
    so ``агенттігі`` is read as ``агенттік`` rather than ``ведомство``."""
    pairs = [
        (seq[0], generic)
        for generic in generic_lexicon().values()
        if len(generic.words) == 1
        for seq in generic.antecedents
        if len(seq) == 1 and len(seq[0]) >= 4
    ]
    ranked = sorted(pairs, key=lambda p: len(p[1].antecedents))
    return tuple(ranked)


def generic_in_genitive(token: str) -> Generic | None:
    """A generic head in the genitive (``театрының``, ``әкімдігінің``): the
    body an official belongs to, named by its head noun alone."""
    for head, generic in _genitive_generics():
        if token.startswith(head) and len(token) > len(head):
            if case_of_suffix(token[len(head) :]) == "gen":
                return generic
    return None


def employer_of(sent: Sentence, person: Side) -> Side | Generic | None:
    """The body a signing official stands for: ``Әзербайжан ... театрының
    директоры Эльчин Гасанов`` -> the theatre. A body (or state) in the
    genitive, then one to three lower-case words of the post, then the
    person; or a generic head in the genitive there (``Шымкент театрының
    директоры``: the theatre named before). The signing sentence names
    the bodies through their officials, and the bodies are the sides."""
    bodies = {s.end: s for s in maximal(sent.sides) if s.kind in SIDE_KINDS and s.case == "gen"}
    for j in range(person.start - 1, max(-1, person.start - 5), -1):
        if j + 1 < person.start and j + 1 in bodies:
            return bodies[j + 1]
        word = sent.words[j]
        if not (word.isalpha() and word.islower()):
            return None
        if j + 1 < person.start:
            generic = generic_in_genitive(sent.tokens[j])
            if generic is not None:
                return generic
    return None


def word_role(token: str) -> str | None:
    """The role of a one-word trigger the token is (``арасында`` -> between,
    ``меморандумға`` -> document), else None: one cached look-up, for the
    component's checks around a single word."""
    for entry in _noun_candidates(token):
        if len(entry.words) == 1 and entry.match([token], 0) is not None:
            return entry.role
    return None


def place_head_case(token: str) -> str | None:
    """The case a city's designator word marks (``қаласымен`` -> ins), or
    None when the token is not one (models/agreement_triggers.tsv, role
    ``place_head``): the place mention of ``Алматы қаласымен`` is ``Алматы``
    alone, so a city acting as a side has its case on the next word."""
    for entry in _noun_candidates(token):
        if entry.role != "place_head":
            continue
        found = entry.match([token], 0)
        if found is not None:
            return case_of_suffix(found[1])
    return None


# ---------------------------------------------------------------- attributes


def topic_range(sent: Sentence, nouns: list[Hit], verbs: list[Hit]) -> tuple[int, int] | None:
    """Token range of the subject matter before ``туралы/жөнінде``: it runs
    back until a party, a date, a verb, an event word or an instrumental.
    Places and dates in it are what the agreement is about, not where or
    when it was signed."""
    marker = last_hit(nouns, "topic")
    if marker is None:
        return None
    blocked: set[int] = set()
    for s in sent.sides:
        blocked.update(range(s.start, s.end))
    for d in sent.dates:
        blocked.update(range(d.start, d.end))
    for h in verbs:
        blocked.update(range(h.start, h.end))
    for h in nouns:
        if h.role in {"event", "held", "frame", "between", "ceremony"}:
            blocked.update(range(h.start, h.end))
    start = marker.start
    while start > 0:
        k = start - 1
        token = sent.tokens[k]
        if k in blocked or token in {"—", "–", "-", ":", ";"}:
            break
        if token.endswith(INSTRUMENTAL_ENDINGS) and token not in CONNECTORS:
            break
        start = k
    return (start, marker.start) if start < marker.start else None


def topics_in(
    sent: Sentence, nouns: list[Hit], verbs: list[Hit], rng: tuple[int, int] | None
) -> list[str]:
    """Short phrases naming what the agreement covers: the ``туралы`` phrase
    ``rng`` (its :func:`topic_range`), or a list after ``... аясында`` split at
    commas into verbal-noun phrases (``көркем, деректі және анимациялық
    фильмдерді бірлесіп түсіру``)."""
    found: list[str] = []
    if rng:
        found.append(" ".join(sent.words[rng[0] : rng[1]]))
    frame = first_hit(nouns, "frame")
    if frame is None:
        return found
    document = first_hit(nouns, "document")
    if document is not None and frame.start == document.end:
        end = len(sent.words) - 1
        for hit in verbs:
            if hit.start > frame.end:
                end = hit.start
                break
        found.extend(_verbal_phrases(sent.words[frame.end : end]))
    return found


def _verbal_phrases(words: list[str]) -> list[str]:
    """Split a list at commas; a piece without a verbal noun (-у/-ю at its
    end) belongs to the next piece (``көркем, деректі ... түсіру``)."""
    pieces: list[list[str]] = [[]]
    for word in words:
        if word == ",":
            pieces.append([])
        else:
            pieces[-1].append(word)
    if pieces[-1] and not _verbal(pieces[-1][-1]):
        pieces[-1] = pieces[-1][:-1]  # the predicate: ... дамыту көзделген
    out: list[str] = []
    pending: list[str] = []
    for piece in pieces:
        if not piece:
            continue
        if _verbal(piece[-1]):
            phrase = ", ".join(filter(None, [" ".join(pending), " ".join(piece)]))
            out.append(phrase)
            pending = []
        else:
            pending = pending + piece if not pending else [" ".join(pending) + ","] + piece
    return [p for p in out if len(p.split()) <= 12]


def _verbal(word: str) -> bool:
    """A Kazakh verbal noun ends in -у/-ю (түсіру, дамыту)."""
    return word.lower().endswith(("у", "ю", "ү"))


def signing_date(
    sent: Sentence, excluded: tuple[int, int] | None, later: str | None = None
) -> str | None:
    """A day or month (else year) date of the sentence outside the topic
    phrase; ranges and 'until/since' dates describe something else. With
    ``later`` (the publication date of a past signing), a date after it is
    what was agreed on (``қазан айында ... күндерін өткізу жөнінде
    уағдаласты``), not when: a past signing cannot be dated later."""
    if not sent.dates:
        return None
    best: tuple[int, str] | None = None
    rank = {"day": 0, "month": 1, "year": 2}
    for d in sent.dates:
        if d.value is None or d.granularity not in rank or d.note:
            continue
        if excluded and excluded[0] <= d.start < excluded[1]:
            continue
        if later is not None and after(d.value, later):
            continue
        key = rank[d.granularity]
        if best is None or key < best[0]:
            best = (key, d.value)
    return best[1] if best else None


def after(value: str, published: str) -> bool:
    """Is an ISO date (any precision) after the ISO day ``published``?"""
    return value > published[: len(value)]


def signing_place(
    sent: Sentence,
    nouns: list[Hit],
    excluded: tuple[int, int] | None,
    loose: bool = False,
    later: str | None = None,
) -> str | None:
    """Where it was signed: a place in the locative (``Ақтауда``) outside
    the topic phrase, else a place that names an event (``Канн кинофестивалі
    аясында``). ``loose`` also takes the adjectival locative (``Алматыдағы``).
    With ``later`` (see :func:`signing_date`), a place right after a date
    later than that (``қазан айында Марсельде``) is where the agreed event
    will be, not where it was agreed. A place that opens the topic phrase
    right after a date (``2019 жылы Астанада ... көмек көрсету туралы
    келісімге``) is the when-and-where of the signing, not part of what
    was agreed: the topic range stops only at the date before it."""
    if not sent.places:
        return None
    cases = {"loc", "attr"} if loose else {"loc"}
    ends = set()
    if later is not None:
        ends = {d.end for d in sent.dates if d.value is not None and after(d.value, later)}
    dated = {d.end for d in sent.dates}
    for p in sent.places:
        opens = excluded is not None and p.start == excluded[0] and p.start in dated
        if excluded and excluded[0] <= p.start < excluded[1] and not opens:
            continue
        if p.start in ends:
            continue
        if p.case in cases:
            return p.name
    events = [h.start for h in nouns if h.role == "event"]
    if not events:
        return None
    for p in sent.places:
        if excluded and excluded[0] <= p.start < excluded[1]:
            continue
        for start in events:
            if 0 <= start - p.end <= 2:
                return p.name
    return None


def rule_token(word: str) -> str:
    """A word as the rules compare it: lower case, and with Latin look-alike
    letters made Cyrillic when the word mixes the two scripts (a word wholly
    in Latin, ``Eni``, keeps its letters). Same length, so positions hold."""
    return fold_lookalikes(word).lower()


def case_of_suffix(suffix: str) -> str:
    """The case an ending left after the canonical name marks (``мен`` ->
    ins, ``ның`` -> gen); the epenthetic vowel (``Минск-іде``) and a hyphen
    (``ЮНЕСКО-мен``) are skipped. Unknown endings read as nominative."""
    suffix = suffix.lower().lstrip("-")
    table = _case_endings()
    for candidate in (suffix, suffix[1:] if suffix[:1] in {"ы", "і"} else None):
        if candidate and candidate in table:
            return table[candidate]
    return "nom"


@preload
@cache
def _case_endings() -> dict[str, str]:
    return {row["ending"]: row["case"] for row in read_tsv("morph/case_endings.tsv")}
