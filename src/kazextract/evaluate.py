"""Scoring extracted records against a gold file, exactly as RECORD.md defines it.

Why a module of pure functions over dicts: the scorer must give the same number
to anyone who runs it, whether the predictions come from this run of the
pipeline, from a JSONL file written last week, or from a hand-made test case.
So everything below takes plain gold dicts (one line of a gold file) and plain
record dicts (``Record.model_dump(mode="json")``) and never touches spaCy; only
:func:`predict_records` calls the pipeline.

Matching rules (RECORD.md, "Gold files and scoring"), and how we read them:

* Names are compared after :func:`fold`: case-folding, removing the quote
  characters ``«»"“”„‟'‘’`` and collapsing white space.
* Parties match only within one kind. States match on ``country`` (equal and
  not null). Organisations and persons match *strictly* when the folded names
  are equal or either name equals one of the other's aliases, and *relaxed*
  when they match strictly or the names' word sequences have token F1 >= 0.75.
* Places match by folded name, titles by folded text; title kind is scored as
  accuracy over the matched titles. Dates match by ``value``.
* Every matching is one-to-one within an article and greedy, best score first
  (strict before relaxed, then higher token F1, then document order), so that
  one prediction never counts for two gold items. Gold dates are a multiset:
  the header date and ``бүгін`` both ``2024-03-12`` need two predicted dates.
* Agreements, *full*: same ``type`` and the two party sets are equal under the
  relaxed party rule (a one-to-one matching covering both sides). *Partial*:
  a full match, or (any type) party sets sharing at least two parties. Our
  reading of "also reported": partial ignores the type, because calling a
  memorandum an ``agreement`` is exactly the near-miss it is there to show.
  Gold agreement parties are names; each is looked up among the article's gold
  parties (by name or alias) to get its kind and country; a name not found
  there is compared with the predicted party by the name rule alone.
* Precision, recall and F1 are micro-averaged over articles (counts summed).
  A ratio with a zero denominator is ``None`` (shown as "-"), not 0 or 1.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

PARTY_KINDS = ("organization", "state", "person")
RELAXED_THRESHOLD = 0.75

_QUOTES = re.compile("[«»\"“”„‟'‘’]")
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+(?:[-‐–]\w+)*")


class GoldFormatError(ValueError):
    """A gold or prediction file line that is not a usable JSON object."""


# ---------------------------------------------------------------- name rules


def fold(name: str | None) -> str:
    """Normalise a name for comparison: the one folding RECORD.md prescribes."""
    if not name:
        return ""
    return _SPACE.sub(" ", _QUOTES.sub("", name.casefold())).strip()


def words(name: str | None) -> list[str]:
    """The folded word sequence of a name (punctuation dropped, hyphens kept)."""
    return _WORD.findall(fold(name))


def token_f1(a: str | None, b: str | None) -> float:
    """Multiset F1 of two names' word sequences: the relaxed-match measure."""
    wa, wb = words(a), words(b)
    if not wa or not wb:
        return 0.0
    remaining = list(wb)
    common = 0
    for w in wa:
        if w in remaining:
            remaining.remove(w)
            common += 1
    # 2PR/(P+R) with P = common/|b| and R = common/|a|, kept exact so that a
    # token F1 of exactly 0.75 is not lost to rounding at the threshold.
    return 2 * common / (len(wa) + len(wb))


