"""Agreements: the cases in tests/data/agreements_cases.jsonl run through the
whole pipeline, the seed article's seven memoranda, the dev set's F1, and the
sentence rules on their own.

Each case is a short text (a neutral headline is put above it unless the case
is ``raw``, so that the sentence under test is body text) with the agreements
expected, sides by party name; a name matches a record party by its name or
one of its aliases, as the scorer matches parties.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from conftest import DEV_GOLD, SAMPLES, require
from kazextract import extract
from kazextract.components.agreement_rules import (
    Sentence,
    case_of_suffix,
    find_nouns,
    find_verbs,
    pick_verb,
    rule_token,
)
from kazextract.evaluate import evaluate_file

CASES = Path(__file__).parent / "data" / "agreements_cases.jsonl"
PUBLISHED = "2025-05-20"
HEADLINE = "Жаңалықтар\n"


def load_cases() -> list[dict]:
    with CASES.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def as_keys(agreements: list[dict], names: dict[str, str]) -> Counter:
    """Agreements as comparable keys; party names folded to record names."""
    keys = []
    for a in agreements:
        parties = frozenset(names.get(p, p) for p in a["parties"])
        keys.append((a["type"], a["status"], parties, a["date"], a["place"]))
    return Counter(keys)


def predicted(text: str, published: str) -> tuple[Counter, dict]:
    record = extract(text, published=published).model_dump()
    by_id = {p["id"]: p["name"] for p in record["parties"]}
    alias = {}
    for party in record["parties"]:
        for name in [party["name"], *party["aliases"]]:
            alias[name] = party["name"]
    found = [{**a, "parties": [by_id[i] for i in a["parties"]]} for a in record["agreements"]]
    return as_keys(found, {}), alias


CASE_LIST = load_cases()


def test_enough_cases_covering_negatives() -> None:
    assert len(CASE_LIST) >= 80
    assert sum(1 for c in CASE_LIST if not c["agreements"]) >= 15


@pytest.mark.parametrize("case", CASE_LIST, ids=[c["id"] for c in CASE_LIST])
def test_case(case: dict) -> None:
    text = case["text"] if case.get("raw") else HEADLINE + case["text"]
    got, alias = predicted(text, case.get("published", PUBLISHED))
    want = as_keys(case["agreements"], alias)
    assert got == want


# ---------------------------------------------------------------- the seed


def test_seed_gives_its_seven_memoranda() -> None:
    text = (SAMPLES / "turksoy-cinema.txt").read_text(encoding="utf-8")
    record = extract(text).model_dump()
    by_id = {p["id"]: p for p in record["parties"]}
    centre = "Ұлттық киноны қолдау мемлекеттік орталығы"
    signed = [a for a in record["agreements"] if a["status"] == "signed"]
    reported = [a for a in record["agreements"] if a["status"] == "reported"]
    assert len(record["agreements"]) == 7
    assert len(signed) == 5 and len(reported) == 2
    assert {a["type"] for a in record["agreements"]} == {"memorandum"}
    assert {(a["date"], a["place"]) for a in signed} == {("2025-10-05", "Ақтау")}
    assert {(a["date"], a["place"]) for a in reported} == {(None, "Канн")}
    countries = set()
    for a in signed:
        sides = [by_id[i] for i in a["parties"]]
        assert [s["name"] for s in sides].count(centre) == 1
        other = next(s for s in sides if s["name"] != centre)
        assert other["kind"] == "organization"
        countries.add(other["country"])
    assert countries == {"AZ", "KG", "TM", "TR", "UZ"}
    states = {by_id[i]["name"] for a in reported for i in a["parties"] if by_id[i]["kind"] == "state"}
    assert states == {"Франция", "Грузия"}


def test_seed_detail_sentence_is_the_evidence_with_topics() -> None:
    text = (SAMPLES / "turksoy-cinema.txt").read_text(encoding="utf-8")
    record = extract(text)
    azerbaijan = next(a for a in record.agreements if "Кино агенттігімен" in a.evidence.text)
    assert text[azerbaijan.evidence.start : azerbaijan.evidence.end] == azerbaijan.evidence.text
    assert "көркем, деректі және анимациялық фильмдерді бірлесіп түсіру" in azerbaijan.topics


def test_one_sentence_with_two_agreements_keeps_both_whole() -> None:
    """Two agreements stated by one sentence share it as evidence, whole, and
    keep their own sides (their span data must not overwrite each other)."""
    sentence = "Қазақстан Франциямен және Италиямен меморандумдарға қол қойды."
    record = extract(HEADLINE + sentence, published=PUBLISHED)
    assert [a.evidence.text for a in record.agreements] == [sentence, sentence]
    names = {p.id: p.name for p in record.parties}
    sides = sorted(sorted(names[pid] for pid in a.parties) for a in record.agreements)
    assert sides == [["Италия", "Қазақстан"], ["Франция", "Қазақстан"]]


def test_region_as_side_is_an_organisation_party_and_a_place() -> None:
    """RECORD.md Conventions: a region or city named as a side is listed as
    an organisation party for that agreement and as a place; the party span
    over the place's words keeps its own data apart from the place's."""
    sentence = "Павлодар облысы Ресейдің Омбы облысымен сауда туралы келісім түзді."
    record = extract(HEADLINE + sentence, published=PUBLISHED)
    parties = {p.name: p for p in record.parties}
    assert (parties["Павлодар облысы"].kind, parties["Павлодар облысы"].country) == ("organization", "KZ")
    assert (parties["Омбы облысы"].kind, parties["Омбы облысы"].country) == ("organization", "RU")
    assert [m.text for m in parties["Омбы облысы"].mentions] == ["Омбы облысымен"]
    places = {p.name: p for p in record.places}
    assert places["Павлодар облысы"].kind == "region"
    assert places["Омбы облысы"].country == "RU"
    (agreement,) = record.agreements
    assert set(agreement.parties) == {parties["Павлодар облысы"].id, parties["Омбы облысы"].id}


def test_place_not_a_side_is_no_party() -> None:
    """A place where something happens stays a place only."""
    sentence = "Қазақстан мен Қытай Алматы облысында орталық салу туралы келісімге қол қойды."
    record = extract(HEADLINE + sentence, published=PUBLISHED)
    assert "Алматы облысы" in {p.name for p in record.places}
    assert "Алматы облысы" not in {p.name for p in record.parties}


# ---------------------------------------------------------------- the dev set


def test_dev_set_agreements_f1() -> None:
    metrics = evaluate_file(require(DEV_GOLD)).metrics()
    full = metrics["agreements.full.f1"]
    partial = metrics["agreements.partial.f1"]
    assert full is not None and partial is not None
    assert full >= 0.85 and partial >= full


# ---------------------------------------------------------------- rules on their own


def _sentence(text: str) -> Sentence:
    words = text.replace(".", " .").split()
    return Sentence(index=0, tokens=[w.lower() for w in words], words=words)


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("меморандумға қол қойды .", "signed"),
        ("меморандумға қол қойған болатын .", "reported"),
        ("келісімге қол қою жоспарлануда .", "planned"),
        ("келісімге қол қойылған жоқ .", "negated"),
        ("меморандум жобасы талқыланды .", "discussed"),
        ("агенттігімен жасалған меморандум көзделген .", "link"),
        ("келісімді ратификациялады .", "reported"),
        ("жол картасына қол қоюы мүмкін .", "planned"),
        ("келісімшартқа қол қою күтілу", "planned"),
        ("мәлімдемеге қол қоюға уағдаласты .", "planned"),
    ],
)
def test_verb_status(text: str, status: str) -> None:
    verb = pick_verb(find_verbs(_sentence(text)))
    assert verb is not None and verb.status == status


@pytest.mark.parametrize(
    ("word", "kind", "plural"),
    [
        ("меморандумдарға", "memorandum", True),
        ("келісімге", "agreement", False),
        ("келісімшартқа", "contract", False),
        ("хаттамасына", "protocol", False),
        ("декларациясына", "declaration", False),
    ],
)
def test_document_words(word: str, kind: str, plural: bool) -> None:
    hits = [h for h in find_nouns(_sentence(word)) if h.role == "document"]
    assert [(h.type, h.plural) for h in hits] == [(kind, plural)]


def test_shart_as_condition_is_not_a_document() -> None:
    assert not [h for h in find_nouns(_sentence("сауда шарттары")) if h.role == "document"]


@pytest.mark.parametrize(
    ("suffix", "case"),
    [("мен", "ins"), ("-мен", "ins"), ("пен", "ins"), ("ның", "gen"), ("да", "loc"), ("іде", "loc"), ("дағы", "attr"), ("", "nom")],
)
def test_case_of_suffix(suffix: str, case: str) -> None:
    assert case_of_suffix(suffix) == case


@pytest.mark.parametrize(
    ("word", "token"),
    [
        ("университетiмен", "университетімен"),  # Latin i inside a Cyrillic word
        ("Oлимпиада", "олимпиада"),  # Latin O
        ("Eni", "eni"),  # a Latin name keeps its letters
        ("Астана", "астана"),
    ],
)
def test_rule_token_folds_latin_lookalikes_in_cyrillic_words(word: str, token: str) -> None:
    assert rule_token(word) == token


def test_trigger_with_a_latin_lookalike_still_opens_its_sentence() -> None:
    """The sentence gate reads a word in its rule form like the triggers do:
    ``мемoрандумға`` typed with a Latin o is still a memorandum."""
    record = extract("Қазақстан Өзбекстанмен су ресурстары туралы мемoрандумға қол қойды.", published="2025-05-20")
    assert [(a.type, a.status) for a in record.agreements] == [("memorandum", "signed")]
