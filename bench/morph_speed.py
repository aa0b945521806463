"""How fast kazextract.morph.nominative is, in words per second.

nominative() is called on every candidate span, so it must be cheap. This
prints two figures: cold (every word new: the full analysis runs) and warm
(the realistic case: news repeats its words, and results are cached by word).

    PYTHONPATH=src /work/venv/bin/python bench/morph_speed.py
"""

from __future__ import annotations

import time
from pathlib import Path

from kazextract import morph

FORMS = Path(__file__).resolve().parents[1] / "tests" / "data" / "morph_forms.tsv"


def _words() -> list[str]:
    """Every single word of the hand-written form table (a realistic mix)."""
    lines = FORMS.read_text(encoding="utf-8").splitlines()
    rows = [ln.split("\t") for ln in lines if ln and not ln.startswith("#")][1:]
    return [w for row in rows for w in row[0].split()]


def _rate(words: list[str], rounds: int) -> float:
    start = time.perf_counter()
    for _ in range(rounds):
        for w in words:
            morph.nominative(w)
    return rounds * len(words) / (time.perf_counter() - start)


def main() -> None:
    words = _words()
    morph.nominative("Астанада")  # load the tables and the lexicon once
    cold = _cold_rate(words, 5)
    warm = _rate(words, 200)
    print(f"words in the mix: {len(words)} ({len(set(words))} distinct)")
    print(f"nominative cold (uncached): {cold:,.0f} words/s")
    print(f"nominative warm (cached):   {warm:,.0f} words/s")


def _cold_rate(words: list[str], rounds: int) -> float:
    """Words/s with empty caches (lexicon load excluded)."""
    spent = 0.0
    for _ in range(rounds):
        morph.reload_lexicon()
        morph.nominative("Астанада")
        t0 = time.perf_counter()
        for w in words:
            morph.nominative(w)
        spent += time.perf_counter() - t0
    return rounds * len(words) / spent


if __name__ == "__main__":
    main()
