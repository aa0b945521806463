"""Kazakh inflection: see through case endings, give back the nominative.

Every extractor must match ``Ақтауда``, ``Ақтауға``, ``Ақтаудың`` as ``Ақтау``
and print ``Әзербайжан Республикасының Кино агенттігімен`` as ``Әзербайжан
Республикасының Кино агенттігі``. This module is the one place that knows how.

Public API
----------
- :func:`nominative` -- a multi-word name with its LAST word put back into the
  nominative case (possessive and plural kept: they are part of the name).
- :func:`analyses` -- every plausible (stem, endings) reading of one word, best first.
- :func:`inflect` -- the inverse, for gazetteer forms and round-trip tests.
- :func:`lemma_candidates`, :func:`case_of`, :func:`is_genitive` -- cheap helpers
  for matchers that need to read the grammar of a name.

How a word is read
------------------
A word is read right to left as ``stem [+plural] [+possessive] [+case]``. The
suffixes are data (``models/morph/*.tsv``); a split is only proposed when the
stem agrees with the ending in vowel harmony and in final-sound class (``-ның``
after a vowel or м н ң, ``-дың`` after л р й у з ж, ``-тың`` after voiceless ...).
Among the proposals a lexicon decides: a word that is itself a known stem is
never cut (Астана, Судан, Өскемен), a split whose stem is known wins, and an
unknown word is cut only when a split is phonotactically valid (Шымкентте ->
Шымкент). The lexicon is ``models/morph/stems.tsv`` and ``exceptions.tsv`` plus,
when present, the last word of every name in ``models/states.tsv``,
``models/places.tsv`` and ``models/org_heads.tsv``.

Endings written after a hyphen (digits, acronyms, Latin names: ``ЮНЕСКО-мен``,
``2025-жылдың``, ``Google-дың``) are read without phonotactic checks, since the
spelling does not show how the stem is pronounced.

All per-word work is cached by word, so calling :func:`nominative` on every
candidate span costs a dictionary lookup after the first time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

from kazextract.lookalikes import fold_lookalikes, has_latin
from kazextract.resources import group_by, preload, read_tsv

__all__ = [
    "CASES",
    "Analysis",
    "case_endings",
    "Morph",
    "analyses",
    "case_of",
    "inflect",
    "is_genitive",
    "lemma_candidates",
    "nominative",
    "plural_endings",
    "reload_lexicon",
]

# ---------------------------------------------------------------------------
# Letters and sound classes

BACK_VOWELS = frozenset("аоұыяё")
FRONT_VOWELS = frozenset("әөүіеэ")
#: Vowels whose harmony cannot be read from the letter alone (loanwords:
#: Тбилисиде, Сеулде, Бакуде / Ақсуда): harmony comes from the vowel before.
AMBIGUOUS_VOWELS = frozenset("иую")
VOWELS = BACK_VOWELS | FRONT_VOWELS | AMBIGUOUS_VOWELS
CYRILLIC = frozenset("аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя")

_CLASS_OF_LETTER = {
    **dict.fromkeys("мнң", "N"),
    "л": "L",
    **dict.fromkeys("рй", "R"),
    **dict.fromkeys("зж", "Z"),
    **dict.fromkeys("кқпстфхцчшщһбвгғд", "T"),
}


#: The case tags, in the traditional order. ``attr`` is the attributive
#: locative -дағы/-дегі, ``adj`` the adjectival -ғы/-гі (жылғы, биылғы).
CASES = ("nom", "gen", "dat", "acc", "loc", "abl", "ins", "attr", "adj")
_CASE_ALIASES = {
    "nominative": "nom",
    "genitive": "gen",
    "dative": "dat",
    "accusative": "acc",
    "locative": "loc",
    "ablative": "abl",
    "instrumental": "ins",
    "attributive": "attr",
    "adjectival": "adj",
}

# Ranking weights (see _score). Whole-word knowledge outweighs any split.
_NO_CUT = 1.0
_CUT = 2.0
_HYPHEN_CUT = 5.0
_WEAK = 0.5
_KNOWN_WORD = 100.0
_KNOWN_FORM = 50.0
_KNOWN_LEMMA = 40.0
_MIN_UNKNOWN_STEM = 3
_SHORT_CAPS = 4


# ---------------------------------------------------------------------------
# Results


@dataclass(frozen=True, slots=True)
class Morph:
    """One suffix of a word: its tag (``pl``, ``poss`` or a case) and spelling."""

    tag: str
    surface: str


@dataclass(frozen=True, slots=True)
class Analysis:
    """One reading of a word as ``stem + endings``; slices keep the input's case.

    ``stem`` is the word up to its first suffix as written (``министрліг``),
    ``lemma`` the dictionary form of that stem with consonant voicing undone
    (``министрлік``), ``form`` the word without its case ending: what
    :func:`nominative` prints (``министрлігі``).
    """

    word: str
    stem: str
    lemma: str
    endings: tuple[Morph, ...]
    score: float
    known: bool

    @property
    def case(self) -> str:
        """The case tag of the word; ``nom`` when it has no case ending."""
        if self.endings and self.endings[-1].tag in CASES:
            return self.endings[-1].tag
        return "nom"

    @property
    def form(self) -> str:
        """The word in the nominative case (possessive and plural kept)."""
        if self.case == "nom":
            return self.word
        cut = len(self.endings[-1].surface)
        return self.word[: len(self.word) - cut]

    @property
    def possessive(self) -> bool:
        """Whether the word carries the 3rd-person possessive (izafet)."""
        return any(m.tag == "poss" for m in self.endings)

    @property
    def plural(self) -> bool:
        """Whether the word carries the plural suffix."""
        return any(m.tag == "pl" for m in self.endings)


# ---------------------------------------------------------------------------
# Data


@dataclass(frozen=True, slots=True)
class _Suffix:
    ending: str
    tag: str
    pronominal: bool
    harmony: str
    classes: frozenset[str]


def _classes(cell: str) -> frozenset[str]:
    return frozenset(c.strip() for c in cell.split(",") if c.strip() and c.strip() != "-")


@preload
@cache
def _case_suffixes() -> tuple[_Suffix, ...]:
    """Case endings, longest first so that longer (more telling) ones come first."""
    rows = read_tsv("morph/case_endings.tsv")
    sufs = [
        _Suffix(r["ending"], r["case"], r["after"] == "poss", r["harmony"], _classes(r["classes"]))
        for r in rows
    ]
    return tuple(sorted(sufs, key=lambda s: -len(s.ending)))


@cache
def _stem_suffixes_by_last_letter(slot: str) -> dict[str, tuple[_Suffix, ...]]:
    """:func:`_stem_suffixes` of ``slot`` by the last letter of their ending:
    only those can end a stem's text that ends in that letter (the possessive
    ends in ы/і, the plural in р), so most words try none."""
    return group_by(_stem_suffixes(slot), lambda suf: suf.ending[-1])


@preload
@cache
def _case_suffixes_by_last_letter() -> dict[str, tuple[_Suffix, ...]]:
    """:func:`_case_suffixes` by the last letter of their ending: a word can
    end only in the endings of its own last letter, so the analysis of a new
    word tries those few, not all of them."""
    return group_by(_case_suffixes(), lambda suf: suf.ending[-1])


@cache
def _stem_suffixes(slot: str) -> tuple[_Suffix, ...]:
    """Plural (``pl``), possessive (``poss``) or ordinal (``ord``) suffixes."""
    return tuple(
        _Suffix(r["ending"], r["slot"], False, r["harmony"], _classes(r["classes"]))
        for r in read_tsv("morph/stem_suffixes.tsv")
        if r["slot"] == slot
    )


@cache
def case_endings(case: str) -> tuple[str, ...]:
    """The endings of one case after a bare stem (``ins`` -> мен, бен, пен),
    from models/morph/case_endings.tsv: for rules that only need to spot a
    case on a word without analysing it."""
    return tuple(
        dict.fromkeys(s.ending for s in _case_suffixes() if s.tag == case and not s.pronominal)
    )


@cache
def possessed_case_endings(case: str) -> tuple[tuple[str, str], ...]:
    """(ending, harmony) of one case in its pronominal-n form, the form it
    takes after the 3rd-person possessive (``loc`` -> нда back, нде front),
    from models/morph/case_endings.tsv."""
    return tuple(dict.fromkeys((s.ending, s.harmony) for s in _case_suffixes() if s.tag == case and s.pronominal))


@cache
def possessive_endings() -> tuple[tuple[str, str], ...]:
    """(ending, harmony) of the 3rd-person possessive (ы, і, сы, сі), from
    models/morph/stem_suffixes.tsv."""
    return tuple((s.ending, s.harmony) for s in _stem_suffixes("poss"))


@preload
@cache
def plural_endings() -> tuple[str, ...]:
    """The plural suffixes (лар, лер, дар, дер, тар, тер), from
    models/morph/stem_suffixes.tsv."""
    return tuple(dict.fromkeys(s.ending for s in _stem_suffixes("pl")))


def may_be_plural_possessive(word: str) -> bool:
    """Whether some reading of ``word`` (:func:`analyses`) may carry the
    plural and the possessive (``облыстарында``): a test of substrings, made
    before analysing a word seen for the first time. The two suffixes are
    always adjacent slices (plural, then possessive) of the text the analysis
    reads (the word lower-cased, with its look-alikes folded, or as written
    when lower-casing changes its length); a word holding no such pair in any
    of these spellings has no such reading."""
    search = _plural_possessives().search
    return bool(search(word) or search(word.lower()) or search(_fold(word).lower()))


@preload
@cache
def _plural_possessives() -> re.Pattern[str]:
    """Any plural ending followed by a possessive one (лары, лері, дары ...)."""
    pairs = dict.fromkeys(pl + poss.ending for pl in plural_endings() for poss in _stem_suffixes("poss"))
    return re.compile("|".join(map(re.escape, pairs)))


@preload
@cache
def _voicing() -> dict[str, str]:
    """voiced -> voiceless, to undo министрлік -> министрлігі."""
    return {r["voiced"]: r["voiceless"] for r in read_tsv("morph/voicing.tsv")}


@preload
@cache
def voiceless_letters() -> frozenset[str]:
    """The letters a stem's voicing is undone to (к қ п): the only last
    letters in which a lemma (:attr:`Analysis.lemma`) may differ from the
    word it was read from."""
    return frozenset(_voicing().values())


@preload
@cache
def _hyphen_suffixes() -> dict[str, tuple[tuple[str, int], ...]]:
    """Every suffix chain that may follow a hyphen, with its (tag, length) parts.

    After a hyphen the stem's sound cannot be checked, so the chain itself must
    be a whole, known sequence: ``мен``, ``ға``, ``і``, ``інде``, ``лары`` ...
    """
    chains: dict[str, tuple[tuple[str, int], ...]] = {}
    bare = [s for s in _case_suffixes() if not s.pronominal]
    pron = [s for s in _case_suffixes() if s.pronominal]
    poss = _stem_suffixes("poss")
    plural = _stem_suffixes("pl")
    ordinal = _stem_suffixes("ord")

    def add(parts: Iterable[tuple[str, str]]) -> None:
        parts = tuple(parts)
        chains.setdefault("".join(e for _, e in parts), tuple((t, len(e)) for t, e in parts))

    for c in bare:
        add([(c.tag, c.ending)])
    for o in ordinal:
        add([("ord", o.ending)])
    for p in poss:
        add([("poss", p.ending)])
        for c in pron:
            if _harmony_ok(c.harmony, _vowel_harmony(p.ending)):
                add([("poss", p.ending), (c.tag, c.ending)])
    for pl in plural:
        add([("pl", pl.ending)])
        for c in bare:
            if c.harmony in ("any", pl.harmony) and "R" in c.classes:
                add([("pl", pl.ending), (c.tag, c.ending)])
        for p in poss:
            if p.harmony == pl.harmony and "R" in p.classes:
                add([("pl", pl.ending), ("poss", p.ending)])
                for c in pron:
                    if c.harmony in ("any", p.harmony):
                        add([("pl", pl.ending), ("poss", p.ending), (c.tag, c.ending)])
    return chains


def _optional_rows(name: str) -> tuple[dict[str, str], ...]:
    """Rows of a gazetteer that another part of the project may not have written yet."""
    try:
        return read_tsv(name)
    except FileNotFoundError:
        return ()


def _last_words(name: str) -> Iterable[str]:
    """The last word of a name, and its part after a hyphen (Кот-д'Ивуар)."""
    words = name.split()
    if not words:
        return ()
    last = _fold(words[-1].strip('«»"“”()')).lower()
    out = [last]
    if "-" in last:
        out.append(last.rsplit("-", 1)[1])
    return out


@preload
@cache
def _lexicon() -> frozenset[str]:
    """Known nominative words (lower case): never cut, and preferred as stems."""
    names: list[str] = []
    names += [r.get("stem", "") for r in read_tsv("morph/stems.tsv")]
    names += [
        r.get("word", "")
        for r in read_tsv("morph/exceptions.tsv")
        if not r.get("word", "").startswith("-")
    ]
    names += [r.get("variant", "") for r in _optional_rows("states.tsv")]
    names += [r.get("canonical", "") for r in _optional_rows("states.tsv")]
    for r in _optional_rows("places.tsv"):
        names.append(r.get("name", ""))
        names += r.get("variants", "").split("|")
    for r in _optional_rows("org_heads.tsv"):
        names += [r.get("lemma", ""), r.get("possessive", "")]
    return frozenset(w for n in names for w in _last_words(n) if w)


@preload
@cache
def _plain_names() -> frozenset[str]:
    """One-word state and city names: never possessive, whatever their ending (Филиппины)."""
    names = [
        r.get("stem", "") for r in read_tsv("morph/stems.tsv") if r.get("kind") in ("state", "city")
    ]
    names += [r.get("variant", "") for r in _optional_rows("states.tsv")]
    for r in _optional_rows("places.tsv"):
        names += [r.get("name", ""), *r.get("variants", "").split("|")]
    return frozenset(_fold(n.strip()).lower() for n in names if n.strip() and len(n.split()) == 1)


@preload
@cache
def _protected_endings() -> tuple[str, ...]:
    """Word endings no split may cut into (``-стан``: Пакистан is not Пакис+тан)."""
    return tuple(
        r["word"][1:].lower()
        for r in read_tsv("morph/exceptions.tsv")
        if r.get("word", "").startswith("-")
    )


def reload_lexicon() -> None:
    """Forget the loaded lexicon and every cached analysis (after a gazetteer changes)."""
    for fn in (_lexicon, _plain_names, _protected_endings, _analyse, _nominative_word, case_of):
        fn.cache_clear()
    read_tsv.cache_clear()


# ---------------------------------------------------------------------------
# Sound rules


def _fold(word: str) -> str:
    """A copy of ``word`` with Latin look-alikes made Cyrillic, when it mixes
    scripts (``Cыртқы`` is read on a folded copy of the same length)."""
    return fold_lookalikes(word)


def _vowel_harmony(text: str) -> str:
    """``back`` or ``front`` from a suffix's own vowel (it has exactly one kind)."""
    for ch in reversed(text):
        if ch in BACK_VOWELS:
            return "back"
        if ch in FRONT_VOWELS:
            return "front"
    return "any"


def _harmony_ok(suffix_harmony: str, stem_harmonies: str | frozenset[str]) -> bool:
    if suffix_harmony == "any":
        return True
    if isinstance(stem_harmonies, str):
        return stem_harmonies in ("any", suffix_harmony)
    return suffix_harmony in stem_harmonies


def _stem_harmonies(stem: str) -> frozenset[str]:
    """Harmonies a stem may take (lenient where real spelling varies).

    ``у`` right after a vowel is a consonant (Ақтау, Мәскеу) and is skipped;
    loanword vowels и у ю, and е right after a vowel (Тоқаев: [ajev]), allow
    both; so do a final ``ь`` (Беларусьтің) and a final consonant + к/г
    cluster (банкі, Нью-Йоркте), which Kazakh spelling treats as soft.
    """
    soft = stem.endswith("ь") or _soft_cluster(stem)
    if _has_surname_suffix(stem):
        return frozenset({"back", "front"})
    for i in range(len(stem) - 1, -1, -1):
        ch = stem[i]
        if ch == "у" and i > 0 and stem[i - 1] in VOWELS:
            continue
        if ch in AMBIGUOUS_VOWELS or (ch == "е" and i > 0 and stem[i - 1] in VOWELS):
            return frozenset({"back", "front"})
        if ch in BACK_VOWELS:
            return frozenset({"back", "front"}) if soft else frozenset({"back"})
        if ch in FRONT_VOWELS:
            return frozenset({"front"})
    return frozenset()


@preload
@cache
def _surname_suffixes() -> tuple[str, ...]:
    return tuple(r["suffix"] for r in read_tsv("morph/surname_suffixes.tsv"))


def _has_surname_suffix(stem: str) -> bool:
    """Әуезов, Әлиева, Сәтбаев: a stem with a Russian-style surname suffix
    after at least three letters of root (not ов or ин on their own)."""
    low = stem.lower()
    return any(
        low.endswith(suffix) and len(low) - len(suffix) >= 3
        for suffix in _surname_suffixes_by_last_letter().get(low[-1:], ())
    )


@preload
@cache
def _surname_suffixes_by_last_letter() -> dict[str, tuple[str, ...]]:
    """The surname suffixes by their last letter: a stem is tested against
    those of its own last letter only (it is asked of every stem analysed)."""
    return group_by(_surname_suffixes(), lambda suffix: suffix[-1])


def _soft_cluster(stem: str) -> bool:
    """банк, парк, Йорк: a consonant before a final к/г makes a loanword front."""
    return len(stem) >= 2 and stem[-1] in "кг" and stem[-2] not in VOWELS and stem[-2] not in "ьъ"


def _harmony_of(stem: str) -> str:
    """The one harmony :func:`inflect` uses: the last clear vowel decides.

    и у ю, and е right after a vowel (Тоқаев -> Тоқаевқа), are transparent
    (Сеул -> Сеулде, Ақсу -> Ақсуда); with no clear vowel и counts as front, у
    and ю as back. A final ``ь`` or consonant + к/г makes the stem front.
    """
    if stem.endswith("ь") or _soft_cluster(stem):
        return "front"
    fallback = ""
    for i in range(len(stem) - 1, -1, -1):
        ch = stem[i]
        if ch == "е" and i > 0 and stem[i - 1] in VOWELS:
            continue
        if ch in BACK_VOWELS:
            return "back"
        if ch in FRONT_VOWELS:
            return "front"
        if ch in AMBIGUOUS_VOWELS and not fallback:
            fallback = "front" if ch == "и" else "back"
    return fallback or "back"


def _final_classes(stem: str) -> frozenset[str]:
    """Final-sound classes a stem may have (lenient where spelling varies).

    и у ю may be vowel or glide; a soft sign may be read as a glide too
    (Тайваньның beside Тайваньдың, Беларусьтің beside Беларусьдің).
    """
    core = stem.rstrip("ьъ")
    if not core:
        return frozenset()
    if core != stem:
        return _final_classes(core) | {"R"}
    ch = core[-1]
    if ch == "у":
        return frozenset({"R"}) if len(core) > 1 and core[-2] in VOWELS else frozenset({"R", "V"})
    if ch in "ию":
        return frozenset({"R", "V"})
    if ch in VOWELS:
        return frozenset({"V"})
    cls = _CLASS_OF_LETTER.get(ch)
    return frozenset({cls}) if cls else frozenset()


def _final_class(stem: str) -> str:
    """The one final-sound class :func:`inflect` uses (и у count as glides: Ақсудың)."""
    core = stem.rstrip("ьъ")
    if not core:
        return "V"
    ch = core[-1]
    if ch in "иу":
        return "R"
    if ch in VOWELS:
        return "V"
    return _CLASS_OF_LETTER.get(ch, "T")


def _fits(stem: str, suffix: _Suffix) -> bool:
    """Whether ``suffix`` may follow ``stem`` by harmony and final-sound class."""
    if not _harmony_ok(suffix.harmony, _stem_harmonies(stem)):
        return False
    return not suffix.classes or bool(suffix.classes & _final_classes(stem))


def _has_vowel(text: str) -> bool:
    return any(ch in VOWELS for ch in text)


def _is_cyrillic_word(text: str) -> bool:
    """Whether sound rules can be checked on ``text`` (letters all Cyrillic)."""
    return all(ch in CYRILLIC or not ch.isalpha() for ch in text)


# ---------------------------------------------------------------------------
# Splitting


@dataclass(frozen=True, slots=True)
class _Inner:
    """A reading of the case-less part: stem end, (tag, start, end) parts, unvoicing."""

    stem_end: int
    parts: tuple[tuple[str, int, int], ...]
    unvoice: bool


def _inner_parses(low: str, start: int, end: int, strict: bool) -> list[_Inner]:
    """Ways to read ``low[start:end]`` as stem [+plural] [+possessive]."""
    out = [_Inner(end, (), False)]
    for poss in _stem_suffixes_by_last_letter("poss").get(low[end - 1] if end > start else "", ()):
        base_end = end - len(poss.ending)
        if not low.endswith(poss.ending, start, end) or not _stem_ok(
            low, start, base_end, poss, strict
        ):
            continue
        part = (("poss", base_end, end),)
        out.append(_Inner(base_end, part, False))
        if strict and _voiced_after_vowel(low, start, base_end):
            out.append(_Inner(base_end, part, True))
        out += [
            _Inner(pl_end, (("pl", pl_end, base_end), *part), False)
            for pl, pl_end in _plural_ends(low, start, base_end, strict)
        ]
    out += [
        _Inner(pl_end, (("pl", pl_end, end),), False)
        for _, pl_end in _plural_ends(low, start, end, strict)
    ]
    return out


def _plural_ends(low: str, start: int, end: int, strict: bool) -> list[tuple[_Suffix, int]]:
    return [
        (pl, end - len(pl.ending))
        for pl in _stem_suffixes_by_last_letter("pl").get(low[end - 1] if end > start else "", ())
        if low.endswith(pl.ending, start, end)
        and _stem_ok(low, start, end - len(pl.ending), pl, strict)
    ]


def _stem_ok(low: str, start: int, end: int, suffix: _Suffix, strict: bool) -> bool:
    """A stem must keep two letters and a vowel, and agree with the suffix."""
    stem = low[start:end]
    if len(stem) < 2:
        return False
    if not strict:
        return True
    return _has_vowel(stem) and _fits(stem, suffix)


def _voiced_after_vowel(low: str, start: int, end: int) -> bool:
    """министрліг|і: a г ғ б after a vowel may be a voiced к қ п."""
    return end - start >= 2 and low[end - 1] in _voicing() and low[end - 2] in VOWELS


def _case_splits(low: str, start: int, strict: bool) -> list[tuple[_Suffix, int, _Inner]]:
    """Every (case ending, form end, inner reading) that fits ``low[start:]``."""
    out = []
    for suf in _case_suffixes_by_last_letter().get(low[-1:], ()):
        form_end = len(low) - len(suf.ending)
        if not low.endswith(suf.ending) or form_end - start < 2:
            continue
        for inner in _inner_parses(low, start, form_end, strict):
            ends_poss = bool(inner.parts) and inner.parts[-1][0] == "poss"
            if suf.pronominal != ends_poss:
                continue
            if suf.pronominal:
                poss_harmony = _vowel_harmony(low[inner.parts[-1][1] : inner.parts[-1][2]])
                if strict and not _harmony_ok(suf.harmony, poss_harmony):
                    continue
            elif strict and not _fits(low[start:form_end], suf):
                continue
            out.append((suf, form_end, inner))
    return out


# ---------------------------------------------------------------------------
# Ranking


def _protected_cut(low: str, cut_at: int) -> bool:
    """Whether cutting at ``cut_at`` would split a protected ending such as -стан.

    Callers allow the cut anyway when the stem left is known: Арыс+тан is the
    ablative of the town Арыс, Пакис+тан is nothing.
    """
    return any(low.endswith(p) and cut_at > len(low) - len(p) for p in _protected_endings())


def _is_known(low: str, start: int, end: int) -> bool:
    """A slice is known when it, or the whole token up to ``end``, is in the lexicon."""
    lex = _lexicon()
    return low[start:end] in lex or low[:end] in lex


def _lemma_text(low: str, start: int, inner: _Inner) -> str:
    stem = low[start : inner.stem_end]
    if inner.unvoice:
        stem = stem[:-1] + _voicing()[stem[-1]]
    return stem


def _score(low: str, start: int, suf: _Suffix | None, form_end: int, inner: _Inner) -> float:
    """How plausible one reading is; larger is better.

    Known words are never cut; a split wins by its stem being known; without
    knowledge a phonotactically valid case split beats leaving the word as it
    is, except for the readings that real text makes doubtful: the adjectival
    -ғы (ертегі, ішкі), the accusative -ны/-ні, which is also an -н stem's
    possessive (телерадиокешені), and the pronominal accusative -н after a
    plain -ы/-і (Алтын, Тұрсын): these stand only on a known stem.
    """
    lemma = _lemma_text(low, start, inner)
    lemma_known = lemma in _lexicon() or (low[:start] + lemma) in _lexicon()
    form_known = _is_known(low, start, form_end)
    unknown_parts = 0 if lemma_known else len(inner.parts)
    score = _NO_CUT if suf is None else _CUT + 0.1 * len(suf.ending)
    if suf is not None and not form_known and _doubtful(low, suf, inner):
        score = _WEAK
    if form_known:
        score += _KNOWN_WORD if suf is None else _KNOWN_FORM
    if lemma_known:
        score += _KNOWN_LEMMA + 0.01 * len(inner.parts)
    return score - 0.05 * unknown_parts


def _doubtful(low: str, suf: _Suffix, inner: _Inner) -> bool:
    """Splits real text does not support without a known stem (see :func:`_score`)."""
    if suf.tag == "adj":
        return True
    if suf.tag == "acc" and suf.ending in ("ны", "ні"):
        return True  # телерадиокешені is кешен+і (possessive), not кеше+ні
    if suf.tag == "acc" and suf.pronominal:
        poss_start, poss_end = inner.parts[-1][1], inner.parts[-1][2]
        strong = poss_end - poss_start == 2 or inner.unvoice or low[poss_start - 1] in _voicing()
        return not strong
    return False


def _build(
    word: str, low: str, start: int, suf: _Suffix | None, form_end: int, inner: _Inner, score: float
) -> Analysis:
    """An :class:`Analysis` whose strings are slices of the original ``word``."""
    stem = word[: inner.stem_end]
    lemma = stem
    if inner.unvoice:
        voiceless = _voicing()[low[inner.stem_end - 1]]
        lemma = stem[:-1] + (voiceless.upper() if stem[-1].isupper() else voiceless)
    morphs = [Morph(tag, word[a:b]) for tag, a, b in inner.parts]
    if suf is not None:
        morphs.append(Morph(suf.tag, word[form_end:]))
    known = score >= _KNOWN_LEMMA
    return Analysis(word, stem, lemma, tuple(morphs), round(score, 3), known)


def _hyphen_chain(word: str, low: str) -> list[Analysis]:
    """``ЮНЕСКО-мен``, ``5-інде``: a whole known suffix chain after the last hyphen."""
    cut = low.rfind("-")
    chain = _hyphen_suffixes().get(low[cut + 1 :]) if 0 < cut < len(low) - 1 else None
    if chain is None:
        return []
    morphs = []
    pos = cut
    for i, (tag, length) in enumerate(chain):
        extra = 1 if i == 0 else 0
        morphs.append(Morph(tag, word[pos : pos + length + extra]))
        pos += length + extra
    stem = word[:cut]
    return [Analysis(word, stem, stem, tuple(morphs), _HYPHEN_CUT, low[:cut] in _lexicon())]


@lru_cache(maxsize=1 << 16)
def _analyse(word: str) -> tuple[Analysis, ...]:
    """All readings of ``word``, best first (cached by word)."""
    folded = _fold(word)
    low = folded.lower()
    if len(low) != len(word):  # lower() changed the length: keep offsets safe
        low = word.lower() if len(word.lower()) == len(word) else word
    hyphen = _hyphen_chain(word, low)
    start = low.rfind("-") + 1 if not hyphen else 0
    strict = _is_cyrillic_word(low[start:])
    short_caps = word.isupper() and len(word) <= _SHORT_CAPS
    found: dict[tuple[str, str, tuple[Morph, ...]], Analysis] = {
        (a.stem, a.lemma, a.endings): a for a in hyphen
    }
    readings: list[tuple[_Suffix | None, int, _Inner]] = [
        (None, len(low), inner) for inner in _inner_parses(low, start, len(low), strict)
    ]
    if not short_caps and not hyphen:
        readings += _case_splits(low, start, strict)
    for suf, form_end, inner in readings:
        if not _admissible(low, start, suf, form_end, inner, strict):
            continue
        a = _build(word, low, start, suf, form_end, inner, _score(low, start, suf, form_end, inner))
        key = (a.stem, a.lemma, a.endings)
        if key not in found or found[key].score < a.score:
            found[key] = a
    return tuple(sorted(found.values(), key=lambda a: (-a.score, len(a.word) - len(a.form))))


def _admissible(
    low: str, start: int, suf: _Suffix | None, form_end: int, inner: _Inner, strict: bool
) -> bool:
    """Hard limits: protected endings, and unknown stems shorter than three letters."""
    known = _is_known(low, start, form_end) or _lemma_text(low, start, inner) in _lexicon()
    first_cut = inner.parts[0][1] if inner.parts else form_end
    if (suf is not None or inner.parts) and not known and _protected_cut(low, first_cut):
        return False
    if suf is None or known:
        return True
    return form_end - start >= _MIN_UNKNOWN_STEM and (not strict or _has_vowel(low[start:form_end]))


# ---------------------------------------------------------------------------
# Public API


def analyses(word: str) -> list[Analysis]:
    """Every plausible (stem, endings) reading of one word, best first.

    The reading with no endings is always among them, so the list is never
    empty. Strings in the results are slices of ``word`` (case kept); a word
    mixing Latin look-alike letters into Cyrillic is read on a folded copy.
    """
    return list(_analyse(word))


_EDGE_PUNCT = re.compile(r"^([^\w]*)(.*?)([^\w]*)$", re.S)


_LAST_TOKEN = re.compile(r"(\S+)(\s*)$")


@lru_cache(maxsize=1 << 16)
def _nominative_word(token: str) -> str:
    """The nominative of one whitespace-free token, quotes and punctuation kept."""
    readings = _analyse(token)
    if readings[0].case != "nom":
        return readings[0].form
    m = _EDGE_PUNCT.match(token)
    if m is None or not m.group(2) or m.group(2) == token:
        return token
    lead, core, trail = m.groups()
    return lead + _analyse(core)[0].form + trail


def canonical(phrase: str) -> str:
    """A name as the record gives it: :func:`nominative`, with Latin look-alike
    letters inside Cyrillic words made Cyrillic (``Cыртқы істер
    министрлігінің`` with a Latin C -> ``Сыртқы істер министрлігі``). Mentions
    keep the text as written; only the canonical name is cleaned."""
    if not has_latin(phrase):  # nothing to fold (most names)
        return nominative(phrase)
    words = ("-".join(_fold(part) for part in word.split("-")) for word in phrase.split(" "))
    return nominative(" ".join(words))


def nominative(phrase: str) -> str:
    """The name ``phrase`` with its LAST word put into the nominative case.

    Inner words stay as written: their genitives and possessives are part of
    the name (``Қазақстан Республикасының Президентімен`` -> ``Қазақстан
    Республикасының Президенті``). The possessive and plural of the last word
    are kept too (``министрлігіне`` -> ``министрлігі``); only its case ending
    (and the attributive -дағы) goes. Words that cannot be split safely come
    back unchanged (Астана, Мамыр). Case and quotes of the input are kept.
    """
    body = phrase.rstrip()
    if not body:
        return phrase
    start = _last_word_start(body)
    return body[:start] + _nominative_word(body[start:]) + phrase[len(body) :]


def _last_word_start(body: str) -> int:
    """Where the last whitespace-free run of ``body`` (no trailing space)
    starts. A backward walk: a regex such as ``(\\S+)(\\s*)$`` searched
    from the left retried at every word and cost ~20 us a name."""
    i = len(body)
    while i > 0 and not body[i - 1].isspace():
        i -= 1
    return i


def lemma_candidates(word: str) -> list[str]:
    """Nominative forms ``word`` may stand for, best first, for gazetteer lookup.

    ``Ақтауда`` -> ``['Ақтау']``; ``облысында`` -> ``['облысы', 'облыс']``. The
    word itself is included only when leaving it unsplit is the best reading.
    A Russian name ending in two consonants takes a helping vowel before a
    case ending (``Минск`` -> ``Минскіде``, ``Курскіге``): such a form is also
    offered without that vowel, after the others.
    """
    readings = _analyse(word)
    best = readings[0]
    out: list[str] = [best.form]
    for a in readings:
        if a.case == "nom" and a is not best:
            continue
        if a.score >= _CUT or a is best:
            out += [a.form, a.lemma]
    if best.case != "nom" and _EPENTHETIC.search(best.form):
        out.append(best.form[:-1])
    return list(dict.fromkeys(s for s in out if s))


_EPENTHETIC = re.compile(r"[бвгдзклмнпрстфхцчшщ]{2}[ыі]$", re.IGNORECASE)


@lru_cache(maxsize=1 << 16)
def case_of(word: str) -> str:
    """The case of ``word`` by its best reading: one of :data:`CASES`.
    Cached by word: the grammar asks it of the same words many times."""
    return _analyse(word)[0].case


def is_genitive(word: str) -> bool:
    """Whether ``word`` reads as a genitive (``Қазақстанның``, ``ЮНЕСКО-ның``)."""
    return case_of(word) == "gen"


# ---------------------------------------------------------------------------
# Generation


def _pick(suffixes: Iterable[_Suffix], harmony: str, cls: str | None) -> str:
    """The one suffix variant for a stem of this harmony and final class."""
    for s in suffixes:
        if s.harmony in ("any", harmony) and (cls is None or not s.classes or cls in s.classes):
            return s.ending
    raise ValueError(f"no suffix for harmony={harmony} class={cls}")


def _number_reading(digits: str) -> str:
    """How a number ends when read aloud, which decides its ending (2025 -> бес)."""
    n = int(digits)
    units = ["нөл", "бір", "екі", "үш", "төрт", "бес", "алты", "жеті", "сегіз", "тоғыз"]
    tens = ["", "он", "жиырма", "отыз", "қырық", "елу", "алпыс", "жетпіс", "сексен", "тоқсан"]
    if n % 10 or n == 0:
        return units[n % 10]
    if n % 100:
        return tens[(n % 100) // 10]
    if n % 1000:
        return "жүз"
    return "мың" if n % 1_000_000 else "миллион"


def _sound_of(word: str) -> str:
    """The lower-case Cyrillic text whose sound decides the endings of ``word``."""
    if word.isdigit():
        return _number_reading(word)
    low = _fold(word).lower()
    if _is_cyrillic_word(low):
        return low
    # A Latin name: read its letters roughly as Kazakh would say them.
    latin = str.maketrans("abcdefghijklmnopqrstuvwxyz", "абксефгхижклмнопқрстувуксз")
    return low.translate(latin).rstrip("е") or "а"


def _already_possessive(words: list[str]) -> bool:
    """Whether the last word is an izafet head already (Кино агенттігі, Ресей Федерациясы).

    Known possessive heads count; otherwise -сы/-сі, or -ы/-і after a consonant
    as the last word of a multi-word name. A single word like Алматы does not.
    """
    low = _fold(words[-1]).lower()
    lex = _lexicon()
    if len(words) == 1 and low in _plain_names():
        return False
    best = next(a for a in _analyse(words[-1]) if a.case == "nom")
    if best.possessive and _fold(best.lemma).lower() in lex:
        return True
    if len(low) < 3 or (len(words) == 1 and low in lex):
        return False
    if low[-2:] in ("сы", "сі") and low[-3] in VOWELS:
        return len(words) > 1 or low not in lex
    return len(words) > 1 and low[-1] in "ыі" and low[-2] not in VOWELS and low not in lex


def _possess(stem: str) -> str:
    """Add the 3rd-person possessive, voicing a final к қ п after a vowel."""
    low = stem.lower()
    if _final_class(low) == "V":
        return stem + _pick(_stem_suffixes("poss"), _harmony_of(low), "V")
    ending = _pick(_stem_suffixes("poss"), _harmony_of(low), _final_class(low))
    voiced = {v: k for k, v in _voicing().items()}
    if len(low) >= 2 and low[-1] in voiced and low[-2] in VOWELS:
        last = voiced[low[-1]]
        stem = stem[:-1] + (last.upper() if stem[-1].isupper() else last)
    return stem + ending


def inflect(lemma: str, case: str, possessive: bool = False, plural: bool = False) -> str:
    """Put the last word of ``lemma`` into ``case`` (a tag of :data:`CASES` or its full name).

    ``possessive`` adds the 3rd-person possessive and ``plural`` the plural
    (before it). A last word that already ends in the izafet possessive
    (``Кино агенттігі``) takes the pronominal-n endings (``агенттігіне``).
    Digits, acronyms and Latin names take their ending after a hyphen
    (``ЮНЕСКО-мен``, ``2025-ке``, ``Google-ға``).
    """
    tag = _CASE_ALIASES.get(case, case)
    if tag not in CASES:
        raise ValueError(f"unknown case {case!r}; expected one of {CASES}")
    m = _LAST_TOKEN.search(lemma)
    if m is None:
        raise ValueError("inflect() needs a non-empty lemma")
    words = lemma.split()
    word = m.group(1)
    hyphenate = _needs_hyphen(word)
    owned = _already_possessive(words)
    if plural and owned:
        raise ValueError(f"{word!r} is already possessive: pass its bare lemma to pluralise it")
    if plural:
        sound = _sound_of(word)
        word = (
            word
            + ("-" if hyphenate else "")
            + _pick(_stem_suffixes("pl"), _harmony_of(sound), _final_class(sound))
        )
        hyphenate = False
    if possessive and not owned:
        word = (
            _possess(word)
            if not hyphenate
            else word + "-" + _possess(_sound_of(word))[len(_sound_of(word)) :]
        )
        hyphenate, owned = False, True
    if tag != "nom":
        word += ("-" if hyphenate else "") + _case_ending(_sound_of(word), tag, owned)
    return lemma[: m.start(1)] + word + m.group(2)


def _needs_hyphen(word: str) -> bool:
    """Digits, acronyms and Latin names take their endings after a hyphen."""
    return (
        word.isupper()
        or any(ch.isdigit() for ch in word)
        or not _is_cyrillic_word(_fold(word).lower())
    )


def _case_ending(sound: str, tag: str, pronominal: bool) -> str:
    """The case ending for a stem that sounds like ``sound``."""
    harmony = _harmony_of(sound)
    sufs = [s for s in _case_suffixes() if s.tag == tag and s.pronominal == pronominal]
    if not sufs:  # the adjectival -ғы has no pronominal form: it follows the vowel
        sufs = [s for s in _case_suffixes() if s.tag == tag]
    return _pick(sufs, harmony, None if pronominal else _final_class(sound))
