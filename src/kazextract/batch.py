"""Batch processing: a whole corpus of article files, in parallel, nothing lost.

The CLI's ``batch`` command is a thin shell over :func:`run_batch`. The steps:

1. **Discovery** (:func:`discover`) walks files and folders (recursively,
   matching a glob), sorted by path so the output order is deterministic.
   Symlink loops, missing paths and unreadable folders become error lines, not
   crashes.
2. **Work** (:func:`process_path`) reads, decodes and extracts one file and
   returns an :class:`Outcome`: the record as a JSON line, or an error line.
   With ``workers > 1`` it runs in a process pool whose initializer loads the
   pipeline once per worker; ``imap`` with a chunk size keeps the output in
   input order while workers stream through the corpus. (A process pool, not
   ``nlp.pipe(n_process=...)``: our Docs carry the reader's ``Article`` in
   ``doc._``, which spaCy's inter-process Doc serialisation does not keep, and
   a pool lets the worker do the reading and decoding in parallel too.) A
   worker is replaced after ``pipeline.RENEW_AFTER`` articles, so that
   memory stays bounded on a corpus of any size (a one-worker batch longer
   than that runs in a pool of one).
3. **Writing** (:class:`BatchWriter`): each record line is written and flushed
   the moment it arrives, then one line in the sidecar index
   ``<output>.index`` (``{path, sha1, line_sha1}``), so a killed batch keeps
   every record it wrote. Failed files give one line each in the errors file.
4. **Resume** (:func:`reconcile`): the output file is the authority. A trailing
   partial line is cut off; a complete line counts as done only when the
   index holds an entry with its ``line_sha1`` (a record flushed just before a
   kill -9, with no index line yet, is dropped and redone). Files whose path
   and content hash match a done entry are skipped; a file whose content
   changed is redone and its old record removed. So kill -9 at any moment
   followed by ``--resume`` ends with every record exactly once.

Memory stays flat in corpus size: records are streamed to disk, never held;
only the list of paths (and on resume, the index) is kept.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import stat
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache, partial
from pathlib import Path, PurePath
from typing import IO, Any, TextIO

from . import pipeline
from .reader import DEFAULT_MAX_BYTES, InputError, read_bytes

DEFAULT_GLOB = "*.txt"


# ------------------------------------------------------------------ discovery


@dataclass
class Discovery:
    """Files to process, sorted by path, and the entries that could not be walked."""

    files: list[str] = field(default_factory=list)
    errors: list[dict[str, str]] = field(default_factory=list)


def error_line(path: str, kind: str, message: str) -> dict[str, str]:
    """One line of the errors file: what failed, why (a short code), and a sentence."""
    return {"path": path, "error": kind, "message": message}


def discover(paths: Iterable[str], pattern: str = DEFAULT_GLOB) -> Discovery:
    """Files named on the command line (taken whatever their name) and files
    under folders matching ``pattern``; sorted, each once."""
    found = Discovery()
    files: set[str] = set()
    for arg in paths:
        if os.path.isdir(arg):
            _walk(arg, pattern, files, found.errors)
        elif os.path.isfile(arg):
            files.add(arg)
        elif os.path.lexists(arg):
            kind = "not_found" if os.path.islink(arg) else "not_a_file"
            found.errors.append(error_line(arg, kind, f"{arg}: broken symlink or not a regular file"))
        else:
            found.errors.append(error_line(arg, "not_found", f"{arg}: no such file or folder"))
    found.files = sorted(files)
    return found


def _dir_key(path: str) -> tuple[int, int]:
    st = os.stat(path)
    return st.st_dev, st.st_ino


def _walk(root: str, pattern: str, files: set[str], errors: list[dict[str, str]]) -> None:
    """Depth-first walk following symlinks; a folder seen among its own
    ancestors is a symlink loop (reported), one seen elsewhere is skipped
    (its files are already in)."""
    seen: set[tuple[int, int]] = set()
    stack: list[tuple[str, frozenset[tuple[int, int]]]] = [(root, frozenset())]
    while stack:
        folder, ancestors = stack.pop()
        try:
            key = _dir_key(folder)
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            errors.append(error_line(folder, "unreadable", f"{folder}: cannot be read ({exc.strerror})"))
            continue
        if key in ancestors:
            errors.append(error_line(folder, "symlink_loop", f"{folder}: symlink loop, not followed"))
            continue
        if key in seen:
            continue
        seen.add(key)
        for entry in reversed(entries):
            _visit(entry, pattern, files, errors, stack, ancestors | {key})


def _visit(
    entry: os.DirEntry[str],
    pattern: str,
    files: set[str],
    errors: list[dict[str, str]],
    stack: list[tuple[str, frozenset[tuple[int, int]]]],
    ancestors: frozenset[tuple[int, int]],
) -> None:
    try:
        if entry.is_dir():
            stack.append((entry.path, ancestors))
            return
        if entry.is_file():
            if PurePath(entry.path).match(pattern):
                files.add(entry.path)
            return
    except OSError as exc:
        errors.append(error_line(entry.path, "unreadable", f"{entry.path}: cannot be read ({exc.strerror})"))
        return
    if entry.is_symlink() and PurePath(entry.path).match(pattern):
        errors.append(error_line(entry.path, "not_found", f"{entry.path}: broken symlink"))


# ------------------------------------------------------------------ the work


@dataclass
class Outcome:
    """What one file gave: a record line, or an error line. ``sha1`` is the
    hash of the file's bytes (None when they could not be read)."""

    path: str
    sha1: str | None
    line: str | None = None
    error: dict[str, str] | None = None


