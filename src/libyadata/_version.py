"""The single place the package version is set (hatch reads it at build time)."""

__version__ = "1.1.0"
