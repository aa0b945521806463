"""Scoring our mentions as named-entity spans against KazNERD (CoNLL/IOB2).

Why: the dev gold set has fifteen articles; KazNERD's validation split has
11,167 annotated news sentences. Our extractors are not an NER tagger, but
every party, place, date and title they report has mentions in the text, and
those mentions can be compared with KazNERD's spans to measure how much we
find and how precisely we delimit it.

How a sentence is scored:

* Its text is its tokens joined by single spaces, so token ``i`` starts at a
  known character offset. The pipeline runs on that text as an article with
  no header (the reader may take the line as a title; the components still run
  over the whole text).
* Every mention of a party, place, date and title becomes the span of the
  tokens it touches: a mention that starts or ends inside a token (an affix
  split off, a quote glued to a word) is widened to whole tokens, because
  KazNERD spans are whole tokens, case endings included.
* Our kinds map to KazNERD classes by :data:`CLASS_MAP` (see there for why).
  Spans are compared exactly: class, first token and last token, seqeval-style
  (an ``I-`` tag after ``O`` or after another class opens a new span). Only the
  classes we can produce are scored; CARDINAL, MONEY, POSITION and the rest are
  not our business and are left out of the overall figure.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kazextract.evaluate import PRF, GoldFormatError, prf_cells, round_metric

# (our field, our kind) -> KazNERD class. None: not scored.
#
# KazNERD (Yeshpanov et al., LREC 2022) tags cities and regions as GPE, a
# region with its word: ``Алматы облысында`` is one GPE span, while ``қаласы``
# after a city is left outside it. LOCATION is for places that are not
# political units: rivers, mountains, continents (``Ертіс``, ``Орталық Азия``).
# Titles follow KazNERD's use: films, books, TV programmes and awards
# (``Нобель сыйлығын``) are ART; festivals, holidays and contests EVENT; state
# programmes and projects (``Нұрлы жол``) PROJECT; a company in quotes is an
# ORGANISATION. A title of kind ``other`` has no fair counterpart.
CLASS_MAP: dict[tuple[str, str], str | None] = {
    ("parties", "organization"): "ORGANISATION",
    ("parties", "state"): "GPE",
    ("parties", "person"): "PERSON",
    ("places", "city"): "GPE",
    ("places", "region"): "GPE",
    ("places", "other"): "LOCATION",
    ("dates", "date"): "DATE",
    ("titles", "film"): "ART",
    ("titles", "publication"): "ART",
    ("titles", "award"): "ART",
    ("titles", "festival"): "EVENT",
    ("titles", "event"): "EVENT",
    ("titles", "project"): "PROJECT",
    ("titles", "program"): "PROJECT",
    ("titles", "organization"): "ORGANISATION",
    ("titles", "other"): None,
}
SCORED_CLASSES: tuple[str, ...] = tuple(sorted({c for c in CLASS_MAP.values() if c}))

Span = tuple[str, int, int]  # (class, first token, one past the last token)


@dataclass
class Sentence:
    """One KazNERD sentence: tokens and their IOB2 tags."""

    tokens: list[str]
    tags: list[str]
    line: int = 0  # line number of the first token, for messages

    @property
    def text(self) -> str:
        """The tokens joined by single spaces: the text the pipeline sees."""
        return " ".join(self.tokens)

    def offsets(self) -> list[tuple[int, int]]:
        """Character span of each token in :attr:`text`."""
        spans, start = [], 0
        for token in self.tokens:
            spans.append((start, start + len(token)))
            start += len(token) + 1
        return spans


def read_iob2(path: Path) -> list[Sentence]:
    """Read a CoNLL/IOB2 file: ``token TAG`` a line, a blank line between sentences."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldFormatError(f"{path}: cannot read: {exc}") from exc
    sentences: list[Sentence] = []
    current = Sentence([], [])
    for number, line in enumerate(lines, 1):
        if not line.strip():
            if current.tokens:
                sentences.append(current)
            current = Sentence([], [])
            continue
        token, _, tag = line.strip().rpartition(" ")
        if not token or not (tag == "O" or tag[:2] in ("B-", "I-")):
            raise GoldFormatError(
                f"{path}:{number}: expected `token TAG` with an IOB2 tag, got {line!r}"
            )
        if not current.tokens:
            current.line = number
        current.tokens.append(token)
        current.tags.append(tag)
    if current.tokens:
        sentences.append(current)
    return sentences


def iob_spans(tags: Sequence[str]) -> set[Span]:
    """Entity spans of an IOB2 tag sequence, seqeval-style."""
    spans: set[Span] = set()
    cls: str | None = None
    start = 0
    for i, tag in enumerate([*tags, "O"]):
        continues = tag.startswith("I-") and tag[2:] == cls
        if cls is not None and not continues:
            spans.add((cls, start, i))
            cls = None
        if tag != "O" and not continues:
            cls, start = tag[2:], i
    return spans