def names_match_strict(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Equal folded names, or either name among the other's aliases."""
    na, nb = fold(a.get("name")), fold(b.get("name"))
    if na and na == nb:
        return True
    aliases_a = {fold(x) for x in a.get("aliases") or []}
    aliases_b = {fold(x) for x in b.get("aliases") or []}
    return (bool(na) and na in aliases_b) or (bool(nb) and nb in aliases_a)


def party_score(gold: dict[str, Any], pred: dict[str, Any], relaxed: bool) -> float | None:
    """How well two parties match (higher is better), or None if they do not.

    Scores order the greedy matching: 2 for a state by code or an equal name,
    1.5 for an alias, 1 + token F1 for a relaxed-only match. A party whose
    ``kind`` is missing (a gold agreement side not in the gold party list)
    matches any kind by the name rule.
    """
    gk, pk = gold.get("kind"), pred.get("kind")
    if gk and pk and gk != pk:
        return None
    if gk == "state" and pk == "state":
        country = gold.get("country")
        return 2.0 if country and country == pred.get("country") else None
    if fold(gold.get("name")) and fold(gold.get("name")) == fold(pred.get("name")):
        return 2.0
    if names_match_strict(gold, pred):
        return 1.5
    if relaxed:
        f1 = token_f1(gold.get("name"), pred.get("name"))
        if f1 >= RELAXED_THRESHOLD:
            return 1.0 + f1
    return None


# ------------------------------------------------------------------ matching

Scorer = Callable[[Any, Any], float | None]


def greedy_match(gold: Sequence[Any], pred: Sequence[Any], score: Scorer) -> list[tuple[int, int]]:
    """One-to-one matching, best score first, ties in document order.

    Greedy rather than optimal on purpose: it is what a reader checks by hand,
    and within one article the lists are short and the scores rarely tie.
    """
    candidates: list[tuple[float, int, int]] = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            s = score(g, p)
            if s is not None:
                candidates.append((-s, gi, pi))
    candidates.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, gi, pi in candidates:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gi, pi))
    return sorted(pairs)


# ------------------------------------------------------------------- numbers


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


