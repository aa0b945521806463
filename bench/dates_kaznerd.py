"""How well the dates component delimits dates, against KazNERD's DATE spans.

KazNERD (Yeshpanov, Khassanov, Varol, LREC 2022; CC BY 4.0) tags DATE spans in
11,167 validation sentences. Each sentence's tokens are joined with single
spaces, the ``kazextract_sentences`` and ``kazextract_dates`` components run
on it (the other extractors are not needed to find dates), and every date span
we write is mapped to the KazNERD tokens it touches. Scores are exact span
matches on tokens: precision, recall, F1, micro over the file.

KazNERD's DATE is wider than a date: it also tags durations (``2 жыл``,
``соңғы 5 жылда``), frequencies (``жыл сайын``), seasons (``көктемде``) and
vague words (``бүгінде``), which RECORD.md says are not dates. So recall here
has a ceiling well below 1; the ``--show`` lists say which misses are ours.

    PYTHONPATH=src python bench/dates_kaznerd.py [--file PATH] [--limit N] [--show N]
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

from kazextract.evaluate_ner import Sentence, iob_spans, read_iob2
from kazextract.lang import Kazakh
from kazextract.pipeline import make_doc
from kazextract.reader import Article
from kazextract.spans import DATES

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "kaznerd" / "IOB2_valid.txt"


def date_pipeline() -> Kazakh:
    """The Kazakh language with only the components dates need."""
    nlp = Kazakh()
    nlp.add_pipe("kazextract_sentences")
    nlp.add_pipe("kazextract_dates")
    return nlp


def predicted_spans(nlp: Kazakh, sentence: Sentence) -> set[tuple[int, int]]:
    """Our date spans as (first token, one past the last) of the KazNERD tokens."""
    doc = make_doc(nlp, Article(text=sentence.text))
    for _name, component in nlp.pipeline:
        doc = component(doc)
    offsets = sentence.offsets()
    out = set()
    for span in doc.spans[DATES]:
        touched = [i for i, (s, e) in enumerate(offsets) if s < span.end_char and span.start_char < e]
        if touched:
            out.add((touched[0], touched[-1] + 1))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--file", type=Path, default=DEFAULT, help="KazNERD IOB2 file (default: validation split)")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N sentences")
    parser.add_argument("--show", type=int, default=15, help="print the N most frequent misses and false alarms")
    args = parser.parse_args()

    sentences = read_iob2(args.file)[: args.limit]
    nlp = date_pipeline()
    started = time.perf_counter()
    tp = fp = fn = 0
    misses: Counter[str] = Counter()
    alarms: Counter[str] = Counter()
    for sentence in sentences:
        gold = {(a, b) for cls, a, b in iob_spans(sentence.tags) if cls == "DATE"}
        guess = predicted_spans(nlp, sentence)
        tp += len(gold & guess)
        fp += len(guess - gold)
        fn += len(gold - guess)
        misses.update(" ".join(sentence.tokens[a:b]) for a, b in gold - guess)
        alarms.update(" ".join(sentence.tokens[a:b]) for a, b in guess - gold)
    seconds = time.perf_counter() - started

    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(f"KazNERD DATE, exact token spans, {len(sentences)} sentences of {args.file.name} ({seconds:.0f} s)")
    print(f"  gold {tp + fn}  predicted {tp + fp}  tp {tp}  fp {fp}  fn {fn}")
    print(f"  precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}")
    if args.show:
        print(f"\nmost frequent misses (gold DATE we do not give exactly), top {args.show}:")
        for text, n in misses.most_common(args.show):
            print(f"  {n:4d}  {text}")
        print(f"\nmost frequent false alarms (our spans not exactly a gold DATE), top {args.show}:")
        for text, n in alarms.most_common(args.show):
            print(f"  {n:4d}  {text}")


if __name__ == "__main__":
    main()
