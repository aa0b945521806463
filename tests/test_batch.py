"""`kazextract batch`: discovery, encodings from the wild, error lines, order,
resume after a partial output, and a real kill -9 followed by --resume.

Every corpus is generated in tmp_path; nothing depends on wall-clock speed
(the kill test waits for records to appear, not for time to pass).
"""

from __future__ import annotations

import codecs
import json
import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import REPO, SAMPLES
from kazextract import batch as kb
from kazextract import pipeline
from kazextract.cli import app
from kazextract.reader import InputError, decode

SAMPLE = SAMPLES / "turksoy-cinema.txt"

# A page as scraped: site menu, currency and weather widgets, a stray None,
# a date line, then headline, dateline and prose. Written with CRLF line ends.
CLUTTERED = (
    "Басты бет | Саясат | Экономика | Қоғам\r\n"
    "USD 538.12 EUR 612.40\r\n"
    "Астана +12°C\r\n"
    "None\r\n"
    "24.07.2025, 17:26\r\n"
    "Алматыда «Жібек жолы» халықаралық форумы өтті\r\n"
    "АЛМАТЫ. KAZINFORM — Қазақстан мен Қырғызстан сауда-экономикалық ынтымақтастық "
    "туралы меморандумға қол қойды. Форумға Өзбекстан, Түркия және Әзербайжан "
    "делегациялары қатысты.\r\n"
    "Келесі отырыс 2026 жылғы наурызда Бішкекте өтеді.\r\n"
)

KZ1048_ARTICLE = (
    "Шымкентте жаңа мектеп ашылды\n"
    "ШЫМКЕНТ. Қазақпарат — Қаладағы жаңа мектепке ұлттық ойындар үйірмесі ашылды. "
    "Оқушылар өңірдегі ғалымдармен кездесті.\n"
)

UTF16_ARTICLE = (
    "Ақтөбеде «Көктем» фестивалі басталды\n"
    "АҚТӨБЕ. KAZINFORM — Фестиваль аясында № 5 мектеп оқушылары өнер көрсетті … "
    "Іс-шара үш күнге созылады.\n"
)


def write_corpus(root: Path) -> dict[str, str]:
    """A folder of good and bad files; returns stem -> expected outcome
    (``record`` or the error kind)."""
    (root / "sub" / "deeper").mkdir(parents=True)
    shutil.copy(SAMPLE, root / "sub" / "turksoy.txt")
    (root / "cluttered.txt").write_bytes(CLUTTERED.encode("utf-8"))
    (root / "bom.txt").write_bytes(codecs.BOM_UTF8 + CLUTTERED.replace("\r\n", "\n").encode("utf-8"))
    (root / "kz1048.txt").write_bytes(KZ1048_ARTICLE.encode("kz1048"))
    (root / "sub" / "deeper" / "utf16.txt").write_bytes(UTF16_ARTICLE.encode("utf-16"))
    (root / "utf16le_nobom.txt").write_bytes(UTF16_ARTICLE.encode("utf-16-le"))
    (root / "empty.txt").write_bytes(b"")
    (root / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (root / "oversize.txt").write_bytes(("Қазақстан " * 500).encode("utf-8"))  # 9,500 bytes
    (root / "latin1.txt").write_bytes("Café crème brûlée, déjà vu à Paris.\n".encode("latin-1"))
    (root / "notes.md").write_text("not an article: wrong extension", encoding="utf-8")
    return {
        "turksoy": "record",
        "cluttered": "record",
        "bom": "record",
        "kz1048": "record",
        "utf16": "record",
        "utf16le_nobom": "record",
        "empty": "empty",
        "binary": "binary",
        "oversize": "too_large",
        "latin1": "undecodable",
    }


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def run_cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["batch", *args])
    return result.exit_code, result.output


# ------------------------------------------------------------ the whole batch


def test_batch_gives_one_record_per_good_file_and_one_error_line_per_bad(tmp_path: Path) -> None:
    expected = write_corpus(tmp_path / "corpus")
    out = tmp_path / "records.jsonl"
    code, _ = run_cli(str(tmp_path / "corpus"), "-o", str(out), "--max-bytes", "8000", "--quiet", "--workers", "2")
    assert code == 1
    records = read_jsonl(out)
    good = sorted(stem for stem, what in expected.items() if what == "record")
    assert sorted(r["doc_id"] for r in records) == good
    errors = read_jsonl(tmp_path / "records.errors.jsonl")
    assert {Path(e["path"]).stem: e["error"] for e in errors} == {
        stem: what for stem, what in expected.items() if what != "record"
    }
    for line in errors:
        assert set(line) == {"path", "error", "message"}
        assert line["message"].startswith(line["path"] + ": ")
        assert "\n" not in line["message"]