@dataclass
class PRF:
    """Counts of one metric family; precision, recall and F1 derive from them."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int, fp: int, fn: int) -> None:
        self.tp += tp
        self.fp += fp
        self.fn += fn

    @property
    def precision(self) -> float | None:
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float | None:
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float | None:
        return _ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn)


@dataclass
class Accuracy:
    """Correct out of total, for attributes scored on matched items only."""

    correct: int = 0
    total: int = 0

    @property
    def value(self) -> float | None:
        return _ratio(self.correct, self.total)


@dataclass
class FieldErrors:
    """What a rule writer needs for one field of one article."""

    missed: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)
    near: list[tuple[str, str]] = field(
        default_factory=list
    )  # (gold, predicted), relaxed-only or wrong kind

    def __bool__(self) -> bool:
        return bool(self.missed or self.spurious or self.near)


@dataclass
class ArticleErrors:
    """Errors of one article, by field name."""

    doc_id: str
    fields: dict[str, FieldErrors] = field(default_factory=dict)


@dataclass
class EvalReport:
    """All the numbers of one evaluation, plus the per-article error lists."""

    articles: int = 0
    prf: dict[str, PRF] = field(default_factory=dict)
    accuracy: dict[str, Accuracy] = field(default_factory=dict)
    errors: list[ArticleErrors] = field(default_factory=list)

    def metrics(self) -> dict[str, float | None]:
        """Flat metric names -> value, e.g. ``parties.strict.state.f1``."""
        out: dict[str, float | None] = {}
        for name, prf in self.prf.items():
            out[f"{name}.precision"] = prf.precision
            out[f"{name}.recall"] = prf.recall
            out[f"{name}.f1"] = prf.f1
        for name, acc in self.accuracy.items():
            out[name] = acc.value
        return out

    def to_json(self) -> dict[str, Any]:
        """The same numbers as the table, with the raw counts behind them."""
        return {
            "articles": self.articles,
            "metrics": {k: round_metric(v) for k, v in self.metrics().items()},
            "counts": {k: {"tp": v.tp, "fp": v.fp, "fn": v.fn} for k, v in self.prf.items()}
            | {k: {"correct": v.correct, "total": v.total} for k, v in self.accuracy.items()},
        }


def round_metric(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _new_report() -> EvalReport:
    """A report with every metric present, so that baselines compare key by key."""
    report = EvalReport()
    for mode in ("strict", "relaxed"):
        report.prf[f"parties.{mode}"] = PRF()
        for kind in PARTY_KINDS:
            report.prf[f"parties.{mode}.{kind}"] = PRF()
    for name in ("places", "dates", "titles", "agreements.full", "agreements.partial"):
        report.prf[name] = PRF()
    report.accuracy["titles.kind_accuracy"] = Accuracy()
    return report


# ------------------------------------------------------------ field scorers


def _count(prf: PRF, n_gold: int, n_pred: int, n_matched: int) -> None:
    prf.add(n_matched, n_pred - n_matched, n_gold - n_matched)


def _left(items: Sequence[T], matched: Iterable[int]) -> list[T]:
    """The items whose index is not among ``matched``."""
    taken = set(matched)
    return [x for i, x in enumerate(items) if i not in taken]


def _unmatched(
    items: Sequence[Any], matched: Iterable[int], label: Callable[[Any], str]
) -> list[str]:
    return [label(x) for x in _left(items, matched)]


def _party_label(p: dict[str, Any]) -> str:
    country = p.get("country")
    return f"{p.get('name')} ({p.get('kind')}{', ' + country if country else ''})"


def score_parties(
    gold: list[dict[str, Any]], pred: list[dict[str, Any]], report: EvalReport
) -> FieldErrors:
    """Parties per kind, strict and relaxed; errors from the strict matching."""
    missed: list[dict[str, Any]] = []
    spurious: list[dict[str, Any]] = []
    for mode in ("strict", "relaxed"):
        relaxed = mode == "relaxed"
        for kind in PARTY_KINDS:
            g = [p for p in gold if p.get("kind") == kind]
            q = [p for p in pred if p.get("kind") == kind]
            pairs = greedy_match(g, q, partial(party_score, relaxed=relaxed))
            _count(report.prf[f"parties.{mode}.{kind}"], len(g), len(q), len(pairs))
            _count(report.prf[f"parties.{mode}"], len(g), len(q), len(pairs))
            if not relaxed:
                missed += _left(g, (i for i, _ in pairs))
                spurious += _left(q, (j for _, j in pairs))
    return _party_errors(missed, spurious)


def _party_errors(missed: list[dict[str, Any]], spurious: list[dict[str, Any]]) -> FieldErrors:
    """Pair relaxed-only and wrong-kind matches as near misses; list the rest."""

    def loose(a: dict[str, Any], b: dict[str, Any]) -> float | None:
        return party_score({**a, "kind": None}, {**b, "kind": None}, relaxed=True)

    pairs = greedy_match(missed, spurious, loose)
    return FieldErrors(
        missed=_unmatched(missed, (i for i, _ in pairs), _party_label),
        spurious=_unmatched(spurious, (j for _, j in pairs), _party_label),
        near=[(_party_label(missed[i]), _party_label(spurious[j])) for i, j in pairs],
    )


def _score_by_key(
    gold: list[Any],
    pred: list[Any],
    key: Callable[[Any], str],
    label: Callable[[Any], str],
    prf: PRF,
) -> tuple[list[tuple[int, int]], FieldErrors]:
    """Match two lists on an exact key; count and list what is left over."""
    pairs = greedy_match(gold, pred, lambda a, b: 1.0 if key(a) and key(a) == key(b) else None)
    _count(prf, len(gold), len(pred), len(pairs))
    errors = FieldErrors(
        missed=_unmatched(gold, (i for i, _ in pairs), label),
        spurious=_unmatched(pred, (j for _, j in pairs), label),
    )
    return pairs, errors


def score_places(
    gold: list[dict[str, Any]], pred: list[dict[str, Any]], report: EvalReport
) -> FieldErrors:
    """Places by canonical name."""
    return _score_by_key(
        gold,
        pred,
        lambda p: fold(p.get("name")),
        lambda p: str(p.get("name")),
        report.prf["places"],
    )[1]


def score_dates(
    gold: list[dict[str, Any]], pred: list[dict[str, Any]], report: EvalReport
) -> FieldErrors:
    """Dates by value, one-to-one (a multiset of values). An unresolvable date
    (value null, RECORD.md) has no value to compare: it matches a prediction
    that is also null and has the same folded text."""
    return _score_by_key(
        gold,
        pred,
        lambda d: d.get("value") or ("null:" + fold(d.get("text")) if d.get("text") else ""),
        lambda d: f"{d.get('value')} «{d.get('text')}»",
        report.prf["dates"],
    )[1]


def score_titles(
    gold: list[dict[str, Any]], pred: list[dict[str, Any]], report: EvalReport
) -> FieldErrors:
    """Titles by folded text; kind accuracy over the matched ones."""
    pairs, errors = _score_by_key(
        gold,
        pred,
        lambda t: fold(t.get("text")),
        lambda t: f"{t.get('text')} ({t.get('kind')})",
        report.prf["titles"],
    )
    acc = report.accuracy["titles.kind_accuracy"]
    for gi, pi in pairs:
        acc.total += 1
        if gold[gi].get("kind") == pred[pi].get("kind"):
            acc.correct += 1
        else:
            errors.near.append(
                (f"{gold[gi].get('text')} ({gold[gi].get('kind')})", f"kind {pred[pi].get('kind')}")
            )
    return errors


# ---------------------------------------------------------------- agreements


@dataclass
class _Agreement:
    """An agreement with its sides resolved to party dicts, on either side."""

    type: str | None
    sides: list[dict[str, Any]]

    def label(self) -> str:
        return f"{self.type}: " + " + ".join(str(p.get("name")) for p in self.sides)


def _gold_side(name: str, parties: list[dict[str, Any]]) -> dict[str, Any]:
    """A gold agreement side (a name) -> the gold party it names, else a bare name."""
    key = fold(name)
    for p in parties:
        if key == fold(p.get("name")) or key in {fold(a) for a in p.get("aliases") or []}:
            return p
    return {"name": name, "kind": None, "country": None, "aliases": []}


def _gold_agreements(article: dict[str, Any]) -> list[_Agreement]:
    parties = article.get("parties") or []
    return [
        _Agreement(a.get("type"), [_gold_side(n, parties) for n in a.get("parties") or []])
        for a in article.get("agreements") or []
    ]


def _pred_agreements(record: dict[str, Any]) -> list[_Agreement]:
    """Predicted agreement party ids -> the record's party dicts (unknown ids kept as names)."""
    by_id = {p.get("id"): p for p in record.get("parties") or []}
    return [
        _Agreement(
            a.get("type"),
            [by_id.get(pid) or {"name": pid, "kind": None} for pid in a.get("parties") or []],
        )
        for a in record.get("agreements") or []
    ]


