"""The record models: the contract of RECORD.md, and the schema that documents it."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from conftest import SAMPLES
from kazextract import extract
from kazextract.record import Record

RECORD_FIELDS = [
    "schema_version", "doc_id", "title", "published", "dateline", "agency",
    "parties", "places", "dates", "titles", "agreements", "warnings",
]


def _minimal(**extra: object) -> dict[str, object]:
    base: dict[str, object] = {"doc_id": "x", "title": None, "published": None, "dateline": None, "agency": None}
    base.update(extra)
    return base


def test_fields_are_the_contract() -> None:
    assert list(Record.model_fields) == RECORD_FIELDS


def test_every_field_documented() -> None:
    schema = Record.model_json_schema()
    for name, prop in schema["properties"].items():
        assert prop.get("description"), name
    for model_name, model in schema["$defs"].items():
        for name, prop in model["properties"].items():
            assert prop.get("description"), f"{model_name}.{name}"


@pytest.mark.parametrize(
    "bad",
    [
        _minimal(published="05.10.2025"),
        _minimal(extra_field=1),
        _minimal(parties=[{"id": "X1", "name": "A", "kind": "state", "country": "KZ", "aliases": [], "mentions": []}]),
        _minimal(parties=[{"id": "P1", "name": "A", "kind": "city", "country": "KZ", "aliases": [], "mentions": []}]),
        _minimal(parties=[{"id": "P1", "name": "A", "kind": "state", "country": "kaz", "aliases": [], "mentions": []}]),
        _minimal(dates=[{"text": "x", "start": 0, "end": 1, "value": "5 қазан", "granularity": "day", "relative": False}]),
        _minimal(titles=[{"text": "x", "kind": "song", "start": 0, "end": 1}]),
        _minimal(
            agreements=[
                {"id": "A1", "type": "memorandum", "parties": ["P9"], "status": "signed", "date": None,
                 "place": None, "evidence": {"text": "x", "start": 0, "end": 1}}
            ]
        ),
        _minimal(dates=[{"text": "x", "start": 5, "end": 1, "value": None, "granularity": "day", "relative": True}]),
    ],
)
def test_invalid_records_rejected(bad: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        Record.model_validate(bad)


def test_valid_ranges_and_precisions() -> None:
    for value in ["2025", "2025-10", "2025-10-05", "2024/2026", "2025-10-01/2025-10-05", None]:
        Record.model_validate(
            _minimal(dates=[{"text": "x", "start": 0, "end": 1, "value": value, "granularity": "range", "relative": False}])
        )


def test_schema_validates_the_sample_record() -> None:
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is not installed")
    text = (SAMPLES / "turksoy-cinema.txt").read_text(encoding="utf-8")
    record = extract(text, doc_id="turksoy-cinema").model_dump(mode="json")
    jsonschema.validate(record, Record.model_json_schema())


def test_record_round_trips_through_json() -> None:
    text = (SAMPLES / "turksoy-cinema.txt").read_text(encoding="utf-8")
    record = extract(text, doc_id="turksoy-cinema")
    again = Record.model_validate(json.loads(record.model_dump_json()))
    assert again == record
    assert record.check_offsets(text) == []
