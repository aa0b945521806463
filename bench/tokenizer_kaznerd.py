"""How often our tokenizer reproduces KazNERD's tokens exactly.

KazNERD (Yeshpanov, Khassanov, Varol, LREC 2022; CC BY 4.0) gives each
sentence as tokens. We join them with single spaces, run the kk tokenizer,
and count the sentences whose token sequence comes back unchanged; a second
figure re-tokenises the sentence with spaces removed around punctuation (as
the text would be written), which is the harder, more realistic test.

    python bench/tokenizer_kaznerd.py [../shared/data/kaznerd/IOB2_valid.txt]
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

import spacy

import kazextract.lang  # noqa: F401  (registers "kk")

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "kaznerd" / "IOB2_valid.txt"


def read_sentences(path: Path) -> list[list[str]]:
    sentences: list[list[str]] = []
    current: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts:
            if current:
                sentences.append(current)
                current = []
            continue
        current.append(parts[0])
    if current:
        sentences.append(current)
    return sentences


def detokenize(tokens: list[str]) -> str:
    """Write tokens as prose: no space before , . ; : ! ? ) » and after ( «."""
    text = " ".join(tokens)
    text = re.sub(r" ([,.;:!?)»”])", r"\1", text)
    return re.sub(r"([(«„]) ", r"\1", text)


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    if not path.exists():
        sys.exit(f"KazNERD file not found: {path}")
    nlp = spacy.blank("kk")
    sentences = read_sentences(path)
    spaced = prose = 0
    misses: Counter[str] = Counter()
    for tokens in sentences:
        ours = [t.text for t in nlp.tokenizer(" ".join(tokens))]
        spaced += ours == tokens
        ours_prose = [t.text for t in nlp.tokenizer(detokenize(tokens))]
        if ours_prose == tokens:
            prose += 1
        else:
            for tok in set(ours_prose) - set(tokens):
                misses[tok] += 1
    n = len(sentences)
    print(f"KazNERD sentences: {n}")
    print(f"exact token match, tokens joined by spaces: {spaced}/{n} = {spaced / n:.2%}")
    print(f"exact token match, written as prose:        {prose}/{n} = {prose / n:.2%}")
    print("commonest tokens of ours not in the gold (prose):", ", ".join(f"{t!r}×{c}" for t, c in misses.most_common(12)))


if __name__ == "__main__":
    main()
