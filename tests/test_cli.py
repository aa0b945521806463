"""The command line as a user meets it: files, stdin, errors, exit codes.

Runs ``python -m kazextract`` in a subprocess so that what is tested is what a
shell sees: stdout, stderr, the exit code, and never a traceback.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import BOOM, REPO, SAMPLES

SEED = SAMPLES / "turksoy-cinema.txt"


def run(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO / "src") + os.pathsep + env.get("PYTHONPATH", "")
    return subprocess.run(
        [sys.executable, "-m", "kazextract", *args], input=stdin, capture_output=True, env=env, cwd=cwd, timeout=120
    )


def test_parse_one_file_gives_indented_json() -> None:
    result = run("parse", str(SEED))
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode("utf-8")
    assert out.startswith("{\n  ")
    record = json.loads(out)
    assert record["doc_id"] == "turksoy-cinema"
    assert record["published"] == "2025-10-05"
    assert (record["dateline"], record["agency"]) == ("Астана", "Kazinform")


def test_stdin_gives_the_same_record() -> None:
    from_file = json.loads(run("parse", str(SEED)).stdout)
    from_stdin = json.loads(run("parse", "-", stdin=SEED.read_bytes()).stdout)
    assert from_stdin["doc_id"].startswith("sha1:") and len(from_stdin["doc_id"]) == 17
    from_file.pop("doc_id")
    from_stdin.pop("doc_id")
    assert from_stdin == from_file


def test_several_files_give_json_lines(tmp_path: Path) -> None:
    other = tmp_path / "second.txt"
    other.write_text("Екінші мақала\nАЛМАТЫ. KAZINFORM — «Болашақ» бағдарламасы жалғасады.\n", encoding="utf-8")
    result = run("parse", str(SEED), str(other))
    assert result.returncode == 0
    lines = result.stdout.decode("utf-8").splitlines()
    assert [json.loads(line)["doc_id"] for line in lines] == ["turksoy-cinema", "second"]


def test_output_file_written(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    result = run("parse", str(SEED), "-o", str(target))
    assert result.returncode == 0
    assert result.stdout == b""
    assert json.loads(target.read_text(encoding="utf-8"))["doc_id"] == "turksoy-cinema"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]  # no temp file left


@pytest.mark.parametrize(
    ("make", "needle"),
    [
        (lambda d: d / "missing.txt", "no such file"),
        (lambda d: d, "is a directory"),
        (lambda d: _write(d / "bin.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"), "binary"),
        (lambda d: _write(d / "bad.txt", "Le café était très délicieux à Paris.".encode("latin-1")), "not UTF-8"),
    ],
)
def test_bad_inputs_one_line_exit_1(tmp_path: Path, make, needle: str) -> None:  # type: ignore[no-untyped-def]
    path = make(tmp_path)
    result = run("parse", str(path))
    assert result.returncode == 1
    err = result.stderr.decode("utf-8")
    assert err.count("\n") == 1, err
    assert err.startswith("kazextract: error: ")
    assert needle in err
    assert "Traceback" not in err


def test_bad_input_does_not_stop_the_others(tmp_path: Path) -> None:
    result = run("parse", str(tmp_path / "missing.txt"), str(SEED))
    assert result.returncode == 1
    assert json.loads(result.stdout.decode("utf-8").splitlines()[0])["doc_id"] == "turksoy-cinema"


@pytest.mark.parametrize("content", [b"", b"\n  \n", "\ufeff".encode("utf-8")])
def test_empty_file_is_a_valid_record_with_a_warning(tmp_path: Path, content: bytes) -> None:
    """An empty input is reported (one line, exit 1) and still gets a valid
    record that says why it is empty."""
    empty = _write(tmp_path / "empty.txt", content)
    result = run("parse", str(empty))
    assert result.returncode == 1
    assert result.stderr.decode("utf-8").count("\n") == 1
    assert "empty" in result.stderr.decode("utf-8")
    record = json.loads(result.stdout)
    assert record["doc_id"] == "empty"
    assert record["warnings"] and "empty" in record["warnings"][0]


def test_usage_error_exit_2() -> None:
    assert run("parse", "--no-such-option", str(SEED)).returncode == 2
    assert run("parse", str(SEED), "--published", "05.10.2025").returncode == 2


def test_published_option_overrides_header() -> None:
    record = json.loads(run("parse", str(SEED), "--published", "2025-10-06").stdout)
    assert record["published"] == "2025-10-06"


def test_schema_command_prints_the_schema() -> None:
    result = run("schema")
    schema = json.loads(result.stdout)
    assert schema["title"] == "Record"
    assert "agreements" in schema["properties"]


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.decode().startswith("kazextract ")


def test_help_documents_exit_codes() -> None:
    out = run("parse", "--help").stdout.decode("utf-8")
    assert "Exit codes" in out


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_show_renders_tables() -> None:
    result = run("show", str(SEED))
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode("utf-8")
    for heading in ("parties (", "places (", "dates (", "titles (", "agreements ("):
        assert heading in out
    assert "Қорқыт ата" in out and "Kazinform" in out


def test_show_bad_input_one_line_exit_1(tmp_path: Path) -> None:
    result = run("show", str(tmp_path / "missing.txt"))
    assert result.returncode == 1
    assert result.stderr.decode("utf-8").count("\n") == 1


def test_an_output_that_cannot_be_written_is_a_one_line_usage_error(tmp_path: Path) -> None:
    for args in (["parse", str(SEED)], ["parse", "--input-format", "jsonl", "-"]):
        result = run(*args, "-o", str(tmp_path / "no" / "such" / "out.json"), stdin=b"")
        assert result.returncode == 2
        stderr = result.stderr.decode("utf-8")
        assert stderr.startswith("kazextract: error: cannot write ") and stderr.count("\n") == 1


@pytest.mark.usefixtures("pipeline_fails_on_boom")
def test_a_pipeline_failure_on_one_file_is_reported_and_the_others_are_parsed(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from kazextract.cli import app

    boom = tmp_path / f"{BOOM}.txt"
    boom.write_text("Бір сөйлем.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["parse", str(boom), str(SEED)])
    assert result.exit_code == 1
    assert [json.loads(line)["doc_id"] for line in result.stdout.splitlines()] == ["turksoy-cinema"]
    assert result.stderr == f"kazextract: error: {boom}: RuntimeError: component exploded on two lines\n"
