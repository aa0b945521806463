"""Throughput on text the pipeline has not seen: the figures that
``bench/throughput.py`` (three samples repeated, every word cache warm after
a few articles) cannot show.

    PYTHONPATH=src python bench/throughput_unseen.py

1. Distinct articles read once: the texts of the held-out gold sets in
   ``tests/data`` (written for kazextract) and, when ``../shared`` is beside
   the repository, the dev gold set. Every per-word cache starts cold, as for
   the first articles of any corpus.
2. A stream of new text, when ``../shared`` is there: the KazNERD validation
   sentences (real Kazakh news) in order, 15 to an article. Its first
   articles are cold; later ones meet mostly known words and some new ones,
   as a long batch over real news does (the steady state).

Each prints CPU milliseconds per article of the full pipeline (reader,
components, record, JSON line) and of the tokenizer alone on the same texts,
the tokenizer from a fresh language, so that its vocabulary is as cold as the
pipeline's was.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

SHARED = REPO.parent / "shared" / "data"
GOLD = [SHARED / "dev.gold.jsonl", *sorted((REPO / "tests" / "data").glob("heldout_*.gold.jsonl"))]
KAZNERD = SHARED / "kaznerd" / "IOB2_valid.txt"
SENTENCES_PER_ARTICLE = 15
WARM_UP = 100  # stream articles counted as the cold start


def texts() -> list[str]:
    out = []
    for path in GOLD:
        if path.exists():
            out += [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return out


def stream_articles() -> list[str]:
    from kazextract.evaluate_ner import read_iob2

    sentences = [s.text for s in read_iob2(KAZNERD)]
    step = SENTENCES_PER_ARTICLE
    return [" ".join(sentences[i : i + step]) for i in range(0, len(sentences), step)]


def cpu_ms_each(work: Callable[[str], object], articles: list[str]) -> list[float]:
    """CPU milliseconds of ``work`` on each article, in order."""
    out = []
    for text in articles:
        started = time.process_time()
        work(text)
        out.append((time.process_time() - started) * 1000)
    return out


def mean(values: list[float]) -> float:
    return sum(values) / len(values)


def main() -> None:
    from kazextract import extract_article
    from kazextract.lang import Kazakh
    from kazextract.pipeline import load_pipeline_for_a_long_run
    from kazextract.reader import read_text

    # the data tables are built here, not by the first article, and frozen
    # out of the collector's sight, as `kazextract batch` and `parse` do
    load_pipeline_for_a_long_run()

    def pipeline(text: str) -> None:
        extract_article(read_text(text)).model_dump_json()

    articles = texts()
    tokenizer = Kazakh().tokenizer  # its own vocabulary: as cold as the pipeline's
    tok_ms = cpu_ms_each(tokenizer, articles)
    run_ms = cpu_ms_each(pipeline, articles)
    tokens = sum(len(tokenizer(text)) for text in articles)
    print(f"{len(articles)} distinct articles, {tokens} tokens, each read once (word caches cold)")
    print(f"  tokenizer alone  {mean(tok_ms):7.2f} ms/article")
    print(f"  full pipeline    {mean(run_ms):7.2f} ms/article  ({1000 / mean(run_ms):.0f} articles/s)")

    if not KAZNERD.exists():
        print(f"\nstream: skipped, {KAZNERD} is not there")
        return
    stream = stream_articles()
    tokenizer = Kazakh().tokenizer
    tok_ms = cpu_ms_each(tokenizer, stream)
    run_ms = cpu_ms_each(pipeline, stream)
    tokens = sum(len(tokenizer(text)) for text in stream) / len(stream)
    print(f"\nstream: KazNERD validation, {SENTENCES_PER_ARTICLE} sentences an article, {len(stream)} articles of {tokens:.0f} tokens")
    for label, part in (
        (f"first {WARM_UP} articles", slice(0, WARM_UP)),
        (f"articles {WARM_UP + 1}-{len(stream)}", slice(WARM_UP, None)),
    ):
        print(
            f"  {label:<22} tokenizer alone {mean(tok_ms[part]):5.2f} ms/article   "
            f"full pipeline {mean(run_ms[part]):6.2f} ms/article  ({1000 / mean(run_ms[part]):.0f} articles/s)"
        )


if __name__ == "__main__":
    main()
