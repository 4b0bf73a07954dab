"""Checks across records and against the seed texts, fed one record at a time.

The same checks run over curated YAML files and over the JSON Lines of a built package, so
they take each record with where it sits (``Where``) and keep only ids, never the records:
checking a million records needs their ids in memory, not the records themselves.

Tables are fed in ``TABLES.order()``, which puts every table after the tables it refers to; a
reference to a table not yet complete (an actor's affiliation, another actor) waits until it is.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from pydantic import BaseModel

from ..core.catalogue.crossrecord_problems import (
    DUPLICATE_ID_IN_TABLE,
    DUPLICATE_RECORD,
    FOREIGN_KEY,
    ID_REUSED,
    RETRACTION_LIVE,
    RETRACTION_REPLACEMENT,
)
from ..core.catalogue.provenance_problems import (
    ATTRIBUTION_MISSING,
    ATTRIBUTION_NOT_IN_SEED,
    ATTRIBUTION_UNSAID,
    DATE_AFTER_PUBLICATION,
    FIELD_UNSUPPORTED,
    NAME_NOT_IN_SEED,
    SEED_UNVERIFIED,
)
from ..core.hashing import sha256
from ..core.problems import CATALOGUE_HINT, Problem, ProblemType
from ..models import Actor, DocEnum, Evidence, Place, Record, Retraction
from ..models import fieldpaths as paths
from ..models.retraction import ID_PATTERNS
from ..models.tables import TABLES, Role
from ..provenance import spans
from ..sources.seeds import SeedLibrary

_NO_LINES: Mapping[str, int] = {}
#: The publication date of a seed published at an open-ended date: any date can follow it.
_OPEN = dt.date.max
#: Words by which a seed attributes a claim, in the quote itself: such a span says whom.
ATTRIBUTING = re.compile(r"\baccording to\b|\bsources\b|\bthey said\b|^Reports\b", re.IGNORECASE)
#: Words that say a description rests on what others say.
_SAYS_SO = re.compile(r"according to|sources", re.IGNORECASE)
#: Fields that describe an event in words: they must not state as fact what unnamed sources say.
_DESCRIPTIONS = ("purpose", "subject")
#: An id of any table written in running text (a note naming a related record), by table.
_IDS_IN_TEXT = {
    name: re.compile(rf"(?<![\w-]){form}(?![\w-])") for name, form in ID_PATTERNS.items()
}


class Where(NamedTuple):
    """Where a record sits: its file, its first line and the lines of its keys, if known."""

    # A named tuple, not a frozen dataclass: one is made per record, a million times over.
    file: str
    line: int | None = None
    key_lines: Mapping[str, int] = _NO_LINES

    def line_of(self, key: str) -> int | None:
        """Return the line of the record's top-level ``key``, else the record's line."""
        return self.key_lines.get(key, self.line)


@dataclass(frozen=True)
class _Pending:
    value: str
    target: str
    record_id: str
    fld: str
    where: Where


@dataclass
class Crosscheck:
    """Collects ids and reports cross-record and provenance problems as records arrive."""

    library: SeedLibrary
    cross_record: bool = True
    provenance: bool = True
    unreadable: frozenset[str] = frozenset()
    """Tables whose file could not be read at all: references to them are not checked, since
    every one would dangle and bury the one problem that matters."""
    curation: bool = False
    """Hold the rules of curation too: ids that notes name resolve, one record per event,
    attribution on spans that say whom they rest on, disputed and inferred fields on a span.
    Curated files only: a package is checked as it was released (a release of an earlier
    schema has no attribution at all), and in a package a record that failed its model is not
    known by id, so every note naming it would be reported again."""
    problems: list[Problem] = field(default_factory=list)
    ids: dict[str, set[str]] = field(default_factory=dict)
    _owner: dict[str, str] = field(default_factory=dict)
    _claimed: dict[str, set[str]] = field(default_factory=dict)
    _complete: set[str] = field(default_factory=set)
    _pending: list[_Pending] = field(default_factory=list)
    _published: dict[str, dt.date] = field(default_factory=dict)
    _texts: Mapping[str, str] = field(default_factory=dict)
    _events: dict[str, tuple[str, frozenset[str]]] = field(default_factory=dict)
    """Each record's event (a digest of kind, actors, places, dates) to its id and the ids its
    notes name: a few bytes per record, not the record."""
    _noted: list[_Pending] = field(default_factory=list)
    """Ids the notes name, checked at the end: a retracted id may be named too."""

    def __post_init__(self) -> None:
        sources = TABLES.sources.name
        self.ids = {t.name: set() for t in TABLES}
        self.ids[sources] = set(self.library.seeds)
        self._complete = {sources}
        self._published = {
            key: seed.published.latest or _OPEN for key, seed in self.library.seeds.items()
        }
        self._texts = self.library.texts
        self._claimed = {t.name: set() for t in TABLES}
        self._claimed[sources] = set(self.library.entries)

    def fork(self) -> Crosscheck:
        """Return a copy for checking part of a table elsewhere: what is known, no problems.

        The ids of complete tables are shared, not copied: a part only reads them.
        """
        copy = Crosscheck(self.library, self.cross_record, self.provenance, self.unreadable)
        copy._claimed = self._claimed
        copy.ids = {
            name: ids if name in self._complete else set() for name, ids in self.ids.items()
        }
        copy._owner = self._owner
        copy._complete = set(self._complete)
        return copy

    @property
    def pending(self) -> list[_Pending]:
        """References waiting for a table that is not complete yet."""
        return self._pending

    def claim(self, table: str, record_id: str, where: Where) -> None:
        """Note that ``record_id`` is used in ``table``; an id is never used by two tables."""
        if table == TABLES.retractions.name:
            return  # a retraction names the id of a record of another table, by design
        self._claimed[table].add(record_id)
        owner = self._owner.setdefault(record_id, table)
        if owner != table and self.cross_record:
            self.problems.append(_id_problem(ID_REUSED, record_id, where, owner=owner))

    def add(self, table: str, record: BaseModel, where: Where) -> None:
        """Check one valid record of ``table`` against what is known so far."""
        record_id = str(getattr(record, "id", ""))
        if record_id in self.ids[table]:
            self.duplicate(record_id, where)
            return
        self.ids[table].add(record_id)
        if self.cross_record:
            self._foreign_keys(record, record_id, where)
            if isinstance(record, Retraction):
                self.problems += _retraction(record, where, self.ids)
            if isinstance(record, Record) and self.curation:
                self._noted_ids(record, where)
                self.problems += self._duplicate_event(table, record, where)
        if self.provenance:
            if isinstance(record, Record):
                self.problems += self._spans(record, where)
                self.problems += self._attributions(record, where)
                if self.curation:
                    self.problems += _unattributed(record, where)
                    self.problems += _unsupported(record, where)
                self.problems += self._dates(record, where)
            elif isinstance(record, Actor | Place):
                self.problems += self._names(record, where)

    def duplicate(self, record_id: str, where: Where) -> None:
        """Report a second record with the id ``record_id`` in the same table."""
        self.problems.append(_id_problem(DUPLICATE_ID_IN_TABLE, record_id, where))

    def merge(self, table: str, ids: Mapping[str, int], file: str, pending: list[_Pending]) -> None:
        """Take in what a ``fork`` learnt checking a part of ``table`` in another process.

        ``ids`` maps each id of the part to its line; ``pending`` holds its waiting references.
        """
        known = self.ids[table]
        for record_id in known.intersection(ids):
            self.duplicate(record_id, Where(file, ids[record_id]))
        known.update(ids)
        for record_id in ids:
            self._owner.setdefault(record_id, table)
        self._pending += pending

    def complete(self, table: str) -> None:
        """Mark ``table`` as fully read, and check the references that waited for it."""
        self._complete.add(table)
        waiting, self._pending = self._pending, []
        for ref in waiting:
            if ref.target in self._complete:
                self._resolve(ref)
            else:
                self._pending.append(ref)

    def finish(self) -> list[Problem]:
        """Check whatever still waits (a table that was never read is empty); return problems."""
        for ref in self._pending:
            self._resolve(ref)
        retracted = self.ids.get(TABLES.retractions.name, set())
        for ref in self._noted:
            if ref.value not in retracted:
                self._resolve(ref)
        self._pending, self._noted = [], []
        return self.problems

    def _foreign_keys(self, record: BaseModel, record_id: str, where: Where) -> None:
        for path in paths.foreign_keys(type(record)):
            if path.target in self._complete:
                for value, fld in path.missing(record, self.ids[path.target]):
                    self._resolve(_Pending(value, path.target, record_id, fld, where))
            else:
                self._pending += (
                    _Pending(value, path.target, record_id, fld, where)
                    for value, fld in path.values(record)
                )

    def _noted_ids(self, record: Record, where: Where) -> None:
        """Treat every id the notes name ('the second is VIS-0002') as a reference to resolve."""
        if not record.notes:
            return
        for target, pattern in _IDS_IN_TEXT.items():
            for found in pattern.findall(record.notes):
                self._noted.append(_Pending(found, target, record.id, "notes", where))

    def _duplicate_event(self, table: str, record: Record, where: Where) -> Iterator[Problem]:
        """Report a record of the same event as an earlier one, unless a note says why both stand.

        The event is the kind, every actor and place the record names (by field) and every
        date's bounds; a note of either record that names the other's id keeps both.
        """
        key = event_key(table, record)
        if key is None:
            return
        digest = sha256(repr(key).encode())[:32]
        earlier = self._events.get(digest)
        if earlier is None:
            named = frozenset(
                found
                for pattern in _IDS_IN_TEXT.values()
                for found in pattern.findall(record.notes or "")
            )
            self._events[digest] = (record.id, named)
            return
        other, named = earlier
        if other in (record.notes or "") or record.id in named:
            return
        yield _id_problem(DUPLICATE_RECORD, record.id, where, other=other)

    def _resolve(self, ref: _Pending) -> None:
        # A record that failed its model is reported once, not again by every reference to it.
        if ref.target in self.unreadable or ref.value in self._claimed[ref.target]:
            return
        if ref.value in self.ids[ref.target]:
            return
        self.problems.append(
            FOREIGN_KEY(
                value=ref.value,
                target=ref.target,
                file=ref.where.file,
                line=ref.where.line_of(ref.fld.split(".")[0]),
                record_id=ref.record_id,
                field=ref.fld,
            )
        )

    def _spans(self, record: Record, where: Where) -> Iterator[Problem]:
        texts = self._texts
        for index, span in enumerate(record.evidence):
            text = texts.get(span.seed_id)
            if text is not None and spans.holds(span, text):
                continue  # almost every span: no need to build its problems
            line = where.line_of("evidence")
            for problem in self._check_span(span, text):
                yield replace(
                    problem,
                    file=where.file,
                    line=line,
                    record_id=record.id,
                    field=f"evidence.{index}.{problem.field}",
                )

    def _check_span(self, span: Evidence, text: str | None) -> list[Problem]:
        """Check a span against its seed's verified ``text`` (``None``: none was verified)."""
        if text is not None:
            return spans.verify(span, text)
        if span.seed_id in self.library.seeds:
            return [SEED_UNVERIFIED(seed_id=span.seed_id, field="seed_id")]
        return []  # an unknown seed id is reported by the foreign-key check

    def _attributions(self, record: Record, where: Where) -> Iterator[Problem]:
        """Report a span attributed to a source in words its seed does not have."""
        found = (
            (span.attributed_to.name, span.seed_id, f"evidence.{index}.attributed_to.name")
            for index, span in enumerate(record.evidence)
            if span.attributed_to is not None
        )
        yield from self._absent(found, ATTRIBUTION_NOT_IN_SEED, "evidence", record.id, where)

    def _absent(
        self,
        found: Iterable[tuple[str, str, str]],
        kind: ProblemType,
        key: str,
        record_id: str,
        where: Where,
    ) -> Iterator[Problem]:
        """Report each (words, seed id, field) whose words its seed's text does not hold.

        A seed that is unknown or failed verification is reported on its own.
        """
        for words, seed_id, fld in found:
            text = self._texts.get(seed_id)
            if text is not None and words not in text:
                yield kind(
                    name=words,
                    seed_id=seed_id,
                    file=where.file,
                    line=where.line_of(key),
                    record_id=record_id,
                    field=fld,
                )

    def _dates(self, record: Record, where: Where) -> Iterator[Problem]:
        """Report dates after every cited seed was published: only a plan can be that late."""
        status = getattr(record, "status", None)
        if isinstance(status, DocEnum) and status.prospective:
            return
        for path in paths.dates(type(record)):
            for date, fld in path.values(record):
                if date.earliest is None:
                    continue
                # An unknown seed, or one published at an open-ended date, allows any date.
                last = max(self._published.get(span.seed_id, _OPEN) for span in record.evidence)
                if date.earliest > last:
                    yield DATE_AFTER_PUBLICATION(
                        date_field=fld,
                        earliest=date.earliest,
                        last=last,
                        file=where.file,
                        line=where.line_of(fld),
                        record_id=record.id,
                        field=f"{fld}.earliest",
                    )

    def _names(self, record: Actor | Place, where: Where) -> Iterator[Problem]:
        found = (
            (name.name, name.seed_id, f"names.{index}.name")
            for index, name in enumerate(record.names)
        )
        yield from self._absent(found, NAME_NOT_IN_SEED, "names", record.id, where)