def side_overlap(gold: _Agreement, pred: _Agreement) -> int:
    """How many parties the two agreements share (one-to-one, relaxed rule)."""
    return len(greedy_match(gold.sides, pred.sides, lambda a, b: party_score(a, b, relaxed=True)))


def agreement_full(gold: _Agreement, pred: _Agreement) -> bool:
    """Same type and equal party sets under the party matching."""
    if gold.type != pred.type or len(gold.sides) != len(pred.sides):
        return False
    return side_overlap(gold, pred) == len(gold.sides)


def _agreement_partial_score(gold: _Agreement, pred: _Agreement) -> float | None:
    if agreement_full(gold, pred):
        return 100.0
    overlap = side_overlap(gold, pred)
    if overlap >= 2:
        return overlap + (0.5 if gold.type == pred.type else 0.0)
    return None


def score_agreements(gold: dict[str, Any], pred: dict[str, Any], report: EvalReport) -> FieldErrors:
    """Agreements full and partial; errors from the full matching, partial ones as near."""
    g, p = _gold_agreements(gold), _pred_agreements(pred)
    full = greedy_match(g, p, lambda a, b: 1.0 if agreement_full(a, b) else None)
    _count(report.prf["agreements.full"], len(g), len(p), len(full))
    partial_pairs = greedy_match(g, p, _agreement_partial_score)
    _count(report.prf["agreements.partial"], len(g), len(p), len(partial_pairs))
    errors = FieldErrors(
        missed=_unmatched(g, (i for i, _ in full), _Agreement.label),
        spurious=_unmatched(p, (j for _, j in full), _Agreement.label),
    )
    full_g, full_p = {i for i, _ in full}, {j for _, j in full}
    for gi, pi in partial_pairs:
        if gi not in full_g and pi not in full_p:
            errors.near.append((g[gi].label(), p[pi].label()))
            errors.missed.remove(g[gi].label())
            errors.spurious.remove(p[pi].label())
    return errors


# ------------------------------------------------------------------- records


