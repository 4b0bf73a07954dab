"""The command line loads only what it uses: a command's module is imported when it runs.

What each invocation imports is read from ``sys.modules`` of a fresh interpreter, so these
tests say which modules load, not how long they take (``benchmarks/cli_startup.py`` times it).
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import typer.main
from typer.testing import CliRunner

from libyadata.cli import COMMANDS, app

runner = CliRunner()

#: Run the command line with ``argv`` in-process, then print the libyadata modules imported.
_PROBE = """
import json, sys
from libyadata.cli import app
try:
    app(sys.argv[1:], prog_name="libyadata")
except SystemExit:
    pass
print(json.dumps(sorted(name for name in sys.modules if name.startswith("libyadata"))))
"""

#: What the top-level group itself needs: the package, its version and this module.
_START = {"libyadata", "libyadata._version", "libyadata.cli", "libyadata.core"}
_START |= {"libyadata.core.lazy"}


def imported(*argv: str) -> set[str]:
    """Return the libyadata modules a fresh interpreter imports to run ``libyadata argv``."""
    completed = subprocess.run(
        [sys.executable, "-c", _PROBE, *argv], capture_output=True, text=True, check=True
    )
    return set(json.loads(completed.stdout.strip().splitlines()[-1]))


@pytest.mark.parametrize("argv", [("--version",), ("--help",), ()])
def test_version_and_help_import_no_command_module(argv: tuple[str, ...]) -> None:
    assert imported(*argv) <= _START


def test_a_command_imports_its_own_module_and_no_other_command_module() -> None:
    loaded = imported("info", "--help")
    commands = {f"libyadata.cli.{entry.module}" for entry in COMMANDS.values()}
    assert loaded & commands == {"libyadata.cli.info"}
    loaded = imported("schema", "--help")
    assert loaded & commands == {"libyadata.cli.curate"}


def test_each_listed_summary_is_the_first_paragraph_of_the_commands_help() -> None:
    group = typer.main.get_command(app)
    for name, entry in COMMANDS.items():
        command = group.get_command(None, name)  # type: ignore[arg-type]
        assert command is not None, name
        first = " ".join((command.help or "").split("\n\n")[0].split())
        assert entry.summary == first, name


def test_help_lists_every_command_in_order() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    listed = [
        line.split()[0]
        for line in result.output.split("Commands:")[1].splitlines()
        if line.startswith("  ") and not line.startswith("   ")
    ]
    assert listed == list(COMMANDS)


def test_an_unknown_command_is_a_usage_error_with_suggestions() -> None:
    result = runner.invoke(app, ["valdate"])
    assert result.exit_code == 2
    assert "No such command 'valdate'. Did you mean 'validate'" in result.output


def test_a_lazily_loaded_command_runs() -> None:
    result = runner.invoke(app, ["info", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)
