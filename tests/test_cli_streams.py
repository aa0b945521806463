"""`kazextract parse --input-format jsonl -` as a stage of a Unix pipe: one
{text, id?, published?} object a line in, one record a line out, a bad line
reported on stderr with its number while the stream goes on.

Run as ``python -m kazextract`` in a subprocess: what is tested is what a
shell sees (stdout, stderr, exit code), and whether records come out before
stdin is closed.
"""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import BOOM, REPO, SAMPLES

SEED_TEXT = (SAMPLES / "turksoy-cinema.txt").read_text(encoding="utf-8")

GOOD = {"text": "Алматыда форум өтті\nАЛМАТЫ. KAZINFORM — Қазақстан мен Қырғызстан меморандумға қол қойды.", "id": "a1"}
DATED = {"text": "Астанада кездесу болды\nКеше министрлер кездесті.", "id": 7, "published": "2025-10-05"}


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "kazextract", "parse", "--input-format", "jsonl", *args]


def environment() -> dict[str, str]:
    # a strict, non-UTF-8-friendly stdin setting: the stream must not rely on the locale
    return dict(os.environ, PYTHONPATH=str(REPO / "src"), PYTHONIOENCODING="utf-8:strict")


def run_stream(data: bytes, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(command(*args, "-"), input=data, capture_output=True, env=environment(), timeout=120)


def jsonl(*items: object) -> bytes:
    return b"".join(json.dumps(item, ensure_ascii=False).encode("utf-8") + b"\n" for item in items)


def test_one_record_a_line_with_ids_and_published() -> None:
    result = run_stream(jsonl(GOOD, DATED, {"text": SEED_TEXT}))
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.decode("utf-8").splitlines()]
    assert [r["doc_id"] for r in records[:2]] == ["a1", "7"]
    assert records[2]["doc_id"].startswith("sha1:")  # no id: a hash of the text
    assert records[1]["published"] == "2025-10-05"
    assert records[2]["published"] == "2025-10-05"  # from the text's own header
    assert records[0]["title"] == "Алматыда форум өтті"
    assert result.stderr == b""


def test_malformed_lines_are_reported_by_number_and_the_stream_goes_on() -> None:
    data = b"".join(
        [
            jsonl(GOOD),  # 1
            b"{not json\n",  # 2
            b"\xff\xfe broken bytes\n",  # 3
            jsonl([1, 2]),  # 4: not an object
            jsonl({"text": 5}),  # 5: text not a string
            b"   \n",  # 6: blank, skipped silently
            jsonl({"text": "Бір сөйлем.", "published": "2025-13-01"}),  # 7: bad date
            jsonl(DATED),  # 8
        ]
    )
    result = run_stream(data)
    assert result.returncode == 1
    assert [json.loads(line)["doc_id"] for line in result.stdout.decode("utf-8").splitlines()] == ["a1", "7"]
    errors = result.stderr.decode("utf-8").splitlines()
    assert [line.split(":")[2].strip() for line in errors] == [
        "<stdin> line 2",
        "<stdin> line 3",
        "<stdin> line 4",
        "<stdin> line 5",
        "<stdin> line 7",
    ]
    assert all(line.startswith("kazextract: error: ") for line in errors)
    assert "UTF-8" in errors[1] and "text" in errors[2] and "ISO date" in errors[4]
    assert "Traceback" not in result.stderr.decode("utf-8")


def test_a_bom_and_crlf_line_ends_are_accepted() -> None:
    data = b"\xef\xbb\xbf" + jsonl(GOOD).replace(b"\n", b"\r\n") + jsonl(DATED).replace(b"\n", b"\r\n")
    result = run_stream(data)
    assert result.returncode == 0, result.stderr
    assert [json.loads(line)["doc_id"] for line in result.stdout.decode("utf-8").splitlines()] == ["a1", "7"]


def test_text_over_the_size_limit_is_one_error_line() -> None:
    result = run_stream(jsonl({"text": "Қазақстан " * 100, "id": "big"}, GOOD), "--max-bytes", "1000")
    assert result.returncode == 1
    assert [json.loads(line)["doc_id"] for line in result.stdout.decode("utf-8").splitlines()] == ["a1"]
    assert "line 1" in result.stderr.decode("utf-8") and "over the limit" in result.stderr.decode("utf-8")