def score_article(gold: dict[str, Any], pred: dict[str, Any], report: EvalReport) -> ArticleErrors:
    """Score one article into ``report``; return its error lists."""
    errors = ArticleErrors(str(gold.get("id") or pred.get("doc_id") or "?"))
    errors.fields["parties"] = score_parties(
        gold.get("parties") or [], pred.get("parties") or [], report
    )
    errors.fields["places"] = score_places(
        gold.get("places") or [], pred.get("places") or [], report
    )
    errors.fields["dates"] = score_dates(gold.get("dates") or [], pred.get("dates") or [], report)
    errors.fields["titles"] = score_titles(
        gold.get("titles") or [], pred.get("titles") or [], report
    )
    errors.fields["agreements"] = score_agreements(gold, pred, report)
    report.articles += 1
    return errors


def score_records(gold: list[dict[str, Any]], pred: list[dict[str, Any]]) -> EvalReport:
    """Score predicted record dicts against gold dicts, paired by position.

    Pair them with :func:`align_predictions` first when they come from files.
    """
    if len(gold) != len(pred):
        raise ValueError(f"{len(gold)} gold articles but {len(pred)} predictions")
    report = _new_report()
    for g, p in zip(gold, pred, strict=True):
        report.errors.append(score_article(g, p, report))
    return report


