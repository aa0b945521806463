"""A terminal view of a record, for people rather than scripts.

``kazextract show article.txt`` prints what ``parse`` would write as JSON, as
rich tables: the header, the parties with their mentions, places, dates,
titles and agreements with their sides by name and evidence. It renders a
validated :class:`~kazextract.record.Record`; it never extracts anything.
"""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text

from .record import Record

_EVIDENCE_CHARS = 160


def _table(title: str, *columns: str) -> Table:
    table = Table(title=title, title_justify="left", expand=False, show_lines=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    return table


def _mentions(texts: list[str]) -> str:
    unique = list(dict.fromkeys(texts))
    return ", ".join(unique[:4]) + (f" (+{len(unique) - 4})" if len(unique) > 4 else "")


def render_record(record: Record) -> Group:
    """Tables of one record: header, parties, places, dates, titles, agreements."""
    header = _table(f"kazextract: {record.doc_id}", "field", "value")
    for name in ("title", "published", "dateline", "agency"):
        header.add_row(name, str(getattr(record, name) or "—"))
    for warning in record.warnings:
        header.add_row("warning", Text(warning, style="yellow"))

    parties = _table(
        f"parties ({len(record.parties)})", "id", "name", "kind", "country", "aliases", "mentions"
    )
    for p in record.parties:
        parties.add_row(
            p.id,
            p.name,
            p.kind,
            p.country or "—",
            ", ".join(p.aliases),
            _mentions([m.text for m in p.mentions]),
        )

    places = _table(f"places ({len(record.places)})", "name", "kind", "country", "mentions")
    for pl in record.places:
        places.add_row(
            pl.name, pl.kind, pl.country or "—", _mentions([m.text for m in pl.mentions])
        )

    dates = _table(f"dates ({len(record.dates)})", "text", "value", "granularity", "relative")
    for d in record.dates:
        dates.add_row(
            d.text,
            d.value or Text("unresolved", style="yellow"),
            d.granularity,
            "yes" if d.relative else "",
        )

    titles = _table(f"titles ({len(record.titles)})", "title", "kind")
    for t in record.titles:
        titles.add_row(t.text, t.kind)

    names = {p.id: p.name for p in record.parties}
    agreements = _table(
        f"agreements ({len(record.agreements)})",
        "id",
        "type",
        "status",
        "sides",
        "date",
        "place",
        "evidence",
    )
    for a in record.agreements:
        evidence = (
            a.evidence.text
            if len(a.evidence.text) <= _EVIDENCE_CHARS
            else a.evidence.text[:_EVIDENCE_CHARS] + "…"
        )
        agreements.add_row(
            a.id,
            a.type,
            a.status,
            "\n".join(names.get(pid, pid) for pid in a.parties),
            a.date or "—",
            a.place or "—",
            evidence,
        )
    return Group(header, parties, places, dates, titles, agreements)
