"""The curated dataset itself: every record rests on exact spans, every reference resolves.

These tests read the checkout's own ``datasets/`` and ``seeds/`` files, and check them by routes
independent of ``libyadata.checks.sources`` where they can (raw file reads, a plain regex for
ids), so a bug in the validator cannot hide a defect in the data.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
import yaml

from conftest import ROOT
from libyadata.checks.sources import check
from libyadata.models import Record
from libyadata.models.tables import TABLES
from libyadata.provenance.locate import fill_spans
from libyadata.sources.curated import Loaded, load_table
from libyadata.sources.project import Project
from libyadata.sources.seeds import SeedLibrary

RECORD_TABLES = [t for t in TABLES if issubclass(t.model, Record)]
#: Tables that need not have rows: the seeds are checked elsewhere, and retractions may be empty.
OPTIONAL = {"seeds", "retractions"}
ID = re.compile(
    r"\b(?:ACT-[a-z0-9-]*[a-z0-9]|PLC-[a-z0-9-]*[a-z0-9]|(?:VIS|DEP|BAS|AGR|MIG)-\d{4,})"
)


@pytest.fixture(scope="module")
def loaded(project: Project) -> dict[str, Loaded]:
    return {t.name: load_table(project, t) for t in TABLES if t.name != "seeds"}


def seed_texts() -> dict[str, str]:
    """The seed texts read straight from disk: UTF-8, no newline translation."""
    texts = {}
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        with path.open(encoding="utf-8", newline="") as handle:
            texts[f"SEED-{path.name[:3]}"] = handle.read()
    return texts


def raw_records() -> Iterator[tuple[str, dict[str, Any]]]:
    for table in RECORD_TABLES:
        for row in yaml.safe_load((ROOT / table.source).read_text(encoding="utf-8")):
            yield table.name, row


def test_the_checkout_validates_clean(project: Project) -> None:
    checked = check(project)
    report, summary = checked.report, checked.summary
    assert [str(p) for p in report.problems] == []
    # Retractions may well be empty: nothing has been retracted yet.
    assert all(summary.records[t.name] > 0 for t in TABLES if t.name not in OPTIONAL)


def test_every_span_was_made_by_locate_and_is_current(project: Project) -> None:
    result = fill_spans(project, write=False)
    assert result.problems == []
    assert [str(stale) for stale in result.stale] == []
    assert result.spans == sum(len(row["evidence"]) for _, row in raw_records())


def test_every_kind_is_populated(loaded: dict[str, Loaded]) -> None:
    for table in TABLES:
        if table.name != "seeds":
            assert loaded[table.name].problems == []
        if table.name not in OPTIONAL:
            assert loaded[table.name].records, f"{table.name} has no records"


def test_every_span_is_the_exact_text_of_its_seed() -> None:
    texts = seed_texts()
    spans = 0
    for name, row in raw_records():
        assert row["evidence"], f"{name} {row['id']} has no evidence"
        for span in row["evidence"]:
            text = texts[span["seed_id"]]
            where = f"{name} {row['id']} {span['quote'][:40]!r}"
            assert text[span["start"] : span["end"]] == span["quote"], where
            assert text[: span["start"]].endswith(span.get("prefix") or ""), where
            assert text[span["end"] :].startswith(span.get("suffix") or ""), where
            spans += 1
    assert spans > 100


def test_ids_are_unique_across_tables_and_follow_their_pattern(
    loaded: dict[str, Loaded],
) -> None:
    seen: dict[str, str] = {}
    for name, table in loaded.items():
        pattern = table.table.model.model_json_schema()["properties"]["id"]["pattern"]
        for record in table.records:
            record_id = str(getattr(record, "id", ""))
            assert re.fullmatch(pattern, record_id), (name, record_id)
            assert record_id not in seen, f"{record_id} is in {seen.get(record_id)} and {name}"
            seen[record_id] = name


def test_every_reference_resolves(loaded: dict[str, Loaded], library: SeedLibrary) -> None:
    known = {str(getattr(r, "id", "")) for table in loaded.values() for r in table.records}
    known |= set(library.seeds)
    for table in loaded.values():
        for record in table.records:
            dumped = record.model_dump_json()
            # Notes refer to related records by id ("the second is VIS-0002"): those resolve too.
            for reference in ID.findall(dumped):
                assert reference in known, f"{getattr(record, 'id', '')} refers to {reference}"
            for seed_id in re.findall(r"SEED-\d{3}", dumped):
                assert seed_id in library.seeds, f"{getattr(record, 'id', '')}: {seed_id}"


def test_no_event_is_dated_after_the_seeds_that_report_it(
    loaded: dict[str, Loaded], library: SeedLibrary
) -> None:
    forward = {"planned", "expected", "proposed", "negotiating"}
    for table in RECORD_TABLES:
        for record in loaded[table.name].records:
            date = getattr(record, "date", None) or getattr(record, "period", None)
            if (
                date is None
                or date.earliest is None
                or str(getattr(record, "status", "")) in forward
            ):
                continue
            for span in record.evidence:  # type: ignore[attr-defined]
                latest = library.seeds[span.seed_id].published.latest
                assert latest is None or date.earliest <= latest, (record, span.seed_id)


def test_disputed_and_inferred_fields_rest_on_evidence(loaded: dict[str, Loaded]) -> None:
    for table in RECORD_TABLES:
        for record in loaded[table.name].records:
            assert isinstance(record, Record)
            for name in (*record.disputed_fields, *record.inferred_fields):
                supported = {field for span in record.evidence for field in span.supports}
                assert name in supported, f"{record.id}: no span supports {name}"


#: Words by which a seed attributes a claim, in the quote itself.
_ATTRIBUTING = re.compile(r"\baccording to\b|\bsources\b|\bthey said\b|^Reports\b", re.IGNORECASE)


def test_a_span_that_says_whom_it_is_according_to_carries_its_attribution(
    loaded: dict[str, Loaded],
) -> None:
    found = 0
    for table in RECORD_TABLES:
        for record in loaded[table.name].records:
            assert isinstance(record, Record)
            for index, span in enumerate(record.evidence):
                if _ATTRIBUTING.search(span.quote):
                    assert span.attributed_to is not None, f"{record.id} evidence.{index}"
                    found += 1
    assert found >= 15  # the test has something to check


def test_a_description_resting_on_unnamed_sources_says_so(loaded: dict[str, Loaded]) -> None:
    # The audit of 0.1.0 found purposes stating as fact what the seeds attribute.
    for table in RECORD_TABLES:
        for record in loaded[table.name].records:
            assert isinstance(record, Record)
            for name in ("purpose", "subject"):
                text = getattr(record, name, None)
                unnamed = [
                    span
                    for span in record.evidence
                    if name in span.supports
                    and span.attributed_to is not None
                    and span.attributed_to.kind == "unnamed"
                ]
                if text and unnamed:
                    assert re.search(r"according to|sources", text, re.I), (record.id, name)
