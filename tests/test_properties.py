"""Properties of the models, the flat CSV form, the span checks and the validator.

Records come from ``libyadata.testing``, so every table's model is exercised with data it was
never shown by hand. The mutation tests at the end turn one rule off and show that the
property guarding it then fails: the properties have teeth.
"""

from __future__ import annotations

import copy
import csv
import io
import shutil
import tempfile
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import Phase, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from libyadata.checks.sources import check
from libyadata.core import catalogue, problems
from libyadata.core.catalogue.record_problems import WRONG_TYPE
from libyadata.formats import cells, schemas
from libyadata.formats.layout import layouts_of, table_schema
from libyadata.formats.rows import csv_bytes, record_data, rows_of
from libyadata.models import (
    Attribution,
    CoverageExclusion,
    Evidence,
    ExternalSource,
    GazetteerEntry,
    NameInSeed,
    Quantity,
    Record,
    RoleInSeed,
)
from libyadata.models.tables import TABLES, Table, table
from libyadata.provenance import spans
from libyadata.sources import yamlio
from libyadata.sources.curated import load_table
from libyadata.sources.project import Project
from libyadata.sources.seeds import SeedLibrary
from libyadata.testing import Span, breakable, broken, from_model, fuzzy_dates, records
from libyadata.testing import spans as drawn_spans

ROOT = Path(__file__).resolve().parent.parent
NAMES = [source.name for source in TABLES]
#: A valid record of any table (built once: building the strategies is not free).
ANY_RECORD = st.one_of([records(name) for name in NAMES])
MODELS = {source.model: source for source in TABLES}


@cache
def _seed_texts() -> dict[str, str]:
    """Return the verified text of every seed, by id."""
    # Loaded here, not taken from the `library` fixture: hypothesis prints a failing example's
    # arguments, and the repr of a whole library is tens of kilobytes.
    library = SeedLibrary.load(Project.at(ROOT))
    return {seed_id: library.text(seed_id) for seed_id in sorted(library.seeds)}


def _table_of(record: BaseModel) -> Table:
    return MODELS[type(record)]


# --- round trips -------------------------------------------------------------------------


#: Every model that is a part of a record or curator tooling rather than a table of its own.
PARTS = st.one_of(
    fuzzy_dates(),
    *(
        from_model(model)
        for model in (Attribution, CoverageExclusion, ExternalSource, GazetteerEntry, Quantity)
    ),
    *(from_model(model) for model in (NameInSeed, RoleInSeed, Evidence)),
)


@given(PARTS)
def test_every_part_round_trips_through_json(part: BaseModel) -> None:
    assert type(part).model_validate_json(part.model_dump_json()) == part


def _through_csv(record: BaseModel) -> BaseModel:
    """Write a record's flat tables as the build does and read them back as data.py does."""
    source = _table_of(record)
    flat = layouts_of(source)
    rows = {}
    for layout in flat:
        fields = {f["name"]: f for f in table_schema(layout)["fields"]}
        text = csv_bytes(layout.columns, rows_of(layout, record)).decode("utf-8")
        rows[layout.name] = [
            {name: cells.decode(cell, fields[name]) for name, cell in row.items()}
            for row in csv.DictReader(io.StringIO(text, newline=""))
        ]
    (data,) = record_data(flat, rows)
    return source.model.model_validate(data)


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict | list):
        for item in value.values() if isinstance(value, dict) else value:
            yield from _strings(item)


@given(ANY_RECORD)
def test_record_round_trips_through_json_and_flat_csv(record: BaseModel) -> None:
    # One property for both forms: drawing the records is most of the cost of either.
    assert type(record).model_validate_json(record.model_dump_json()) == record
    assert _through_csv(record) == record


def test_bare_carriage_return_survives_the_flat_csv(examples: dict[str, dict[str, Any]]) -> None:
    # Curated text refuses a CR (invisible-character), but a quote holds whatever its seed does.
    visit = examples["visits"]
    span = {**visit["evidence"][0], "quote": "a\rb", "prefix": None, "suffix": None, "start": 0}
    span["end"] = 3
    record = table("visits").model.model_validate({**visit, "evidence": [span]})
    assert _through_csv(record) == record