def align_predictions(
    gold: list[dict[str, Any]], pred: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Order predictions like the gold, by ``doc_id`` == gold ``id``.

    A gold article without a prediction is scored against an empty record, so
    a crashed or skipped article costs recall instead of vanishing.
    """
    by_id = {str(p.get("doc_id")): p for p in pred}
    return [by_id.get(str(g.get("id")), {"doc_id": g.get("id")}) for g in gold]


# ----------------------------------------------------------------------- I/O


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """Read a JSON Lines file of objects; a bad line raises GoldFormatError naming it."""
    items: list[dict[str, Any]] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldFormatError(f"{path}: cannot read: {exc}") from exc
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GoldFormatError(f"{path}:{number}: not JSON: {exc.msg}") from exc
        if not isinstance(item, dict):
            raise GoldFormatError(
                f"{path}:{number}: expected a JSON object, got {type(item).__name__}"
            )
        items.append(item)
    return items


def read_gold(path: Path) -> list[dict[str, Any]]:
    """Read a gold file and check each line has what scoring needs."""
    gold = read_jsonl(path)
    for number, item in enumerate(gold, 1):
        missing = [k for k in ("id", "text") if not isinstance(item.get(k), str)]
        if missing:
            raise GoldFormatError(
                f"{path}: article {number}: missing or non-string {', '.join(missing)}"
            )
        for key in ("parties", "places", "dates", "titles", "agreements"):
            if not isinstance(item.get(key, []), list):
                raise GoldFormatError(f"{path}: article {item['id']}: `{key}` is not a list")
    return gold


def predict_records(gold: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Run the pipeline on each gold article's text.

    ``published`` is not passed: every gold text carries its header, and
    reading it is part of what is being measured.
    """
    from kazextract import extract  # the pipeline is only needed here

    return [extract(g["text"], doc_id=g["id"]).model_dump(mode="json") for g in gold]


def evaluate_file(gold_path: Path | Sequence[Path], pred_path: Path | None = None) -> EvalReport:
    """Score one gold file, or several taken as one set, against predictions
    read from ``pred_path`` or made now."""
    paths = [gold_path] if isinstance(gold_path, Path) else list(gold_path)
    gold = [article for path in paths for article in read_gold(path)]
    pred = read_jsonl(pred_path) if pred_path is not None else predict_records(gold)
    return score_records(gold, align_predictions(gold, pred))


# ------------------------------------------------------------------ baseline


def write_baseline(report: EvalReport, path: Path) -> None:
    """Save the current metrics as the regression baseline."""
    payload = {
        "articles": report.articles,
        "metrics": {k: round_metric(v) for k, v in report.metrics().items()},
    }
    path.write_text(
        json.dumps(payload, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )


def regressions(report: EvalReport, baseline_path: Path) -> list[str]:
    """Metrics that were perfect (1.0) in the baseline and are not now.

    Not a tuned floor: only a field that was perfect is guarded, so the guard
    never needs re-tuning when an imperfect number moves either way.
    """
    try:
        baseline = json.loads(baseline_path.read_text(encoding="utf-8"))["metrics"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise GoldFormatError(f"{baseline_path}: not a baseline file: {exc}") from exc
    current = report.metrics()
    found = []
    for name, value in sorted(baseline.items()):
        if value != 1.0:
            continue
        now = current.get(name)
        if now is None or now < 1.0:
            found.append(f"{name}: 1.0 -> {'n/a' if now is None else round(now, 4)}")
    return found


# ----------------------------------------------------------------- rendering


def fmt_metric(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def prf_cells(prf: PRF) -> list[str]:
    """P, R, F1, tp, fp, fn as table cells (shared by eval and eval-ner)."""
    return [
        fmt_metric(prf.precision),
        fmt_metric(prf.recall),
        fmt_metric(prf.f1),
        str(prf.tp),
        str(prf.fp),
        str(prf.fn),
    ]


def render_table(report: EvalReport) -> Any:
    """A rich Table of every metric: one row per metric family."""
    from rich.table import Table

    table = Table(title=f"kazextract eval: {report.articles} articles")
    for column in ("metric", "P", "R", "F1", "tp", "fp", "fn"):
        table.add_column(column, justify="left" if column == "metric" else "right")
    for name, prf in report.prf.items():
        style = None if name.rsplit(".", 1)[-1] in PARTY_KINDS else "bold"
        table.add_row(name, *prf_cells(prf), style=style)
    for name, acc in report.accuracy.items():
        table.add_row(
            name, "", "", fmt_metric(acc.value), str(acc.correct), "", str(acc.total - acc.correct)
        )
    return table


def render_errors(report: EvalReport) -> Any:
    """Per article, missed and spurious items side by side (near misses paired)."""
    from rich.console import Group
    from rich.table import Table

    tables = []
    for article in report.errors:
        if not any(article.fields.values()):
            continue
        table = Table(title=article.doc_id, title_justify="left", show_lines=False, expand=True)
        table.add_column("field", style="bold", no_wrap=True)
        table.add_column("missed (gold)", style="red", ratio=1)
        table.add_column("spurious (predicted)", style="yellow", ratio=1)
        for name, errs in article.fields.items():
            rows = [(f"≈ {g}", f"≈ {p}") for g, p in errs.near]
            for i in range(max(len(errs.missed), len(errs.spurious))):
                rows.append(
                    (
                        errs.missed[i] if i < len(errs.missed) else "",
                        errs.spurious[i] if i < len(errs.spurious) else "",
                    )
                )
            for i, (missed, spurious) in enumerate(rows):
                table.add_row(
                    name if i == 0 else "", missed, spurious, end_section=i == len(rows) - 1
                )
        tables.append(table)
    return Group(*tables)


def errors_json(report: EvalReport) -> list[dict[str, Any]]:
    """The error lists as plain data, for ``--json --errors``."""
    return [
        {
            "id": a.doc_id,
            "fields": {
                name: {
                    "missed": e.missed,
                    "spurious": e.spurious,
                    "near": [list(x) for x in e.near],
                }
                for name, e in a.fields.items()
                if e
            },
        }
        for a in report.errors
        if any(a.fields.values())
    ]


def gold_as_record(gold: dict[str, Any]) -> dict[str, Any]:
    """A gold article in record shape (party ids, agreements by id).

    Scoring the gold against itself must give 1.0 everywhere: the scorer's own
    sanity check, and a way to see a gold file through ``--errors``.
    """
    parties = [dict(p, id=f"P{i}") for i, p in enumerate(gold.get("parties") or [], 1)]
    by_name = {fold(p.get("name")): p["id"] for p in parties}
    agreements = [
        dict(a, id=f"A{i}", parties=[by_name.get(fold(n), n) for n in a.get("parties") or []])
        for i, a in enumerate(gold.get("agreements") or [], 1)
    ]
    return {**gold, "doc_id": gold.get("id"), "parties": parties, "agreements": agreements}
