"""Candidate records from the facts of a sentence: the builders of every kind together.

A sentence proposes a record of a kind when a trigger of that kind occurs in it; the record's
fields are filled from the trigger's roles in the dependency parse (``roles``: its subject,
agent, object, its own complement for the place) and from what stands around it: the nearest
date, the quantity that counts forces or migrants, and the status its cues give (a plan, a
refusal). A denial or negation only changes an earlier record (``negation``).
Each kind has its builder (``visits``, ``presence``, ``agreements``, ``migration``), all
reading the sentence through the helpers of ``reader``.
"""

from __future__ import annotations

from .agreements import AgreementReader
from .migrationfigures import MigrationReader
from .presence import BaseReader, DeploymentReader
from .reader import Candidate, Context
from .visits import VisitReader

__all__ = ["Builder", "Candidate", "Context"]


class Builder(VisitReader, DeploymentReader, BaseReader, AgreementReader, MigrationReader):
    """Builds the candidates of one sentence, of every kind."""

    def all(self) -> list[Candidate]:
        """Return every candidate of the sentence, of every kind."""
        return [
            *self.visits(),
            *self.deployments(),
            *self.bases(),
            *self.agreements(),
            *self.migration_figures(),
        ]
