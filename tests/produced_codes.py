"""A pytest plugin: every type of the problem catalogue must be produced by some test.

It records the code of every ``Problem`` built, every catalogued pydantic error raised and
every message rendered on its own (an exception such as ``QuoteNotFoundError``) during the
run. When the whole suite ran (no ``-k``, ``-m``, ``--deselect``, ``--lf`` or node ids, and
every test file collected), the session fails naming each declared code that no test
produced: a code with no test is a code whose wording, layer and hint nobody checks.

``LIBYADATA_PRODUCED=path`` also writes, as JSON, which tests produced each code.

Under pytest-xdist each worker sees only the tests it ran: it hands its codes (and whether it
collected the whole suite) to the controller in ``workeroutput``, and the controller judges
their union.
"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from libyadata.core.catalogue import CATALOGUE, problem_type
from libyadata.core.problems import Problem, ProblemType

#: Code (a family's prefix for its members) to the tests that produced it.
PRODUCED: dict[str, set[str]] = defaultdict(set)
_current = ["(collection)"]
#: Keys of an xdist worker's ``workeroutput``: its codes and tests, and whether it was whole.
_OUTPUT = "libyadata_produced"
_WHOLE = "libyadata_whole_suite"
#: On the xdist controller: one entry per worker that finished, whether its run was whole.
_WORKERS_WHOLE: list[bool] = []


def _record(code: str) -> None:
    PRODUCED[problem_type(code).code].add(_current[0])


def pytest_configure(config: pytest.Config) -> None:
    original_init = Problem.__post_init__
    original_error = ProblemType.error
    original_text = ProblemType.text

    def post_init(self: Problem) -> None:
        original_init(self)
        _record(self.code)

    def error(self: ProblemType, **values: object) -> Any:
        _record(self.code)
        return original_error(self, **values)

    def text(self: ProblemType, **values: object) -> str:
        _record(self.code)
        return original_text(self, **values)

    # Class attributes, so every problem built anywhere in this process is seen.
    Problem.__post_init__ = post_init  # type: ignore[method-assign]
    ProblemType.error = error  # type: ignore[method-assign]
    ProblemType.text = text  # type: ignore[method-assign]
    config.stash[_ORIGINALS] = (original_init, original_error, original_text)


def pytest_unconfigure(config: pytest.Config) -> None:
    original_init, original_error, original_text = config.stash[_ORIGINALS]
    Problem.__post_init__ = original_init  # type: ignore[method-assign]
    ProblemType.error = original_error  # type: ignore[method-assign]
    ProblemType.text = original_text  # type: ignore[method-assign]


_ORIGINALS = pytest.StashKey[tuple[Any, Any, Any]]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    _current[0] = item.nodeid
    try:
        return (yield)
    finally:
        _current[0] = "(fixtures)"


def unproduced(produced: set[str]) -> list[str]:
    """Return the codes of the catalogue (as shown) that are not in ``produced``."""
    return [kind.shown for code, kind in CATALOGUE.items() if code not in produced]


def whole_suite(session: pytest.Session) -> bool:
    """Whether every test of the suite was selected: no filter, no node id, every file."""
    option = session.config.option
    if option.collectonly:  # nothing ran, so nothing was produced
        return False
    if option.keyword or option.markexpr or getattr(option, "deselect", None):
        return False
    if getattr(option, "lf", False) or getattr(option, "failedfirst", False):
        return False
    if any("::" in arg for arg in session.config.args):
        return False
    root = Path(session.config.rootpath)
    testpaths = [root / path for path in session.config.getini("testpaths")] or [root]
    wanted = {path.resolve() for folder in testpaths for path in Path(folder).rglob("test_*.py")}
    collected = {Path(str(item.path)).resolve() for item in session.items}
    return bool(wanted) and wanted <= collected and session.testscollected == len(session.items)


def _is_worker(config: pytest.Config) -> bool:
    return hasattr(config, "workeroutput")


def _is_controller(config: pytest.Config) -> bool:
    """Whether this process hands the tests to xdist workers instead of running them."""
    return config.pluginmanager.has_plugin("dsession")


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: object | None) -> None:
    """On the xdist controller: add what a finished worker produced to this process's record."""
    output = getattr(node, "workeroutput", {})
    if _OUTPUT not in output:  # a worker that crashed reports nothing; the run fails anyway
        _WORKERS_WHOLE.append(False)
        return
    for code, tests in output[_OUTPUT].items():
        PRODUCED[code].update(tests)
    _WORKERS_WHOLE.append(bool(output[_WHOLE]))


@pytest.hookimpl(tryfirst=True)
def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    config = session.config
    if _is_worker(config):
        output: dict[str, Any] = config.workeroutput  # type: ignore[attr-defined]
        # Plain lists and booleans: execnet carries only builtin types to the controller.
        output[_OUTPUT] = {code: sorted(tests) for code, tests in PRODUCED.items()}
        output[_WHOLE] = whole_suite(session)
        return
    target = os.environ.get("LIBYADATA_PRODUCED")
    if target:
        body = {code: sorted(tests) for code, tests in sorted(PRODUCED.items())}
        Path(target).write_text(json.dumps(body, indent=1), encoding="utf-8")
    # The controller collects nothing itself: the workers, which each collect the whole
    # selection, tell whether it was the whole suite.
    whole = (
        bool(_WORKERS_WHOLE) and all(_WORKERS_WHOLE)
        if _is_controller(config)
        else whole_suite(session)
    )
    if exitstatus != 0 or not whole:
        return
    missing = unproduced(set(PRODUCED))
    if missing:
        writer = config.get_terminal_writer()
        writer.line(
            f"\nproduced_codes: {len(missing)} catalogued code(s) produced by no test: "
            + ", ".join(missing),
            red=True,
        )
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
