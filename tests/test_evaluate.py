"""The scorer itself, on small hand-made gold/prediction pairs.

Every expected number below was computed by hand from the counts written next
to it, one case per matching rule of RECORD.md ("Gold files and scoring").
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conftest import DEV_GOLD, KAZNERD_VALID, SAMPLES, require
from kazextract.evaluate import (
    GoldFormatError,
    align_predictions,
    fold,
    gold_as_record,
    party_score,
    read_gold,
    regressions,
    score_records,
    token_f1,
    write_baseline,
)
from kazextract.evaluate_ner import (
    Sentence,
    iob_spans,
    parse_classes,
    predict_ner,
    read_iob2,
    record_spans,
    score_ner,
)

CENTRE = "Ұлттық киноны қолдау мемлекеттік орталығы"


def party(
    name: str,
    kind: str = "organization",
    country: str | None = None,
    aliases: list[str] | None = None,
) -> dict[str, Any]:
    return {"name": name, "kind": kind, "country": country, "aliases": aliases or []}


def gold(**fields: Any) -> dict[str, Any]:
    return {
        "id": "a",
        "text": "",
        "parties": [],
        "places": [],
        "dates": [],
        "titles": [],
        "agreements": [],
        **fields,
    }


def pred(parties: list[dict[str, Any]] | None = None, **fields: Any) -> dict[str, Any]:
    """A predicted record dict; parties get ids P1, P2, ... in order."""
    numbered = [{**p, "id": f"P{i}", "mentions": []} for i, p in enumerate(parties or [], 1)]
    return {
        "doc_id": "a",
        "parties": numbered,
        "places": [],
        "dates": [],
        "titles": [],
        "agreements": [],
        **fields,
    }


def prf(report: Any, name: str) -> tuple[float | None, float | None, float | None]:
    m = report.metrics()
    return m[f"{name}.precision"], m[f"{name}.recall"], m[f"{name}.f1"]


# ------------------------------------------------------------- name rules


def test_fold_removes_quotes_case_and_extra_space() -> None:
    assert fold("  «Түрікменфильм»   БІРЛЕСТІГІ ") == "түрікменфильм бірлестігі"
    assert fold("“Qazaqstan”") == fold("'qazaqstan'") == "qazaqstan"


def test_token_f1_by_hand() -> None:
    # 4 common words of 5 and 4: 2*4/(5+4) = 8/9
    assert token_f1(CENTRE, "Ұлттық киноны қолдау орталығы") == pytest.approx(8 / 9)
    # 3 common of 3 and 5: 2*3/8 = 0.75 exactly, the threshold
    assert token_f1("a b c", "a b c d e") == 0.75


# ---------------------------------------------------------------- parties


def test_states_match_by_code_not_by_name() -> None:
    g = gold(parties=[party("Әзербайжан", "state", "AZ"), party("Өзбекстан", "state", "UZ")])
    # AZ spelt differently still matches; UZ with no code does not; FR is spurious.
    p = pred(
        [
            party("Әзірбайжан Республикасы", "state", "AZ"),
            party("Өзбекстан", "state", None),
            party("Франция", "state", "FR"),
        ]
    )
    report = score_records([g], [p])
    # tp 1, fp 2, fn 1: P 1/3, R 1/2, F1 2/(2+2+1) = 0.4
    assert prf(report, "parties.strict.state") == pytest.approx((1 / 3, 1 / 2, 0.4))
    assert prf(report, "parties.relaxed.state") == pytest.approx((1 / 3, 1 / 2, 0.4))


def test_alias_matches_strictly_in_either_direction() -> None:
    turksoy = party("Түркі мәдениетін және өнерін дамыту халықаралық ұйымы", aliases=["ТҮРКСОЙ"])
    assert party_score(turksoy, party("«ТҮРКСОЙ»"), relaxed=False) is not None
    centre = party(CENTRE, country="KZ")
    assert (
        party_score(centre, party("Ұлттық кино орталығы", aliases=[CENTRE]), relaxed=False)
        is not None
    )
    report = score_records(
        [gold(parties=[turksoy, centre])],
        [pred([party("ТҮРКСОЙ"), party("Ұлттық кино орталығы", aliases=[CENTRE])])],
    )
    assert prf(report, "parties.strict.organization") == (1.0, 1.0, 1.0)


def test_relaxed_token_f1_counts_a_name_missing_one_word() -> None:
    g = gold(
        parties=[
            party(CENTRE, country="KZ"),
            party("Мәдениет және ақпарат министрлігі", country="KZ"),
        ]
    )
    # first: 2*4/(5+4) = 8/9 >= 0.75, relaxed only; second: {ақпарат, министрлігі} 2*2/(4+2) = 2/3, no match
    p = pred(
        [
            party("Ұлттық киноны қолдау орталығы", country="KZ"),
            party("Ақпарат министрлігі", country="KZ"),
        ]
    )
    report = score_records([g], [p])
    assert prf(report, "parties.strict.organization") == (0.0, 0.0, 0.0)
    assert prf(report, "parties.relaxed.organization") == pytest.approx((0.5, 0.5, 0.5))
    assert prf(report, "parties.relaxed") == pytest.approx((0.5, 0.5, 0.5))
    near = report.errors[0].fields["parties"].near
    assert [n[0] for n in near] == [f"{CENTRE} (organization, KZ)"]


def test_one_prediction_is_not_counted_twice() -> None:
    # both gold names are within relaxed reach of the one prediction; the exact one wins
    g = gold(
        parties=[
            party("Астана халықаралық қаржы орталығы"),
            party("Астана халықаралық қаржы биржасы"),
        ]
    )
    report = score_records([g], [pred([party("Астана халықаралық қаржы орталығы")])])
    # tp 1, fp 0, fn 1
    assert prf(report, "parties.relaxed.organization") == pytest.approx((1.0, 0.5, 2 / 3))
    assert report.errors[0].fields["parties"].missed == [
        "Астана халықаралық қаржы биржасы (organization)"
    ]


def test_party_kinds_must_agree() -> None:
    g = gold(parties=[party("Мұхтар Әуезов", "person", "KZ")])
    report = score_records([g], [pred([party("Мұхтар Әуезов", "organization")])])
    assert prf(report, "parties.relaxed") == (0.0, 0.0, 0.0)
    assert prf(report, "parties.relaxed.person") == (
        None,
        0.0,
        0.0,
    )  # nothing predicted as a person
    assert report.errors[0].fields["parties"].near  # shown to the rule writer as a near miss


# ------------------------------------------------------ places, dates, titles


def test_places_by_folded_name() -> None:
    g = gold(places=[{"name": "Ақтау", "kind": "city"}, {"name": "Канн", "kind": "city"}])
    p = pred(
        places=[
            {"name": "АҚТАУ", "kind": "region", "mentions": []},
            {"name": "Астана", "kind": "city", "mentions": []},
        ]
    )
    # tp 1, fp 1, fn 1; the kind is not part of the place rule
    assert prf(score_records([g], [p]), "places") == (0.5, 0.5, 0.5)


def test_dates_by_value_as_a_multiset() -> None:
    g = gold(
        dates=[
            {"text": "2024-03-12", "value": "2024-03-12"},
            {"text": "бүгін", "value": "2024-03-12"},
            {"text": "15.04.2024", "value": "2024-04-15"},
        ]
    )
    p = pred(
        dates=[
            {"text": "бүгін", "value": "2024-03-12"},
            {"text": "15.04", "value": "2024-04-15"},
            {"text": "1 мамыр", "value": "2024-05-01"},
        ]
    )
    # the second 2024-03-12 needs a second prediction: tp 2, fp 1, fn 1
    assert prf(score_records([g], [p]), "dates") == pytest.approx((2 / 3, 2 / 3, 2 / 3))


def test_unresolvable_dates_match_by_text() -> None:
    """With no published date, кеше has value null on both sides: the same
    expression matches; another null expression does not."""
    g = gold(dates=[{"text": "кеше", "value": None}, {"text": "14 наурыз", "value": None}])
    p = pred(dates=[{"text": "Кеше", "value": None}, {"text": "бүгін", "value": None}])
    # tp 1 (кеше), fp 1 (бүгін), fn 1 (14 наурыз)
    assert prf(score_records([g], [p]), "dates") == (0.5, 0.5, 0.5)


def test_titles_by_folded_text_and_kind_accuracy() -> None:
    g = gold(
        titles=[
            {"text": "Қорқыт ата", "kind": "festival"},
            {"text": "Памир тауларындай биік", "kind": "film"},
        ]
    )
    p = pred(
        titles=[
            {"text": "Қорқыт  АТА", "kind": "film"},
            {"text": "Памир тауларындай биік", "kind": "film"},
            {"text": "Хабар", "kind": "organization"},
        ]
    )
    report = score_records([g], [p])
    # tp 2, fp 1, fn 0: P 2/3, R 1, F1 4/5; kinds right on 1 of 2 matched
    assert prf(report, "titles") == pytest.approx((2 / 3, 1.0, 0.8))
    assert report.metrics()["titles.kind_accuracy"] == 0.5


# ------------------------------------------------------------- agreements


def agreement(type_: str, *party_ids: str) -> dict[str, Any]:
    return {
        "type": type_,
        "parties": list(party_ids),
        "status": "signed",
        "date": None,
        "place": None,
    }


def test_agreements_full_and_partial_by_party_sets() -> None:
    g = gold(
        parties=[
            party(CENTRE, country="KZ", aliases=["Ұлттық кино орталығы"]),
            party("Әзербайжан Республикасының Кино агенттігі", country="AZ"),
            party("Франция", "state", "FR"),
            party("Грузия", "state", "GE"),
        ],
        agreements=[
            agreement("memorandum", CENTRE, "Әзербайжан Республикасының Кино агенттігі"),
            agreement("memorandum", CENTRE, "Франция"),
            agreement("memorandum", CENTRE, "Грузия"),
            agreement("memorandum", CENTRE, "Моңғолия"),  # a side not in the gold party list
        ],
    )
    p = pred(
        [
            party("Ұлттық кино орталығы", country="KZ"),  # P1, the centre by its alias
            party("Әзербайжан Республикасының Кино агенттігі", country="AZ"),  # P2
            party("Франция", "state", "FR"),  # P3
            party("Грузия", "state", "GE"),  # P4
            party("Түркия", "state", "TR"),  # P5
            party("Моңғолия", "state", "MN"),  # P6
        ],
        agreements=[
            agreement("memorandum", "P2", "P1"),  # full (order does not matter)
            agreement("agreement", "P1", "P3"),  # wrong type: partial only
            agreement("memorandum", "P1", "P4", "P5"),  # one side too many: partial only
            agreement("memorandum", "P1", "P6"),  # full, Моңғолия by the name rule
        ],
    )
    report = score_records([g], [p])
    # full: tp 2, fp 2, fn 2; partial: tp 4, fp 0, fn 0
    assert prf(report, "agreements.full") == (0.5, 0.5, 0.5)
    assert prf(report, "agreements.partial") == (1.0, 1.0, 1.0)
    errors = report.errors[0].fields["agreements"]
    assert not errors.missed and not errors.spurious and len(errors.near) == 2


def test_agreement_sharing_one_party_is_not_partial() -> None:
    g = gold(
        parties=[party("Франция", "state", "FR"), party("Грузия", "state", "GE")],
        agreements=[agreement("memorandum", "Франция", "Грузия")],
    )
    p = pred(
        [party("Франция", "state", "FR"), party("Түркия", "state", "TR")],
        agreements=[agreement("memorandum", "P1", "P2")],
    )
    report = score_records([g], [p])
    assert prf(report, "agreements.partial") == (0.0, 0.0, 0.0)
    assert report.errors[0].fields["agreements"].missed == ["memorandum: Франция + Грузия"]


# ------------------------------------------------- gold against itself, I/O


def test_seed_gold_scored_against_itself_is_perfect() -> None:
    seed = read_gold(SAMPLES / "turksoy-cinema.gold.jsonl")
    report = score_records(seed, [gold_as_record(g) for g in seed])
    assert report.metrics() and all(v == 1.0 for v in report.metrics().values())
    assert not any(any(a.fields.values()) for a in report.errors)


def test_dev_gold_scored_against_itself_is_perfect() -> None:
    dev = read_gold(require(DEV_GOLD))
    report = score_records(dev, align_predictions(dev, [gold_as_record(g) for g in reversed(dev)]))
    assert all(v == 1.0 for v in report.metrics().values())


def test_missing_prediction_costs_recall() -> None:
    g = [gold(id="x", places=[{"name": "Ақтау"}]), gold(id="y", places=[{"name": "Канн"}])]
    aligned = align_predictions(g, [pred(doc_id="y", places=[{"name": "Канн", "mentions": []}])])
    assert prf(score_records(g, aligned), "places") == pytest.approx((1.0, 0.5, 2 / 3))


def test_bad_gold_line_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "g.jsonl"
    path.write_text('{"id": "a", "text": "x"}\n{not json\n', encoding="utf-8")
    with pytest.raises(GoldFormatError, match=r"g\.jsonl:2: not JSON"):
        read_gold(path)
    path.write_text('{"id": "a"}\n', encoding="utf-8")
    with pytest.raises(GoldFormatError, match="missing or non-string text"):
        read_gold(path)


def test_baseline_guards_only_perfect_metrics(tmp_path: Path) -> None:
    g = gold(places=[{"name": "Ақтау"}, {"name": "Канн"}], dates=[{"value": "2025"}])
    perfect = pred(
        places=[{"name": "Ақтау", "mentions": []}, {"name": "Канн", "mentions": []}],
        dates=[{"value": "2024"}],
    )
    baseline = tmp_path / "baseline.json"
    write_baseline(score_records([g], [perfect]), baseline)
    assert json.loads(baseline.read_text())["metrics"]["places.f1"] == 1.0
    assert regressions(score_records([g], [perfect]), baseline) == []
    worse = pred(places=[{"name": "Ақтау", "mentions": []}], dates=[])
    # places recall and F1 drop from 1.0; dates were 0.0 in the baseline and are not guarded
    assert regressions(score_records([g], [worse]), baseline) == [
        "places.f1: 1.0 -> 0.6667",
        "places.recall: 1.0 -> 0.5",
    ]


# ------------------------------------------------------------------ eval-ner


IOB = """Ақтауда B-GPE
« O
Қорқыт B-EVENT
ата I-EVENT
» O
өтті O