def event_key(table: str, record: Record) -> tuple[object, ...] | None:
    """Return what makes ``record`` one event: kind, actors and places by field, date bounds.

    ``None`` for a record that names no actor, place or date (nothing to compare).
    """
    named: list[tuple[str, str]] = []
    for path in paths.foreign_keys(type(record)):
        if path.target in {t.name for t in TABLES.with_role(Role.REFERENCE)}:
            named += sorted((fld.split(".")[0], str(value)) for value, fld in path.values(record))
    dated = [
        (fld, date.earliest, date.latest)
        for path in paths.dates(type(record))
        for date, fld in path.values(record)
    ]
    if not named and not dated:
        return None
    quantity = getattr(record, "quantity", None)
    # Two figures of one period that count different numbers are conflicting reports, which
    # stay side by side; the same number twice is one report.
    counted = quantity.model_dump_json() if isinstance(quantity, BaseModel) else None
    return (table, tuple(sorted(named)), tuple(dated), counted)


def _unattributed(record: Record, where: Where) -> Iterator[Problem]:
    """Report spans that say whom they rest on but have no attribution.

    And descriptions that state as fact what the record's unnamed sources say.
    """
    line = where.line_of("evidence")
    for index, span in enumerate(record.evidence):
        said = ATTRIBUTING.search(span.quote)
        if said and span.attributed_to is None:
            yield ATTRIBUTION_MISSING(
                words=said.group(0),
                file=where.file,
                line=line,
                record_id=record.id,
                field=f"evidence.{index}.attributed_to",
            )
    for name in _DESCRIPTIONS:
        text = getattr(record, name, None)
        if not isinstance(text, str) or _SAYS_SO.search(text):
            continue
        if any(
            name in span.supports
            and span.attributed_to is not None
            and span.attributed_to.kind == "unnamed"
            for span in record.evidence
        ):
            yield ATTRIBUTION_UNSAID(
                name=name,
                file=where.file,
                line=where.line_of(name),
                record_id=record.id,
                field=name,
            )