def test_records_of_wild_encodings_read_the_text_right(tmp_path: Path) -> None:
    write_corpus(tmp_path / "corpus")
    out = tmp_path / "records.jsonl"
    run_cli(str(tmp_path / "corpus"), "-o", str(out), "--max-bytes", "8000", "--quiet", "--workers", "1")
    by_id = {r["doc_id"]: r for r in read_jsonl(out)}
    assert by_id["kz1048"]["title"] == "Шымкентте жаңа мектеп ашылды"
    assert by_id["utf16"]["title"] == by_id["utf16le_nobom"]["title"] == "Ақтөбеде «Көктем» фестивалі басталды"
    # the clutter above the headline is skipped, with CRLF and with a BOM alike
    assert by_id["cluttered"]["title"] == by_id["bom"]["title"] == "Алматыда «Жібек жолы» халықаралық форумы өтті"
    # offsets index the text as read, CRLF included
    text = CLUTTERED
    for title in by_id["cluttered"]["titles"]:
        assert text[title["start"] : title["end"]] == title["text"]


def test_output_is_sorted_by_path_and_the_same_for_any_number_of_workers(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ["b.txt", "a.txt", "c/z.txt", "c/a.txt", "B.txt"]:
        (corpus / name).parent.mkdir(exist_ok=True)
        (corpus / name).write_text(f"Нөмір {name}\n" + SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    outputs = []
    for workers in ("1", "3"):
        out = tmp_path / f"w{workers}.jsonl"
        assert run_cli(str(corpus), "-o", str(out), "--workers", workers, "--quiet")[0] == 0
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    assert [r["doc_id"] for r in read_jsonl(tmp_path / "w1.jsonl")] == ["B", "a", "b", "a", "z"]


def test_summary_table_says_what_happened(tmp_path: Path) -> None:
    write_corpus(tmp_path / "corpus")
    code, output = run_cli(str(tmp_path / "corpus"), "-o", str(tmp_path / "r.jsonl"), "--max-bytes", "8000")
    assert code == 1
    for column in ("files", "records", "errors", "seconds", "articles/s"):
        assert column in output
    assert "4 input(s) failed" in output and "r.errors.jsonl" in output


def test_without_output_records_go_to_stdout_and_error_lines_to_stderr(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_bytes(CLUTTERED.encode("utf-8"))
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01\x02")
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"))
    proc = subprocess.run(
        [sys.executable, "-m", "kazextract", "batch", str(tmp_path), "--quiet"],
        capture_output=True, text=True, env=env, check=False,
    )
    assert proc.returncode == 1
    assert [json.loads(line)["doc_id"] for line in proc.stdout.splitlines()] == ["good"]
    assert [json.loads(line)["error"] for line in proc.stderr.splitlines()] == ["binary"]


def test_resume_needs_an_output_file(tmp_path: Path) -> None:
    code, output = run_cli(str(tmp_path), "--resume")
    assert code == 2
    assert "--resume" in output


def test_resume_refuses_an_output_without_index(tmp_path: Path) -> None:
    shutil.copy(SAMPLE, tmp_path / "a.txt")
    out = tmp_path / "out.jsonl"
    out.write_text('{"doc_id": "x"}\n', encoding="utf-8")
    code, _ = run_cli(str(tmp_path / "a.txt"), "-o", str(out), "--resume", "--quiet")
    assert code == 2
    assert out.read_text(encoding="utf-8") == '{"doc_id": "x"}\n'


# ------------------------------------------------------------ discovery


def test_discovery_reports_loops_missing_paths_and_broken_links_without_stopping(tmp_path: Path) -> None:
    root = tmp_path / "c"
    (root / "x").mkdir(parents=True)
    (root / "x" / "a.txt").write_text("а", encoding="utf-8")
    (root / "x" / "loop").symlink_to(root)  # x/loop -> c: a cycle
    (root / "alias").symlink_to(root / "x")  # the same folder again, no cycle
    (root / "dangling.txt").symlink_to(root / "gone.txt")
    (root / "skip.md").write_text("md", encoding="utf-8")
    found = kb.discover([str(root), str(tmp_path / "missing"), str(root / "skip.md")])
    # x/a.txt is reachable as alias/a.txt too (alias sorts first): kept once
    assert found.files == [str(root / "alias" / "a.txt"), str(root / "skip.md")]
    kinds = sorted((Path(e["path"]).name, e["error"]) for e in found.errors)
    assert kinds == [("dangling.txt", "not_found"), ("loop", "symlink_loop"), ("missing", "not_found")]


def test_glob_selects_files_inside_folders(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("а", encoding="utf-8")
    (tmp_path / "b.news").write_text("б", encoding="utf-8")
    assert kb.discover([str(tmp_path)], "*.news").files == [str(tmp_path / "b.news")]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file whatever its mode")
def test_unreadable_folder_and_file_are_error_lines(tmp_path: Path) -> None:
    (tmp_path / "locked").mkdir()
    (tmp_path / "secret.txt").write_text("а", encoding="utf-8")
    os.chmod(tmp_path / "locked", 0)
    os.chmod(tmp_path / "secret.txt", 0)
    try:
        found = kb.discover([str(tmp_path)])
        assert [e["error"] for e in found.errors] == ["unreadable"]
        assert kb.process_path(str(tmp_path / "secret.txt")).error["error"] == "unreadable"  # type: ignore[index]
    finally:
        os.chmod(tmp_path / "locked", 0o755)


def test_a_pipeline_failure_is_an_error_line_not_a_crash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import kazextract

    def broken(article: object, doc_id: str | None = None) -> None:
        raise RuntimeError("component exploded\non two lines")

    monkeypatch.setattr(kazextract, "extract_article", broken)
    shutil.copy(SAMPLE, tmp_path / "a.txt")
    outcome = kb.process_path(str(tmp_path / "a.txt"))
    assert outcome.line is None and outcome.error is not None
    assert outcome.error["error"] == "pipeline"
    assert outcome.error["message"] == f"{tmp_path / 'a.txt'}: RuntimeError: component exploded on two lines"


# ------------------------------------------------------------ resume


def make_articles(folder: Path, count: int) -> list[str]:
    """``count`` distinct articles (the sample, numbered); their stems, sorted."""
    folder.mkdir(parents=True, exist_ok=True)
    body = SAMPLE.read_text(encoding="utf-8")
    stems = [f"art{i:03d}" for i in range(count)]
    for i, stem in enumerate(stems):
        (folder / f"{stem}.txt").write_text(f"Хабар № {i}\n{body}", encoding="utf-8")
    return stems


def full_run(corpus: Path, out: Path, workers: int = 1) -> bytes:
    summary = kb.run_batch(kb.BatchOptions([str(corpus)], out, workers=workers, progress=False, summary=False))
    assert summary.errors == 0
    return out.read_bytes()


def resume(corpus: Path, out: Path) -> kb.Summary:
    return kb.run_batch(kb.BatchOptions([str(corpus)], out, resume=True, progress=False, summary=False))


@pytest.fixture
def finished(tmp_path: Path) -> tuple[Path, Path, bytes, list[bytes], list[bytes]]:
    """A corpus of 6 articles, its complete output, and the output's and
    index's lines (with their newlines)."""
    corpus = tmp_path / "corpus"
    make_articles(corpus, 6)
    out = tmp_path / "records.jsonl"
    complete = full_run(corpus, out)
    index = kb.index_path_for(out).read_bytes().splitlines(keepends=True)
    return corpus, out, complete, complete.splitlines(keepends=True), index


def test_resume_after_a_torn_last_line_adds_only_the_missing_records(finished) -> None:  # type: ignore[no-untyped-def]
    corpus, out, complete, lines, index = finished
    out.write_bytes(b"".join(lines[:3]) + lines[3][:50])  # killed while writing record 4
    kb.index_path_for(out).write_bytes(b"".join(index[:3]))
    summary = resume(corpus, out)
    assert (summary.skipped, summary.records) == (3, 3)
    assert out.read_bytes() == complete


def test_resume_drops_a_record_whose_index_line_was_never_written(finished) -> None:  # type: ignore[no-untyped-def]
    corpus, out, complete, lines, index = finished
    out.write_bytes(b"".join(lines[:4]))  # record 4 flushed, then kill -9
    kb.index_path_for(out).write_bytes(b"".join(index[:3]) + index[3][:20])  # torn index line
    summary = resume(corpus, out)
    assert (summary.skipped, summary.records) == (3, 3)
    assert out.read_bytes() == complete
    assert kb.index_path_for(out).read_bytes() == b"".join(index)


def test_resume_redoes_a_file_that_changed_and_drops_its_old_record(finished) -> None:  # type: ignore[no-untyped-def]
    corpus, out, _complete, lines, _index = finished
    (corpus / "art001.txt").write_text("Жаңа тақырып\nМүлдем басқа мәтін.\n", encoding="utf-8")
    summary = resume(corpus, out)
    assert (summary.skipped, summary.records) == (5, 1)
    records = read_jsonl(out)
    assert sorted(r["doc_id"] for r in records) == [f"art{i:03d}" for i in range(6)]
    assert records[-1]["doc_id"] == "art001" and records[-1]["title"] == "Жаңа тақырып"
    assert lines[1] not in out.read_bytes().splitlines(keepends=True)


def test_resume_of_a_complete_output_does_nothing(finished) -> None:  # type: ignore[no-untyped-def]
    corpus, out, complete, _lines, _index = finished
    summary = resume(corpus, out)
    assert (summary.skipped, summary.records, summary.errors) == (6, 0, 0)
    assert out.read_bytes() == complete


def test_resume_retries_failed_files_and_rewrites_the_errors_file(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    make_articles(corpus, 2)
    (corpus / "late.txt").write_bytes(b"")
    out = tmp_path / "records.jsonl"
    kb.run_batch(kb.BatchOptions([str(corpus)], out, progress=False, summary=False))
    assert [e["error"] for e in read_jsonl(kb.errors_path_for(out))] == ["empty"]
    (corpus / "late.txt").write_text("Кеш келген хабар\nМәтін осында.\n", encoding="utf-8")
    summary = resume(corpus, out)
    assert (summary.skipped, summary.records, summary.errors) == (2, 1, 0)
    assert kb.errors_path_for(out).read_text(encoding="utf-8") == ""
    assert [r["doc_id"] for r in read_jsonl(out)] == ["art000", "art001", "late"]


def batch_command(corpus: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "kazextract", "batch", str(corpus), "-o", str(out), "--quiet"]


def signal_once_records_appear(command: list[str], out: Path, env: dict[str, str], sig: int) -> subprocess.Popen[bytes]:
    """Run a batch and send ``sig`` to its whole process group (parent and
    workers) once three records are in ``out``; waits for records, not time."""
    proc = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, start_new_session=True)
    try:
        while proc.poll() is None and (not out.exists() or out.read_bytes().count(b"\n") < 3):
            time.sleep(0.005)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, sig)
        proc.wait(timeout=120)
    return proc


@pytest.mark.parametrize("workers", [1, 2])
@pytest.mark.parametrize(
    ("sig", "returncode"),
    [(signal.SIGKILL, -signal.SIGKILL), (signal.SIGINT, 130)],  # kill -9; Ctrl-C, as from a terminal
    ids=["kill-9", "ctrl-c"],
)
def test_a_batch_stopped_midway_then_resumed_gives_every_record_exactly_once(
    tmp_path: Path, workers: int, sig: int, returncode: int
) -> None:
    corpus = tmp_path / "corpus"
    stems = make_articles(corpus, 60)
    out = tmp_path / "records.jsonl"
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"))
    clean = tmp_path / "clean.jsonl"
    subprocess.run([*batch_command(corpus, clean), "--workers", "1"], env=env, check=True)
    expected = clean.read_bytes()
    command = batch_command(corpus, out)
    proc = signal_once_records_appear([*command, "--workers", str(workers)], out, env, sig)
    assert proc.returncode == returncode, "the batch ended before it could be stopped"
    assert 3 <= out.read_bytes().count(b"\n") < len(stems)
    if sig == signal.SIGINT:  # it says so, and how to finish
        assert proc.stderr is not None
        stderr = proc.stderr.read().decode("utf-8")
        assert stderr.startswith("kazextract: error: interrupted") and "--resume" in stderr
        assert "Traceback" not in stderr
    done = subprocess.run([*command, "--resume"], env=env, check=False)
    assert done.returncode == 0
    assert [r["doc_id"] for r in read_jsonl(out)] == stems
    assert out.read_bytes() == expected


# ------------------------------------------------------------ decoding, hard


@pytest.mark.parametrize(
    "text",
    [
        "— «Қазақстан» — № 5 … “Astana” — 2025 ж.",  # dashes, quotes, № and ellipsis only
        "Ақтау — Астана",
        SAMPLE.read_text(encoding="utf-8"),
    ],
)
@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_recognised_even_when_full_of_punctuation(text: str, encoding: str) -> None:
    assert decode(text.encode(encoding)) == (text, encoding)


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"", "empty"),
        (b" \r\n\t\r\n", "empty"),
        (codecs.BOM_UTF8, "empty"),
        ("\ufeff  \n".encode("utf-16"), "empty"),
        (bytes(64), "binary"),
        (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff", "binary"),
        ("Қазақстан".encode()[:-1], "undecodable"),  # UTF-8 cut inside a letter
        ("Қазақстан Республикасы".encode() + b"\xff", "undecodable"),  # one bad byte
        ("Ақтау".encode("utf-16-le")[:-1] + b"\x00\x00\x00", "binary"),  # odd length
        ("Café déjà vu".encode("cp1252"), "undecodable"),
    ],
)
def test_decode_rejects_with_a_clear_kind(data: bytes, kind: str) -> None:
    with pytest.raises(InputError) as info:
        decode(data, name="in.txt")
    assert info.value.kind == kind
    assert info.value.message.startswith("in.txt: ")


def test_decode_keeps_crlf_and_kazakh_code_pages_exact() -> None:
    text = "Алматы — Қазақстанның ең ірі қаласы.\r\nӨскемен, Өзбекстан, ұлттық, ғылым, һәм.\r\n"
    assert decode(text.encode("utf-8")) == (text, "utf-8")
    decoded, encoding = decode(text.encode("kz1048"))
    assert decoded == text and encoding in {"kz1048", "ptcp154"}
    decoded, encoding = decode(text.encode("ptcp154"))
    assert decoded == text and encoding in {"kz1048", "ptcp154"}


def test_decode_size_limit_is_exact() -> None:
    assert decode(b"a" * 100, max_bytes=100)[0] == "a" * 100
    with pytest.raises(InputError) as info:
        decode(b"a" * 101, max_bytes=100, name="big.txt")
    assert info.value.kind == "too_large"
    assert info.value.message == "big.txt: 101 bytes is over the limit of 100 bytes"


def test_batch_refuses_an_oversize_file_from_its_size_without_reading_it(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse: 50 MB of NULs on paper
    outcome = kb.process_path(str(big))
    assert outcome.error is not None and outcome.error["error"] == "too_large"


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="counts forked workers")
def test_a_worker_is_replaced_after_its_share_of_articles_and_the_output_is_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(5):
        (corpus / f"a{i}.txt").write_text(f"Нөмір {i}\n" + SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    in_process = full_run(corpus, tmp_path / "in_process.jsonl")

    started = tmp_path / "workers"
    init_worker = kb._init_worker

    def counted_init_worker() -> None:
        with open(started, "a", encoding="utf-8") as fh:
            fh.write(f"{os.getpid()}\n")
        init_worker()

    monkeypatch.setattr(kb, "_init_worker", counted_init_worker)
    monkeypatch.setattr(pipeline, "RENEW_AFTER", 2)  # chunks of one file: a worker reads two, then goes
    for workers in (1, 2):
        started.unlink(missing_ok=True)
        out = tmp_path / f"recycled{workers}.jsonl"
        assert full_run(corpus, out, workers=workers) == in_process
        pids = started.read_text(encoding="utf-8").split()
        assert len(pids) == len(set(pids)) >= 3  # five files, two a worker: at least three workers


def test_batch_to_a_reader_that_stops_early_is_not_an_error(tmp_path: Path) -> None:
    """``kazextract batch corpus/ | head -c 100``: exit 0 and nothing on stderr."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(40):
        (corpus / f"a{i:02d}.txt").write_text(f"Нөмір {i}\n" + SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"))
    proc = subprocess.Popen(
        [sys.executable, "-m", "kazextract", "batch", str(corpus), "--quiet", "--workers", "1"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
    )
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.read(100).startswith(b"{")
    proc.stdout.close()
    assert proc.wait(timeout=300) == 0
    assert proc.stderr.read() == b""


def test_an_output_that_cannot_be_written_is_a_one_line_usage_error(tmp_path: Path) -> None:
    write_corpus(tmp_path / "corpus")
    code, output = run_cli(str(tmp_path / "corpus"), "-o", str(tmp_path / "no" / "such" / "dir" / "r.jsonl"), "--quiet")
    assert code == 2
    assert "cannot write" in output and "internal error" not in output


def test_no_file_matching_the_glob_is_said(tmp_path: Path) -> None:
    write_corpus(tmp_path / "corpus")
    code, output = run_cli(str(tmp_path / "corpus"), "--glob", "*.html", "-o", str(tmp_path / "r.jsonl"), "--quiet")
    assert code == 0
    assert "no file matches *.html" in output
