"""Terminal subcommands contributed by each area.

Each module in MODULES has `register(subparsers)`, which adds its parser(s) and sets
`run=function(args, db) -> exit code` as the parser default. The database is opened (and
closed) by facilitator.cli around the call.

The modules are imported here by name, plainly, so that a reader (and PyInstaller) sees every
one; a new command module is one import line and one entry in MODULES."""

from __future__ import annotations

from facilitator.commands import (
    backups,
    encryption,
    flex,
    learning,
    library,
    pdf_cards,
    pdf_export,
    plan_export,
    privacy,
    sar,
    xlsx_export,
    xlsx_import,
)

MODULES = [
    plan_export,
    flex,
    library,
    pdf_cards,
    backups,
    learning,
    pdf_export,
    privacy,
    xlsx_export,
    xlsx_import,
    sar,
    encryption,
]


def register_all(subparsers) -> None:
    for module in MODULES:
        module.register(subparsers)