# --- one broken constraint, one reason code ------------------------------------------------


def _codes(model: type[BaseModel], data: dict[str, Any]) -> list[str]:
    try:
        model.model_validate(data)
    except ValidationError as error:
        return [problem.code for problem in problems.from_validation_error(error)]
    return []


def _curated_codes(source: Table, data: dict[str, Any]) -> list[str]:
    """Return the codes the curated loader gives a file holding just this record."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / source.source
        path.parent.mkdir(parents=True)
        path.write_text(yaml.safe_dump([data], allow_unicode=True, sort_keys=False), "utf-8")
        loaded = load_table(Project(Path(tmp)), source)
    assert loaded.records == []
    return [problem.code for problem in loaded.problems]


@given(st.data())
def test_each_broken_constraint_is_rejected_with_its_code(data: st.DataObject) -> None:
    record = data.draw(ANY_RECORD, label="record")
    model = type(record)
    # Every way this record can be broken, through the model; one of them through a file.
    for code in sorted(breakable(record)):
        broken_data, expected = data.draw(broken(record, codes={code}), label=code)
        assert _codes(model, broken_data) == [expected]
    broken_data, expected = data.draw(broken(record), label="written to a file")
    assert _curated_codes(_table_of(record), broken_data) == [expected]


@given(st.data())
def test_each_broken_constraint_of_a_part_is_rejected_with_its_code(data: st.DataObject) -> None:
    part = data.draw(PARTS, label="part")
    for code in sorted(breakable(part)):
        broken_data, expected = data.draw(broken(part, codes={code}), label=code)
        assert _codes(type(part), broken_data) == [expected]


def _with_duplicate(data: dict[str, Any], key: str) -> str:
    """Return YAML of a one-record file whose record gives ``key`` twice."""
    node = yaml.SafeDumper(io.StringIO()).represent_data([data])
    mapping = node.value[0]
    pair = next(pair for pair in mapping.value if pair[0].value == key)
    mapping.value.append(copy.deepcopy(pair))  # a copy, or the emitter writes an alias
    return yaml.serialize(node, Dumper=yaml.SafeDumper, allow_unicode=True)


# The loader refuses a key given twice whatever the record holds, so the dev profile's 50 records
# are enough under CI too: at CI's 200, drawing whole records took 11 s for one YAML check.
@settings(max_examples=min(50, settings.default.max_examples))
@given(st.data())
def test_duplicate_key_is_rejected(data: st.DataObject) -> None:
    record = data.draw(ANY_RECORD, label="record")
    plain = record.model_dump(mode="json")
    key = data.draw(st.sampled_from(sorted(plain)), label="key")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "records.yaml"
        path.write_text(_with_duplicate(plain, key), "utf-8")
        items, found = yamlio.read_records(path)
    assert items == []
    assert [problem.code for problem in found] == ["duplicate-key"]


# --- spans of the real seeds -----------------------------------------------------------------


def _span(seed_id: str, drawn: Span) -> Evidence:
    return Evidence(seed_id=seed_id, supports=("status",), **drawn._asdict())


@given(st.data())
def test_real_span_verifies_and_shifted_span_does_not(data: st.DataObject) -> None:
    seed_id = data.draw(st.sampled_from(sorted(_seed_texts())), label="seed")
    text = _seed_texts()[seed_id]
    span = _span(seed_id, data.draw(drawn_spans(text), label="span"))
    assert spans.verify(span, text) == []
    # No seed repeats one character for a quote plus two contexts, so a shift always shows.
    shifted = span.model_copy(update={"start": span.start + 1, "end": span.end + 1})
    assert spans.verify(shifted, text) != []


@given(st.data())
def test_span_with_a_changed_quote_does_not_verify(data: st.DataObject) -> None:
    seed_id = data.draw(st.sampled_from(sorted(_seed_texts())), label="seed")
    text = _seed_texts()[seed_id]
    span = _span(seed_id, data.draw(drawn_spans(text), label="span"))
    at = data.draw(st.integers(0, len(span.quote) - 1), label="at")
    other = data.draw(st.characters(exclude_characters=[span.quote[at]]), label="other")
    changed = span.model_copy(update={"quote": span.quote[:at] + other + span.quote[at + 1 :]})
    assert "quote-mismatch" in {problem.code for problem in spans.verify(changed, text)}


#: Letters with Arabic harakat and Latin combining accents, where a careless cut splits them.
_MARKED = st.text(st.sampled_from("ab ب\u064e\u0651\u0650e\u0301\u0327\n"), min_size=1)


@given(st.data())
def test_spans_of_marked_text_never_split_a_cluster(data: st.DataObject) -> None:
    text = data.draw(st.one_of(_MARKED, st.text(min_size=1)), label="text")
    span = _span("SEED-000", data.draw(drawn_spans(text), label="span"))
    assert spans.verify(span, text) == []


@cache
def _records_citing_seeds() -> st.SearchStrategy[BaseModel]:
    kinds = [name for name in NAMES if table(name) in TABLES.records]
    return st.one_of([records(name, texts=_seed_texts()) for name in kinds])


@given(st.data())
def test_records_drawn_from_real_seeds_have_evidence_that_verifies(data: st.DataObject) -> None:
    record = data.draw(_records_citing_seeds(), label="record")
    assert isinstance(record, Record)
    for span in record.evidence:
        assert spans.verify(span, _seed_texts()[span.seed_id]) == []


# --- the validator never raises ------------------------------------------------------------

#: Pieces of YAML, many of them special (anchors, tags, merge keys, flow brackets, a BOM, NUL).
_PIECES = (
    "- ",
    "id: ",
    "VIS-0001",
    "\n",
    "  ",
    "evidence:",
    "[",
    "]",
    "{",
    "}",
    ": ",
    ", ",
    "? ",
    "&a ",
    "*a",
    "!!binary ",
    "!!str ",
    "!!int ",
    "!!timestamp ",
    "!!set ",
    "<<: ",
    "'",
    '"',
    "|",
    ">",
    "#",
    "\t",
    "---\n",
    "...\n",
    "~",
    "null",
    "2023-09-28",
    "1e999",
    ".nan",
    "yes",
    "\ufeff",
    "\x00",
)
_YAMLISH = st.lists(st.sampled_from(_PIECES)).map("".join)


def _spliced(original: bytes) -> st.SearchStrategy[bytes]:
    """Draw the bytes of a real curated file with one stretch replaced by arbitrary bytes."""
    at = st.integers(0, len(original))
    return st.tuples(at, at, st.binary(max_size=20)).map(
        lambda p: original[: min(p[:2])] + p[2] + original[max(p[:2]) :]
    )


def _contents(original: bytes) -> st.SearchStrategy[bytes]:
    text = st.one_of(st.text(), _YAMLISH).map(lambda t: t.encode("utf-8", "surrogatepass"))
    return st.one_of(text, st.binary(), _spliced(original))


def test_validator_never_raises_on_an_arbitrary_curated_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Rendering the schemas from the models takes most of a check and never depends on the
    # curated files; rendered once, a check takes milliseconds and many more files get tried.
    monkeypatch.setattr(schemas, "render", cache(schemas.render))
    originals = {t.source: (ROOT / t.source).read_bytes() for t in TABLES}
    with tempfile.TemporaryDirectory() as tmp:
        # One scratch project for all examples; each example writes one file and puts it back.
        root = Path(tmp)
        for folder in ("seeds", "schema"):
            shutil.copytree(ROOT / folder, root / folder)
        (root / "datasets").mkdir()
        project = Project.at(root)

        @given(st.data())
        def run(data: st.DataObject) -> None:
            source = data.draw(st.sampled_from(sorted(originals)), label="file")
            content = data.draw(_contents(originals[source]), label="content")
            target = root / source
            before = target.read_bytes() if target.exists() else None
            target.write_bytes(content)
            try:
                items, found = yamlio.read_records(target)
                assert isinstance(items, list)
                assert isinstance(found, list)
                assert isinstance(check(project).report.problems, tuple)
            finally:
                if before is None:
                    target.unlink()
                else:
                    target.write_bytes(before)

        run()


@pytest.mark.parametrize(
    "text",
    [
        "- !!timestamp x",
        "- !!timestamp 2023-13-45",
        "- !!int x",
        "- !!int ''",
        "- !!float x",
        "- !!bool x",
        "- !!set [1]",
    ],
)
def test_tagged_scalar_that_does_not_convert_is_a_problem_not_a_crash(
    tmp_path: Path, text: str
) -> None:
    path = tmp_path / "visits.yaml"
    path.write_text(text, "utf-8")
    items, found = yamlio.read_records(path)
    assert items == []
    assert [problem.code for problem in found] == ["yaml-syntax"]


def test_deeply_nested_file_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "visits.yaml"
    path.write_text("- " + "[" * 1000 + "]" * 1000 + "\n", "utf-8")  # 4 kB
    items, found = yamlio.read_records(path)
    assert items == []
    assert [problem.code for problem in found] == ["yaml-syntax"]


# --- mutants: each property fails when the rule it guards is turned off ---------------------


def _caught(prop: Any, strategy: st.SearchStrategy[Any] | None = None) -> Callable[[], None]:
    """Return property ``prop``, given ``strategy`` (``st.data()``), to run without shrinking.

    A mutant only has to be caught; shrinking the records it fails on would take most of a
    minute. No example database either: a mutant's failures must not be replayed against the
    real code later.
    """
    quick = settings(phases=[Phase.explicit, Phase.generate], database=None)
    return given(st.data() if strategy is None else strategy)(quick(prop.hypothesis.inner_test))


def test_csv_property_fails_if_empty_cells_are_spelt_null(monkeypatch: pytest.MonkeyPatch) -> None:
    original = cells.encode

    def json_habit(value: Any) -> str:
        return "null" if value is None else original(value)

    monkeypatch.setattr(cells, "encode", json_habit)
    # "null" where a date or a number belongs does not even load.
    with pytest.raises((AssertionError, ValidationError)):
        _caught(test_record_round_trips_through_json_and_flat_csv, ANY_RECORD)()


def test_shift_property_fails_if_spans_are_not_compared_with_the_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    original = spans.verify

    def range_only(span: Evidence, text: str) -> list[problems.Problem]:
        return [p for p in original(span, text) if p.code == "span-range"]

    monkeypatch.setattr(spans, "verify", range_only)
    with pytest.raises(AssertionError):
        _caught(test_real_span_verifies_and_shifted_span_does_not)()


def test_quote_property_fails_if_the_quote_is_not_compared(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    original = spans.verify

    def no_quote_check(span: Evidence, text: str) -> list[problems.Problem]:
        return [p for p in original(span, text) if p.code != "quote-mismatch"]

    monkeypatch.setattr(spans, "verify", no_quote_check)
    with pytest.raises(AssertionError):
        _caught(test_span_with_a_changed_quote_does_not_verify)()


def test_duplicate_key_property_fails_if_the_loader_keeps_the_last_value(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # PyYAML's own mapping constructor silently keeps the last of two equal keys.
    monkeypatch.setattr(
        yamlio.StrictLoader,
        "construct_mapping",
        yaml.constructor.SafeConstructor.construct_mapping,
    )
    with pytest.raises(AssertionError):
        _caught(test_duplicate_key_is_rejected)()


def test_broken_constraint_property_fails_if_a_code_is_mapped_wrongly(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(catalogue.PYDANTIC_TYPES, "enum", WRONG_TYPE)
    with pytest.raises(AssertionError):
        _caught(test_each_broken_constraint_is_rejected_with_its_code)()
