"""Released versions: the registry of released zips and fetching one, verified.

``registry`` reads ``releases.txt`` (each released zip's name and SHA-256); ``download`` fetches
a release, checks it against the registry and unpacks it into the cache, and resolves what a
command was given (a folder, a zip, ``installed`` or a version) to a package. May import every
stage up to ``checks``.
"""
