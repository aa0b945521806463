"""Where the start-up of kazextract goes, phase by phase, in fresh processes.

Run from the repository (``python bench/startup.py``). Start-up is what a
user pays on every ``kazextract parse`` of one file, and what a batch pays
once before its workers fork; on a small batch it is most of the run.

Each round starts a fresh Python that times, in turn:

* ``import kazextract``: spaCy and our modules (the tokenizer's regexes are
  compiled here, when the Kazakh language class is defined);
* ``load_pipeline()``: the language, its components and every data table;
* the first article (``samples/turksoy-cinema.txt``): all its words are new;
* a second, different article, for comparison once the first has warmed up.

It also times ``python -c "import spacy"`` (the floor we cannot go under) and
the whole ``kazextract parse`` command on one file. The best of ``--rounds``
rounds is printed for each (the machine's noise only adds time).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SRC = REPO / "src"
ENV = dict(os.environ, PYTHONPATH=str(SRC) + os.pathsep + os.environ.get("PYTHONPATH", ""))
FIRST = REPO / "samples" / "turksoy-cinema.txt"

PHASES = """
import json, sys, time
started = time.perf_counter()
import kazextract
from kazextract.pipeline import load_pipeline
from kazextract.reader import read_text
imported = time.perf_counter()
nlp = load_pipeline()
loaded = time.perf_counter()
texts = [open(p, encoding="utf-8").read() for p in sys.argv[1:3]]
kazextract.extract_article(read_text(texts[0]), "first").model_dump_json()
first = time.perf_counter()
kazextract.extract_article(read_text(texts[1]), "second").model_dump_json()
second = time.perf_counter()
print(json.dumps({"import kazextract": imported - started, "load_pipeline()": loaded - imported,
                  "first article": first - loaded, "second article": second - first}))
"""


def wall(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, env=ENV, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    second = next(p for p in sorted((REPO / "samples").glob("*.txt")) if p != FIRST)
    best: dict[str, float] = {}
    for _ in range(args.rounds):
        out = subprocess.run(
            [sys.executable, "-c", PHASES, str(FIRST), str(second)],
            env=ENV, check=True, capture_output=True, text=True,
        ).stdout
        for phase, seconds in json.loads(out).items():
            best[phase] = min(best.get(phase, seconds), seconds)
        for label, command in (
            ('python -c "import spacy"', [sys.executable, "-c", "import spacy"]),
            ("kazextract parse (one file, whole command)", [sys.executable, "-m", "kazextract", "parse", str(FIRST)]),
        ):
            seconds = wall(command)
            best[label] = min(best.get(label, seconds), seconds)
    print(f"start-up, best of {args.rounds} fresh processes (seconds)")
    for phase, seconds in best.items():
        print(f"  {phase:44s} {seconds:6.3f}")
    extra = best["kazextract parse (one file, whole command)"] - best['python -c "import spacy"']
    print(f"  {'kazextract parse over import spacy':44s} {extra:+6.3f}")


if __name__ == "__main__":
    main()
