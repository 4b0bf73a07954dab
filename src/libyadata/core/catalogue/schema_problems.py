"""The schema layer: the committed schemas against the models.

Generated schemas that are missing, drifted or stale, and released schema versions that
changed.
"""

from __future__ import annotations

from ..problemtype import SCHEMA, declare

#: The layer of ``validate`` this module declares the types of.
LAYER = SCHEMA

_SCHEMA = "run `libyadata schema export` and commit the result"

# -- schema: committed schemas against the models -----------------------------------------------
SCHEMA_MISSING = declare(
    "schema-missing",
    SCHEMA,
    "A generated schema that is not committed",
    "{shown} is not committed",
    _SCHEMA,
)

SCHEMA_DRIFT = declare(
    "schema-drift",
    SCHEMA,
    "A committed schema unlike the models'",
    "{shown} differs from what the models generate",
    _SCHEMA,
)

SCHEMA_STALE = declare(
    "schema-stale",
    SCHEMA,
    "A committed schema no longer generated",
    "{shown} is no longer generated",
    _SCHEMA,
)

# -- schema ---------------------------------------------------------------------------------------
SCHEMA_FROZEN = declare(
    "schema-frozen",
    SCHEMA,
    "A file of a released schema version changed",
    "{shown} {what}",
    "restore {folder} byte for byte from the commit that released it (`git "
    "checkout <release commit> -- {folder}`): a released schema never changes",
)
