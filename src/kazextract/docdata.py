"""Per-Doc facts every component reads, computed once and kept on the Doc.

Why: a spaCy ``Token`` is a new Python object each time it is reached
(``doc[i]``, ``for t in doc``, ``doc.text``), and building them was the
largest single cost of the pipeline: ``doc.text`` alone joins a new Token
per word on every call. The components only need plain facts of the tokens
(their texts, offsets, whether they are whitespace, where sentences start),
so these are read here in one pass through ``Doc.to_array`` and cached in
``doc.user_data`` under private keys.

The token facts never change once the tokenizer has run (no component
retokenizes). Sentence starts do change, when the sentence component runs:
it hands its result to :func:`set_sent_starts`, and :func:`sent_starts` reads
the Doc itself when no such result is stored.
"""

from __future__ import annotations

from typing import Any, cast

import numpy
from spacy.attrs import IDX, IS_SPACE, LENGTH, SENT_START
from spacy.tokens import Doc
from thinc.types import Ints2d

_TEXT = "kazextract.docdata.text"
_TOKENS = "kazextract.docdata.tokens"
_STARTS = "kazextract.docdata.sent_starts"


def _store(doc: Doc) -> dict[Any, Any]:
    # types quoted in cast(): a subscripted dict[...] is built on every call
    return cast("dict[Any, Any]", doc.user_data)


def remember_text(doc: Doc, text: str) -> None:
    """Keep the text the Doc was made from: spaCy's tokenizer is
    non-destructive, so it is ``doc.text`` without rebuilding it from tokens."""
    _store(doc)[_TEXT] = text


def text(doc: Doc) -> str:
    """``doc.text``, built once per Doc."""
    store = _store(doc)
    found = store.get(_TEXT)
    if found is None:
        found = store[_TEXT] = doc.text
    return cast(str, found)


def _tokens(doc: Doc) -> tuple[list[str], list[int], list[bool]]:
    store = _store(doc)
    found = store.get(_TOKENS)
    if found is None:
        full = text(doc)
        columns = doc.to_array([IDX, LENGTH, IS_SPACE])
        idxs = columns[:, 0].tolist()
        ends = (columns[:, 0] + columns[:, 1]).tolist()
        found = store[_TOKENS] = (
            [full[a:b] for a, b in zip(idxs, ends, strict=True)],
            idxs,
            (columns[:, 2] != 0).tolist(),
        )
    return cast("tuple[list[str], list[int], list[bool]]", found)


def words(doc: Doc) -> list[str]:
    """The text of every token (``token.text``), in order. Do not modify."""
    return _tokens(doc)[0]


def offsets(doc: Doc) -> list[int]:
    """The character offset of every token (``token.idx``)."""
    return _tokens(doc)[1]


def spaces(doc: Doc) -> list[bool]:
    """Whether each token is whitespace (``token.is_space``)."""
    return _tokens(doc)[2]


def set_sent_starts(doc: Doc, starts: list[bool]) -> None:
    """Mark every token as starting a sentence or not (``is_sent_start`` True
    or False, never None) in one call, and remember the marks."""
    values = numpy.where(numpy.array(starts, dtype=bool), 1, -1).astype(numpy.int64).reshape(-1, 1)
    doc.from_array([SENT_START], cast(Ints2d, values.view(numpy.uint64)))
    _store(doc)[_STARTS] = list(starts)


def sent_starts(doc: Doc) -> list[bool]:
    """Whether each token starts a sentence (``bool(token.is_sent_start)``)."""
    found = _store(doc).get(_STARTS)
    if found is not None:
        return cast("list[bool]", found)
    values = doc.to_array([SENT_START]).ravel().view(numpy.int64)
    return [v == 1 for v in values.tolist()]


def span_text(doc: Doc, start: int, end: int) -> str:
    """``doc[start:end].text`` without building the Span and its Tokens: the
    text from the first token to the end of the last (spaCy is
    non-destructive, so the two are equal)."""
    if end <= start:
        return ""
    texts, idxs = words(doc), offsets(doc)
    return text(doc)[idxs[start] : idxs[end - 1] + len(texts[end - 1])]
