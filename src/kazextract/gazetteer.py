"""Gazetteer lookup through Kazakh inflection.

The name lists under ``models/`` hold names in the nominative; the text writes
them with case endings on the LAST word only (``Оңтүстік Кореяның``,
``Шығыс Қазақстан облысында``). So a table here is keyed by the tuple of a
name's folded words, and a run of tokens is looked up with its inner words as
written and its last word replaced by each of its nominative candidates from
:func:`kazextract.morph.lemma_candidates`.

Folding: lower case, Latin look-alike letters inside Cyrillic words turned into
their Cyrillic twins (``Cыртқы`` with a Latin C). Folding keeps the length of
the word, so offsets into the original text stay valid.

Tables are built once per process (``functools.cache``), and the candidate
keys of a word are cached by word, so matching costs dictionary lookups.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from . import morph
from .lookalikes import fold_lookalikes
from .resources import preload, read_tsv

LONGEST_CACHE = 1 << 16  # probes remembered per table before the memo starts afresh
END_PREFIX = 5  # letters of a name's last word that a cheap test compares before any analysis
_PREFIX_LENGTHS = range(END_PREFIX, 0, -1)


@lru_cache(maxsize=1 << 16)
def fold(word: str) -> str:
    """Lower-cased word with Latin look-alikes folded when it is Cyrillic.

    A word wholly in Latin (``JICA``, ``Energy``) keeps its letters. Cached by
    word: every gazetteer probe folds the words it looks at.
    """
    return fold_lookalikes(word).casefold()


def fold_case_kept(word: str) -> str:
    """Latin look-alikes folded, case kept (for capitalisation tests);
    :func:`~kazextract.lookalikes.fold_lookalikes` is cached by word."""
    return fold_lookalikes(word)


@lru_cache(maxsize=1 << 16)
def word_forms(word: str) -> tuple[tuple[str, str], ...]:
    """(folded key, nominative as written) of one word's candidates, the word itself first.

    ``Стамбулда`` -> ((``стамбулда``, ``Стамбулда``), (``стамбул``, ``Стамбул``)); an
    all-capitals word is read in lower case as well, so that a headline
    ``ҚАЗАҚСТАННЫҢ`` finds Қазақстан. The written form lets a place be named
    in the text's own spelling (:meth:`NameTable.written`).
    """
    folded = fold_case_kept(word)
    forms = [(fold(word), folded)]
    variants = [folded]
    if folded.isupper() and len(folded) > 3:
        variants.append(folded.capitalize())
    for variant in variants:
        forms.extend((fold(c), fold_case_kept(c)) for c in morph.lemma_candidates(variant))
    first: dict[str, str] = {}
    for key, form in forms:
        first.setdefault(key, form)
    return tuple(first.items())


@lru_cache(maxsize=1 << 16)
def word_keys(word: str) -> tuple[str, ...]:
    """Folded nominative candidates of one word, the word itself first (see :func:`word_forms`)."""
    return tuple(k for k, _ in word_forms(word))


@dataclass(frozen=True)
class Entry:
    """One gazetteer name: the canonical name, its kind, its country code."""

    name: str
    kind: str
    country: str | None
    source: str  # state | place


@dataclass(frozen=True)
class Match:
    """Tokens ``start``..``end`` (exclusive) of a doc name ``entry``."""

    start: int
    end: int
    entry: Entry


class KeyPrefixes:
    """The first letters of a set of folded keys, to tell before any
    morphological analysis that no form of a word can give one of them.

    Every key :func:`word_keys` gives for a word is the folded word, or a
    prefix of it whose last letter alone may differ: a stem with its voicing
    undone, which ends in a voiceless consonant (``министрліг`` ->
    ``министрлік``). So a key shares with the folded word its letters (but
    the last, where that is a voiceless consonant), and a key whose first
    letters (at most :data:`END_PREFIX`) are not the word's cannot be among
    them. A key that shares no letter (``к``) lets any word through.
    """

    def __init__(self, keys: Iterable[str] = ()) -> None:
        self._prefixes: set[str] = set()
        self._any = False
        for key in keys:
            self.add(key)

    def add(self, key: str) -> None:
        shared = len(key) - 1 if key[-1:] in morph.voiceless_letters() else len(key)
        if shared <= 0:
            self._any = True
        self._prefixes.add(key[: min(END_PREFIX, shared)])

    def may_hold(self, word: str) -> bool:
        """Whether some key of :func:`word_keys` of ``word`` may be one of
        these. Where folding changed the word's length (a letter whose case
        folding is two letters) the test cannot say: yes."""
        if self._any:
            return True
        folded = fold(word)
        if len(folded) != len(word):
            return True
        prefixes = self._prefixes
        for n in _PREFIX_LENGTHS:  # a loop, not any(): it runs for every new word and table
            if folded[:n] in prefixes:
                return True
        return False


class NameTable:
    """Names keyed by the tuple of their folded words.

    ``first_words`` holds the first word of every name of two words or more,
    as written (it is never inflected): a run of words whose first word is
    not there can only be a one-word name, so most probes cost one set test.
    """

    def __init__(self) -> None:
        self.names: dict[tuple[str, ...], Entry] = {}
        self.max_words = 1
        self.first_words: set[str] = set()
        # the first letters of every name's last word (see may_end)
        self._last_words = KeyPrefixes()
        # answers of longest_at by the words it looked at: the same words
        # (Қазақстан, облысы, ...) are probed in every article
        self._longest: dict[tuple[str, ...], tuple[int, Entry] | None] = {}

    def add(self, surface: str, entry: Entry) -> None:
        self._longest.clear()
        key = tuple(fold(w) for w in surface.split())
        if key and key not in self.names:
            self.names[key] = entry
            self.max_words = max(self.max_words, len(key))
            if len(key) > 1:
                self.first_words.add(key[0])
            self._last_words.add(key[-1])

    def may_end(self, word: str) -> bool:
        """Whether ``word``, in some case form, can be the last word of a
        name: a test of a few letters (:class:`KeyPrefixes`), made before the
        morphological analysis that :func:`word_keys` runs on a word seen for
        the first time (most words of a new article)."""
        return self._last_words.may_hold(word)

    def lookup(self, words: Sequence[str]) -> Entry | None:
        """The entry for these words, the last one through its inflection."""
        if not words or len(words) > self.max_words:
            return None
        if not self.may_end(words[-1]):
            return None
        if len(words) > 1 and fold(words[0]) not in self.first_words:
            return None
        inner = tuple(map(fold, words[:-1]))
        for key in word_keys(words[-1]):
            entry = self.names.get((*inner, key))
            if entry is not None:
                return entry
        return None

    def written(self, words: Sequence[str]) -> str | None:
        """The name as these words write it, the last one in the nominative that matched."""
        inner = tuple(map(fold, words[:-1]))
        for key, form in word_forms(words[-1]):
            if (*inner, key) in self.names:
                return " ".join([*(fold_case_kept(w) for w in words[:-1]), form])
        return None

    def longest_at(self, words: Sequence[str], i: int) -> tuple[int, Entry] | None:
        """The longest name starting at ``words[i]``: (number of words, entry)."""
        if i >= len(words):
            return None
        longest = self.max_words if fold(words[i]) in self.first_words else 1
        probe = tuple(words[i : i + longest])
        if probe in self._longest:
            return self._longest[probe]
        found: tuple[int, Entry] | None = None
        for n in range(len(probe), 0, -1):
            entry = self.lookup(probe[:n])
            if entry is not None:
                found = (n, entry)
                break
        if len(self._longest) >= LONGEST_CACHE:
            self._longest.clear()
        self._longest[probe] = found
        return found


@preload
@cache
def states() -> NameTable:
    """models/states.tsv: every variant -> the state's canonical name and code."""
    table = NameTable()
    for row in read_tsv("states.tsv"):
        entry = Entry(row["canonical"], "state", row["code"], "state")
        table.add(row["variant"], entry)
        table.add(row["canonical"], entry)
    return table


