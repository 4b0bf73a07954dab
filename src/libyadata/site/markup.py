"""A seed text as HTML with its cited spans and reviewed exclusions marked, character for character.

Spans may nest (a sentence cited by one record, a clause of it by another) and may cross (one
span ends inside another). Elements must nest, so a span that another crosses is closed and
reopened around the boundary: it is drawn as several pieces that share its ``data-span`` and
only the first carries its anchor ``id``. Nothing but elements is added: the text content of
the result is exactly the seed text (``text[start:end]`` of each span is the text of its
pieces, in order), and every character is escaped.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Interval:
    """A range of code points of a seed to wrap in an element."""

    start: int
    end: int
    tag: str
    """``mark`` for a cited span, ``span`` for a reviewed exclusion."""
    anchor: str
    """The element's id (and ``data-span``), unique in the page: ``s1155-1292``."""
    classes: str = ""
    attributes: Mapping[str, str] = field(default_factory=dict)
    """Further attributes (``title``, ``aria-describedby``); values are escaped."""
    after: str = ""
    """Markup placed right after the interval's last piece, e.g. an empty link back to the
    records (it must add no text: the page's text stays the seed's)."""


def span_anchor(start: int, end: int) -> str:
    """Return the anchor id of the cited span ``start:end`` in its seed page."""
    return f"s{start}-{end}"


def mark_up(text: str, intervals: Iterable[Interval]) -> Markup:
    """Return ``text`` as HTML with every interval wrapped, nested, split where two cross."""
    ordered = sorted(
        {
            (i.start, i.end, i.anchor): i for i in intervals if 0 <= i.start < i.end <= len(text)
        }.values(),
        key=lambda i: (i.start, -i.end, i.anchor),
    )
    starting: defaultdict[int, list[Interval]] = defaultdict(list)
    ending: defaultdict[int, list[Interval]] = defaultdict(list)
    for interval in ordered:
        starting[interval.start].append(interval)
        ending[interval.end].append(interval)
    boundaries = sorted({0, len(text), *starting, *ending})
    out: list[str] = []
    stack: list[Interval] = []
    opened: set[str] = set()

    def open_piece(interval: Interval) -> None:
        first = interval.anchor not in opened
        opened.add(interval.anchor)
        attributes = {
            "id": interval.anchor if first else "",
            "class": " ".join(filter(None, (interval.classes, "" if first else "cont"))),
            "data-span": interval.anchor,
            **(interval.attributes if first else {}),
        }
        shown = "".join(f' {key}="{escape(value)}"' for key, value in attributes.items() if value)
        out.append(f"<{interval.tag}{shown}>")
        stack.append(interval)

    for position, following in zip(boundaries, [*boundaries[1:], None], strict=True):
        closing = ending.get(position, [])
        if closing:
            # Close down to the deepest interval that ends here; reopen those above it that
            # go on (they cross it), after the ones ending here have been closed.
            deepest = min(stack.index(interval) for interval in closing)
            reopen = [interval for interval in stack[deepest:] if interval.end != position]
            for interval in reversed(stack[deepest:]):
                out.append(f"</{interval.tag}>")
                if interval.end == position:
                    out.append(interval.after)
            del stack[deepest:]
            for interval in reopen:
                open_piece(interval)
        for interval in starting.get(position, []):
            open_piece(interval)
        if following is not None:
            out.append(str(escape(text[position:following])))
    # Every piece of text was escaped above; the tags are built from escaped attributes.
    return Markup("".join(out))  # noqa: S704
