"""Throughput on distinct articles read once: the cold-cache figure that
``bench/throughput.py`` (three samples repeated) cannot show.

    PYTHONPATH=src python bench/throughput_unseen.py

The articles are the texts of the held-out gold sets in ``tests/data`` (written
for kazextract) and, when ``../shared`` is beside the repository, the dev gold
set. Each is read once, in a fresh process, so every per-word cache starts
cold, as it does for the first articles of any real corpus and for the new
words of every later one. Prints CPU milliseconds per article of the full
pipeline (reader, components, record, JSON line) and of the tokenizer alone on
the same texts, and their ratio.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

GOLD = [REPO.parent / "shared" / "data" / "dev.gold.jsonl", *sorted((REPO / "tests" / "data").glob("heldout_*.gold.jsonl"))]


def texts() -> list[str]:
    out = []
    for path in GOLD:
        if path.exists():
            out += [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return out


def main() -> None:
    from kazextract import extract_article, load_pipeline
    from kazextract.reader import read_text

    articles = texts()
    nlp = load_pipeline()
    extract_article(read_text("Астана. Бір сөйлем."))  # load the data tables, not the words
    started = time.process_time()
    for text in articles:
        extract_article(read_text(text)).model_dump_json()
    pipeline = time.process_time() - started
    started = time.process_time()
    tokens = sum(len(nlp.tokenizer(text)) for text in articles)
    tokenizer = time.process_time() - started
    n = len(articles)
    print(f"{n} distinct articles, {tokens} tokens, each read once (word caches cold)")
    print(f"  tokenizer alone  {tokenizer / n * 1000:7.2f} ms/article")
    print(f"  full pipeline    {pipeline / n * 1000:7.2f} ms/article")
    print(f"  b/a = {tokenizer / pipeline:.3f}")


if __name__ == "__main__":
    main()