@preload
@cache
def homonym_states() -> frozenset[str]:
    """Folded state names of kind ``homonym`` in models/states.tsv (``Қатар``,
    also "row"): a state only when capitalised and not a sentence's first word."""
    return frozenset(fold(r["variant"]) for r in read_tsv("states.tsv") if r["kind"] == "homonym")


@preload
@cache
def places() -> NameTable:
    """models/places.tsv: name and ``|``-separated variants -> the place."""
    table = NameTable()
    for row in read_tsv("places.tsv"):
        entry = Entry(row["name"], row["kind"], row["country"] or None, "place")
        table.add(row["name"], entry)
        for variant in filter(None, (v.strip() for v in row.get("variants", "").split("|"))):
            table.add(variant, entry)
    return table


@preload
@cache
def place_words() -> NameTable:
    """Generic place words of models/name_grammar.tsv (``облысы``, ``су қоймасы``) -> their role.

    Kept as a name table so that two-word words and their inflection
    (``су қоймасына``) are matched like names.
    """
    table = NameTable()
    for row in read_tsv("name_grammar.tsv"):
        if row["role"] in {"city", "region", "other", "landmark"}:
            table.add(row["word"], Entry(row["word"], row["role"], None, "place"))
    return table


@preload
@cache
def units_named_after_cities() -> frozenset[str]:
    """Place words of models/name_grammar.tsv marked ``after_city`` (``облысы``,
    ``ауданы``): a city's name before one names the unit, not the city."""
    return frozenset(r["word"] for r in read_tsv("name_grammar.tsv") if r["after_city"] == "yes")


