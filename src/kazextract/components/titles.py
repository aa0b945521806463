"""Titles: proper names in quotes, with what they name.

Kazakh news quotes the names of films, festivals, projects, programmes,
companies and newspapers: «Қорқыт ата» кинофестивалі, «Түрікменфильм»
бірлестігі, „Болашақ“ бағдарламасы. Quotes also mark speech, so a quoted span
that reads as a clause of speech (it ends in . ! ? or is longer than a name
can be) is not a title.

The quote pairing is done on characters, line by line, because real pages
have unbalanced quotes; a quote left open at the end of a line is dropped.
The ``kind`` comes from the cue words around the title, kept as data in
``models/title_kinds.tsv``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from .. import docdata, morph
from ..resources import alternation, group_by, preload, read_tsv
from ..spans import TITLES, TitleInfo

MAX_TITLE_WORDS = 12
MAX_TITLE_CHARS = 120

# pairs of (opening, closing) quote characters; straight quotes pair with themselves
_PAIRS = {"«": "»", "„": "“", "“": "”", '"': '"', "‹": "›"}
_CLOSERS = {"»", "“", "”", '"', "›"}
# every character the pairing acts on (openers and closers): the rest of a
# line is skipped by the regex instead of a Python loop over each character
_QUOTE_CHAR = re.compile("[" + re.escape("".join(sorted(set(_PAIRS) | _CLOSERS))) + "]")
_SPEECH_END = re.compile(r"[.!?…]\s*$")
_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
_NOT_KINDS = frozenset({"none", "linker", "speech"})  # title_kinds.tsv rows that name no kind


@dataclass(frozen=True)
class Quoted:
    """A quoted stretch: ``start``/``end`` index the text inside the quotes;
    ``depth`` is 0 for an outermost quote, 1 for one inside it, ..."""

    start: int
    end: int
    outer_start: int
    outer_end: int
    depth: int = 0


def find_quoted(text: str) -> list[Quoted]:
    """Quoted stretches of ``text``, outer ones and those nested in them,
    paired line by line, in order of their opening quote.

    «» and ‹› nest; „“, “” and "" pair with the next closer on the same line.
    A straight quote opens only before a letter or digit, after a space, start
    of line or an opening bracket; otherwise it closes the open straight quote.
    A closer that no open quote expects closes the innermost one: pages mix
    quote styles (``"Достық көпірі»``).
    """
    found: list[Quoted] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        if _QUOTE_CHAR.search(line):  # most lines quote nothing
            found.extend(_quoted_in_line(line, offset))
        offset += len(line)
    return sorted(found, key=lambda q: q.outer_start)


def _opens(line: str, i: int) -> bool:
    ch = line[i]
    before = line[i - 1] if i > 0 else " "
    after = line[i + 1] if i + 1 < len(line) else " "
    if ch == '"':
        return (before.isspace() or before in "([«—–-:") and (after.isalnum() or after in "«„“")
    return True


def _quoted_in_line(line: str, offset: int) -> list[Quoted]:
    out: list[Quoted] = []
    stack: list[tuple[str, int]] = []  # (expected closer, index of opener)

    def close(depth: int, i: int) -> None:
        opened = stack[depth][1]
        del stack[depth:]
        out.append(Quoted(offset + opened + 1, offset + i, offset + opened, offset + i + 1, depth))

    for found in _QUOTE_CHAR.finditer(line):
        i, ch = found.start(), found.group()
        if stack and ch == stack[-1][0]:
            close(len(stack) - 1, i)
            continue
        if ch in _PAIRS and _opens(line, i):
            # «„Болашақ“ ...»: „ inside « nests; a second « inside « nests too
            stack.append((_PAIRS[ch], i))
            continue
        if ch in _CLOSERS and stack:
            # a closer of an outer quote («Х “Y» closes down to «), or of no
            # open quote at all (a mismatched pair): close the innermost
            depths = [d for d in range(len(stack)) if stack[d][0] == ch]
            close(depths[-1] if depths else len(stack) - 1, i)
    return out


def is_title_text(inner: str) -> bool:
    """A name, not quoted speech: short, not a finished clause, has a letter."""
    stripped = inner.strip()
    if not stripped or not any(c.isalpha() for c in stripped):
        return False
    if stripped[0] in "—–-":  # dialogue dash inside quotes
        return False
    if len(stripped) > MAX_TITLE_CHARS:
        return False
    words = _WORD.findall(stripped)
    if len(words) > MAX_TITLE_WORDS:
        return False
    if stripped[-1] in "!?" and len(words) >= 2:  # «Біз дайынбыз!»
        return False
    return not (_SPEECH_END.search(stripped) and len(words) >= 3)


def is_speech(text: str, quoted: Quoted) -> bool:
    """Quoted speech by its frame: a dash or деп/деді after the closing quote,
    or a colon before an opening quote of several words."""
    after = text[quoted.outer_end : quoted.outer_end + 20]
    if _speech_after().match(after):
        return True
    before = text[max(0, quoted.outer_start - 3) : quoted.outer_start].rstrip()
    return before.endswith(":") and len(_WORD.findall(text[quoted.start : quoted.end])) >= 3


@preload
@cache
def _cues() -> tuple[tuple[str, str, str], ...]:
    """(stem, kind, side), longest stems first so that specific cues win."""
    rows = [
        (r["stem"], r["kind"], r["side"])
        for r in read_tsv("title_kinds.tsv")
        if r["kind"] not in _NOT_KINDS
    ]
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


@preload
@cache
def _cues_by_start() -> dict[tuple[str, str], tuple[tuple[str, str, str], ...]]:
    """:func:`_cues` by (side, first letter), in their order."""
    return group_by(_cues(), lambda cue: (cue[2], cue[0].lower()[:1]))


@cache
def _words_of_kind(kind: str) -> frozenset[str]:
    """title_kinds.tsv rows of one non-kind: ``none`` (words that start like a
    cue but are not one: арнайы 'special' is not арна 'channel'), ``linker``
    (words between the quote and the cue: «X» атты деректі фильм), ``speech``
    (verbs that follow quoted speech: «...» деп жауап берді)."""
    return frozenset(r["stem"].lower() for r in read_tsv("title_kinds.tsv") if r["kind"] == kind)


def _not_cues_set() -> frozenset[str]:
    return _words_of_kind("none")


@preload
@cache
def _speech_after() -> re.Pattern[str]:
    """What follows quoted speech: a dash (``«...», — деді елші``) or a speech
    verb (``«...» деп``)."""
    return re.compile(rf"^\s*,?\s*(?:[—–-]|(?:{alternation(_words_of_kind('speech'))})\b)")


@lru_cache(maxsize=1 << 14)
def _cue_kind(word: str, side: str) -> str | None:
    """The kind a cue word names on ``side`` of a title, by the longest cue
    stem it starts with. Cached by word; only the cues of the word's first
    letter are scanned (a word that starts with a stem starts with its letter)."""
    for stem, kind, _ in _cues_by_start().get((side, word.lower()[:1]), ()):
        if stem.isupper():
            # legal forms, also with a hyphenated ending: ЖШС-нің
            if word.split("-", 1)[0] == stem:
                return kind
        elif word.lower().startswith(stem.lower()):
            return kind
    return None


def _is_head(word: str) -> bool:
    """A cue word that carries an ending (фестивалі, сыйлығы, жобасымен) is
    the head of the phrase after a title; a bare one (театр in «X» театр
    фестивалі) may still be a modifier of a head that follows."""
    if word.isupper():
        return False
    analysis = morph.analyses(word)[0]
    return bool(analysis.endings)


def title_kind(text: str, outer_start: int, outer_end: int) -> str:
    """The kind of a title from the phrase after the closing quote (its head
    noun: the first cue word with an ending, else the last cue word, skipping
    атты/деген and adjectives) or the words before the opening quote."""
    after = _WORD.findall(text[outer_end : outer_end + 80].split("\n", 1)[0])
    found: str | None = None
    for word in after[:5]:
        if word.lower() in _not_cues_set():
            continue
        kind = _cue_kind(word, "after")
        if kind:
            found = kind
            if _is_head(word):
                break
        elif found is not None and word.lower() not in _words_of_kind("linker"):
            break
    if found:
        return found
    before = _WORD.findall(text[max(0, outer_start - 40) : outer_start].rsplit("\n", 1)[-1])
    if before:
        two = " ".join(before[-2:]).lower()
        for candidate in (two, before[-1].lower()):
            kind = _cue_kind(candidate, "before")
            if kind:
                return kind
    return "other"


def _span_for(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, label=TITLES, alignment_mode="expand")


@Language.factory("kazextract_titles")
def make_titles(nlp: Language, name: str) -> TitlesComponent:
    return TitlesComponent()


class TitlesComponent:
    """Writes ``doc.spans["titles"]``: one span per quoted title occurrence,
    with :class:`TitleInfo` (text inside the quotes, kind) on ``span._.kx``."""

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        text = docdata.text(doc)
        taken: list[Quoted] = []
        for quoted in find_quoted(text):
            # a quote inside a title is part of it («"Болашақ" бағдарламасы»);
            # one inside quoted speech may be a title of its own
            if any(
                t.outer_start <= quoted.outer_start and quoted.outer_end <= t.outer_end
                for t in taken
            ):
                continue
            inner = text[quoted.start : quoted.end]
            if not is_title_text(inner) or is_speech(text, quoted):
                continue
            taken.append(quoted)
            # keep the title exactly as written, but without padding spaces
            lead = len(inner) - len(inner.lstrip())
            start, end = quoted.start + lead, quoted.start + len(inner.rstrip())
            span = _span_for(doc, start, end)
            if span is None:
                continue
            kind = title_kind(text, quoted.outer_start, quoted.outer_end)
            span._.kx = TitleInfo(text=text[start:end], kind=kind, start_char=start, end_char=end)
            spans.append(span)
        doc.spans[TITLES] = spans
        return doc
