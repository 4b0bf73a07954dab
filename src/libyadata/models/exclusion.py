"""Reviewed exclusions: seed text that a curator has read and decided needs no record.

Curator tooling, not a published table: the model is not in the table registry, so it has no
committed schema and no place in the data package.
"""

from __future__ import annotations

from pydantic import Field, field_validator

from ..core.catalogue.record_problems import BLANK_REASON
from .base import SeedRef, SeedText, StrictModel, Text
from .evidence import Context


class CoverageExclusion(StrictModel):
    """A span of a seed whose sentences need no record, and why (page furniture, say)."""

    seed_id: SeedRef = Field(description="The seed the quote is taken from.")
    quote: SeedText = Field(
        description="The exact text of the seed, found as evidence quotes are; it may run over "
        "several sentences and lines, and it explains only the sentences it wholly contains."
    )
    prefix: Context | None = Field(
        default=None,
        description="Text just before the quote, to pick one occurrence when the quote occurs "
        "more than once.",
    )
    reason: Text = Field(
        description="Why the text needs no record, for the next reviewer: 'page furniture: "
        "donation appeal', 'opinion, no datable event'."
    )

    @field_validator("reason")
    @classmethod
    def _reason_says_something(cls, reason: str) -> str:
        if not reason.strip():
            raise BLANK_REASON.error()
        return reason
