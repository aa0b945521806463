"""The command line: argument parsing, input and output, exit codes.

All work is in the library; this module only reads files, calls
:func:`kazextract.extract_article`, writes JSON and turns failures into one
line on stderr and an exit code:

    0  every input gave a record (or the reader of stdout stopped early)
    1  some input failed (missing, a directory, binary, undecodable, too large)
    2  usage error (unknown option, bad argument, an output that cannot be written)
  130  interrupted (Ctrl-C)
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer
from typer.core import TyperGroup

from . import __version__
from .batch import pipeline_failure
from .build import doc_id_for_text
from .reader import DEFAULT_MAX_BYTES, InputError, read_bytes, read_text
from .record import Record

EXIT_OK = 0
EXIT_INPUT_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130  # Ctrl-C, as shells report it (128 + SIGINT)

EXIT_CODES_HELP = (
    "Exit codes: 0 ok; 1 some input failed (one line on stderr names it); 2 usage error;"
    " 130 interrupted."
)


def _stdout_to_devnull() -> None:
    """Point stdout at /dev/null, so that flushing what is left in its buffer
    at exit cannot raise BrokenPipeError again (Python's documented recipe)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


class _Commands(TyperGroup):
    """The commands, with two ways out said our way before click and typer
    say them theirs.

    * The reader of our stdout went away: ``kazextract parse --input-format
      jsonl - | head -1`` closes the pipe once ``head`` has its line. That is
      not a failure of ours, but click turns the BrokenPipeError into exit
      code 1, which means "some input failed". Here it ends the command
      quietly with exit 0.
    * Ctrl-C: typer exits 130 without a word. Here it says "interrupted".
    """

    def invoke(self, ctx: Any) -> Any:  # ctx: click's Context, which typer vendors privately
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            _stdout_to_devnull()
            raise typer.Exit(EXIT_OK) from None
        except KeyboardInterrupt:  # typer would exit 130 without a word
            error("interrupted")
            raise typer.Exit(EXIT_INTERRUPTED) from None


app = typer.Typer(
    name="kazextract",
    cls=_Commands,
    help="Turn Kazakh-language news into validated JSON records. " + EXIT_CODES_HELP,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


# Options shared by several commands, declared once.
PublishedOption = Annotated[
    str | None,
    typer.Option("--published", help="Publication date (YYYY-MM-DD) for relative dates."),
]
MaxBytesOption = Annotated[int, typer.Option("--max-bytes", help="Reject inputs larger than this.")]


class InputFormat(StrEnum):
    text = "text"
    jsonl = "jsonl"


def error(message: str) -> None:
    """One line on stderr, prefixed with the program name."""
    first_line = " ".join(str(message).split("\n")[0].split())
    print(f"kazextract: error: {first_line}", file=sys.stderr)


def warning(message: str) -> None:
    """One line on stderr for what is not an error but may be a mistake."""
    print(f"kazextract: warning: {message}", file=sys.stderr)


def _version(value: bool) -> None:
    if value:
        print(f"kazextract {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Turn Kazakh-language news into validated JSON records."""


def read_input_bytes(path: str) -> bytes:
    """Bytes of a path, or of stdin for ``-``; InputError with one clear line."""
    if path == "-":
        return sys.stdin.buffer.read()
    p = Path(path)
    if p.is_dir():
        raise InputError(
            "is_directory", f"{path}: is a directory (use `kazextract batch` for folders)"
        )
    if not p.exists():
        raise InputError("not_found", f"{path}: no such file")
    try:
        return p.read_bytes()
    except OSError as exc:
        raise InputError("unreadable", f"{path}: cannot be read ({exc.strerror})") from None


def doc_id_for_path(path: str, text: str) -> str:
    return doc_id_for_text(text) if path == "-" else Path(path).stem


def parse_one(path: str, *, published: str | None, max_bytes: int) -> Record:
    """Read one path (or stdin) and extract its record."""
    from . import extract_article
    from .pipeline import load_pipeline_for_a_long_run

    data = read_input_bytes(path)
    load_pipeline_for_a_long_run()  # after the read: a missing file fails at once
    article = read_bytes(data, name="<stdin>" if path == "-" else path, max_bytes=max_bytes)
    if published:
        article.published = published
    return extract_article(article, doc_id_for_path(path, article.text))


def _empty_record(path: str, published: str | None) -> Record:
    """The record of an input with no text: valid, empty, with a warning."""
    from . import extract_article

    article = read_text("")
    article.published = published
    return extract_article(article, doc_id_for_path(path, ""))


@contextmanager
def open_output(output: Path | None) -> Iterator[TextIO]:
    """stdout, or a file written atomically (temp file in the same folder,
    renamed over the target when everything was written)."""
    if output is None:
        yield sys.stdout
        return
    folder = output.resolve().parent
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        error(f"cannot write {output}: {exc.strerror or exc}")
        raise typer.Exit(EXIT_USAGE) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            yield fh
        os.replace(tmp, output)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, BrokenPipeError):
            raise
        error(f"cannot write {output}: {exc.strerror or exc}")
        raise typer.Exit(EXIT_USAGE) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def record_json(record: Record, *, indent: int | None) -> str:
    return record.model_dump_json(indent=indent)


def _check_published(published: str | None) -> None:
    if published is None:
        return
    import datetime as dt

    try:
        dt.date.fromisoformat(published)
    except ValueError:
        raise typer.BadParameter(
            f"{published!r} is not an ISO date (YYYY-MM-DD)", param_hint="--published"
        ) from None


def _parse_jsonl_stream(out: TextIO, max_bytes: int) -> int:
    """One JSON object a line in (``text``, optional ``id``, ``published``),
    one record a line out. A bad line gives an error line with its number.

    Lines are read as bytes and decoded here: JSON Lines is UTF-8 whatever the
    locale says, and one line of bad bytes must not end the stream."""
    from . import extract_article
    from .pipeline import RENEW_AFTER, load_pipeline_for_a_long_run, renew_pipeline_for_a_long_run

    load_pipeline_for_a_long_run()
    failed = 0
    articles = 0
    for number, raw in enumerate(sys.stdin.buffer, start=1):
        if not raw.strip():
            continue
        if articles == RENEW_AFTER:  # memory stays bounded however long the stream
            renew_pipeline_for_a_long_run()
            articles = 0
        articles += 1
        try:
            try:
                line = raw.decode("utf-8-sig")
            except UnicodeDecodeError as exc:
                raise ValueError(f"not valid UTF-8 ({exc.reason} at byte {exc.start})") from None
            item = json.loads(line)
            if not isinstance(item, dict) or not isinstance(item.get("text"), str):
                raise ValueError("expected a JSON object with a string field 'text'")
            text = item["text"]
            if len(text.encode("utf-8")) > max_bytes:
                raise ValueError(
                    f"text of {len(text.encode('utf-8'))} bytes is over the limit of {max_bytes} bytes"
                )
            article = read_text(text)
            published = item.get("published")
            if published is not None:
                _check_published(published)
                article.published = published
            doc_id = str(item["id"]) if item.get("id") is not None else doc_id_for_text(text)
        except (ValueError, typer.BadParameter) as exc:
            error(f"<stdin> line {number}: {exc}")
            failed += 1
            continue
        try:
            record = extract_article(article, doc_id)
        except Exception as exc:  # the pipeline raised: a bug, reported per line as batch does per file
            error(f"<stdin> line {number}: {pipeline_failure(exc)}")
            failed += 1
            continue
        out.write(record_json(record, indent=None) + "\n")
        out.flush()
    return failed


@app.command()
def parse(
    paths: Annotated[
        list[str], typer.Argument(help="Article files, or - for stdin.", show_default=False)
    ],
    jsonl: Annotated[
        bool, typer.Option("--jsonl", help="One compact record a line (default for several files).")
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o", "--output", help="Write to FILE atomically instead of stdout.", dir_okay=False
        ),
    ] = None,
    published: PublishedOption = None,
    input_format: Annotated[
        InputFormat,
        typer.Option(
            "--input-format",
            help="text: article files; jsonl: with -, one {text, id?, published?} object a line.",
        ),
    ] = InputFormat.text,
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES,
) -> None:
    """Parse articles into records (JSON; JSON Lines for several inputs).

    Exit codes: 0 ok; 1 some input failed (one line on stderr names it); 2 usage error; 130 interrupted.
    """
    _check_published(published)
    failed = 0
    with open_output(output) as out:
        if input_format is InputFormat.jsonl:
            if paths != ["-"]:
                raise typer.BadParameter(
                    "--input-format jsonl reads stdin: give - as the only path"
                )
            failed = _parse_jsonl_stream(out, max_bytes)
        else:
            compact = jsonl or len(paths) > 1
            for path in paths:
                try:
                    record = parse_one(path, published=published, max_bytes=max_bytes)
                except InputError as exc:
                    error(exc.message)
                    failed += 1
                    if exc.kind != "empty":
                        continue
                    # an empty file still gets its (valid, empty) record with a warning
                    record = _empty_record(path, published)
                except Exception as exc:  # the pipeline raised: a bug, reported per file as batch does
                    error(f"{path}: {pipeline_failure(exc)}")
                    failed += 1
                    continue
                out.write(record_json(record, indent=None if compact else 2) + "\n")
    raise typer.Exit(EXIT_INPUT_FAILED if failed else EXIT_OK)


@app.command()
def batch(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Article files and folders (searched recursively).", show_default=False
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            dir_okay=False,
            help="Records file (JSONL), written and flushed record by record; error lines go to "
            "<name>.errors.jsonl, the resume index to <name>.jsonl.index. Without it: records on "
            "stdout, error lines (JSON) on stderr.",
        ),
    ] = None,
    glob: Annotated[
        str, typer.Option("--glob", help="File name pattern inside folders.")
    ] = "*.txt",
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            min=1,
            help="Processes running the pipeline (default: the machine's cores).",
        ),
    ] = None,
    resume: Annotated[
        bool,
        typer.Option(
            "--resume",
            help="Keep the records already in -o (same path and content hash) and append the rest.",
        ),
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress bar and no summary table.")
    ] = False,
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES,
) -> None:
    """Parse a whole corpus into one record a line, in parallel, sorted by path.

    A file that fails (undecodable, binary, too large, pipeline error) gives one
    error line {path, error, message} and the batch goes on. A progress bar runs
    on stderr when it is a terminal; a summary table follows unless --quiet.

    Exit codes: 0 ok; 1 some input failed (see the errors file); 2 usage error; 130 interrupted (the records written are kept).
    """
    from . import batch as kb

    if resume and output is None:
        raise typer.BadParameter("--resume needs -o FILE", param_hint="--resume")
    options = kb.BatchOptions(
        paths=paths,
        output=output,
        pattern=glob,
        workers=workers or kb.default_workers(),
        max_bytes=max_bytes,
        resume=resume,
        progress=not quiet,
        summary=not quiet,
    )
    try:
        summary = kb.run_batch(options)
    except (kb.ResumeError, kb.OutputError) as exc:
        error(str(exc))
        raise typer.Exit(EXIT_USAGE) from None
    except KeyboardInterrupt:
        kept = f"the records written are kept in {output}; run again with --resume to finish"
        error(f"interrupted: {kept}" if output is not None else "interrupted")
        raise typer.Exit(EXIT_INTERRUPTED) from None
    if summary.files == 0 and summary.errors == 0:
        warning(f"no file matches {glob} in {', '.join(paths)}")
    raise typer.Exit(EXIT_INPUT_FAILED if summary.errors else EXIT_OK)


