"""Allow ``python -m libyadata``."""

from .cli import main

main()
