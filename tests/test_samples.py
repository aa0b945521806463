"""The samples: the seed article's fields that are final match the expected file."""

from __future__ import annotations

import json

from conftest import SAMPLES
from kazextract import extract


def test_seed_article_expected_fields() -> None:
    text = (SAMPLES / "turksoy-cinema.txt").read_text(encoding="utf-8")
    expected = json.loads((SAMPLES / "turksoy-cinema.expected.json").read_text(encoding="utf-8"))
    record = extract(text, doc_id="turksoy-cinema").model_dump(mode="json")
    for field in ("doc_id", "title", "published", "dateline", "agency"):
        assert record[field] == expected[field], field
    assert [{k: t[k] for k in ("text", "kind", "start", "end")} for t in record["titles"]] == expected["titles"]
    for title in record["titles"]:
        assert text[title["start"] : title["end"]] == title["text"]