@app.command()
def show(
    path: Annotated[
        str, typer.Argument(help="An article file, or - for stdin.", show_default=False)
    ],
    published: PublishedOption = None,
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES,
) -> None:
    """Show one article's record as tables in the terminal (for reading, not for scripts).

    Exit codes: 0 ok; 1 the input failed (one line on stderr names it); 2 usage error.
    """
    from rich.console import Console

    from .view import render_record

    _check_published(published)
    try:
        record = parse_one(path, published=published, max_bytes=max_bytes)
    except InputError as exc:
        error(exc.message)
        raise typer.Exit(EXIT_INPUT_FAILED) from None
    Console().print(render_record(record))


@app.command()
def schema() -> None:
    """Print the JSON Schema of the record (the contract, RECORD.md)."""
    print(json.dumps(Record.model_json_schema(), ensure_ascii=False, indent=2))


@app.command("eval")
def eval_(
    gold: Annotated[
        list[Path],
        typer.Argument(
            metavar="GOLD.jsonl...",
            help="Gold files: JSON Lines, one article a line (RECORD.md); several are scored as one set.",
            show_default=False,
        ),
    ],
    pred: Annotated[
        Path | None,
        typer.Option(
            "--pred",
            help="Score these records (JSONL, paired by doc_id = gold id) instead of running the pipeline.",
        ),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the numbers as JSON instead of a table.")
    ] = False,
    errors: Annotated[
        bool,
        typer.Option(
            "--errors", help="Also list, per article, missed and spurious items side by side."
        ),
    ] = False,
    baseline: Annotated[
        Path | None,
        typer.Option(
            "--baseline",
            help="Exit 1 if a metric that is 1.0 in this baseline file is now below 1.0.",
        ),
    ] = None,
    write_baseline: Annotated[
        Path | None,
        typer.Option(
            "--write-baseline", help="Write the current metrics to this file as the new baseline."
        ),
    ] = None,
) -> None:
    """Score the pipeline (or --pred records) against a gold file, as RECORD.md defines.

    Parties strict and relaxed per kind, places, dates, titles and title-kind
    accuracy, agreements full and partial: precision, recall, F1, micro over
    articles. Regression guard: `kazextract eval samples/*.gold.jsonl
    --baseline samples/eval-baseline.json`.

    Exit codes: 0 ok; 1 bad gold/prediction file or a regression against --baseline; 2 usage error.
    """
    from rich.console import Console

    from . import evaluate as ev

    try:
        report = ev.evaluate_file(gold, pred)
        regressed = ev.regressions(report, baseline) if baseline is not None else []
    except ev.GoldFormatError as exc:
        error(str(exc))
        raise typer.Exit(EXIT_INPUT_FAILED) from None
    if as_json:
        payload = report.to_json() | ({"errors": ev.errors_json(report)} if errors else {})
        print(
            json.dumps(
                payload | ({"regressions": regressed} if baseline else {}),
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        console = Console()
        console.print(ev.render_table(report))
        if errors:
            console.print(ev.render_errors(report))
    if write_baseline is not None:
        ev.write_baseline(report, write_baseline)
    for line in regressed:
        error(f"regression: {line}")
    raise typer.Exit(EXIT_INPUT_FAILED if regressed else EXIT_OK)


@app.command("eval-ner")
def eval_ner(
    iob2: Annotated[
        Path,
        typer.Argument(
            metavar="IOB2_FILE", help="CoNLL/IOB2 file in KazNERD format.", show_default=False
        ),
    ],
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the numbers as JSON instead of a table.")
    ] = False,
    limit: Annotated[
        int | None,
        typer.Option(
            "--limit", min=1, help="Score only the first N sentences (reported as a subset)."
        ),
    ] = None,
    classes: Annotated[
        str | None,
        typer.Option(
            "--classes", help="Comma-separated KazNERD classes to score, e.g. GPE,PERSON."
        ),
    ] = None,
    jobs: Annotated[
        int, typer.Option("--jobs", min=1, help="Worker processes running the pipeline.")
    ] = 1,
) -> None:
    """Score our mentions as exact token spans against KazNERD's classes.

    Mapping: organization -> ORGANISATION; state -> GPE; person -> PERSON;
    place city/region -> GPE, other -> LOCATION; dates -> DATE; titles:
    film/publication/award -> ART, festival/event -> EVENT, project/program ->
    PROJECT, organization -> ORGANISATION (kind other is not scored). A mention
    is widened to the whole tokens it touches. Only these classes are scored.

    Exit codes: 0 ok; 1 unreadable or malformed IOB2 file; 2 usage error.
    """
    from rich.console import Console

    from . import evaluate_ner as ner
    from .evaluate import GoldFormatError

    try:
        wanted = ner.parse_classes(classes)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--classes") from None
    try:
        report = ner.evaluate_ner(iob2, limit=limit, classes=wanted, jobs=jobs)
    except GoldFormatError as exc:
        error(str(exc))
        raise typer.Exit(EXIT_INPUT_FAILED) from None
    if as_json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        Console().print(ner.render_ner_table(report))


def main() -> None:
    """Console entry point: usage errors exit 2; nothing escapes as a traceback."""
    try:
        app()
    except KeyboardInterrupt:  # before or after a command: see _Commands
        error("interrupted")
        sys.exit(EXIT_INTERRUPTED)
    except BrokenPipeError:
        # the reader of our stdout went away (| head) outside a command: see _Commands
        _stdout_to_devnull()
        sys.exit(EXIT_OK)
    except Exception as exc:  # a bug: say it in one line, never a traceback
        error(f"internal error: {type(exc).__name__}: {exc}")
        sys.exit(EXIT_INPUT_FAILED)
