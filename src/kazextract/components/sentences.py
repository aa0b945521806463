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
from spacy.tokens import Doc, Token

_TERMINALS = {".", "!", "?", "…", "?!", "!?", "..."}
_CLOSING = {"»", "“", "”", '"', ")", "]", "›"}


@Language.component("kazextract_sentences")
def set_sentence_starts(doc: Doc) -> Doc:
    """Mark ``is_sent_start`` on every token (True or False)."""
    article = doc._.article
    lead_start = article.lead_start if article is not None else None
    boundary_next = True
    for i, token in enumerate(doc):
        if token.idx == lead_start:
            boundary_next = True
        if token.is_space:
            token.is_sent_start = boundary_next
            if "\n" in token.text or "\r" in token.text:
                boundary_next = True
            continue
        if boundary_next:
            token.is_sent_start = True
            boundary_next = False
        else:
            token.is_sent_start = False
        if token.text in _TERMINALS or (
            token.text in _CLOSING and i > 0 and doc[i - 1].text in _TERMINALS
        ):
            following = _next_word(doc, i)
            if following is None or not (following.text[:1].islower() and token.text == "."):
                boundary_next = not (following is not None and following.text in _CLOSING)
    return doc


def _next_word(doc: Doc, i: int) -> Token | None:
    for token in doc[i + 1 :]:
        if not token.is_space:
            return token
    return None
