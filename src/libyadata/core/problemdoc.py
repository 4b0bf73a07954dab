"""The table of reason codes in ``docs/problems.md``, generated from the catalogue.

``python -m libyadata.core.problemdoc`` rewrites the file in the current checkout; a test fails
when the committed file is not what the catalogue generates.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from . import atomic
from .catalogue import CATALOGUE, LAYERS

#: Where the table is committed, relative to the checkout.
DOC = "docs/problems.md"

_INTRO = """\
# Problem codes

Every problem `libyadata validate`, `build`, `locate`, `coverage`, `diff`, `seed add` and
`review` report carries one of these reason codes. The layer is the layer of `validate` that
reports it (problems of the other commands are filed under `records` unless they belong to a
layer). A hint with `{name}`
is filled in with the problem's own values; a place that knows better gives its own hint.
`frictionless-<type>` stands for every error type of frictionless, e.g.
`frictionless-type-error`. pydantic's own error types are reported under the codes listed with
them (`*_type` is any type ending so; `*` any type no other code takes); a model's own checks
raise the code itself.

Generated from `src/libyadata/core/catalogue/` by `python -m libyadata.core.problemdoc`:
do not edit by hand.
"""


def markdown() -> str:
    """Return the Markdown of ``docs/problems.md``: one table per layer, codes as declared."""
    parts = [_INTRO.rstrip("\n")]
    for layer in LAYERS:
        parts.append(f"\n## {layer}\n\n| code | title | hint | pydantic types |\n|---|---|---|---|")
        for kind in CATALOGUE.values():
            if kind.layer == layer:
                types = ", ".join(f"`{name}`" for name in kind.pydantic)
                cells = (f"`{kind.shown}`", kind.title, kind.hint or "", types)
                parts.append("| " + " | ".join(_cell(cell) for cell in cells) + " |")
    return "\n".join(parts) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


#: What ``python -m libyadata.core.problemdoc --help`` prints.
USAGE = (
    "usage: python -m libyadata.core.problemdoc [CHECKOUT]\n"
    f"Write the table of problem types to CHECKOUT/{DOC} (CHECKOUT: a libyadata checkout, "
    "the current folder by default)."
)


def main(argv: Sequence[str] | None = None) -> int:
    """Write the table into the checkout at ``argv[0]`` (default: the current folder).

    Exits 2, writing nothing, for more than one argument, an option, or a folder that is not a
    libyadata checkout (no ``pyproject.toml`` and ``docs/`` there): the table belongs to one.
    """
    args = sys.argv[1:] if argv is None else list(argv)
    if args[:1] in (["-h"], ["--help"]):
        print(USAGE)
        return 0
    if len(args) > 1 or any(a.startswith("-") for a in args):
        print(f"error: unexpected arguments {args!r}\n{USAGE}", file=sys.stderr)
        return 2
    root = Path(args[0]) if args else Path()
    if not (root / "pyproject.toml").is_file() or not (root / "docs").is_dir():
        print(
            f"error: {root.resolve()} is not a libyadata checkout (no pyproject.toml and docs/ "
            "there); run this from the checkout's root or give its path",
            file=sys.stderr,
        )
        return 2
    atomic.write_bytes(root / DOC, markdown().encode("utf-8"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