Нұрсұлтан B-PERSON
Назарбаев I-PERSON
Қазақстан I-GPE
. O
"""


def test_read_iob2_and_spans(tmp_path: Path) -> None:
    path = tmp_path / "s.txt"
    path.write_text(IOB, encoding="utf-8")
    first, second = read_iob2(path)
    assert first.text == "Ақтауда « Қорқыт ата » өтті" and first.offsets()[2] == (10, 16)
    assert iob_spans(first.tags) == {("GPE", 0, 1), ("EVENT", 2, 4)}
    # an I- of another class opens a new span, as seqeval does
    assert iob_spans(second.tags) == {("PERSON", 0, 2), ("GPE", 2, 3)}


def test_read_iob2_rejects_a_line_without_tag(tmp_path: Path) -> None:
    path = tmp_path / "s.txt"
    path.write_text("Ақтауда B-GPE\nөтті\n", encoding="utf-8")
    with pytest.raises(GoldFormatError, match=r"s\.txt:2"):
        read_iob2(path)


def test_record_spans_map_kinds_and_widen_to_tokens() -> None:
    sentence = Sentence(
        "Ақтауда « Қорқыт ата » өтті".split(), ["B-GPE", "O", "B-EVENT", "I-EVENT", "O", "O"]
    )
    record = {
        "places": [
            {"kind": "city", "mentions": [{"start": 0, "end": 5}]}
        ],  # "Ақтау" inside "Ақтауда"
        "titles": [{"kind": "festival", "start": 10, "end": 20}],
        "parties": [{"kind": "person", "mentions": [{"start": 23, "end": 27}]}],
        "dates": [],
    }
    assert record_spans(record, sentence) == {("GPE", 0, 1), ("EVENT", 2, 4), ("PERSON", 5, 6)}


def test_score_ner_exact_spans_by_hand() -> None:
    sentences = [Sentence(["a", "b", "c", "d"], ["B-GPE", "O", "B-PERSON", "I-PERSON"])]
    predicted = [{("GPE", 0, 1), ("PERSON", 2, 3), ("DATE", 1, 2)}]
    report = score_ner(sentences, predicted)
    m = report.metrics()
    # GPE exact; PERSON too short (fp 1, fn 1); DATE spurious. Overall tp 1, fp 2, fn 1
    assert (m["GPE.f1"], m["PERSON.f1"], m["DATE.precision"]) == (1.0, 0.0, 0.0)
    assert (m["overall.precision"], m["overall.recall"]) == pytest.approx((1 / 3, 1 / 2))
    only_gpe = score_ner(sentences, predicted, classes=["GPE"])
    assert only_gpe.metrics()["overall.f1"] == 1.0 and list(only_gpe.per_class) == ["GPE"]


def test_parse_classes_rejects_unknown() -> None:
    assert parse_classes("gpe, PERSON") == ("GPE", "PERSON")
    with pytest.raises(ValueError, match="CARDINAL"):
        parse_classes("CARDINAL")


def test_predict_ner_with_a_stand_in_pipeline() -> None:
    sentences = [Sentence(["Ақтауда", "өтті"], ["B-GPE", "O"])]

    def fake(text: str) -> dict[str, Any]:
        return {"places": [{"kind": "city", "mentions": [{"start": 0, "end": text.index(" ")}]}]}

    assert predict_ner(sentences, extract_fn=fake) == [{("GPE", 0, 1)}]


def test_kaznerd_gold_scored_against_itself_is_perfect() -> None:
    sentences = read_iob2(require(KAZNERD_VALID))
    assert len(sentences) == 11167
    report = score_ner(sentences, [iob_spans(s.tags) for s in sentences])
    assert report.metrics()["overall.f1"] == 1.0


# ------------------------------------------------------------------------ CLI


def test_cli_eval_baseline_guard_and_bad_input(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from kazextract.cli import app

    runner = CliRunner()
    seed_path = SAMPLES / "turksoy-cinema.gold.jsonl"
    perfect = gold_as_record(read_gold(seed_path)[0])
    pred_path, baseline = tmp_path / "pred.jsonl", tmp_path / "baseline.json"
    pred_path.write_text(json.dumps(perfect, ensure_ascii=False) + "\n", encoding="utf-8")
    args = ["eval", str(seed_path), "--pred", str(pred_path)]
    result = runner.invoke(app, [*args, "--json", "--write-baseline", str(baseline)])
    assert (
        result.exit_code == 0 and json.loads(result.stdout)["metrics"]["agreements.full.f1"] == 1.0
    )

    worse = {**perfect, "places": perfect["places"][1:]}
    pred_path.write_text(json.dumps(worse, ensure_ascii=False) + "\n", encoding="utf-8")
    result = runner.invoke(app, [*args, "--baseline", str(baseline)])
    assert result.exit_code == 1 and "regression: places.recall: 1.0 -> 0.8571" in result.stderr

    pred_path.write_text("{broken\n", encoding="utf-8")
    result = runner.invoke(app, args)
    assert result.exit_code == 1 and "pred.jsonl:1: not JSON" in result.stderr
    assert runner.invoke(app, ["eval-ner", str(seed_path), "--classes", "CARDINAL"]).exit_code == 2


def test_several_gold_files_scored_as_one_set(tmp_path: Path) -> None:
    """`kazextract eval a.jsonl b.jsonl` scores the union, as one file would."""
    from kazextract.evaluate import evaluate_file

    first = gold(places=[{"name": "Ақтау", "kind": "city"}])
    first["id"] = "one"
    second = gold(places=[{"name": "Канн", "kind": "city"}])
    second["id"] = "two"
    a, b, both = tmp_path / "a.jsonl", tmp_path / "b.jsonl", tmp_path / "both.jsonl"
    a.write_text(json.dumps(first, ensure_ascii=False) + "\n", encoding="utf-8")
    b.write_text(json.dumps(second, ensure_ascii=False) + "\n", encoding="utf-8")
    both.write_text(a.read_text(encoding="utf-8") + b.read_text(encoding="utf-8"), encoding="utf-8")
    preds = tmp_path / "pred.jsonl"
    preds.write_text(
        json.dumps({"doc_id": "one", "places": [{"name": "Ақтау", "kind": "city", "mentions": []}]}) + "\n",
        encoding="utf-8",
    )
    split = evaluate_file([a, b], preds)
    joined = evaluate_file(both, preds)
    assert split.articles == joined.articles == 2
    assert split.metrics() == joined.metrics()
    assert split.metrics()["places.recall"] == 0.5
