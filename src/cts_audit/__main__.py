"""``python -m cts_audit``: the same as the ``cts-audit`` command."""

from .cli import main

main()