def file_sha1(path: str) -> str:
    """Content hash used by --resume to know a file is unchanged."""
    digest = hashlib.sha1()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _read_limited(path: str, max_bytes: int) -> bytes:
    """The file's bytes; too-large files are refused from their size alone,
    so a stray multi-gigabyte file is never read into memory."""
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            raise InputError("not_a_file", f"{path}: not a regular file")
        if st.st_size > max_bytes:
            raise InputError("too_large", f"{path}: {st.st_size} bytes is over the limit of {max_bytes} bytes")
        with open(path, "rb") as fh:
            return fh.read()
    except FileNotFoundError:
        raise InputError("not_found", f"{path}: no such file") from None
    except OSError as exc:
        raise InputError("unreadable", f"{path}: cannot be read ({exc.strerror})") from None


def pipeline_failure(exc: Exception) -> str:
    """What the pipeline raised, in one line (``RuntimeError: ...``): how a
    batch, a stream and ``parse`` report a bug hit on one input."""
    return " ".join(f"{type(exc).__name__}: {exc}".split())


def process_path(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Outcome:
    """Read, decode and extract one file. Never raises: every failure is an
    error line, so one bad file cannot stop a batch (or kill a worker)."""
    from . import extract_article

    sha1 = None
    try:
        data = _read_limited(path, max_bytes)
        sha1 = hashlib.sha1(data).hexdigest()
        article = read_bytes(data, name=path, max_bytes=max_bytes)
        # doc_id = file stem, as `kazextract parse` gives (cli.doc_id_for_path)
        record = extract_article(article, Path(path).stem)
    except InputError as exc:
        return Outcome(path, sha1, error=error_line(path, exc.kind, exc.message))
    except Exception as exc:  # the pipeline raised: a bug, reported per file
        message = f"{path}: {pipeline_failure(exc)}"
        return Outcome(path, sha1, error=error_line(path, "pipeline", message))
    line = record.model_dump_json()  # compact JSON from pydantic-core: twice as fast as json.dumps(model_dump())
    return Outcome(path, sha1, line=line)


def _init_worker() -> None:
    """Pool initializer: load the pipeline once per worker, and leave Ctrl-C
    to the parent (which stops the pool) instead of a traceback per worker."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    pipeline.load_pipeline_for_a_long_run()


def default_workers() -> int:
    """The cores this process may run on (cgroup/affinity aware where possible)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def chunk_size(files: int, workers: int) -> int:
    """Paths sent to a worker at a time: at least 16 chunks a worker, so the
    tail stays balanced (no worker idle while another finishes a long chunk)
    and progress steady; at most 16 paths, as larger chunks save little more.

    Why not smaller: the parent receives each chunk's records in a pool
    thread that wakes the writing thread once per record, and on two cores
    its CPU is taken from the workers. Over 2,000 articles with two workers
    the parent used 1.4 s of CPU with chunks of 1, 0.5 s with chunks of 4,
    0.22 s with 16 and 0.18 s with 64.
    """
    return max(1, min(16, files // (workers * 16)))


def outcomes(paths: list[str], *, workers: int, max_bytes: int) -> Iterator[Outcome]:
    """Outcomes in the order of ``paths``; in this process for one worker
    and at most ``pipeline.RENEW_AFTER`` files, else from a pool of
    ``workers`` processes, each replaced after that many articles."""
    work = partial(process_path, max_bytes=max_bytes)
    if (workers <= 1 and len(paths) <= pipeline.RENEW_AFTER) or len(paths) <= 1:
        if paths:
            pipeline.load_pipeline_for_a_long_run()
        yield from map(work, paths)
        return
    methods = multiprocessing.get_all_start_methods()
    forking = "fork" in methods
    if forking:
        # load once here: forked workers share the loaded pipeline (copy on
        # write) instead of each building it again while the clock runs
        pipeline.load_pipeline_for_a_long_run()
    context = multiprocessing.get_context("fork" if forking else "spawn")
    chunk = chunk_size(len(paths), workers)
    tasks_per_worker = max(1, pipeline.RENEW_AFTER // chunk)  # a task is a chunk; see RENEW_AFTER
    processes = max(1, min(workers, len(paths)))
    with context.Pool(processes, initializer=_init_worker, maxtasksperchild=tasks_per_worker) as pool:
        yield from pool.imap(work, paths, chunksize=chunk)


# ------------------------------------------------------------------ writing


def errors_path_for(output: Path) -> Path:
    """``records.jsonl`` -> ``records.errors.jsonl`` (other names get ``.errors.jsonl`` appended)."""
    stem = output.name[: -len(".jsonl")] if output.name.endswith(".jsonl") else output.name
    return output.with_name(stem + ".errors.jsonl")


def index_path_for(output: Path) -> Path:
    """The sidecar index of an output file: ``records.jsonl`` -> ``records.jsonl.index``."""
    return output.with_name(output.name + ".index")


def line_sha1(line: bytes) -> str:
    """Identity of one output line (without its newline) in the index."""
    return hashlib.sha1(line).hexdigest()


def _json_line(item: dict[str, Any]) -> str:
    return json.dumps(item, ensure_ascii=False) + "\n"


class OutputError(Exception):
    """The output file (or its index or errors file beside it) cannot be written."""


@contextmanager
def _writable(path: Path) -> Iterator[None]:
    """An :class:`OutputError` that says in one line why ``path`` cannot be opened."""
    try:
        yield
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None


class BatchWriter:
    """Appends records and error lines, flushing each, so that what is written
    survives a kill. With an output file it also appends the index line of
    each record, after the record itself (the order resume relies on)."""

    def __init__(self, output: Path | None, *, append: bool, errors_stream: TextIO | None = None) -> None:
        self.output = output
        mode = "ab" if append else "wb"
        self._out: IO[bytes] = sys.stdout.buffer
        self._index: IO[bytes] | None = None
        # errors are rewritten on every run: resume retries every failed file
        self._errors: TextIO = errors_stream or sys.stderr
        if output is not None:
            with _writable(output):
                self._out = open(output, mode)
            with _writable(index_path_for(output)):
                self._index = open(index_path_for(output), mode)
            with _writable(errors_path_for(output)):
                self._errors = open(errors_path_for(output), "w", encoding="utf-8")

    def record(self, outcome: Outcome) -> None:
        assert outcome.line is not None
        data = outcome.line.encode("utf-8")
        self._out.write(data + b"\n")
        self._out.flush()
        if self._index is not None:
            entry = {"path": os.path.abspath(outcome.path), "sha1": outcome.sha1, "line_sha1": line_sha1(data)}
            self._index.write(_json_line(entry).encode("utf-8"))
            self._index.flush()

    def error(self, line: dict[str, str]) -> None:
        self._errors.write(_json_line(line))
        self._errors.flush()

    def close(self) -> None:
        """Close the files we opened (never stdout or stderr)."""
        if self.output is not None:
            self._out.close()
            if self._index is not None:
                self._index.close()
            self._errors.close()


# ------------------------------------------------------------------ resume


class ResumeError(Exception):
    """--resume cannot tell what the output holds (e.g. it has no index)."""


@dataclass
class IndexEntry:
    path: str
    sha1: str
    line_sha1: str


def _read_index(path: Path) -> dict[str, list[IndexEntry]]:
    """Index entries by line hash; a torn last line (kill mid-write) is ignored."""
    by_line: dict[str, list[IndexEntry]] = {}
    if not path.exists():
        return by_line
    with open(path, "rb") as fh:
        for raw in fh:
            if not raw.endswith(b"\n"):
                break
            try:
                item = json.loads(raw)
                entry = IndexEntry(item["path"], item["sha1"], item["line_sha1"])
            except (ValueError, KeyError, TypeError):
                continue
            by_line.setdefault(entry.line_sha1, []).append(entry)
    return by_line


@dataclass
class ResumeState:
    """What an interrupted batch left: done files (abs path -> sha1) and how
    many output lines were dropped (torn, unindexed or stale)."""

    done: dict[str, str] = field(default_factory=dict)
    dropped: int = 0


def _stale(entry: IndexEntry, current: Callable[[str], str | None]) -> bool:
    """True when the file of an indexed record now has other content."""
    sha1 = current(entry.path)
    return sha1 is not None and sha1 != entry.sha1


def _current_sha1(path: str) -> str | None:
    """Content hash of a file now, None when it is gone (its record stays)."""
    try:
        return file_sha1(path)
    except OSError:
        return None


def reconcile(output: Path, current: Callable[[str], str | None] = _current_sha1) -> ResumeState:
    """Make ``output`` and its index agree after an interruption, and say
    which files are done.

    Keeps each complete output line that has an index entry (matched by line
    hash) whose file is unchanged; drops the rest (a torn last line, a record
    flushed just before a kill without its index line, a record of a file
    edited since). The output is rewritten atomically only when a line goes;
    the index is rewritten after it to the kept entries.
    """
    state = ResumeState()
    if not output.exists():
        return state
    index = index_path_for(output)
    if not index.exists() and output.stat().st_size > 0:
        raise ResumeError(f"{output}: no index file {index.name}; cannot resume (run without --resume)")
    by_line = _read_index(index)
    kept: list[IndexEntry] = []
    tmp = output.with_name(f".{output.name}.resume.tmp")
    with open(output, "rb") as src, open(tmp, "wb") as dst:
        for raw in src:
            entries = by_line.get(line_sha1(raw.rstrip(b"\n"))) if raw.endswith(b"\n") else None
            if not entries or _stale(entries[0], current):
                state.dropped += 1
                continue
            entry = entries.pop(0)
            kept.append(entry)
            state.done[entry.path] = entry.sha1
            dst.write(raw)
    if state.dropped:
        os.replace(tmp, output)
    else:
        tmp.unlink()
    _rewrite_index(index, kept)
    return state


def _rewrite_index(index: Path, kept: list[IndexEntry]) -> None:
    tmp = index.with_name(f".{index.name}.tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        for entry in kept:
            fh.write(_json_line({"path": entry.path, "sha1": entry.sha1, "line_sha1": entry.line_sha1}))
    os.replace(tmp, index)


def pending(
    files: list[str], done: dict[str, str], current: Callable[[str], str | None] = _current_sha1
) -> tuple[list[str], int]:
    """Files still to do, and how many were skipped as already in the output."""
    todo = []
    for path in files:
        key = os.path.abspath(path)
        if key in done and current(key) == done[key]:
            continue
        todo.append(path)
    return todo, len(files) - len(todo)


# ------------------------------------------------------------------ the run


@dataclass
class Summary:
    """The figures of a batch, shown in the summary table."""

    files: int = 0
    records: int = 0
    errors: int = 0
    skipped: int = 0
    processed: int = 0
    seconds: float = 0.0
    errors_path: str | None = None

    @property
    def rate(self) -> float:
        """Articles a second: files read this run, whether they gave a record or an error."""
        return self.processed / self.seconds if self.seconds > 0 else 0.0


@dataclass
class BatchOptions:
    paths: list[str]
    output: Path | None = None
    pattern: str = DEFAULT_GLOB
    workers: int = 1
    max_bytes: int = DEFAULT_MAX_BYTES
    resume: bool = False
    progress: bool = True
    summary: bool = True


def run_batch(options: BatchOptions) -> Summary:
    """Run a batch to the end; failures are error lines, counted in the summary."""
    from rich.console import Console

    started = time.perf_counter()
    console = Console(stderr=True)
    hashes = cache(_current_sha1)  # reconcile and pending both ask: read each file once
    state = reconcile(options.output, hashes) if options.resume and options.output else ResumeState()
    found = discover(options.paths, options.pattern)
    todo, skipped = pending(found.files, state.done, hashes)
    summary = Summary(files=len(found.files), skipped=skipped)
    if options.output is not None:
        summary.errors_path = str(errors_path_for(options.output))
    writer = BatchWriter(options.output, append=options.resume)
    try:
        for line in found.errors:
            writer.error(line)
            summary.errors += 1
        stream = outcomes(todo, workers=options.workers, max_bytes=options.max_bytes)
        show = options.progress and console.is_terminal
        for outcome in _with_progress(stream, len(todo), console) if show else stream:
            _write(writer, outcome, summary)
    finally:
        writer.close()
        summary.seconds = time.perf_counter() - started
    if options.summary:
        console.print(render_summary(summary))
    return summary


def _write(writer: BatchWriter, outcome: Outcome, summary: Summary) -> None:
    summary.processed += 1
    if outcome.error is not None:
        writer.error(outcome.error)
        summary.errors += 1
    else:
        writer.record(outcome)
        summary.records += 1


def _with_progress(stream: Iterable[Outcome], total: int, console: Any) -> Iterator[Outcome]:
    """Pass outcomes through while a progress bar (files done, articles/s, ETA) runs on stderr."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    columns = (
        TextColumn("batch"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("files  {task.fields[rate]:.1f} articles/s  ETA"),
        TimeRemainingColumn(),
    )
    started = time.perf_counter()
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("batch", total=total, rate=0.0)
        for done, outcome in enumerate(stream, start=1):
            yield outcome
            rate = done / max(time.perf_counter() - started, 1e-9)
            progress.update(task, advance=1, rate=rate)


def render_summary(summary: Summary) -> Any:
    """The end-of-batch table; its caption says when files failed and where to look."""
    from rich.table import Table

    table = Table(title="kazextract batch")
    for name in ("files", "records", "errors", "skipped", "seconds", "articles/s"):
        table.add_column(name, justify="right")
    table.add_row(
        str(summary.files),
        str(summary.records),
        str(summary.errors),
        str(summary.skipped),
        f"{summary.seconds:.1f}",
        f"{summary.rate:.1f}",
    )
    if summary.errors:
        where = summary.errors_path or "stderr"
        table.caption = f"[red]{summary.errors} input(s) failed: see {where}; exit code 1[/red]"
    elif summary.skipped:
        table.caption = f"{summary.skipped} file(s) already in the output were skipped (--resume)"
    return table
