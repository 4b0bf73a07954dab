"""Reading a built data package, every one from outside read as hostile input.

The descriptor checked before anything it names is read (``safedescriptor``), zips unpacked
safely into the cache (``archive``), ``DataPackage`` with each file checked against its size
and hash, the two forms of each table compared (``agreement``), and the package installed with
libyadata (``shipped``). May import ``core``, ``models``, ``sources``, ``formats`` and
``upgrades``.
"""
