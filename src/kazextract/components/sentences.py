"""Sentence boundaries that know Kazakh abbreviations and page layout.

A sentence ends at . ! ? … (with any closing quotes or brackets after them)
and at every line break: news pages put headlines, datelines and paragraphs
on lines of their own, and a headline has no full stop. Abbreviations and
initials (``ж.``, ``т.б.``, ``А.``) are single tokens made by the tokenizer
exceptions, so their full stop never ends a sentence; a full stop followed by
a lower-case word does not end one either (``5 қыркүй. көрсетілді``).
The dateline (``АСТАНА. KAZINFORM —``) is a sentence of its own, so that the
first sentence of the story, an agreement's evidence, starts after it.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .. import docdata

_TERMINALS = {".", "!", "?", "…", "?!", "!?", "..."}
_CLOSING = {"»", "“", "”", '"', ")", "]", "›"}


@Language.component("kazextract_sentences")
def set_sentence_starts(doc: Doc) -> Doc:
    """Mark ``is_sent_start`` on every token (True or False).

    The rules read the token texts as plain strings and the marks are written
    in one call (:func:`kazextract.docdata.set_sent_starts`): setting
    ``token.is_sent_start`` token by token built a spaCy Token per word.
    """
    article = doc._.article
    lead_start = article.lead_start if article is not None else None
    texts = docdata.words(doc)
    idxs = docdata.offsets(doc)
    space = docdata.spaces(doc)
    starts = [False] * len(texts)
    boundary_next = True
    for i, text in enumerate(texts):
        if idxs[i] == lead_start:
            boundary_next = True
        if space[i]:
            starts[i] = boundary_next
            if "\n" in text or "\r" in text:
                boundary_next = True
            continue
        if boundary_next:
            starts[i] = True
            boundary_next = False
        if text in _TERMINALS or (text in _CLOSING and i > 0 and texts[i - 1] in _TERMINALS):
            following = _next_word(texts, space, i)
            if following is None or not (following[:1].islower() and text == "."):
                boundary_next = not (following is not None and following in _CLOSING)
    docdata.set_sent_starts(doc, starts)
    return doc


def _next_word(texts: list[str], space: list[bool], i: int) -> str | None:
    for j in range(i + 1, len(texts)):
        if not space[j]:
            return texts[j]
    return None
