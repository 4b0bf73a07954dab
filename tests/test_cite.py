"""`libyadata cite`: the dataset and single records as BibTeX, APA and CSL-JSON, parsed back."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from typing import Any

import bibtexparser
import pytest
import yaml
from bibtexparser.library import Library
from bibtexparser.middlewares import LatexDecodingMiddleware
from hypothesis import given
from hypothesis import strategies as st
from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db
from typer.testing import CliRunner

from conftest import ROOT
from libyadata._version import __version__
from libyadata.cite.styles import UnknownRecordError, cite, escape_bibtex
from libyadata.cli import app
from libyadata.models import Record, Seed
from libyadata.models.tables import TABLES
from libyadata.models.vocab import SourceType
from libyadata.readers.datapackage import DataPackage

#: The BibTeX key of the dataset at this version.
DATASET_KEY = "libyadata_" + __version__.replace(".", "_")

PACKAGE = ROOT / "datasets" / "package"
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
runner = CliRunner()

# pylatexenc, which bibtexparser decodes LaTeX with, lacks \textbraceleft and \textbraceright
# and turns \textasciicircum into a modifier letter; LaTeX prints { } and ^ for them.
_latex = get_default_latex_context_db()
_latex.add_context_category(
    "text-symbols",
    prepend=True,
    macros=[
        MacroTextSpec("textbraceleft", "{"),
        MacroTextSpec("textbraceright", "}"),
        MacroTextSpec("textasciicircum", "^"),
    ],
)
DECODER = LatexNodes2Text(latex_context=_latex)


def parse_bibtex(text: str) -> Library:
    """Parse with bibtexparser 2, LaTeX decoded; fail on any block it could not parse."""
    library = bibtexparser.parse_string(
        text, append_middleware=[LatexDecodingMiddleware(decoder=DECODER)]
    )
    assert library.failed_blocks == []
    return library


def fields(library: Library, key: str) -> dict[str, Any]:
    entry = library.entries_dict[key]
    return {field.key: field.value for field in entry.fields}


@pytest.fixture(scope="module")
def built() -> DataPackage:
    return DataPackage.open(PACKAGE)


@pytest.fixture(scope="module")
def descriptor() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((PACKAGE / "datapackage.json").read_text(encoding="utf-8"))
    return data


def records(built: DataPackage) -> list[Record]:
    return [
        record
        for source in TABLES.records
        for record in built.records(source.name)
        if isinstance(record, Record)
    ]


def seeds(built: DataPackage) -> dict[str, Seed]:
    return {seed.id: seed for seed in built.records("seeds") if isinstance(seed, Seed)}


def seed_key(seed_id: str) -> str:
    return "libyadata_" + seed_id.lower().replace("-", "_")


def run(*args: str) -> Any:
    result = runner.invoke(app, ["cite", *args])
    assert result.exit_code == 0, result.output
    return result


def test_dataset_bibtex_parses_and_agrees_with_the_package(descriptor: dict[str, Any]) -> None:
    library = parse_bibtex(run("--format", "bibtex").stdout)
    assert [entry.key for entry in library.entries] == [DATASET_KEY]
    entry = library.entries[0]
    assert entry.entry_type == "misc"
    found = fields(library, entry.key)
    created = dt.datetime.fromisoformat(descriptor["created"])
    assert found["version"] == descriptor["version"]
    assert found["title"] == descriptor["title"]
    assert found["author"] == descriptor["contributors"][0]["title"]
    assert found["year"] == str(created.year)
    assert found["month"] == MONTHS[created.month - 1]
    # The repository: the descriptor's homepage, or (up to 1.0.0) the installed distribution's.
    assert found["url"] == descriptor.get("homepage", _release("CITATION.cff")["repository-code"])


def test_bibtex_is_the_default_and_keeps_non_ascii_as_utf8() -> None:
    output = run().stdout
    assert output == run("--format", "bibtex", "--package", str(PACKAGE)).stdout
    assert "Russia–Libya" in output  # the en dash itself, not \textendash


@pytest.mark.parametrize("kind", [t.name for t in TABLES if issubclass(t.model, Record)])
def test_record_citation_gives_the_dataset_and_exactly_its_seeds(
    built: DataPackage, kind: str
) -> None:
    # The record of this kind whose evidence cites the most seeds.
    record = max(
        (r for r in built.records(kind) if isinstance(r, Record)),
        key=lambda r: len({span.seed_id for span in r.evidence}),
    )
    expected: list[str] = []
    for span in record.evidence:
        if span.seed_id not in expected:
            expected.append(span.seed_id)
    library = parse_bibtex(run(record.id).stdout)
    keys = [entry.key for entry in library.entries]
    assert keys == [DATASET_KEY, *(seed_key(seed_id) for seed_id in expected)]
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", key) for key in keys)
    comment = " ".join(block.comment for block in library.comments)
    assert record.id in comment
    assert all(seed_id in comment for seed_id in expected)
    for seed_id in expected:  # what is known is given, what is not is left out
        seed = seeds(built)[seed_id]
        found = fields(library, seed_key(seed_id))
        assert found.get("title") == seed.title.value
        assert found.get("author") == seed.author.value
        assert found.get("url") == seed.url.value
        assert seed.publisher.value in (found.get("journal"), found.get("howpublished"))


def test_seed_dates_go_no_further_than_what_is_known(built: DataPackage) -> None:
    cited_by = {span.seed_id: record.id for record in records(built) for span in record.evidence}
    assert set(cited_by) == set(seeds(built))  # every seed is covered below
    for seed_id, record_id in cited_by.items():
        found = fields(parse_bibtex(run(record_id).stdout), seed_key(seed_id))
        date = seeds(built)[seed_id].published
        given_parts = [found[name] for name in ("year", "month", "day") if name in found]
        if date.earliest is None or date.latest is None:
            assert given_parts == [], seed_id
            continue
        ends = [
            [str(day.year), MONTHS[day.month - 1], str(day.day)]
            for day in (date.earliest, date.latest)
        ]
        assert given_parts == ends[0][: len(given_parts)] == ends[1][: len(given_parts)], seed_id
        if date.value:  # a day, month or year: exactly as precise as the seed says
            assert len(given_parts) == len(date.value.split("-")), seed_id
        elif len(given_parts) < 3:  # a range: as far as both ends agree, and no further
            assert ends[0][len(given_parts)] != ends[1][len(given_parts)], seed_id


def test_csl_json_has_the_dataset_and_seed_items(
    built: DataPackage, descriptor: dict[str, Any]
) -> None:
    [dataset] = json.loads(run("--format", "csl").stdout)
    assert dataset["type"] == "dataset"
    assert dataset["id"] == DATASET_KEY
    assert dataset["version"] == descriptor["version"]
    assert dataset["title"] == descriptor["title"]
    assert dataset["author"] == [{"literal": descriptor["contributors"][0]["title"]}]
    assert dataset["issued"]["date-parts"][0][0] == int(descriptor["created"][:4])
    record = next(r for r in records(built) if len({s.seed_id for s in r.evidence}) > 1)
    items = json.loads(run(record.id, "--format", "csl").stdout)
    assert items[0] == dataset | {"note": items[0]["note"]}
    assert record.id in items[0]["note"]
    newspapers = {SourceType.NEWS_REPORT, SourceType.OPINION}
    for item in items[1:]:
        seed = seeds(built)[item["id"].removeprefix("libyadata_").upper().replace("_", "-")]
        assert item["type"] == (
            "article-newspaper" if seed.source_type in newspapers else "webpage"
        )
        assert item.get("title") == seed.title.value
        assert item.get("URL") == seed.url.value
        assert seed.publisher.value in (item.get("container-title"), item.get("publisher"))
    assert len(items) == 1 + len({span.seed_id for span in record.evidence})


def test_apa_names_version_year_and_kind(descriptor: dict[str, Any]) -> None:
    output = run("--format", "apa").stdout
    assert f"({descriptor['created'][:4]})" in output
    assert f"(Version {descriptor['version']}) [Data set]" in output
    assert output.startswith(f"{descriptor['contributors'][0]['title']}. ")
    record = run("VIS-0001", "--format", "apa").stdout
    assert record.startswith("Record VIS-0001 of libyadata")
    assert output.strip() in record


def test_bibtex_escaping_parses_back_to_the_original_text() -> None:
    title = r"Q&A: 50% of {Wagner's} $1 #2 deals_in ~Libya^ \ Haftar — لیبیا"
    library = parse_bibtex(f"@misc{{k,\n  title = {{{escape_bibtex(title)}}}\n}}")
    assert fields(library, "k")["title"] == title
    lone = escape_bibtex("a { b")  # BibTeX needs balanced braces even when escaped
    assert lone.count("{") == lone.count("}")


@given(st.text(alphabet="aZ09 &%$#_{}~^\\.,:()é–’ع", max_size=40))
def test_escape_round_trips_any_text(text: str) -> None:
    library = parse_bibtex(f"@misc{{k, title = {{{escape_bibtex(text)}}}}}")
    assert fields(library, "k").get("title", "") == " ".join(text.split())


def test_synthetic_title_with_specials_round_trips(
    tmp_path: Any, descriptor: dict[str, Any]
) -> None:
    title = "Libya & Russia: 100% {curated} data_set"
    synthetic = DataPackage(
        tmp_path, descriptor | {"title": title, "homepage": "https://x.org/a_b"}
    )
    library = parse_bibtex(cite(synthetic))
    found = fields(library, DATASET_KEY)
    assert found["title"] == title
    assert "https://x.org/a_b" in cite(synthetic)  # URLs stay verbatim
    assert json.loads(cite(synthetic, style="csl"))[0]["title"] == title


def test_unknown_record_is_a_usage_error_with_a_suggestion() -> None:
    result = runner.invoke(app, ["cite", "VIS-001"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "VIS-001" in result.stderr
    assert "did you mean VIS-0001?" in result.stderr
    assert "Traceback" not in result.output


def test_unknown_record_raises_with_a_suggestion(built: DataPackage) -> None:
    with pytest.raises(UnknownRecordError, match=r"'dep-2'.*did you mean DEP-0002\?"):
        cite(built, "dep-2")
    with pytest.raises(UnknownRecordError, match=r"'SEED-001'.*VIS-0001\.\.VIS-"):
        cite(built, "SEED-001")  # a seed is not a record: no far-fetched guess, the id ranges


def test_cite_works_outside_a_checkout_and_fails_cleanly(tmp_path: Any) -> None:
    command = [sys.executable, "-m", "libyadata", "cite"]
    ok = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, check=False)
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.startswith("@misc{libyadata_")
    for args, needle in (
        (["vis-17"], "did you mean VIS-0017?"),
        (["--format", "ris"], "'ris' is not one of bibtex, apa, csl, text"),
        (["--package", str(tmp_path)], "cannot be read as a data package"),
    ):
        bad = subprocess.run(
            [*command, *args], cwd=tmp_path, capture_output=True, text=True, check=False
        )
        assert bad.returncode == 2, (args, bad.stderr)
        assert needle in bad.stderr
        assert "Traceback" not in bad.stderr


def test_citation_file_agrees_with_the_built_package(descriptor: dict[str, Any]) -> None:
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    for release in (cff, cff["preferred-citation"]):
        assert release["version"] == descriptor["version"]
        assert str(release["date-released"]) == descriptor["created"][:10]
        assert release["title"] == descriptor["title"]


def _release(path: str) -> dict[str, Any]:
    data: dict[str, Any] = (yaml.safe_load if path.endswith(".cff") else json.loads)(
        (ROOT / path).read_text(encoding="utf-8")
    )
    return data


def test_citation_file_and_zenodo_metadata_agree() -> None:
    cff, zenodo = _release("CITATION.cff"), _release(".zenodo.json")
    assert zenodo["title"] == cff["title"] == cff["preferred-citation"]["title"]
    assert [c["name"] for c in zenodo["creators"]] == [a["name"] for a in cff["authors"]]
    assert zenodo["license"] == cff["license"]
    assert zenodo["keywords"] == cff["keywords"]
    assert zenodo["upload_type"] == "dataset" == cff["type"]
    # Zenodo's description is the abstract, with what a release holds after it.
    assert " ".join(zenodo["description"].split()).startswith(" ".join(cff["abstract"].split()))
    related = {item["identifier"] for item in zenodo.get("related_identifiers", [])}
    assert cff["repository-code"] in related
    # Zenodo takes the version from the release tag; one written down must be the same.
    for key in ("version", "doi"):
        if key in zenodo:
            assert zenodo[key] == cff.get(key), key


def test_every_format_carries_the_repository_and_the_doi(
    tmp_path: Any, descriptor: dict[str, Any]
) -> None:
    repository = _release("CITATION.cff")["repository-code"]
    # The installed dataset (1.0.0: no homepage in its descriptor) names its repository.
    for style in ("bibtex", "apa", "csl", "text"):
        for record in ((), ("VIS-0001",)):
            assert repository in run(*record, "--format", style).stdout, (style, record)
    # A package with a DOI and a homepage gives both, in each format's own field.
    doi = "10.5281/zenodo.1234567"
    linked = DataPackage(
        tmp_path,
        descriptor | {"homepage": "https://example.org/repo", "x-libyadata-doi": f"doi:{doi}"},
    )
    found = fields(parse_bibtex(cite(linked)), DATASET_KEY)
    assert (found["doi"], found["url"]) == (doi, "https://example.org/repo")
    item = json.loads(cite(linked, style="csl"))[0]
    assert (item["DOI"], item["URL"]) == (doi, "https://example.org/repo")
    for style in ("apa", "text"):
        assert cite(linked, style=style).endswith(
            f"[Data set]. https://doi.org/{doi} https://example.org/repo"
        )


def test_plain_text_is_apa_without_italics_marks() -> None:
    apa = run("VIS-0001", "--format", "apa").stdout
    text = run("VIS-0001", "--format", "text").stdout
    assert "*" in apa
    assert "*" not in text
    assert text == apa.replace("*", "")


def test_a_descriptor_carries_the_repository_and_doi() -> None:
    from libyadata.publishing.citation import Person, Release
    from libyadata.publishing.descriptor import package_descriptor

    def described(version: str) -> dict[str, Any]:
        release = Release(
            title="t",
            abstract="a",
            version=version,
            date_released=dt.date(2027, 1, 1),
            authors=(Person(name="n"),),
            license="CC-BY-4.0",
            repository_code="https://example.org/repo",
            doi="10.5281/zenodo.7",
        )
        return package_descriptor(release, [], [])

    later = described("1.1.0")
    assert (later["homepage"], later["x-libyadata-doi"]) == (
        "https://example.org/repo",
        "10.5281/zenodo.7",
    )
    # Releases made before the links existed are rebuilt by their own commit's code
    # (tests/releasekit.py), so today's code need not leave the links out for them.
    assert described("0.1.0")["homepage"] == later["homepage"]
