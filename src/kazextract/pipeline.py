"""Building the pipeline once per process, and running it on an article.

``load_pipeline()`` makes the Kazakh language with the kazextract components in
their order (titles -> dates -> places -> parties -> agreements, after the
sentence splitter); it is cached, so a process loads it once.
``make_doc`` puts the reader's findings on the Doc before the components run.
"""

from __future__ import annotations

import datetime as dt
import gc
from functools import cache

from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

from . import (
    components,  # noqa: F401  (registers the factories)
    docdata,
)
from .lang import Kazakh
from .reader import Article
from .resources import collector_paused, load_all
from .spans import register_extensions

TOKENIZER_CACHE = 1 << 16  # whitespace-separated chunks whose tokens are remembered (as many as our word caches)

# Component factories in pipeline order. Each reads the span groups of the
# ones before it.
COMPONENTS: tuple[str, ...] = (
    "kazextract_sentences",
    "kazextract_titles",
    "kazextract_dates",
    "kazextract_places",
    "kazextract_parties",
    "kazextract_agreements",
)


@cache
def load_pipeline() -> Language:
    """The kazextract pipeline (cached: one per process)."""
    with collector_paused():  # building the tables frees nothing: see collector_paused
        register_extensions()
        nlp = Kazakh()
        # spaCy caches the tokens of 10,000 distinct chunks, then stops caching:
        # a batch over real news passes that within a few hundred articles
        if isinstance(nlp.tokenizer, Tokenizer):
            nlp.tokenizer.max_cache_size = TOKENIZER_CACHE
        for factory in COMPONENTS:
            nlp.add_pipe(factory)
        load_all()  # the data tables every component reads (see resources.preload)
    return nlp


@cache
def load_pipeline_for_a_long_run() -> Language:
    """:func:`load_pipeline`, then everything built so far frozen out of the
    garbage collector's sight (``gc.freeze``): for the command line's long
    runs (``batch``, ``parse``, a JSON Lines stream), whose process lives as
    long as the pipeline. A full collection then no longer walks the data tables (the
    first one cost ~50 ms) nor touches their memory in forked batch workers.
    :func:`load_pipeline` itself leaves a library user's collector alone.
    Cached: the freeze happens once (freezing again would keep for ever the
    garbage of the articles read since)."""
    nlp = load_pipeline()
    gc.freeze()
    return nlp


RENEW_AFTER = 20_000
"""Articles a long run reads with one pipeline before it starts a fresh one.

Why: spaCy's vocabulary keeps every word form it has met, for the life of
the pipeline (~0.75 KB each), and real news keeps bringing new ones. On the
stream of ``bench/memory_stream.py`` the vocabulary reached 222,000 forms
after 20,000 articles, and it never stops growing; with the word caches
filling up to their bounds, a worker grew from 105 MiB to ~330 MiB over its
first 4,000 articles and to ~500 MiB by 20,000. So ``batch`` replaces its
worker processes after this many articles, which also empties the word
caches (the price: warming them again, ~3 s of extra work against ~130 s
for the 20,000 articles); a JSON Lines stream, which runs in one process,
renews its pipeline (:func:`renew_pipeline_for_a_long_run`).
"""


def renew_pipeline_for_a_long_run() -> Language:
    """A fresh pipeline, with a fresh spaCy vocabulary, in place of the one
    :func:`load_pipeline_for_a_long_run` gave this process (see
    :data:`RENEW_AFTER`). Records do not change: no word cache keeps a spaCy
    object, only words and what they say.

    The old pipeline was frozen out of the collector's sight, and its parts
    refer to each other, so it is unfrozen and collected before the new one
    is loaded and frozen (~0.3-0.7 s, once in 20,000 articles)."""
    gc.unfreeze()
    load_pipeline.cache_clear()
    load_pipeline_for_a_long_run.cache_clear()
    gc.collect()
    return load_pipeline_for_a_long_run()


def make_doc(nlp: Language, article: Article) -> Doc:
    """Tokenise the article's text and attach the reader's context."""
    doc = nlp.make_doc(article.text)
    docdata.remember_text(doc, article.text)  # doc.text rebuilds it from every token
    doc._.article = article
    doc._.published = dt.date.fromisoformat(article.published) if article.published else None
    doc._.warnings = []
    return doc


def run(nlp: Language, article: Article) -> Doc:
    """Run every component on the article's Doc."""
    doc = make_doc(nlp, article)
    for _name, component in nlp.pipeline:
        doc = component(doc)
    return doc
