"""Parties and places on a table of sentences, the seed article, and the dev set.

The table (tests/data/parties_table.tsv) holds sentences in the style of
Kazakh news, each with the exact parties and places kazextract must find:
states in every case and form, organisation names of every construction of
the grammar, persons, places, and aliases inside one text.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import DEV_GOLD, SAMPLES, require
from kazextract import extract
from kazextract.evaluate import read_gold, score_records

TABLE = Path(__file__).parent / "data" / "parties_table.tsv"


def _rows() -> list[tuple[str, str]]:
    lines = [
        ln for ln in TABLE.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")
    ]
    return [tuple(ln.split("\t")) for ln in lines[1:]]  # type: ignore[misc]


def _expected(cell: str) -> tuple[set[tuple[str, ...]], set[tuple[str, str]]]:
    """(items, aliases) from the table's notation."""
    items: set[tuple[str, ...]] = set()
    aliases: set[tuple[str, str]] = set()
    if cell.strip() == "-":
        return items, aliases
    for raw in cell.split(" ; "):
        kind, _, rest = raw.strip().partition(":")
        if kind == "alias":
            name, _, alias = rest.partition("=")
            aliases.add((name, alias))
        elif kind == "state":
            items.add(("state", rest))
        else:
            items.add((kind, *rest.split("|")))
    return items, aliases


def _found(text: str) -> tuple[set[tuple[str, ...]], dict[str, list[str]]]:
    record = extract(text)
    items: set[tuple[str, ...]] = set()
    for p in record.parties:
        if p.kind == "state":
            items.add(("state", p.country or "-"))
        else:
            items.add(({"organization": "org"}.get(p.kind, p.kind), p.name, p.country or "-"))
    for pl in record.places:
        items.add(("place", pl.name, pl.kind, pl.country or "-"))
    return items, {p.name: p.aliases for p in record.parties}


ROWS = _rows()


def test_table_is_large_enough() -> None:
    assert len(ROWS) >= 150


@pytest.mark.parametrize(("sentence", "expected"), ROWS, ids=[r[0][:40] for r in ROWS])
def test_sentence(sentence: str, expected: str) -> None:
    want, want_aliases = _expected(expected)
    got, aliases = _found(sentence)
    assert got == want
    for name, alias in want_aliases:
        assert alias in aliases.get(name, []), (name, aliases)


def test_mentions_index_the_text() -> None:
    text = (SAMPLES / "turksoy-cinema.txt").read_text(encoding="utf-8")
    record = extract(text)
    for party in record.parties:
        for m in party.mentions:
            assert text[m.start : m.end] == m.text
    for place in record.places:
        for m in place.mentions:
            assert text[m.start : m.end] == m.text


def _seed() -> tuple[dict, dict]:  # type: ignore[type-arg]
    text = (SAMPLES / "turksoy-cinema.txt").read_text(encoding="utf-8")
    gold = json.loads(
        (SAMPLES / "turksoy-cinema.gold.jsonl").read_text(encoding="utf-8").splitlines()[0]
    )
    return gold, extract(text, doc_id="turksoy-cinema").model_dump()


def test_seed_parties_exactly_gold() -> None:
    gold, record = _seed()
    key = lambda p: (p["kind"], p["name"], p["country"])  # noqa: E731
    assert sorted(map(key, record["parties"])) == sorted(map(key, gold["parties"]))
    aliases = {p["name"]: sorted(p["aliases"]) for p in record["parties"]}
    for p in gold["parties"]:
        assert aliases[p["name"]] == sorted(p["aliases"])


def test_seed_places_exactly_gold() -> None:
    gold, record = _seed()
    key = lambda p: (p["name"], p["kind"], p["country"])  # noqa: E731
    assert sorted(map(key, record["places"])) == sorted(map(key, gold["places"]))


def test_seed_one_party_per_state() -> None:
    _, record = _seed()
    uz = [p for p in record["parties"] if p["kind"] == "state" and p["country"] == "UZ"]
    assert len(uz) == 1
    assert {m["text"] for m in uz[0]["mentions"]} == {"Өзбекстан", "Өзбекстан Республикасының"}


def test_dev_set_parties_and_places() -> None:
    gold = read_gold(require(DEV_GOLD))
    records = [
        extract(g["text"], published=g.get("published"), doc_id=g["id"]).model_dump() for g in gold
    ]
    report = score_records(gold, records)
    metrics = report.metrics()
    assert metrics["parties.strict.f1"] >= 0.95
    assert metrics["places.f1"] >= 0.9
