"""Memory over a long run of news that keeps bringing new words.

    PYTHONPATH=src python bench/memory_stream.py [--articles N] [--every K]

``bench/throughput.py`` measures peak RSS on the samples repeated. After the
first few articles that corpus brings no new word, so memory is flat there by
construction. Real news keeps bringing word forms a process has not met. spaCy
keeps each one in its vocabulary for the life of the process, and our word
caches fill up to their bounds.

This script models such a stream:

* The base articles are the KazNERD validation sentences (real Kazakh news),
  15 to an article, when ``../shared`` is beside the repository. Otherwise
  they are the repository's own held-out texts.
* After the first pass over them, each pass changes one vowel in 30% of the
  words of five letters or more. So new forms keep coming, at a steadier
  rate than in real news, where new words thin out.

One process runs the pipeline as a batch worker does. Every ``--every``
articles it prints its RSS, the size of spaCy's vocabulary and the mean
milliseconds an article so far. ``kazextract batch`` replaces a worker after
``pipeline.RENEW_AFTER`` articles (the default length of this run), so a
worker's memory is bounded by the last figure printed. ``--renew K`` renews
the pipeline every K articles, as a JSON Lines stream does every
``RENEW_AFTER`` (``pipeline.renew_pipeline_for_a_long_run``), to show what
that bounds in a process that lives on.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

KAZNERD = REPO.parent / "shared" / "data" / "kaznerd" / "IOB2_valid.txt"
SENTENCES_PER_ARTICLE = 15
VOWELS = "аәоөұүыіеи"
CHANGED_SHARE = 0.3


def base_articles() -> tuple[str, list[str]]:
    if KAZNERD.exists():
        from kazextract.evaluate_ner import read_iob2

        sentences = [s.text for s in read_iob2(KAZNERD)]
        step = SENTENCES_PER_ARTICLE
        return "KazNERD validation", [" ".join(sentences[i : i + step]) for i in range(0, len(sentences), step)]
    texts = []
    for path in sorted((REPO / "tests" / "data").glob("heldout_*.gold.jsonl")):
        texts += [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return "the held-out texts in tests/data", texts


def changed(text: str, rng: random.Random) -> str:
    """``text`` with one vowel changed in some of its longer words: forms never met before."""

    def change(word: str) -> str:
        inner = [i for i, c in enumerate(word[1:-1], 1) if c in VOWELS]
        if len(word) < 5 or not inner or rng.random() > CHANGED_SHARE:
            return word
        i = rng.choice(inner)
        return word[:i] + rng.choice(VOWELS) + word[i + 1 :]

    return " ".join(change(word) for word in text.split(" "))


def rss_mib() -> float:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    from kazextract import extract_article
    from kazextract.pipeline import (
        RENEW_AFTER,
        load_pipeline_for_a_long_run,
        renew_pipeline_for_a_long_run,
    )
    from kazextract.reader import read_text

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=RENEW_AFTER)
    parser.add_argument("--every", type=int, default=2000)
    parser.add_argument("--renew", type=int, default=0, help="renew the pipeline every this many articles")
    args = parser.parse_args()

    source, base = base_articles()
    nlp = load_pipeline_for_a_long_run()  # as a batch worker has it
    rng = random.Random(5)
    print(f"stream: {source} ({len(base)} articles), then the same with new word forms")
    print(f"{'articles':>9} {'RSS MiB':>8} {'vocabulary':>11} {'ms/article':>11}")
    print(f"{0:9d} {rss_mib():8.0f} {len(nlp.vocab):11d}")
    started = time.process_time()
    for k in range(args.articles):
        if args.renew and k and k % args.renew == 0:
            nlp = renew_pipeline_for_a_long_run()
        text = base[k % len(base)]
        if k >= len(base):
            text = changed(text, rng)
        extract_article(read_text(text)).model_dump_json()
        if (k + 1) % args.every == 0 or k + 1 == args.articles:
            ms = (time.process_time() - started) / (k + 1) * 1000
            print(f"{k + 1:9d} {rss_mib():8.0f} {len(nlp.vocab):11d} {ms:11.1f}", flush=True)
    print(f"a batch worker is replaced, and a stream's pipeline renewed, every {RENEW_AFTER} articles")


if __name__ == "__main__":
    main()