def _token_span(offsets: Sequence[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    """The tokens a character span touches (widened to whole tokens), or None."""
    touched = [i for i, (s, e) in enumerate(offsets) if s < end and start < e]
    return (touched[0], touched[-1] + 1) if touched else None


def _mentions(record: dict[str, Any]) -> Iterable[tuple[str, str, int, int]]:
    """(field, kind, start, end) of every mention in a record dict."""
    for fld in ("parties", "places"):
        for item in record.get(fld) or []:
            for m in item.get("mentions") or []:
                yield fld, item.get("kind", ""), m["start"], m["end"]
    for d in record.get("dates") or []:
        yield "dates", "date", d["start"], d["end"]
    for t in record.get("titles") or []:
        yield "titles", t.get("kind", ""), t["start"], t["end"]


def record_spans(record: dict[str, Any], sentence: Sentence) -> set[Span]:
    """Our record's mentions as KazNERD-class token spans of ``sentence``."""
    offsets = sentence.offsets()
    spans: set[Span] = set()
    for fld, kind, start, end in _mentions(record):
        cls = CLASS_MAP.get((fld, kind))
        tokens = _token_span(offsets, start, end) if cls else None
        if cls and tokens:
            spans.add((cls, *tokens))
    return spans


@dataclass
class NerReport:
    """Per-class and overall exact-span scores."""

    sentences: int = 0
    classes: tuple[str, ...] = SCORED_CLASSES
    per_class: dict[str, PRF] = field(default_factory=dict)
    overall: PRF = field(default_factory=PRF)
    limited: bool = False
    seconds: float | None = None

    def metrics(self) -> dict[str, float | None]:
        """Flat metric names -> value, e.g. ``GPE.f1`` and ``overall.f1``."""
        out: dict[str, float | None] = {}
        for name, prf in [*self.per_class.items(), ("overall", self.overall)]:
            out[f"{name}.precision"] = prf.precision
            out[f"{name}.recall"] = prf.recall
            out[f"{name}.f1"] = prf.f1
        return out

    def to_json(self) -> dict[str, Any]:
        """The numbers and the counts behind them."""
        counts = {k: {"tp": v.tp, "fp": v.fp, "fn": v.fn} for k, v in self.per_class.items()}
        counts["overall"] = {"tp": self.overall.tp, "fp": self.overall.fp, "fn": self.overall.fn}
        return {
            "sentences": self.sentences,
            "subset": self.limited,
            "seconds": None if self.seconds is None else round(self.seconds, 1),
            "classes": list(self.classes),
            "metrics": {k: round_metric(v) for k, v in self.metrics().items()},
            "counts": counts,
        }


def score_ner(
    gold: Sequence[Sentence], pred_spans: Sequence[set[Span]], classes: Iterable[str] | None = None
) -> NerReport:
    """Exact-span P/R/F1 per class and micro over the scored classes."""
    if len(gold) != len(pred_spans):
        raise ValueError(f"{len(gold)} sentences but {len(pred_spans)} predictions")
    scored = tuple(sorted(set(classes))) if classes else SCORED_CLASSES
    report = NerReport(sentences=len(gold), classes=scored, per_class={c: PRF() for c in scored})
    for sentence, predicted in zip(gold, pred_spans, strict=True):
        truth = {s for s in iob_spans(sentence.tags) if s[0] in scored}
        guess = {s for s in predicted if s[0] in scored}
        for cls in scored:
            t = {s for s in truth if s[0] == cls}
            g = {s for s in guess if s[0] == cls}
            hit = len(t & g)
            report.per_class[cls].add(hit, len(g) - hit, len(t) - hit)
            report.overall.add(hit, len(g) - hit, len(t) - hit)
    return report


# ------------------------------------------------------------------- running


def _extract_dicts(texts: list[str]) -> list[dict[str, Any]]:
    """Worker: run the pipeline on sentence texts (loads it once per process)."""
    from kazextract import extract

    return [extract(text).model_dump(mode="json") for text in texts]


def predict_ner(
    sentences: Sequence[Sentence],
    jobs: int = 1,
    extract_fn: Callable[[str], dict[str, Any]] | None = None,
    chunk: int = 500,
) -> list[set[Span]]:
    """Our spans for each sentence, running the pipeline in ``jobs`` processes.

    ``extract_fn`` (text -> record dict) replaces the pipeline, for tests.
    """
    texts = [s.text for s in sentences]
    if extract_fn is not None:
        records = [extract_fn(t) for t in texts]
    elif jobs <= 1:
        records = _extract_dicts(texts)
    else:
        batches = [texts[i : i + chunk] for i in range(0, len(texts), chunk)]
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            records = [r for batch in pool.map(_extract_dicts, batches) for r in batch]
    return [record_spans(r, s) for r, s in zip(records, sentences, strict=True)]


def evaluate_ner(
    path: Path, limit: int | None = None, classes: Iterable[str] | None = None, jobs: int = 1
) -> NerReport:
    """Read, predict and score a KazNERD file (the first ``limit`` sentences if given)."""
    sentences = read_iob2(path)
    limited = limit is not None and limit < len(sentences)
    if limit is not None:
        sentences = sentences[:limit]
    started = time.perf_counter()
    report = score_ner(sentences, predict_ner(sentences, jobs=jobs), classes)
    report.seconds = time.perf_counter() - started
    report.limited = limited
    return report


def render_ner_table(report: NerReport) -> Any:
    """A rich Table: one row per class, then the overall micro figure."""
    from rich.table import Table

    subset = " (subset)" if report.limited else ""
    table = Table(title=f"kazextract eval-ner: {report.sentences} sentences{subset}, exact spans")
    for column in ("class", "P", "R", "F1", "tp", "fp", "fn"):
        table.add_column(column, justify="left" if column == "class" else "right")
    for name, prf in [*report.per_class.items(), ("overall", report.overall)]:
        table.add_row(name, *prf_cells(prf), style="bold" if name == "overall" else None)
    return table


def parse_classes(value: str | None) -> tuple[str, ...] | None:
    """``--classes GPE,PERSON`` -> a tuple; an unknown class is a usage error (ValueError)."""
    if not value:
        return None
    wanted = tuple(c.strip().upper() for c in value.split(",") if c.strip())
    unknown = [c for c in wanted if c not in SCORED_CLASSES]
    if unknown:
        raise ValueError(f"unknown class {', '.join(unknown)}; scored classes: {', '.join(SCORED_CLASSES)}")
    return wanted
