"""A pytest plugin: every type of the problem catalogue must be produced by some test.

It records the code of every ``Problem`` built, every catalogued pydantic error raised and
every message rendered on its own (an exception such as ``QuoteNotFoundError``) during the
run. When the whole suite ran (no ``-k``, ``-m``, ``--deselect``, ``--lf`` or node ids, and
every test file collected), the session fails naming each declared code that no test
produced: a code with no test is a code whose wording, layer and hint nobody checks.

``LIBYADATA_PRODUCED=path`` also writes, as JSON, which tests produced each code.
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


@pytest.hookimpl(tryfirst=True)
def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    target = os.environ.get("LIBYADATA_PRODUCED")
    if target:
        body = {code: sorted(tests) for code, tests in sorted(PRODUCED.items())}
        Path(target).write_text(json.dumps(body, indent=1), encoding="utf-8")
    if exitstatus != 0 or not whole_suite(session):
        return
    missing = unproduced(set(PRODUCED))
    if missing:
        writer = session.config.get_terminal_writer()
        writer.line(
            f"\nproduced_codes: {len(missing)} catalogued code(s) produced by no test: "
            + ", ".join(missing),
            red=True,
        )
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
