"""The command line: the main job reports clearly, exits with the documented codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from conftest import ROOT
from libyadata import __version__
from libyadata.cli import app
from libyadata.sources.project import Project

runner = CliRunner()


def test_validate_on_the_checkout_is_clean() -> None:
    result = runner.invoke(app, ["validate", "--root", str(ROOT)])
    assert result.exit_code == 0, result.output
    assert "seeds: 5 of 5 verified" in result.output
    assert "validate: ok" in result.output


def test_validate_reports_every_problem_with_file_record_field_and_hint(
    project_copy: Project,
) -> None:
    seed = next((project_copy.root / "seeds").glob("001_*.txt"))
    seed.write_bytes(seed.read_bytes() + b"\n")
    (project_copy.schema_dir / "codebook.md").write_text("stale", encoding="utf-8")
    # This copy has no built package: the package layer is left out.
    command = ["validate", "--root", str(project_copy.root), "--skip", "package"]
    result = runner.invoke(app, command)
    assert result.exit_code == 1
    assert "seeds/sources.yaml:" in result.output
    assert "SEED-001 byte_length: [seed-length]" in result.output
    assert "[schema-drift]" in result.output
    assert "run `libyadata schema export`" in result.output
    assert "validate: 3 problem(s)" in result.output  # length, hash, drift — all at once
    assert "seeds: 4 of 5 verified" in result.output
    assert "Traceback" not in result.output


def test_validate_json_output_is_data(project_copy: Project) -> None:
    (project_copy.schema_dir / "codebook.md").unlink()
    result = runner.invoke(app, ["validate", "--root", str(project_copy.root), "--format", "json"])
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert report["ok"] is False
    # The copy has no built package either, and the package layer says so.
    assert [(p["code"], p["layer"]) for p in report["problems"]] == [
        ("schema-missing", "schema"),
        ("package-missing", "package"),
    ]
    assert report["layers"] == [
        "parse",
        "records",
        "cross-record",
        "provenance",
        "schema",
        "package",
    ]


def test_curated_records_are_validated_and_spans_checked(
    project_copy: Project, examples: dict[str, dict[str, object]]
) -> None:
    import yaml

    datasets = project_copy.root / "datasets"
    datasets.mkdir()
    visit = json.loads(json.dumps(examples["visits"]))
    shifted = dict(visit["evidence"][0])
    shifted["start"] += 1
    shifted["end"] += 1
    visit["evidence"] = [shifted]
    second = {**json.loads(json.dumps(visit)), "id": "VIS-0002", "status": "ocurred"}
    text = yaml.safe_dump([visit, second], allow_unicode=True, sort_keys=False)
    (datasets / "visits.yaml").write_text(text, encoding="utf-8")
    before = (datasets / "visits.yaml").read_bytes()
    command = ["validate", "--root", str(project_copy.root), "--skip", "package"]
    result = runner.invoke(app, [*command, "--format", "json"])
    assert result.exit_code == 1
    found = {
        (p["code"], p["record_id"], p["field"], p["line"])
        for p in json.loads(result.output)["problems"]
    }
    lines = text.splitlines()
    evidence_line = lines.index("  evidence:") + 1
    status_line = next(i for i, line in enumerate(lines, 1) if line == "  status: ocurred")
    assert found == {
        ("quote-mismatch", "VIS-0001", "evidence.0.quote", evidence_line),
        ("prefix-mismatch", "VIS-0001", "evidence.0.prefix", evidence_line),
        ("suffix-mismatch", "VIS-0001", "evidence.0.suffix", evidence_line),
        ("unknown-enum", "VIS-0002", "status", status_line),
        # no actors or places are curated in this copy, so every reference dangles
        ("foreign-key", "VIS-0001", "destination", lines.index("  destination: PLC-moscow") + 1),
        ("foreign-key", "VIS-0001", "visitors.0", lines.index("  visitors:") + 1),
        ("foreign-key", "VIS-0001", "met_with.0", lines.index("  met_with:") + 1),
    }
    text_output = runner.invoke(app, command).output
    assert "did you mean 'occurred'?" in text_output
    assert "add PLC-moscow to places, or correct the reference" in text_output
    assert (datasets / "visits.yaml").read_bytes() == before  # nothing written


def test_not_a_project_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", "--root", str(tmp_path)])
    assert result.exit_code == 2
    assert "is not a libyadata project" in result.output
    assert "--root" in result.output


def test_schema_export_and_check(project_copy: Project) -> None:
    (project_copy.schema_dir / "tableschema" / "visits.json").unlink()
    check = runner.invoke(app, ["schema", "check", "--root", str(project_copy.root)])
    assert check.exit_code == 1
    export = runner.invoke(app, ["schema", "export", "--root", str(project_copy.root)])
    assert export.exit_code == 0
    assert "wrote schema/v2/tableschema/visits.json" in export.output
    assert runner.invoke(app, ["schema", "check", "--root", str(project_copy.root)]).exit_code == 0


def test_seeds_listing() -> None:
    result = runner.invoke(app, ["seeds", "--root", str(ROOT)])
    assert result.exit_code == 0
    assert "SEED-002  2017-08-28" in result.output
    assert "The Moscow Times" in result.output


def test_console_script_and_module_report_the_version() -> None:
    script = Path(sys.executable).parent / "libyadata"
    for command in ([str(script)], [sys.executable, "-m", "libyadata"]):
        result = subprocess.run([*command, "--version"], capture_output=True, text=True, check=True)
        assert result.stdout.strip() == f"libyadata {__version__}"
