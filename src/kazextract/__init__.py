"""kazextract: Kazakh news in, validated machine-readable records out.

The library's front door::

    from kazextract import extract
    record = extract(text, published="2025-10-05")
    print(record.model_dump_json(indent=2))

``extract`` reads the text (header, title, dateline), runs the spaCy pipeline
(``load_pipeline()``, loaded once per process) and builds a
:class:`~kazextract.record.Record`.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from .resources import collector_paused

with collector_paused():  # importing spaCy and our modules frees nothing: see collector_paused
    from .build import build_record
    from .pipeline import load_pipeline, run
    from .reader import Article, read_text
    from .record import Record

try:
    __version__ = version("kazextract")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+source"


def extract_article(article: Article, doc_id: str | None = None) -> Record:
    """Run the pipeline on an article the reader has already read."""
    doc = run(load_pipeline(), article)
    return build_record(doc, doc_id)


def extract(text: str, published: str | None = None, doc_id: str | None = None) -> Record:
    """Extract the record of one article given as text.

    ``published`` (ISO date) overrides a date found in the text's header; it is
    what relative dates (``кеше``, ``биыл``) are resolved against.
    """
    article = read_text(text)
    if published is not None:
        article.published = published
    return extract_article(article, doc_id)


__all__ = ["Article", "Record", "__version__", "extract", "extract_article", "load_pipeline"]
