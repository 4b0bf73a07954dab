"""Evidence spans: the exact place in a seed text that a record rests on."""

# Annotations stay objects (no __future__ import): pydantic need not compile them (issue 11).

from typing import Annotated

from pydantic import Field, Strict, ValidationInfo, field_validator

from ..core.catalogue.record_problems import SPAN_LENGTH, SPAN_ORDER
from .base import ActorRef, FieldNames, Label, SeedRef, SeedSpelling, SeedText, StrictModel
from .inputs import PlainInteger
from .vocab import AttributionKind

#: The largest offset, count or identifier number: the largest signed 32-bit integer, which
#: every database and spreadsheet reads as an integer.
MAX_INTEGER = 2**31 - 1

#: A count or offset: a plain decimal integer from 0 to ``MAX_INTEGER``.
Count = Annotated[int, Field(ge=0, le=MAX_INTEGER), Strict(), PlainInteger()]
#: A count or identifier number that is never 0.
PositiveCount = Annotated[int, Field(gt=0, le=MAX_INTEGER), Strict(), PlainInteger()]
#: An offset in Unicode code points into a seed decoded as UTF-8, without newline translation.
CodePoint = Count

#: How many code points of context ``prefix`` and ``suffix`` hold at most.
CONTEXT_LENGTH = 32

#: Text just before or after a quote in its seed: at least one, at most CONTEXT_LENGTH code points.
Context = Annotated[str, Field(min_length=1, max_length=CONTEXT_LENGTH)]


class Claimant(StrictModel):
    """Whom a seed attributes the claim of a span to: in its own words, and what kind of source.

    The seed's words are kept exactly as written ("people briefed on the matter", "US Africa
    Command"), and the spelling check finds them in the span's seed, as it does names.
    """

    kind: AttributionKind = Field(description="What kind of source the seed cites for the claim.")
    name: SeedSpelling = Field(
        description="Who, exactly as the seed words it: 'people briefed on the matter', "
        "'sources’ information', 'US Africa Command'."
    )
    actor: ActorRef | None = Field(
        default=None, description="The actor it is, when the seed names one the actors table has."
    )


class Evidence(StrictModel):
    """A quoted span of a seed (W3C Web Annotation TextPositionSelector + TextQuoteSelector).

    ``text[start:end] == quote`` holds for the seed text decoded from UTF-8 with no newline
    translation and no Unicode normalisation; ``prefix`` and ``suffix`` are the code points
    just before and after, so the span can be found again if offsets are lost.
    """

    seed_id: SeedRef = Field(description="The seed the quote is taken from.")
    start: CodePoint = Field(description="Offset of the first code point of the quote.")
    end: CodePoint = Field(description="Offset just past the last code point of the quote.")
    quote: SeedText = Field(description="The exact text of the seed between start and end.")
    prefix: Context | None = Field(
        default=None,
        description=f"Up to {CONTEXT_LENGTH} code points just before the quote; "
        "empty only at the start of the text.",
    )
    suffix: Context | None = Field(
        default=None,
        description=f"Up to {CONTEXT_LENGTH} code points just after the quote; "
        "empty only at the end of the text.",
    )
    supports: FieldNames = Field(
        min_length=1, description="The fields of the record that this span is evidence for."
    )
    attributed_to: Claimant | None = Field(
        default=None,
        description="Whom the seed attributes the claim to, where it does (unnamed sources, an "
        "official, another publication, a named person); empty when the seed states it itself.",
    )

    @field_validator("end")
    @classmethod
    def _end_after_start(cls, end: int, info: ValidationInfo) -> int:
        start = info.data.get("start")
        if start is not None and end <= start:
            raise SPAN_ORDER.error(end=end, start=start)
        return end

    @field_validator("quote")
    @classmethod
    def _quote_fits_span(cls, quote: str, info: ValidationInfo) -> str:
        start, end = info.data.get("start"), info.data.get("end")
        if start is not None and end is not None and len(quote) != end - start:
            raise SPAN_LENGTH.error(length=len(quote), span=end - start)
        return quote


def span_key(span: Evidence) -> tuple[str, int, int]:
    """Return what makes two spans the same span: their seed and offsets."""
    return span.seed_id, span.start, span.end


class NameInSeed(StrictModel):
    """A name or spelling exactly as one seed writes it."""

    name: SeedSpelling = Field(description="The name as written in the seed, spelling kept.")
    seed_id: SeedRef = Field(description="A seed in which this spelling occurs.")


class RoleInSeed(StrictModel):
    """A role or title as one seed describes it."""

    role: Label = Field(description="The role as the seed words it.")
    seed_id: SeedRef = Field(description="The seed that describes the role.")
