"""The organisation grammar: small named rules, read right to left.

A Kazakh organisation name ends in a head noun and grows leftwards over its
modifiers (KAZAKH.md, Names of bodies)::

    ORG      = [OWNER] CORE HEAD [LEGAL_FORM*] ["(" ACRONYM ")"]
    HEAD     = org head noun in the possessive, any case (министрлігімен)
             | LEGAL_FORM after a quoted name («ҚазМұнайГаз» ҰК АҚ)
    CORE     = NAME_WORD ( NAME_WORD | LOWER_WORD | "және" | "," | QUOTED
                          | CONNECTOR | ORG )*          -- starts capitalised
    OWNER    = state or place in the genitive (Түркия Республикасының,
               Алматы қаласының) or an acronym owner (ҚР, ШЫҰ)
    CONNECTOR = жанындағы | қарасты | атындағы | ...   (models/name_grammar.tsv)

Reading right to left, lower-case words are taken *tentatively* and kept only
when a capitalised name word is reached further left; a breaker (postposition,
pronoun, an oblique case outside the name) ends the name. A name whose only
capitalised words are its owner state (``Грузияның ұлттық киноорталықтары``)
is generic and not an organisation; with a place owner it is a local body
(``Қостанай облысының білім басқармасы``).

Heads that name a thing as much as a body (models/org_heads.tsv, kinds
``media`` and ``facility``: газеті, телеарнасы, порты, әуежайы) make a body only
after a quoted or capitalised name and only where it acts, in the nominative or
the instrumental (``«Алтын Орда» газеті «Өнөөдөр» газетімен``); in other cases
the outlet is where something is said or printed (``газетінің хабарлауынша``,
``журналының санында``) and the port a place (``Ақтау портында``). A name
followed by an acronym in parentheses (``... телерадиосы (MNB)``, ``Біріккен
әлем күресі (UWW)``) is a proper name even with a generic core or no head noun.

The canonical name is ``morph.nominative`` of the whole span. The country, by
the first rule that applies (:func:`_country`):

1. the owner state or place (``Түркия Республикасының``, ``Алматы қаласының``);
2. a known international body, or an international marker (халықаралық): null;
3. a state or place named inside (``Анкара университеті``);
4. a nationality word, or a state or place in the locative, just before the
   name (``қытайлық COSCO корпорациясы``, ``Түркиядағы ... университеті``);
5. a known foreign brand of models/companies.tsv (``«Shell» компаниясы``);
6. a foreign legal form (GmbH, Ltd) or a name written in Latin letters without
   quotes (``Siemens Energy``, ``TRT Avaz``): a foreign body of unknown state,
   null;
7. else the outlet's country, KZ. RECORD.md gives KZ to a national body with
   no state named; the same holds for a quoted name with no clue (``«Qazaq
   Cinema» ЖШС``, ``«Dala TV» телеарнасы``): Kazakh outlets quote Kazakh
   companies' names and write foreign brands in Latin without quotes.

A name whose country is such a guess (6 or 7) takes the country another
mention of the same name has by a clue, or that of the organisation it opens with in the
genitive (``Ханнс Зайдель қорының Орталық Азиядағы өкілдігі`` after
``германиялық Ханнс Зайдель қорымен``: DE).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from itertools import compress
from operator import attrgetter
from typing import cast

from spacy.tokens import Doc

from .. import docdata, morph
from .. import gazetteer as gz
from ..resources import alternation, preload, read_tsv, read_words
from .name_lookup import WORD_MARKS, may_start, name_at

QUOTES = '«»"“”„'  # stripped from a name's words to find a brand in it
OUTLET_COUNTRY = "KZ"  # the corpus is Kazakh news: a national body with no state named is Kazakh
MAX_PENDING = 7  # lower-case words taken on trust before a capitalised one must come
SKIPPED_HEAD_KINDS = {"medium"}  # Telegram арнасы, eGov порталы: a channel of any owner, no body
ACTING_KINDS = {"media", "facility"}  # a body only where it acts (газеті, порты)
ACTING_CASES = {"nom", "ins"}  # it signs, broadcasts, reports; or it is a partner (-мен)
MAX_QUOTE = 12  # tokens inside a quoted name
CLOSING_ROLES = {
    "breaker",
    "territorial",
}  # words that close a name (territorial: but see _territorial)


@preload
@cache
def _heads() -> tuple[dict[str, str], dict[str, str]]:
    """(lemma -> kind, possessive -> kind) from models/org_heads.tsv."""
    lemmas, poss = {}, {}
    for row in read_tsv("org_heads.tsv"):
        if row["kind"] in SKIPPED_HEAD_KINDS:
            continue
        lemmas[gz.fold(row["lemma"])] = row["kind"]
        poss[gz.fold(row["possessive"])] = row["kind"]
    return lemmas, poss


@preload
@cache
def _legal_forms() -> frozenset[str]:
    return frozenset(row["abbr"] for row in read_tsv("legal_forms.tsv"))


@preload
@cache
def _stop_words() -> frozenset[str]:
    return frozenset(gz.fold(w) for w in read_words("lang/stop_words.txt"))


def _compound_of(lemma: str, table: dict[str, str]) -> str | None:
    """A head kind for a lemma or a compound ending in one (киноорталық)."""
    if lemma in table:
        return table[lemma]
    for k in range(1, len(lemma) - 4):  # every ending of five letters or more
        kind = table.get(lemma[k:])
        if kind is not None:
            return kind
    return None


@preload
@cache
def _head_pieces() -> re.Pattern[str]:
    """What any word read as an org head (or a compound ending in one) must
    contain: a head lemma without its last letter (the letter voicing may
    change: агенттік -> агенттігі) or a possessive without its last letter.

    Why: :func:`head_kind` and parties' bare-head test are asked of every
    word, and the morphological analysis behind them is the costliest
    first-time work of a word (some 60 us). A head found by an analysis is
    a suffix of the analysed stem or form, which is the word up to its last
    letter, so a word that contains no piece cannot be one; the search runs
    in C."""
    lemmas, poss = _heads()
    pieces = {e[:-1] for e in (*lemmas, *poss) if len(e) > 1}
    return re.compile(alternation(pieces))


@lru_cache(maxsize=1 << 16)
def may_hold_head(word: str) -> bool:
    """Whether ``word`` may be an org head noun in any form (see :func:`_head_pieces`)."""
    return _head_pieces().search(gz.fold(word)) is not None


def head_kind(word: str) -> str | None:
    """The head kind of an org head noun in the possessive, in any case.

    ``министрлігімен`` -> body; the bare ``орталық`` (also "central") is not
    a head, nor a plural (``ұйымдарымен``, ``үкіметтері``: a list of bodies,
    named by their states; see :func:`plural_head_kind`).
    """
    if not may_hold_head(word):
        return None
    lemmas, poss = _heads()
    for a in morph.analyses(word):
        if a.plural:
            continue
        if a.possessive:
            kind = _compound_of(gz.fold(a.lemma), lemmas)
            if kind:
                return kind
        kind = _compound_of(gz.fold(a.form), poss)
        if kind:
            return kind
    return None


def plural_head_kind(word: str) -> str | None:
    """The head kind of a plural head noun in the possessive (``театрларымен``,
    ``колледждері``): a list of bodies, a name only in a proper name
    (``Ыстанбұл қалалық театрлары``)."""
    if not may_hold_head(word):
        return None
    lemmas, _ = _heads()
    for a in morph.analyses(word):
        if a.plural and a.possessive:
            kind = _compound_of(gz.fold(a.lemma), lemmas)
            if kind:
                return kind
    return None


@preload
@cache
def _foreign_forms() -> frozenset[str]:
    return frozenset(row["abbr"] for row in read_tsv("legal_forms.tsv") if row["kind"] == "foreign")


def is_latin(word: str) -> bool:
    """A word in Latin letters (``COSCO``, ``Avaz``), digits and marks allowed."""
    return word.isascii() and any(c.isalpha() for c in word)


def legal_form(word: str) -> bool:
    """A legal-form abbreviation, with or without a hyphenated case ending."""
    return word.split("-", 1)[0] in _legal_forms()


@lru_cache(maxsize=1 << 16)
def is_cap(word: str) -> bool:
    """Starts with an upper-case letter (look-alikes folded). Cached by word:
    every token of every doc is asked."""
    w = gz.fold_case_kept(word)
    return bool(w) and w[0].isupper()


@lru_cache(maxsize=1 << 16)
def is_all_caps(word: str) -> bool:
    """Two letters or more, all upper case (before a hyphenated ending).
    Cached by word: the rules ask it of the same words many times."""
    base = word.split("-", 1)[0]
    return sum(c.isalpha() for c in base) >= 2 and base.isupper()


def is_initials(word: str) -> bool:
    """``М.``, ``Л.Н.``: capital letters each followed by a full stop."""
    parts = word.split(".")
    return (
        len(parts) >= 2 and parts[-1] == "" and all(len(p) == 1 and p.isupper() for p in parts[:-1])
    )


def is_acronym(word: str) -> bool:
    """A known acronym (models/intl_orgs.tsv) or a state abbreviation (ҚР)."""
    if gz.acronym_of(word) is not None:
        return True
    return is_all_caps(word) and gz.states().lookup([word.split("-", 1)[0]]) is not None


@dataclass(slots=True, frozen=True)
class WordFacts:
    """What the grammar asks of a word wherever it stands, read once.

    The rules ask the same few facts of the tokens around every head; each
    fact is a cached function of the word alone, and one WordFacts kept on
    the word's shared Tok (:func:`facts`) answers them all with attribute
    reads instead of a cache lookup each.
    """

    role: str | None  # gz.role_of
    case: str  # case_of
    head: str | None  # head_kind
    plural_head: str | None  # plural_head_kind
    legal: bool  # legal_form
    may_head: bool  # _may_head: else _inner_head says None
    bare_head: bool  # capitalised and _bare_head: else _bare_head_before_state is False
    name_kind: bool | int  # _name_word_kind: if False, name_word (and _name_word_here) is False
    lower_case: str | None  # _lower_word_case, for lower_word
    position: bool  # _is_position_word
    nationality: str | None  # gz.nationality_of
    numeric: bool  # "№..." or digits: else _number_sign is False
    gazetteer: bool  # _is_gazetteer_word
    all_caps: bool  # is_all_caps
    latin: bool  # is_latin
    state_start: bool  # may_start(gz.states()): a state's name can start here
    place_start: bool  # may_start(gz.places())
    brand_start: bool  # may_start(gz.companies()) of the word without its quotes
    intl_start: bool  # may_start(gz.intl_org_names())
    foreign_form: bool  # a foreign legal form (GmbH, Ltd), a case ending allowed


@lru_cache(maxsize=1 << 16)
def word_facts(word: str) -> WordFacts:
    """The :class:`WordFacts` of a word, cached by word."""
    return WordFacts(
        role=gz.role_of(word),
        case=morph.case_of(word),
        head=head_kind(word),
        plural_head=plural_head_kind(word),
        legal=legal_form(word),
        may_head=_may_head(word),
        bare_head=is_cap(word) and _bare_head(word),
        name_kind=_name_word_kind(word),
        lower_case=_lower_word_case(word),
        position=_is_position_word(word),
        nationality=gz.nationality_of(word),
        numeric=word.startswith("№") or word.isdigit(),
        gazetteer=_is_gazetteer_word(word),
        all_caps=is_all_caps(word),
        latin=is_latin(word),
        state_start=may_start(gz.states(), word),
        place_start=may_start(gz.places(), word),
        brand_start=may_start(gz.companies(), word.strip(QUOTES)),
        intl_start=may_start(gz.intl_org_names(), word),
        foreign_form=word.split("-", 1)[0] in _foreign_forms(),
    )


def facts(tok: Tok) -> WordFacts:
    """The :class:`WordFacts` of a token's word, kept on the Tok: Toks are
    shared by word (:func:`toks`), so a word's facts are looked up once.
    Hot loops read ``tok.facts or facts(tok)``."""
    found = tok.facts
    if found is None:
        found = tok.facts = word_facts(tok.text)
    return found


# --------------------------------------------------------------------------
# token classes


@dataclass(slots=True)
class Tok:
    """What the grammar needs to know of one token."""

    text: str
    cap: bool
    sent_start: bool
    newline_after: bool
    punct: bool
    marks: int = 0  # the word's WORD_MARKS: which scans look at it (:func:`marked_tokens`)
    facts: WordFacts | None = field(default=None, compare=False, repr=False)  # see facts()


def toks(doc: Doc) -> list[Tok]:
    """Token features of the doc, computed once (cached in ``doc.user_data``).

    Read from :mod:`kazextract.docdata`'s plain lists rather than from spaCy
    Tokens. A token's whitespace (``whitespace_``) is never a line break in
    spaCy (a break is a whitespace token of its own), so a line ends after a
    token when the next one is whitespace. Most tokens neither start a
    sentence nor end a line: they share one Tok per word (nothing changes a
    Tok once made), so a doc costs a lookup a token.
    """
    cached = doc.user_data.get("kx_toks")
    if cached is not None:
        return cached
    words = docdata.words(doc)
    found: list[Tok | None] = list(map(_PLAIN_TOKS.get, words))
    if not all(found):  # a None (a Tok is always true): words not seen before
        found = [tok or _plain_tok(word) for tok, word in zip(found, words, strict=True)]
    out = cast("list[Tok]", found)  # no None left (a string type: nothing built at run time)
    starts = docdata.sent_starts(doc)
    spaces = docdata.spaces(doc)
    special = set(compress(range(len(starts)), starts))  # sentence starts
    special.update(compress(range(-1, len(spaces) - 1), spaces))  # tokens before a whitespace one
    special.discard(-1)
    for i in special:
        sent_start, line_end = starts[i], i + 1 < len(spaces) and spaces[i + 1]
        word = words[i]
        out[i] = _SPECIAL_TOKS[sent_start][line_end].get(word) or _special_tok(
            word, sent_start, line_end
        )
    doc.user_data["kx_toks"] = out
    return out


_PLAIN_TOKS: dict[str, Tok] = {}  # word -> its Tok inside a sentence and a line
MAX_PLAIN_TOKS = 1 << 16  # words remembered before the table starts afresh


_SPECIAL_TOKS: list[list[dict[str, Tok]]] = [[{}, {}], [{}, {}]]
"""[sent_start][newline_after] -> word -> its Tok there ([False][False] is _PLAIN_TOKS)."""
_SPECIAL_TOKS[False][False] = _PLAIN_TOKS


def _plain_tok(text: str) -> Tok:
    """The Tok of a word that neither starts a sentence nor ends a line, remembered."""
    return _special_tok(text, False, False)


def _special_tok(text: str, sent_start: bool, newline_after: bool) -> Tok:
    """The Tok of a word at a sentence start and/or a line end (or neither),
    remembered in :data:`_SPECIAL_TOKS`: nothing changes a Tok once made."""
    table = _SPECIAL_TOKS[sent_start][newline_after]
    if len(table) >= MAX_PLAIN_TOKS:
        table.clear()
    tok = Tok(text, is_cap(text), sent_start, newline_after, is_punct(text), WORD_MARKS.of(text))
    table[text] = tok
    return tok


def marked_tokens(doc: Doc) -> tuple[list[int], list[int]]:
    """The positions of the doc's tokens with any :data:`WORD_MARKS`, in
    order (where the scans of the org grammar and the places look), and the
    marks of every token. Read from the Toks (each carries its word's marks),
    once per doc."""
    found: tuple[list[int], list[int]] | None = doc.user_data.get("kx_marks")
    if found is None:
        marks = list(map(_MARKS_OF, toks(doc)))
        found = doc.user_data["kx_marks"] = (list(compress(range(len(marks)), marks)), marks)
    return found


_MARKS_OF = attrgetter("marks")


@lru_cache(maxsize=1 << 16)
def is_punct(word: str) -> bool:
    """No letter or digit in the word (cached by word, like :func:`is_cap`)."""
    return not any(c.isalnum() for c in word)


def name_word(tok: Tok) -> bool:
    """A capitalised word that can stand inside a name.

    All-capitals words are name words only when they are known acronyms
    (headlines in capitals are not names) or in Latin letters (``COSCO``,
    ``TRT``: a foreign brand, Kazakh headlines are Cyrillic); a
    sentence-initial word that is a stop word or a breaker is not.
    """
    kind = (tok.facts or facts(tok)).name_kind
    if kind == NAME_UNLESS_COMMON_AT_START:
        return not (tok.sent_start and _common_at_start(tok.text))
    return bool(kind)


NAME_UNLESS_COMMON_AT_START = 2  # _name_word_kind: a name word, but not as a common word at a start


def _name_word_kind(word: str) -> bool | int:
    """What :func:`name_word` says of ``word`` wherever it stands (True,
    False), or :data:`NAME_UNLESS_COMMON_AT_START` when that depends on
    whether it opens a sentence: the rest is the word's own (asked once a
    word, through :func:`word_facts`)."""
    if not is_cap(word) or is_punct(word):
        return False
    if is_initials(word):
        return True
    if is_all_caps(word) and not is_acronym(word) and not legal_form(word):
        return is_latin(word) or _is_gazetteer_word(word)
    if gz.fold(word) in _stop_words() or gz.role_of(word) in CLOSING_ROLES:
        return False
    return NAME_UNLESS_COMMON_AT_START


@lru_cache(maxsize=1 << 16)
def _common_at_start(word: str) -> bool:
    """A sentence's first word that is a common noun of models/name_grammar.tsv
    (role ``common``: ``Облыс әкімдігі``, ``Компания басқармасы``), capitalised
    only by its place. Inflected for case too (``Жобаны ... министрлігі
    жүзеге асырады``: the object fronted before the body that acts on it), since
    a common noun in an oblique case never opens a body's name; only
    case-ending readings count, so ``Облыстық`` (a derived adjective) is not one.
    Cached by word."""
    if gz.role_of(word) == "common":
        return True
    return any(
        a.case not in {"nom", "attr", "adj"} and gz.role_of(a.lemma) == "common"
        for a in morph.analyses(word)
    )


LOWER_CASES = frozenset({"nom", "gen", "acc"})  # the cases of a name's lower-case words
COMPLEMENT_CASES = LOWER_CASES | {"attr"}  # and inside a connector's complement


def lower_word(tok: Tok, before_connector: bool, in_complement: bool = False) -> bool:
    """A lower-case word that may stand inside a name once a capital follows.

    Oblique cases (locative, ablative, instrumental, dative, -дағы) end a name,
    except right before a connector (``министрлігіне қарасты``). Inside the
    complement of a connector (``Шу және Талас өзендеріндегі су шаруашылығы
    нысандарын пайдалану жөніндегі ... комиссиясы``) the attributive -дағы is
    a modifier of the complement and stays.
    """
    case = (tok.facts or facts(tok)).lower_case
    if case is None:
        return False
    return before_connector or case in (COMPLEMENT_CASES if in_complement else LOWER_CASES)


def _lower_word_case(word: str) -> str | None:
    """The case of a lower-case word that may stand inside a name, None for
    any other word (capitalised, punctuation, a number, a stop word, a word
    that closes a name). Asked once a word, through :func:`word_facts`."""
    if is_cap(word) or is_punct(word) or any(c.isdigit() for c in word):
        return None
    if gz.fold(word) in _stop_words() or gz.role_of(word) in CLOSING_ROLES:
        return None
    return morph.case_of(word)


# --------------------------------------------------------------------------
# the rules


def quoted_open(ts: list[Tok], close: int) -> int | None:
    """Index of the « that the » at ``close`` closes, on the same line."""
    for j in range(close - 1, max(-1, close - MAX_QUOTE - 1), -1):
        if ts[j].newline_after:
            return None
        if ts[j].text in {"«", "„", "“", '"'}:
            return j
    return None


def _inner_head(
    ts: list[Tok],
    i: int,
    right_is_connector: bool,
    right_has_cap: bool,
    in_complement: bool,
    branch_head: bool = False,
) -> bool | None:
    """A head noun met inside a longer name: may the name go on through it?

    Only a body the name is attached to goes on (``министрлігі жанындағы``,
    ``комитетіне қарасты``) or an owner in the genitive before a capitalised
    core (``Ұйымының Қауіпсіздік Кеңесі``), or in the nominative right before
    a capitalised head (``ҚР Парламенті Сенаты``, official usage). Otherwise it ends another name
    (``Аэроғарыш комитеті «Роскосмос» корпорациясы``), and so does a plural
    head in the nominative (``Қарағанды облысының колледждері неміс қорымен``:
    the colleges and the fund are two sides), except right before a head that
    takes its members in the plural (``Түркі университеттері одағы``: role
    ``members``). A legal form goes on before a branch of its body named by
    its place (``«Қазгидромет» РМК Ақмола филиалы``: role ``branch``). None:
    not a head.
    """
    tok = ts[i]
    f = tok.facts or facts(tok)
    if not f.may_head:
        return None  # neither a head (singular or plural) nor a legal form: the tests below fail
    if (
        not tok.cap
        and not in_complement
        and f.plural_head
        and f.case == "nom"
        and not (i + 1 < len(ts) and facts(ts[i + 1]).role == "members")
    ):
        return False
    if not (f.head or f.legal):
        return None
    if right_is_connector:
        return True
    if branch_head and right_has_cap and f.legal:
        return True  # «Қазгидромет» РМК Ақмола филиалы
    if (
        tok.cap
        and right_has_cap
        and i + 1 < len(ts)
        and ts[i + 1].cap
        and facts(ts[i + 1]).head
        and f.case == "nom"
    ):
        return True  # ҚР Парламенті Сенаты: the genitive of an owner body dropped in a title
    return right_has_cap and f.case == "gen"  # Ұйымының Қауіпсіздік Кеңесі


def _name_word_here(ts: list[Tok], i: int, right_is_connector: bool) -> bool:
    """A capitalised word that continues the name at ``i``.

    An oblique case (``Ташкентте``, ``Астанада``) ends the name unless a
    connector follows; the attributive -дағы only after a genitive owner
    (``Венгрияның Қазақстандағы елшілігі``), also when the place has two words
    and the owner is a body (``Ханнс Зайдель қорының Орталық Азиядағы
    өкілдігі``: the fund's office in Central Asia is one name).
    """
    tok = ts[i]
    if not name_word(tok):
        return False
    f = tok.facts or facts(tok)
    case = f.case
    if not right_is_connector and (
        case in {"loc", "abl", "ins", "dat"}
        and (f.gazetteer or tok.sent_start)
        or case == "acc"
        and tok.sent_start
    ):
        # Ташкентте ...; Құжатқа компания басқармасы, Турнирді Біріккен әлем күресі:
        # a sentence's first word in a case is no name's first word
        return False
    if case == "attr":
        j = i - 1
        while j >= max(0, i - 2) and name_word(ts[j]) and facts(ts[j]).case == "nom":
            j -= 1  # Орталық Азиядағы
        return (
            j >= 0 and facts(ts[j]).case == "gen" and (ts[j].cap or facts(ts[j]).head is not None)
        )
    return True


def _is_gazetteer_word(word: str) -> bool:
    """A state or place by itself (``Ташкентте``): only then is its case ending trusted.

    Unknown capitalised words are often misread (``Сауда`` is not Сау+да).
    """
    return gz.states().lookup([word]) is not None or gz.places().lookup([word]) is not None


CLOSING_QUOTES = frozenset({"»", "“", "”", '"'})


def extend_left(ts: list[Tok], head: int) -> int:
    """CORE and OWNER: the first token of the name ending at ``head``.

    Lower-case words, commas, conjunctions and connectors are pending until a
    name word (or a quoted name) is reached; then they are part of the name.
    """
    start = head
    pending = 0
    i = head - 1
    branch_head = facts(ts[head]).role == "branch"
    right_is_connector = False
    right_has_cap = ts[head].cap  # Парламентінің Сенаты: a capitalised head is a core of its own
    in_complement = False
    while i >= 0 and not ts[i].newline_after:
        tok = ts[i]
        f = tok.facts or facts(tok)
        role = None if tok.punct else f.role
        if tok.text in CLOSING_QUOTES:
            j = quoted_open(ts, i)
            if j is None or (pending == 0 and _genitive_owner(ts, start, head)):
                break  # «Шипагер Фарм» Түркістан облысының әкімдігімен: two sides
            start, pending, i = j, 0, j - 1
            right_is_connector, right_has_cap = False, True
            continue
        inner = None  # not a head: _inner_head would say so
        if f.may_head:
            own_cap = right_has_cap and pending == 0
            inner = _inner_head(ts, i, right_is_connector, own_cap, in_complement, branch_head)
        if inner is False:
            break
        if f.bare_head and _bare_head_before_state(ts, i):
            break  # Сенат Индонезия Өкілдер палатасымен: the subject, then the partner's name
        if f.name_kind and _name_word_here(ts, i, right_is_connector):
            if pending and _list_joint(ts, i + 1, start) and _ends_person(ts, i):
                break  # Марат Исабеков, Мюнхен ... университеті: a person ends a list item
            start, pending, right_has_cap = i, 0, True
        elif inner:
            pending, right_has_cap = 0, False
        elif role == "with":
            break
        elif role == "territorial" and _territorial(ts, i, right_has_cap and pending == 0):
            pending += 1  # Қостанай облысы бойынша Экономикалық тергеу департаменті
        elif f.numeric and _number_sign(ts, i):
            pending += 1  # Ақтау қалалық №2 соты
        elif tok.text == "," or role in {"and", "connector"}:
            pending += 1
        elif f.position:
            break  # елшісі, орынбасары: a person's post, not part of a body's name
        elif f.nationality is not None and not tok.cap:
            break  # америкалық CNN телеарнасы: the country's clue, before the name
        elif lower_word(tok, right_is_connector, in_complement):
            pending += 1
        else:
            break
        if pending > MAX_PENDING or tok.sent_start:
            break
        right_is_connector = role == "connector"
        in_complement = in_complement or right_is_connector
        i -= 1
    return _trim_sentence_start(ts, start, head)


def _territorial(ts: list[Tok], i: int, right_has_cap: bool) -> bool:
    """``бойынша`` (role ``territorial``) inside a name: right after a region
    or city word and before a capitalised name it names a national body's
    division there (``Алматы қаласы бойынша Мемлекеттік кірістер
    департаменті``); elsewhere (``Бұл мәселе бойынша``) it closes the name."""
    return right_has_cap and i > 0 and facts(ts[i - 1]).role in {"city", "region"}


def _genitive_owner(ts: list[Tok], start: int, head: int) -> bool:
    """The name at ``start`` opens with a state or place in the genitive
    (``Түркістан облысының әкімдігі``): a quoted name before it is another
    side, not part of it (a body is never named "«X» Y облысының әкімдігі")."""
    if start >= head:
        return False
    owner = owner_at(ts, start, head + 1)
    return (
        owner is not None
        and owner.source in {"state", "place"}
        and facts(ts[start + owner.n - 1]).case == "gen"
    )


def _bare_head_before_state(ts: list[Tok], i: int) -> bool:
    """A capitalised head noun in its bare form (``Сенат``, ``Парламент``)
    right before a state's name: a body named by itself, the subject, and
    the state opens the next name. Inside one name a head noun before the
    owner is in the possessive, never bare."""
    tok = ts[i]
    if not tok.cap or i + 1 >= len(ts) or ts[i].newline_after or not _bare_head(tok.text):
        return False
    return name_at(gz.states(), [t.text for t in ts[i + 1 : i + 5]], 0) is not None


def _bare_head(word: str) -> bool:
    """A head noun in its bare form (``Сенат``, ``Парламент``)."""
    return gz.fold(word) in _heads()[0]


def _number_sign(ts: list[Tok], i: int) -> bool:
    """``№`` or the number after it (``№2``, ``№ 2``): a numbered body's name."""
    text = ts[i].text
    if text.startswith("№"):
        return True
    return text.isdigit() and i > 0 and ts[i - 1].text.startswith("№")


def _nationality_only(word: WordFacts) -> bool:
    """A nationality word that is not itself a state or place (Корей; not Қытай)."""
    return word.nationality is not None and not word.gazetteer


def _list_joint(ts: list[Tok], lo: int, hi: int) -> bool:
    """Whether a comma or a conjunction stands among tokens ``lo``..``hi`` (exclusive)."""
    return any(ts[k].text == "," or facts(ts[k]).role in {"and", "with"} for k in range(lo, hi))


@preload
@cache
def _person_tests() -> tuple[Callable[[str], bool], Callable[[str], bool]]:
    """persons.is_first_name and is_surname (both cached by word). persons.py
    reads this module, so it is imported lazily (once): one definition of a
    first name and a surname."""
    from .persons import is_first_name, is_surname

    return is_first_name, is_surname


def _ends_person(ts: list[Tok], i: int) -> bool:
    """Token ``i`` closes a person's name (``Марат Исабеков``, ``Клаус Вебер``,
    or any two words after a post: ``проректоры Ма Цзиньлун``).

    The person rules live in persons.py, which reads this module: imported here
    lazily to keep one definition of a first name and a surname.
    """
    is_first_name, is_surname = _person_tests()
    if i == 0 or ts[i - 1].newline_after:
        return False
    if i >= 2 and ts[i - 1].cap and not ts[i - 1].punct and facts(ts[i - 2]).position:
        return True  # проректоры Ма Цзиньлун және ...: a name after a post is a person's
    if not name_word(ts[i - 1]):
        return False
    return is_first_name(ts[i - 1].text) or (is_surname(ts[i].text) and not facts(ts[i]).gazetteer)


def _is_position_word(word: str) -> bool:
    """A lower-case post in the possessive (``елшісі``, ``орынбасары``,
    ``ректоры``). Asked once a word, through :func:`word_facts`."""
    from .persons import is_position

    if is_cap(word) or is_punct(word) or not is_position(word):
        return False
    return any(a.possessive for a in morph.analyses(word))  # not the bare title: Оғыз хан


def _trim_sentence_start(ts: list[Tok], start: int, head: int) -> int:
    """Drop a sentence-initial common word before the real name.

    At a sentence start every word is capitalised: ``Меморандум Ұлттық кино
    орталығы``, ``Жеңімпаздар «Ғылым қоры» АҚ``. The first word is kept when
    it is a known name, initials or a first name of a name the body is named
    after (``Әл-Фараби атындағы``), or when no other capitalised word follows.
    """
    if not ts[start].sent_start or start >= head or not ts[start].cap:
        return start
    words = [t.text for t in ts[start : head + 1]]
    if is_known_name(words):
        return start
    nxt = ts[start + 1]
    if gz.role_of(nxt.text) == "connector" or (
        start + 2 <= head and gz.role_of(ts[start + 2].text) == "connector"
    ):
        return start
    common = any(
        a.known for a in morph.analyses(ts[start].text)
    )  # Меморандум, Зертхана: lexicon words
    if is_known_name(words[1:]):
        return start + 1  # Аудармашы Токио ... университеті: the name starts at the place
    if name_word(nxt) and not _surname_shaped(nxt.text) and not common:
        return start  # two capitals in a row: a name of its own (Юнус Эмре институты)
    for j in range(start + 1, head + 1):
        if ts[j].text in {"«", "„", "“", '"'} or (name_word(ts[j]) and j < head):
            return j
    return start


@preload
@cache
def _surname_suffixes() -> tuple[str, ...]:
    rows = read_tsv("name_grammar.tsv")
    return tuple(gz.fold(r["word"].lstrip("-")) for r in rows if r["role"] == "surname_suffix")


def _surname_shaped(word: str) -> bool:
    """A surname by its ending (Сәтбаев, Тоқаевпен): names a body after a person."""
    return any(
        len(k) > 4 and k.endswith(sfx) for k in gz.word_keys(word) for sfx in _surname_suffixes()
    )


def is_known_name(words: list[str]) -> bool:
    """Whether ``words`` start with a state, place, acronym or initials:
    a name at a sentence start too."""
    if name_at(gz.states(), words, 0) or name_at(gz.places(), words, 0) or is_acronym(words[0]):
        return True
    parts = words[0].split(".")
    return len(parts) >= 2 and all(len(p) <= 1 for p in parts)


@dataclass
class Owner:
    """The leading state, place or acronym of a name and how many tokens it takes."""

    n: int
    country: str | None
    source: str  # state | place | acronym


def owner_at(ts: list[Tok], start: int, end: int) -> Owner | None:
    """OWNER: a state or place (with its generic word) or acronym at ``start``."""
    first = facts(ts[start])
    if not (first.state_start or first.place_start or first.all_caps):
        return None  # no table has a name here, and no acronym
    words = [t.text for t in ts[start:end]]
    for table, here in ((gz.states(), first.state_start), (gz.places(), first.place_start)):
        hit = table.longest_at(words, 0) if here else None
        if hit is not None and hit[0] < len(words):
            n, entry = hit
            if entry.source == "place":
                if n < len(words) and facts(ts[start + n]).role in {"city", "region", "other"}:
                    n += 1
                elif facts(ts[start + n - 1]).case != "gen":
                    continue  # Шанхай ынтымақтастық ұйымы: a modifier, not the owner
            return Owner(n, entry.country, entry.source)
    acr = gz.acronym_of(words[0]) if first.all_caps else None
    if acr is not None and len(words) > 1:
        return Owner(1, acr.country, "acronym")
    return None


@dataclass
class OrgSpan:
    """An organisation name found by the grammar (token offsets, end exclusive)."""

    start: int
    end: int
    name: str
    country: str | None
    quoted: tuple[int, int] | None = None  # «X» + head (or Latin name + head) inside a longer name
    acronym: str | None = None  # the body is a known acronym + generic head (ТҮРКСОЙ ұйымы)
    default_country: bool = False  # the country is a guess (rules 6, 7): no clue in the text


def _has_core_name(ts: list[Tok], start: int, head: int) -> bool:
    """Whether the words between owner and head name the body itself.

    A capitalised word, a quote or an acronym does; a state or place in the
    genitive does not (``Франция және Грузияның ұлттық киноорталықтары`` is
    generic). A place in the nominative names the body (``Анкара
    университеті``), and so does a state in the locative-attributive of an
    embassy (``Венгрияның Қазақстандағы елшілігі``).
    """
    words = [t.text for t in ts[start:head]]  # a state or place here ends before the head
    states, places = gz.states(), gz.places()
    k = 0
    while k < len(words):
        tok = ts[start + k]
        f = tok.facts or facts(tok)
        hit = None
        if tok.cap:
            hit = (states.longest_at(words, k) if f.state_start else None) or (
                places.longest_at(words, k) if f.place_start else None
            )
        if hit is not None:
            k += hit[0]
            case = facts(ts[start + k - 1]).case
            if case == "attr" or case == "nom":
                return True  # a state in the nominative names the body: Қазақстан астық одағы
            continue
        if name_word(tok) or tok.text in {"«", "»"}:
            return True
        k += 1
    return False


def _country(
    doc: Doc, ts: list[Tok], start: int, end: int, owner: Owner | None
) -> tuple[str | None, bool]:
    """(country, whether by default) of a name: the rules of the module
    docstring, in their order. "By default" is rules 6 and 7, a guess with no
    clue in the text, which another mention's clue overrides."""
    if owner is not None and owner.source != "acronym":
        return owner.country, False
    words = [t.text for t in ts[start:end]]
    fs = [t.facts or facts(t) for t in ts[start:end]]
    intl = gz.intl_org_names().lookup(words) if fs[0].intl_start else None
    if intl is not None:
        return intl.country, False
    if any(f.role == "intl" and f.case != "attr" for f in fs):
        return None, False  # Орталық Азиядағы: where the body is, not an international one
    states, places = gz.states(), gz.places()
    for i, f in enumerate(fs):
        if not ts[start + i].cap:
            continue
        hit = (states.longest_at(words, i) if f.state_start else None) or (
            places.longest_at(words, i) if f.place_start else None
        )
        if hit is not None:
            return hit[1].country, False
    for j in range(start - 1, max(-1, start - 3), -1):
        code = facts(ts[j]).nationality
        if code is None and ts[j].cap and facts(ts[j]).case == "attr":
            where = gz.states().lookup([ts[j].text]) or gz.places().lookup([ts[j].text])
            code = where.country if where is not None else None
        if code:
            return code, False
    if owner is not None:
        return owner.country, False
    core = [w.strip(QUOTES) for w in words]
    companies = gz.companies()
    for i, f in enumerate(fs):
        brand = companies.longest_at(core, i) if f.brand_start else None
        if brand is not None:
            return brand[1].country, False
    if any(f.foreign_form for f in fs):
        return None, True
    if _unquoted_latin(ts, start, end):
        return None, True
    return OUTLET_COUNTRY, True


def _unquoted_latin(ts: list[Tok], start: int, end: int) -> bool:
    """A name whose own words are Latin, outside quotes (``Siemens Energy
    корпорациясы``): a foreign brand as Kazakh outlets write one."""
    if any(t.text in {"«", "»", '"', "“", "”", "„"} for t in ts[start:end]):
        return False
    return any(t.cap and facts(t).latin for t in ts[start:end])


def _is_state_name(ts: list[Tok], start: int, end: int) -> bool:
    """Tokens ``start``..``end`` are the whole of a state's name."""
    if not facts(ts[start]).state_start:
        return False
    hit = gz.states().longest_at([t.text for t in ts[start:end]], 0)
    return hit is not None and hit[0] == end - start


def _legal_tail(ts: list[Tok], head: int) -> int:
    """LEGAL_FORM*: one past the last legal form right after ``head``."""
    end = head + 1
    while end < len(ts) and facts(ts[end]).legal and not ts[end - 1].newline_after:
        end += 1
    return end


def _may_head(word: str) -> bool:
    """Whether :func:`org_at` can find a name ending at this word: a head noun
    (a plural one too: ``қалалық театрлары``) or a legal form. Asked once a
    word (:data:`MAY_HEAD` in ``WORD_MARKS``, :func:`word_facts`), so that the
    other words of an article (nearly all) cost one lookup."""
    return legal_form(word) or head_kind(word) is not None or plural_head_kind(word) is not None


def acronym_after(words: list[str], end: int) -> tuple[int, int] | None:
    """Tokens of ``ACR`` in ``name (ACR)`` right after a name ending at ``end``.

    One to three words in capitals (``(MNB)``, ``(ҚР ҰҒА)``) or a known
    acronym; returns (first, one past the last) of the words inside.
    """
    if end >= len(words) or words[end] != "(":
        return None
    for close in range(end + 2, min(end + 5, len(words))):
        if words[close] == ")":
            inside = words[end + 1 : close]
            if all(is_all_caps(w) or gz.acronym_of(w) is not None for w in inside):
                return end + 1, close
            return None
    return None


def _head_kind_at(ts: list[Tok], head: int) -> str | None:
    """The head kind of token ``head`` as a head here: a singular head noun, or
    a plural one after a municipal adjective and a capitalised name
    (``Ыстанбұл қалалық театрлары``: a proper name, not a list of theatres)."""
    f = facts(ts[head])
    if f.head is not None:
        return f.head
    if head >= 2 and facts(ts[head - 1]).role == "municipal" and ts[head - 2].cap:
        return f.plural_head
    return None


def _after_head(ts: list[Tok], head: int) -> bool:
    """A lower-case head right after another head in the nominative (``Ұлттық
    музейі қорынан``): "from the museum's holdings", no name of its own."""
    if ts[head].cap or head == 0:
        return False
    prev = ts[head - 1]
    if prev.punct:
        return False
    f = prev.facts or facts(prev)
    return f.head is not None and f.case == "nom"


def org_at(doc: Doc, ts: list[Tok], head: int) -> OrgSpan | None:
    """The organisation whose head is token ``head``, or None."""
    tok = ts[head]
    f = facts(tok)
    kind: str | None = None
    if f.legal:
        if (
            head == 0
            or ts[head - 1].text not in CLOSING_QUOTES
            and not facts(ts[head - 1]).legal
        ):
            return None
    else:
        kind = _head_kind_at(ts, head)
        if kind is None or _after_head(ts, head):
            return None
        if kind in ACTING_KINDS and f.case not in ACTING_CASES:
            return None  # «Казахстанская правда» газетінде, Ақтау портында
    start = extend_left(ts, head)
    if start == head:
        return None
    end = _legal_tail(ts, head)
    owner = owner_at(ts, start, head + 1)
    core_from = start + (owner.n if owner else 0)
    if owner is not None and owner.source == "state" and facts(ts[core_from - 1]).case == "nom":
        core_from = start  # Қазақстан астық одағы: a state in the nominative is part of the name
    words = docdata.words(doc)
    proper = (
        tok.cap
        or f.legal
        or _has_core_name(ts, core_from, head)
        or acronym_after(words, end) is not None  # ... ұлттық қоғамдық телерадиосы (MNB)
    )
    if not proper and (owner is None or owner.source != "place" or kind in ACTING_KINDS):
        return None
    if head - start == 1 and ts[start].sent_start and _nationality_only(facts(ts[start])):
        return None  # Корей компаниясы: "a Korean company", a generic mention
    if _is_state_name(ts, start, end):
        return None  # Ресей Федерациясы: a state's official name, not a federation
    return _org_span(doc, ts, start, head, end, owner)


def _org_span(
    doc: Doc, ts: list[Tok], start: int, head: int, end: int, owner: Owner | None
) -> OrgSpan:
    """The OrgSpan of tokens ``start``..``end`` whose head is ``head``."""
    text = docdata.span_text(doc, start, end)
    country, by_default = _country(doc, ts, start, end, owner)
    name = morph.canonical(text)
    org = OrgSpan(start, end, name, country, default_country=by_default)
    if head - start == 1 and facts(ts[start]).all_caps and not ts[head].cap:
        acr = gz.acronym_of(ts[start].text)
        if acr is not None:
            org.acronym = acr.acronym
    return org


def _named_by_acronym(
    doc: Doc, ts: list[Tok], found: list[OrgSpan], parens: list[int]
) -> list[OrgSpan]:
    """``Біріккен әлем күресі (UWW)``: a name with no head noun, made a name
    by the acronym in parentheses after it.

    The word before the parenthesis is a lower-case noun in the possessive
    (izafet, like a head), the name grows left as :func:`extend_left` grows
    it, and a state or place with its abbreviation (``Шығыс Қазақстан облысы
    (ШҚО)``) is not a body. ``parens``: the positions of the ``(`` of the doc.
    """
    words = docdata.words(doc)
    ends = {o.end for o in found}
    out = []
    for k in parens:
        if k < 2 or k in ends or acronym_after(words, k) is None:
            continue
        last = k - 1
        tok = ts[last]
        if tok.cap or tok.punct or morph.case_of(tok.text) != "nom":
            continue
        if not any(a.possessive for a in morph.analyses(tok.text)):
            continue
        start = extend_left(ts, last)
        if start == last or not any(name_word(t) for t in ts[start:last]):
            continue
        names = words[start:k]
        if name_at(gz.states(), names, 0) or name_at(gz.places(), names, 0):
            continue
        out.append(_org_span(doc, ts, start, last, k, owner_at(ts, start, k)))
    return out


def _intl_names(doc: Doc, found: list[OrgSpan], starts: list[int]) -> list[OrgSpan]:
    """INTL_NAME: the full names of models/intl_orgs.tsv, whatever their head.

    ``Еуразиялық экономикалық одақ`` ends in a bare noun the grammar does not
    take as a head; a known name is a name all the same. Kept where the
    grammar found nothing longer. ``starts``: the positions of the capitalised
    words that can start such a name (:func:`~.name_lookup.may_start`).
    """
    words = docdata.words(doc)
    table = gz.intl_org_names()
    out = []
    free = 0  # the first token after the last name found
    for i in starts:
        hit = table.longest_at(words, i) if i >= free else None
        if hit is None:
            continue
        n, entry = hit
        if not any(o.start <= i and i + n <= o.end for o in found):
            text = docdata.span_text(doc, i, i + n)
            out.append(OrgSpan(i, i + n, morph.canonical(text), entry.country))
        free = i + n
    return out


def _quoted_sub(ts: list[Tok], org: OrgSpan) -> tuple[int, int] | None:
    """«X» + head at the end of a longer name: registered as its short name.

    So is a Latin name + head after a genitive owner (``Түркияның TRT Avaz
    телеарнасы`` -> ``TRT Avaz телеарнасы``): a brand is named by itself, the
    state before it says whose it is.
    """
    last = org.end - 1
    if last - 1 > org.start and ts[last - 1].text == "»":
        j = quoted_open(ts, last - 1)
        if j is not None and j > org.start:
            return (j, org.end)
    j = last
    while j - 1 > org.start and is_latin(ts[j - 1].text) and ts[j - 1].cap:
        j -= 1
    if j < last and j > org.start and morph.case_of(ts[j - 1].text) == "gen":
        return (j, org.end)
    return None


def _share_countries(ts: list[Tok], found: list[OrgSpan], kept: list[OrgSpan]) -> None:
    """A name with the outlet's country by default takes the country that
    another mention of the same name has by a clue (``қытайлық COSCO
    корпорациясы`` ... ``COSCO корпорациясымен``), or that of the body it
    opens with in the genitive (``Ханнс Зайдель қорының ... өкілдігі``)."""
    if not any(o.default_country for o in found):
        return  # no guess to replace (kept names are among the found ones)
    known = {gz.fold(o.name): o.country for o in found if not o.default_country}
    if not known:
        return
    for org in found:
        if org.default_country and gz.fold(org.name) in known:
            org.country, org.default_country = known[gz.fold(org.name)], False
    for org in kept:
        if not org.default_country:
            continue
        for inner in found:
            if (
                inner.start == org.start
                and inner.end < org.end
                and not inner.default_country
                and morph.case_of(ts[inner.end - 1].text) == "gen"
            ):
                org.country, org.default_country = inner.country, False
                break


def _is_intl_start(word: str) -> bool:
    """A capitalised word that can start a full name of models/intl_orgs.tsv."""
    return is_cap(word) and may_start(gz.intl_org_names(), word)


MAY_HEAD = WORD_MARKS.add(_may_head)
PAREN = WORD_MARKS.add(lambda w: w == "(")
INTL_START = WORD_MARKS.add(_is_intl_start)


def _nested(found: list[OrgSpan]) -> set[tuple[int, int]]:
    """The (start, end) of the names inside a longer one.

    In order of start, the longer first, a name is inside another when a
    name before it in that order reaches as far as its end: that name
    starts no later, and if at the same place it is longer.
    """
    nested = set()
    reach = -1
    for start, back in sorted({(o.start, -o.end) for o in found}):  # the longer first
        if reach >= -back:
            nested.add((start, -back))
        reach = max(reach, -back)
    return nested


def find_organisations(doc: Doc) -> list[OrgSpan]:
    """Every organisation name of the doc, the longest of nested candidates kept.

    Cached in ``doc.user_data`` so that places and parties share one reading.
    """
    cached = doc.user_data.get("kx_orgs")
    if cached is not None:
        return cached
    ts = toks(doc)
    marked, marks = marked_tokens(doc)
    found = [org for i in marked if marks[i] & MAY_HEAD and (org := org_at(doc, ts, i)) is not None]
    found += _named_by_acronym(doc, ts, found, [i for i in marked if marks[i] & PAREN])
    found += _intl_names(doc, found, [i for i in marked if marks[i] & INTL_START])
    nested = _nested(found)
    kept = [o for o in found if (o.start, o.end) not in nested]
    _share_countries(ts, found, kept)
    for org in kept:
        org.quoted = _quoted_sub(ts, org)
    doc.user_data["kx_orgs"] = kept
    return kept
