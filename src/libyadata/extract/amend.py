"""What a review adds besides new records: rows for new names, spans for existing records.

A reference candidate (a name no reference table lists) becomes an actor or a place: its kind,
its name with the seed it was seen in, its side (an actor's), country or parent where the review
file gives them, and for a place the gazetteer entry when the project's gazetteer has exactly
one match (``sources.gazetteer.geocode``: GeoNames, airportsdata, Natural Earth), else the
reason it has none. Ids are made from the name, never picked by the reviewer. Attaching adds a
candidate's evidence spans (or a reference candidate's spelling) to the end of an existing row's
list, every other byte of the file kept. A candidate's spans, as the reviewer may have edited
them (a quote alone, say), are located in the seed first, exactly as ``locate`` does.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any

from ..core.catalogue.record_problems import REVIEW_EDITED, REVIEW_REFERENCE
from ..core.problems import Problem
from ..models.vocab import ActorKind, PlaceKind, Side
from ..provenance.spans import QuoteNotFoundError, context, locate
from ..sources.gazetteer import geocode
from ..sources.yamlwrite import render_record, render_scalar
from .decisions import fold

ACTOR_KINDS = tuple(str(kind.value) for kind in ActorKind)
PLACE_KINDS = tuple(str(kind.value) for kind in PlaceKind)
SIDES = tuple(str(side.value) for side in Side)
_SLUG = re.compile(r"[^a-z0-9]+")


def locate_spans(
    record: dict[str, Any], text: str, seed_id: str, number: str, file: str | None = None
) -> list[Problem]:
    """Fill each span's offsets, prefix and suffix from its quote (and prefix) in the seed.

    A span of another seed is left to ``validate``. Problems name the candidate and the span.
    """
    problems = []
    for index, span in enumerate(record.get("evidence") or ()):
        span.setdefault("seed_id", seed_id)
        if span["seed_id"] != seed_id:
            continue
        quote = span.get("quote")
        if not isinstance(quote, str) or not quote:
            message = f"{number} evidence.{index}: a span needs its quote, copied from {seed_id}"
            problems.append(
                REVIEW_EDITED(message=message, file=file, record_id=number, field="evidence")
            )
            continue
        held = (span.get("start"), span.get("end"))
        if (
            isinstance(held[0], int)
            and isinstance(held[1], int)
            and text[held[0] : held[1]] == quote
        ):
            start, end = held[0], held[1]
        else:
            try:
                start, end = locate(text, quote, span.get("prefix"))
            except QuoteNotFoundError as error:
                message = f"{number} evidence.{index}, in {seed_id}: {error}"
                problems.append(
                    REVIEW_EDITED(message=message, file=file, record_id=number, field="evidence")
                )
                continue
        prefix, suffix = context(text, start, end)
        span.update(start=start, end=end, prefix=prefix, suffix=suffix)
        span.setdefault("supports", ["status"])
        for key in ("prefix", "suffix"):
            if span[key] is None:
                del span[key]
    return problems


def slug_id(prefix: str, name: str, taken: Iterable[str]) -> str:
    """Return ``PREFIX-slug-of-the-name``, with ``-2``, ``-3`` … if that id is taken."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    base = f"{prefix}-{_SLUG.sub('-', folded).strip('-') or 'unnamed'}"
    used = set(taken)
    candidate, number = base, 1
    while candidate in used:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def reference_row(
    entry: dict[str, Any], seed_id: str, taken: Iterable[str]
) -> tuple[str, dict[str, Any]] | Problem:
    """Return the table (``actors`` or ``places``) and row a reference candidate becomes.

    A problem when its kind is no actor or place kind, or an actor has no side.
    """
    number, name = str(entry["candidate"]), str(entry["name"])
    kind = entry.get("kind") or entry.get("looks_like")
    words = entry.get("words") if isinstance(entry.get("words"), str) else name
    spelling = {"name": words, "seed_id": seed_id}
    if kind in ACTOR_KINDS:
        side = entry.get("side")
        if side not in SIDES:
            message = (
                f"{number} ({name}) would be an actor ({kind}) but has no side: write `side:` "
                f"in the review file, one of {', '.join(SIDES)}"
            )
            return REVIEW_REFERENCE(message=message, record_id=number, field="side")
        row = {
            "id": slug_id("ACT", name, taken),
            "name": name,
            "kind": kind,
            "side": side,
            "affiliation": entry.get("affiliation"),
            "country": entry.get("country"),
            "names": [spelling],
        }
        return "actors", row
    if kind in PLACE_KINDS:
        row = {
            "id": slug_id("PLC", name, taken),
            "name": name,
            "kind": kind,
            "country": entry.get("country"),
            "parent": entry.get("parent"),
            "names": [spelling],
        }
        place_kind = next(member for member in PlaceKind if str(member) == str(kind))
        found = geocode([name], place_kind, entry.get("country"))
        if found.entry is not None:
            row["gazetteer"] = found.entry.model_dump(mode="json", exclude_none=True)
        else:  # no gazetteer has it, or several entries do: no point, and the reason says so
            row["no_coordinates"] = found.reason
        return "places", row
    message = (
        f"{number} ({name}) is a {kind!r}: write its `kind:` in the review file, an actor kind "
        f"({', '.join(ACTOR_KINDS)}) or a place kind ({', '.join(PLACE_KINDS)})"
    )
    return REVIEW_REFERENCE(message=message, record_id=number, field="kind")


