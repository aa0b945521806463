"""Our date values beside dateparser's, on hand-normalised KazNERD phrases.

``bench/data/kaznerd_dates.tsv`` holds absolute date phrases from KazNERD's
validation split (CC BY 4.0), each normalised to ISO 8601 by hand. For each
phrase we run the dates components (``kazextract_sentences`` and
``kazextract_dates``) and take the value of the first date found; dateparser
gets ``dateparser.parse(phrase, languages=['kk'])``.

A value is right when it equals the hand value. dateparser returns a full
datetime with the unwritten parts filled in, so it is judged at the hand
value's own precision (year, year-month or day); for a range, which it cannot
express, its date is judged against the range's start. Both rules favour
dateparser; ours must match the ISO string exactly.

    PYTHONPATH=src python bench/dates_vs_dateparser.py [--show N]
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

import dateparser

from kazextract.lang import Kazakh
from kazextract.pipeline import make_doc
from kazextract.reader import Article
from kazextract.spans import DATES

DATA = Path(__file__).resolve().parent / "data" / "kaznerd_dates.tsv"


def read_phrases(path: Path = DATA) -> list[tuple[str, str]]:
    """(phrase, hand value) rows, comments and the header skipped."""
    rows = []
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    for line in lines[1:]:
        phrase, value = line.split("\t")
        rows.append((phrase, value))
    return rows


def date_pipeline() -> Kazakh:
    nlp = Kazakh()
    nlp.add_pipe("kazextract_sentences")
    nlp.add_pipe("kazextract_dates")
    return nlp


def our_value(nlp: Kazakh, phrase: str) -> str | None:
    """The value of the first date the component finds in the phrase."""
    doc = make_doc(nlp, Article(text=phrase))
    for _name, component in nlp.pipeline:
        doc = component(doc)
    spans = sorted(doc.spans[DATES], key=lambda s: s.start)
    return spans[0]._.kx.value if spans else None


def dateparser_right(phrase: str, value: str) -> tuple[bool, str | None]:
    """Whether dateparser's reading agrees with ``value`` at its precision."""
    parsed: dt.datetime | None = dateparser.parse(phrase, languages=["kk"])
    if parsed is None:
        return False, None
    start = value.split("/")[0]
    shown = parsed.date().isoformat()[: len(start)]
    return shown == start, parsed.date().isoformat()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--show", type=int, default=10, help="print up to N phrases each side got wrong")
    args = parser.parse_args()

    rows = read_phrases()
    nlp = date_pipeline()
    ours_ok = theirs_ok = theirs_none = 0
    our_errors: list[str] = []
    their_errors: list[str] = []
    for phrase, value in rows:
        ours = our_value(nlp, phrase)
        if ours == value:
            ours_ok += 1
        else:
            our_errors.append(f"  {phrase!r}: hand {value}, ours {ours}")
        right, theirs = dateparser_right(phrase, value)
        theirs_ok += right
        theirs_none += theirs is None
        if not right:
            their_errors.append(f"  {phrase!r}: hand {value}, dateparser {theirs}")

    n = len(rows)
    print(f"{n} hand-normalised absolute date phrases from KazNERD validation ({DATA.name})")
    print(f"  kazextract_dates                       {ours_ok:4d}/{n}  accuracy {ours_ok / n:.3f}")
    print(f"  dateparser.parse(languages=['kk'])     {theirs_ok:4d}/{n}  accuracy {theirs_ok / n:.3f}"
          f"  (no parse: {theirs_none})")
    if args.show:
        print(f"\nours wrong ({len(our_errors)}):", *our_errors[: args.show], sep="\n")
        print(f"\ndateparser wrong ({len(their_errors)}), first {args.show}:", *their_errors[: args.show], sep="\n")


if __name__ == "__main__":
    main()
