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
from .presence import WIDE_PLACES, BaseReader, DeploymentReader
from .reader import Candidate, Context
from .visits import VisitReader

__all__ = ["Builder", "Candidate", "Context"]


class Builder(VisitReader, DeploymentReader, BaseReader, AgreementReader, MigrationReader):
    """Builds the candidates of one sentence, of every kind."""

    def all(self) -> list[Candidate]:
        """Return every candidate of the sentence, of every kind."""
        bases = self.bases()
        deployments = self.deployments()
        for deployment in deployments:
            self.narrow_location(deployment, bases)
        return [*self.visits(), *deployments, *bases, *self.agreements(), *self.migration_figures()]

    def narrow_location(self, deployment: Candidate, bases: list[Candidate]) -> None:
        """Place a deployment at the facility of its sentence rather than in a whole country.

        "Aircraft have landed at the remote al-Wigh airfield in Libya's far south": the
        force is where the facility is. A facility it came from (its origin) is not where it
        went.
        """
        location = deployment.fields.get("location")
        place = self.ref.places.get(location) if isinstance(location, str) else None
        if place is None or place.kind not in WIDE_PLACES:
            return
        origin = deployment.fields.get("origin")
        for base in bases:
            facility = base.fields.get("place")
            if facility and facility not in (location, origin) and not base.inferred:
                deployment.fields["location"] = facility
                deployment.signals.append(f"location '{facility}', the facility it reached")
                return
