"""Terminal subcommands contributed by each area.

Each module listed in MODULES has `register(subparsers)`, which adds its parser(s) and sets
`run=function(args, db) -> exit code` as the parser default. The database is opened (and
closed) by facilitator.cli around the call."""

from __future__ import annotations

import importlib

MODULES: list[str] = [
    "facilitator.commands.plan_export",
    "facilitator.commands.flex",
    "facilitator.commands.library",
    "facilitator.commands.xlsx_export",
    "facilitator.commands.xlsx_import",
]


def register_all(subparsers) -> None:
    for name in MODULES:
        importlib.import_module(name).register(subparsers)
