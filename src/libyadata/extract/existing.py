"""Events already in the dataset: a candidate that reports one is new evidence for its record.

A candidate describes a curated record's event when they are of the same kind and agree on
what identifies that kind's events:

- a visit: a visitor in common, the same destination (or one inside the other), dates that can
  be the same day;
- a deployment: the same deployer, the same location (or one inside the other), the same force
  type (or one unspecified), compatible dates;
- a base: the same place and a facility type of the same family (an air base and an airfield,
  a port and a naval base), users that do not differ;
- an agreement: the same type, every party of the smaller side among the other's, compatible
  dates, and a date or place on both sides to tell it from another deal of those parties.

Such a candidate is proposed as evidence for that record (``evidence_for``: its id) rather than
as a new row. Migration figures are counts, not events, and are never linked.
"""

from __future__ import annotations

from typing import Any

from ..models import Record
from ..models.tables import table
from ..sources.curated import load_table
from ..sources.project import Project
from .datebounds import dates_agree
from .knownnames import Reference

#: Facility types that may name one facility.
_FAMILIES = ({"air_base", "airfield", "military_base"}, {"port", "naval_base", "military_base"})
#: Statuses of what is intended, not done (as ``run`` reads them).
INTENDED = frozenset({"planned", "expected", "prospective", "sought", "proposed"})
#: The kinds linked to existing records.
LINKED = ("visits", "deployments", "bases", "agreements")


class Existing:
    """The curated records of the kinds a candidate may be evidence for."""

    def __init__(self, project: Project, reference: Reference) -> None:
        """Read the curated records once."""
        self.reference = reference
        self.records: dict[str, list[dict[str, Any]]] = {}
        for name in LINKED:
            rows = load_table(project, table(name)).records
            self.records[name] = [r.model_dump(mode="json") for r in rows if isinstance(r, Record)]

    def record_for(self, kind: str, candidate: dict[str, Any]) -> str | None:
        """Return the id of the curated record whose event the candidate reports, if one."""
        same = getattr(self, f"_same_{kind}", None)
        if same is None:
            return None
        matches = [r for r in self.records.get(kind, ()) if same(candidate, r)]
        if not matches:
            return None
        # Two records of one base or deal told apart by status ("a possible future base" and
        # "control of the port"): the one whose status the candidate shares, then the one as
        # intended or as done as it, then the first.
        status = candidate.get("status")
        intended = status in INTENDED
        ranked = sorted(
            matches,
            key=lambda r: (r.get("status") != status, (r.get("status") in INTENDED) != intended),
        )
        return str(ranked[0]["id"])

    @staticmethod
    def _dates(first: Any, second: Any) -> bool:
        return dates_agree(first, second)

    def _places(self, first: Any, second: Any) -> bool:
        return bool(first and second and self.reference.places_agree(first, second))

    def _same_visits(self, mine: dict[str, Any], theirs: dict[str, Any]) -> bool:
        return (
            bool(set(mine.get("visitors") or ()) & set(theirs.get("visitors") or ()))
            and self._places(mine.get("destination"), theirs.get("destination"))
            and self._dates(mine.get("date"), theirs.get("date"))
        )

    def _same_deployments(self, mine: dict[str, Any], theirs: dict[str, Any]) -> bool:
        forces = {mine.get("force_type"), theirs.get("force_type")}
        return (
            mine.get("deployed_by") == theirs.get("deployed_by") is not None
            and self._places(mine.get("location"), theirs.get("location"))
            and (len(forces) == 1 or "unspecified" in forces)
            and self._dates(mine.get("date"), theirs.get("date"))
        )

    def _same_bases(self, mine: dict[str, Any], theirs: dict[str, Any]) -> bool:
        types = {mine.get("facility_type"), theirs.get("facility_type")}
        users = {mine.get("user"), theirs.get("user")} - {None}
        return (
            mine.get("place") == theirs.get("place") is not None
            and any(types <= family for family in _FAMILIES)
            and len(users) <= 1
        )

    def _same_agreements(self, mine: dict[str, Any], theirs: dict[str, Any]) -> bool:
        a, b = set(mine.get("parties") or ()), set(theirs.get("parties") or ())
        told = (mine.get("date") and theirs.get("date")) or self._places(
            mine.get("place"), theirs.get("place")
        )
        return (
            mine.get("agreement_type") == theirs.get("agreement_type")
            and bool(a and b)
            and (a <= b or b <= a)
            and bool(told)
            and self._dates(mine.get("date"), theirs.get("date"))
        )