def gazetteer_key(row: dict[str, Any]) -> tuple[str, str] | None:
    """Return a row's gazetteer entry as ``(gazetteer, id or code)``, ``None`` if it has none."""
    entry = row.get("gazetteer")
    if not isinstance(entry, dict):
        return None
    ident = entry.get("geonames_id") or entry.get("code")
    if ident is None:
        return None
    return str(entry.get("gazetteer") or "geonames"), str(ident)


def same_row(row: dict[str, Any], rows: Iterable[Any]) -> tuple[str, str] | None:
    """Return an existing row ``row`` would repeat, and why: a name (folded) or gazetteer entry.

    ``None`` when no row of ``rows`` has any of its names or its gazetteer entry.
    """
    names = {fold(str(row["name"]))} | {fold(str(n.get("name"))) for n in row.get("names") or ()}
    entry = gazetteer_key(row)
    for other in rows:
        if not isinstance(other, dict) or other.get("id") == row.get("id"):
            continue
        spellings = [other.get("name")] + [
            n.get("name") for n in other.get("names") or () if isinstance(n, dict)
        ]
        known = next((s for s in spellings if isinstance(s, str) and fold(s) in names), None)
        if known is not None:
            return str(other.get("id")), f"the name {known!r}"
        if entry is not None and gazetteer_key(other) == entry:
            return str(other.get("id")), f"its gazetteer entry ({entry[0]} {entry[1]})"
    return None


def _supported(record: dict[str, Any]) -> set[str]:
    """Return the fields the record's evidence spans say they support."""
    return {
        str(name)
        for span in record.get("evidence") or ()
        if isinstance(span, dict)
        for name in span.get("supports") or ()
    }


def _rows_named(value: Any) -> set[str]:
    """Return the actor and place ids a field's value names, however deep."""
    if isinstance(value, str):
        return {value} if value.startswith(("ACT-", "PLC-")) else set()
    if isinstance(value, dict):
        return {found for item in value.values() for found in _rows_named(item)}
    if isinstance(value, list | tuple):
        return {found for item in value for found in _rows_named(item)}
    return set()


def contradiction(candidate: dict[str, Any], record: dict[str, Any]) -> str | None:
    """Say how the fields a candidate's spans support contradict ``record``, or ``None``.

    A date that cannot be the record's (their ranges do not overlap), or actors and places of
    which none is the record's, when the candidate names any. Fields the spans do not support
    are not compared: a reviewer narrows ``supports`` to what a span really says.
    """
    from .datebounds import dates_agree

    supported = _supported(candidate)
    for name in sorted(supported):
        mine, theirs = candidate.get(name), record.get(name)
        if not (isinstance(mine, dict) and isinstance(theirs, dict)):
            continue
        if "precision" not in mine or "precision" not in theirs:
            continue  # a date is a mapping with a precision
        try:
            agree = dates_agree(mine, theirs)
        except ValueError:  # a date the reviewer mistyped is reported by validate, by field
            continue
        if not agree:
            return (
                f"its {name} {mine.get('value') or mine} cannot be the record's "
                f"{theirs.get('value') or theirs}"
            )
    named = {found for name in supported for found in _rows_named(candidate.get(name))}
    known = {
        found
        for name, value in record.items()
        if name != "evidence"
        for found in _rows_named(value)
    }
    if named and known and not named & known:
        return (
            f"it names {', '.join(sorted(named))}, none of which the record names "
            f"({', '.join(sorted(known))})"
        )
    return None


def render_spelling(spelling: dict[str, str]) -> str:
    """Render one name of a row as the reference files write it: ``    - {name: …, seed_id: …}``."""
    inner = ", ".join(f"{key}: {render_scalar(value)}" for key, value in spelling.items())
    return f"    - {{{inner}}}\n"


def render_span(span: dict[str, Any]) -> str:
    """Render one evidence span as an item of a record's ``evidence`` list."""
    order = ("seed_id", "quote", "supports", "attributed_to", "start", "end", "prefix", "suffix")
    ordered = {key: span[key] for key in order if key in span}
    return render_record(ordered | {k: v for k, v in span.items() if k not in ordered}, indent=4)


def insert_items(text: str, row_id: str, key: str, rendered: list[str]) -> str | None:
    """Return ``text`` with ``rendered`` items added at the end of row ``row_id``'s ``key`` list.

    ``None`` when the row, or its list in block style, is not there. Every other byte is kept.
    """
    lines = text.splitlines(keepends=True)
    head = f"- id: {row_id}"
    start = next((i for i, line in enumerate(lines) if line.rstrip("\n") == head), None)
    if start is None:
        return None
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("- ")), len(lines))
    found = next((i for i in range(start + 1, end) if lines[i].rstrip() == f"  {key}:"), None)
    if found is None:
        return None
    after = found + 1
    while after < end and lines[after].startswith("    "):
        after += 1
    if after == len(lines) and lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    return "".join(lines[:after] + rendered + lines[after:])
