"""Making the data package and its releases: build, descriptor, citation, version, release.

The build (``build``, staged and swapped in by ``writing``), the descriptor and
``CITATION.cff``, setting the version (``bump``), and a release in one step (``makerelease``,
with its journal in ``releasing``). May import every stage below it, ``diff`` and ``releases``
included.
"""
