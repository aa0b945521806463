"""The record contract (``../shared/spec/RECORD.md``) as pydantic v2 models.

These classes are the single source of truth in code: ``kazextract schema``
prints their JSON Schema, and every record the CLI writes is validated here.
A change to a field bumps ``SCHEMA_VERSION``.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

SCHEMA_VERSION = "1"

ISODate = str
CountryCode = str


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Mention(_Model):
    """A stretch of the input text, as written."""

    text: str = Field(description="The surface form exactly as in the input.")
    start: int = Field(ge=0, description="Character offset of the first character in the input text as read.")
    end: int = Field(ge=0, description="Character offset just past the last character; text[start:end] == text.")

    @model_validator(mode="after")
    def _ordered(self) -> Mention:
        if self.end < self.start:
            raise ValueError("mention end precedes start")
        return self


class Party(_Model):
    """A named actor: an organisation, a state or a person."""

    id: str = Field(pattern=r"^P[1-9][0-9]*$", description="P1, P2, ... in order of first mention.")
    name: str = Field(description="Canonical name: the full name in the nominative, inner genitives kept.")
    kind: Literal["organization", "state", "person"] = Field(description="What kind of actor this is.")
    country: CountryCode | None = Field(
        pattern=r"^[A-Z]{2}$",
        description="ISO 3166-1 alpha-2 code of the state the party is or belongs to; null for international bodies.",
    )
    aliases: list[str] = Field(default_factory=list, description="Other names the article uses for this party, canonicalised.")
    mentions: list[Mention] = Field(description="Every mention of the party, surface form as written.")


class Place(_Model):
    """A named place that is not a state."""

    name: str = Field(description="Place name in the nominative (Ақтауда -> Ақтау).")
    kind: Literal["city", "region", "other"] = Field(description="city, region or other.")
    country: CountryCode | None = Field(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2 code of its state.")
    mentions: list[Mention] = Field(description="Every mention of the place.")


class DateMention(Mention):
    """A date expression, normalised."""

    value: str | None = Field(
        pattern=r"^\d{4}(-\d{2}(-\d{2})?)?(/\d{4}(-\d{2}(-\d{2})?)?)?$",
        description="ISO 8601 at the expression's own precision (2025-10-05, 2025-10, 2025) or a range a/b; null when unresolvable.",
    )
    granularity: Literal["day", "month", "year", "range"] = Field(description="Precision of the value.")
    relative: bool = Field(description="True where the value was resolved against `published`.")


class Title(_Model):
    """A quoted proper title."""

    text: str = Field(description="The title without its quotes, exactly as written inside them.")
    kind: Literal["film", "festival", "project", "program", "organization", "publication", "event", "award", "other"] = Field(
        description="What the title names, from the words around it."
    )
    start: int = Field(ge=0, description="Offset of the title's first character (inside the quotes).")
    end: int = Field(ge=0, description="Offset just past the title's last character.")


class Agreement(_Model):
    """A signing or conclusion of an agreement, memorandum, contract, protocol or declaration."""

    id: str = Field(pattern=r"^A[1-9][0-9]*$", description="A1, A2, ...")
    type: Literal["memorandum", "agreement", "contract", "protocol", "declaration", "other"] = Field(
        description="What kind of document."
    )
    parties: list[str] = Field(description="Party ids of every side.")
    status: Literal["signed", "planned", "reported"] = Field(
        description="signed (past), planned (future or intention), reported (mentioned, tense unclear)."
    )
    date: str | None = Field(
        pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$",
        description="ISO date at the precision the text gives, else `published` for a past-tense signing.",
    )
    place: str | None = Field(description="Where it was signed, nominative; null unless the text places the signing.")
    evidence: Mention = Field(description="The sentence that states it.")
    topics: list[str] = Field(default_factory=list, description="Areas the text says the agreement covers, as short phrases.")


class Record(_Model):
    """One article as structured data."""

    schema_version: Literal["1"] = Field(default="1", description="Version of this contract.")
    doc_id: str = Field(description="File name without extension, or sha1:<first 12 hex> of the text for stdin.")
    title: str | None = Field(description="The headline.")
    published: str | None = Field(pattern=r"^\d{4}-\d{2}-\d{2}$", description="Publication date (ISO) or null.")
    dateline: str | None = Field(description="Place of the dateline, nominative, title case.")
    agency: str | None = Field(description="News agency of the dateline.")
    parties: list[Party] = Field(default_factory=list, description="Every named actor.")
    places: list[Place] = Field(default_factory=list, description="Named places that are not states.")
    dates: list[DateMention] = Field(default_factory=list, description="Every date expression, normalised.")
    titles: list[Title] = Field(default_factory=list, description="Every quoted proper title, each once.")
    agreements: list[Agreement] = Field(default_factory=list, description="Every signing or conclusion of an agreement.")
    warnings: list[str] = Field(default_factory=list, description="What the extractor noticed but could not resolve.")

    @model_validator(mode="after")
    def _party_refs(self) -> Record:
        ids = {p.id for p in self.parties}
        for agreement in self.agreements:
            missing = [pid for pid in agreement.parties if pid not in ids]
            if missing:
                raise ValueError(f"agreement {agreement.id} names unknown parties {missing}")
        return self

    def check_offsets(self, text: str) -> list[str]:
        """Mentions whose offsets do not index ``text`` (empty when all hold)."""
        bad = []
        spans: list[tuple[str, int, int]] = []
        for p in self.parties:
            spans += [(m.text, m.start, m.end) for m in p.mentions]
        for pl in self.places:
            spans += [(m.text, m.start, m.end) for m in pl.mentions]
        spans += [(d.text, d.start, d.end) for d in self.dates]
        spans += [(t.text, t.start, t.end) for t in self.titles]
        spans += [(a.evidence.text, a.evidence.start, a.evidence.end) for a in self.agreements]
        for surface, start, end in spans:
            if text[start:end] != surface:
                bad.append(f"{surface!r} at {start}:{end}")
        return bad