def _first_key_in(table: Callable[[], dict[str, str]], word: str) -> str | None:
    """The value of the first of ``word``'s nominative keys found in the
    table the loader ``table`` gives; the word is not analysed when none of
    its keys can be there (:func:`_key_prefixes`)."""
    if not _key_prefixes(table).may_hold(word):
        return None
    for key in word_keys(word):
        if key in table():
            return table()[key]
    return None


@cache
def _key_prefixes(table: Callable[[], dict[str, str]]) -> KeyPrefixes:
    """The :class:`KeyPrefixes` of the keys of a table, by its loader."""
    return KeyPrefixes(table())


@preload
@cache
def nationalities() -> dict[str, str]:
    """models/nationalities.tsv: nationality word -> ISO code."""
    return {fold(row["word"]): row["code"] for row in read_tsv("nationalities.tsv")}


def nationality_of(word: str) -> str | None:
    """The country a nationality word points to (``ресейлік``, ``қазақтың``)."""
    return _first_key_in(nationalities, word)


@dataclass(frozen=True)
class IntlOrg:
    """A row of models/intl_orgs.tsv."""

    acronym: str
    name: str
    country: str | None


@preload
@cache
def intl_orgs() -> dict[str, IntlOrg]:
    """Acronyms and their variants (as written, case kept) -> the body."""
    out: dict[str, IntlOrg] = {}
    for row in read_tsv("intl_orgs.tsv"):
        org = IntlOrg(row["acronym"], row["name"], row["country"] or None)
        for form in (row["acronym"], *row.get("variants", "").split("|")):
            if form.strip():
                out.setdefault(fold_case_kept(form.strip()), org)
    return out


@preload
@cache
def intl_org_names() -> NameTable:
    """Full names of models/intl_orgs.tsv, to tie a written-out name to its acronym."""
    table = NameTable()
    for row in read_tsv("intl_orgs.tsv"):
        table.add(
            row["name"], Entry(row["name"], "organization", row["country"] or None, row["acronym"])
        )
    return table


@preload
@cache
def companies() -> NameTable:
    """models/companies.tsv: foreign brands (``Shell``, ``«Росатом»``) -> their country.

    Only a clue to a name's country (org_grammar): a brand is never a party
    by itself.
    """
    table = NameTable()
    for row in read_tsv("companies.tsv"):
        entry = Entry(row["name"], "organization", row["country"] or None, "company")
        table.add(row["name"], entry)
        for variant in filter(None, (v.strip() for v in row.get("variants", "").split("|"))):
            table.add(variant, entry)
    return table


@lru_cache(maxsize=1 << 14)
def acronym_of(word: str) -> IntlOrg | None:
    """The known body an acronym token names (``ЮНЕСКО-мен`` -> ЮНЕСКО).

    Cached by word: the parties component asks it of every token.
    """
    base = fold_case_kept(word.split("-", 1)[0] if "-" in word else word)
    table = intl_orgs()
    if base in table:
        return table[base]
    for cand in morph.lemma_candidates(word):
        if fold_case_kept(cand) in table:
            return table[fold_case_kept(cand)]
    return None


@preload
@cache
def grammar_words() -> dict[str, str]:
    """models/name_grammar.tsv: word (folded) -> its role in names."""
    return {fold(row["word"]): row["role"] for row in read_tsv("name_grammar.tsv")}


@lru_cache(maxsize=1 << 16)
def role_of(word: str) -> str | None:
    """The role a word plays in names (connector, breaker, currency, ...), cached by word."""
    return _first_key_in(grammar_words, word)
