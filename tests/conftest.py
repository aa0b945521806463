"""Shared test fixtures: paths to the repo's samples and to ../shared data.

Tests that need the development data (the dev gold set, KazNERD) read it from
``../shared`` next to the checkout and skip with a clear reason when absent;
nothing from there is copied into the repository.
"""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"
SHARED = REPO.parent / "shared"
DEV_GOLD = SHARED / "data" / "dev.gold.jsonl"
KAZNERD_VALID = SHARED / "data" / "kaznerd" / "IOB2_valid.txt"


def require(path: Path) -> Path:
    """Skip the calling test when a ../shared data file is not there."""
    if not path.exists():
        pytest.skip(f"development data not available: {path} (the ../shared folder is not beside this checkout)")
    return path


BOOM = "boom"  # the doc_id on which the pipeline of the `pipeline_fails_on_boom` fixture raises


@pytest.fixture
def pipeline_fails_on_boom(monkeypatch: pytest.MonkeyPatch) -> None:
    """The pipeline raises ``RuntimeError("component exploded\\non two lines")``
    for the article whose doc_id is :data:`BOOM` and works for the others: a
    bug on one input, for tests that the others' records are not lost."""
    import kazextract

    extract_article = kazextract.extract_article

    def broken_on_boom(article: object, doc_id: str | None = None) -> object:
        if doc_id == BOOM:
            raise RuntimeError("component exploded\non two lines")
        return extract_article(article, doc_id)  # type: ignore[arg-type]

    monkeypatch.setattr(kazextract, "extract_article", broken_on_boom)