def _unsupported(record: Record, where: Where) -> Iterator[Problem]:
    """Report a disputed or inferred field that no evidence span lists in its ``supports``."""
    supported = {name for span in record.evidence for name in span.supports}
    for listed in ("disputed_fields", "inferred_fields"):
        for name in getattr(record, listed):
            if name not in supported:
                yield FIELD_UNSUPPORTED(
                    name=name,
                    listed=listed,
                    file=where.file,
                    line=where.line_of(listed),
                    record_id=record.id,
                    field=listed,
                )


def _retraction(
    retraction: Retraction, where: Where, ids: dict[str, set[str]]
) -> Iterator[Problem]:
    """Check that a retracted id is gone from its table and its replacement is live there."""
    source = retraction.table.value
    live = ids.get(source, set())
    if retraction.id in live:
        yield _id_problem(RETRACTION_LIVE, retraction.id, where, table=source)
    if retraction.replaced_by is not None and retraction.replaced_by not in live:
        yield RETRACTION_REPLACEMENT(
            replacement=retraction.replaced_by,
            table=source,
            file=where.file,
            line=where.line_of("replaced_by"),
            record_id=retraction.id,
            field="replaced_by",
        )


def _id_problem(kind: ProblemType, record_id: str, where: Where, /, **values: object) -> Problem:
    """Build a problem of ``kind`` about the ``id`` of the record at ``where``."""
    return kind(
        id=record_id,
        file=where.file,
        line=where.line_of("id"),
        record_id=record_id,
        field="id",
        hint=CATALOGUE_HINT,
        **values,
    )
