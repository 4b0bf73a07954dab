"""Schema upgrades: data of an earlier schema version read into today's models.

Only the rules (``schemaupgrade``): how each earlier version's rows are rewritten. Reading a
package, ``diff`` and ``libyadata migrate`` apply them. May import ``core``, ``models`` and
``sources``.
"""