def test_records_come_out_before_stdin_is_closed() -> None:
    """A pipe stage must not wait for the end of its input: write one line,
    read its record back while stdin is still open."""
    proc = subprocess.Popen(
        command("-"), stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment()
    )
    assert proc.stdin is not None and proc.stdout is not None
    lines: queue.Queue[bytes] = queue.Queue()
    threading.Thread(target=lambda: lines.put(proc.stdout.readline()), daemon=True).start()  # type: ignore[union-attr]
    try:
        proc.stdin.write(jsonl(GOOD))
        proc.stdin.flush()
        first = lines.get(timeout=120)  # a guard against a hang, not a speed test
        assert json.loads(first)["doc_id"] == "a1"
        assert proc.poll() is None  # still running: it answered before EOF
    finally:
        proc.stdin.close()
        proc.wait(timeout=120)
    assert proc.returncode == 0


def test_output_file_with_a_stream(tmp_path: Path) -> None:
    out = tmp_path / "records.jsonl"
    result = run_stream(jsonl(GOOD, DATED), "-o", str(out))
    assert result.returncode == 0 and result.stdout == b""
    assert [json.loads(line)["doc_id"] for line in out.read_text(encoding="utf-8").splitlines()] == ["a1", "7"]


def test_jsonl_input_reads_stdin_only(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_bytes(jsonl(GOOD))
    result = subprocess.run(command(str(path)), capture_output=True, env=environment(), timeout=120)
    assert result.returncode == 2
    assert b"give - as the only path" in result.stderr


def test_a_reader_that_stops_early_is_not_an_error() -> None:
    """``kazextract parse --input-format jsonl - | head -1``: when the next
    stage of the pipe has read enough and closed it, the stream ends quietly
    with exit code 0 (click alone would exit 1, as if an input had failed)."""
    proc = subprocess.Popen(
        command("-"), stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment()
    )
    assert proc.stdin is not None and proc.stdout is not None and proc.stderr is not None

    def feed() -> None:
        try:
            for _ in range(400):
                proc.stdin.write(jsonl(GOOD))  # type: ignore[union-attr]
            proc.stdin.close()  # type: ignore[union-attr]
        except BrokenPipeError:
            pass  # it stopped reading: expected once it has ended

    threading.Thread(target=feed, daemon=True).start()
    first = proc.stdout.readline()
    assert json.loads(first)["doc_id"] == "a1"
    proc.stdout.close()  # like head -1 once it has its line
    assert proc.wait(timeout=120) == 0
    assert proc.stderr.read() == b""


@pytest.mark.usefixtures("pipeline_fails_on_boom")
def test_a_pipeline_failure_on_one_line_is_reported_and_the_stream_goes_on() -> None:
    """A bug the pipeline hits on one article costs that article's record,
    not the rest of the stream (as one file in a batch)."""
    from kazextract.cli import app

    data = jsonl(GOOD, {"text": "Бір сөйлем.", "id": BOOM}, DATED)
    result = CliRunner().invoke(app, ["parse", "--input-format", "jsonl", "-"], input=data)
    assert result.exit_code == 1
    assert [json.loads(line)["doc_id"] for line in result.stdout.splitlines()] == ["a1", "7"]
    assert result.stderr == "kazextract: error: <stdin> line 2: RuntimeError: component exploded on two lines\n"


def test_a_long_stream_renews_its_pipeline_and_the_records_are_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every RENEW_AFTER articles the stream starts a fresh pipeline (a fresh
    spaCy vocabulary: memory stays bounded); the records do not change."""
    from kazextract import pipeline
    from kazextract.cli import app

    data = jsonl(GOOD, DATED, {"text": SEED_TEXT, "id": "seed"}, {**GOOD, "id": "a2"}, {**DATED, "id": "d2"})
    plain = CliRunner().invoke(app, ["parse", "--input-format", "jsonl", "-"], input=data)
    assert plain.exit_code == 0

    renew = pipeline.renew_pipeline_for_a_long_run
    vocabularies = []

    def counted_renew() -> object:
        vocabularies.append(pipeline.load_pipeline().vocab)
        return renew()

    monkeypatch.setattr(pipeline, "RENEW_AFTER", 2)
    monkeypatch.setattr(pipeline, "renew_pipeline_for_a_long_run", counted_renew)
    renewed = CliRunner().invoke(app, ["parse", "--input-format", "jsonl", "-"], input=data)
    assert renewed.exit_code == 0
    assert len(vocabularies) == 2  # before the 3rd and the 5th article
    assert pipeline.load_pipeline().vocab is not vocabularies[-1] is not vocabularies[0]
    assert renewed.stdout == plain.stdout
