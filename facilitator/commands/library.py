"""`facilitator library export|import`: exchange tool packs from a terminal.

    facilitator library export --out FILE [--key K ...]
    facilitator library import FILE [--on-conflict keep|replace|copy]

Import reports conflicts and exits 1 without writing anything unless --on-conflict says how to
resolve them; a malformed pack exits 2 and changes nothing."""

from __future__ import annotations

import sys
from pathlib import Path


def register(subparsers) -> None:
    lib = subparsers.add_parser("library", help="export or import tool packs (method cards)")
    sub = lib.add_subparsers(dest="library_command", metavar="ACTION", required=True)
    exp = sub.add_parser("export", help="write cards to a tool-pack file")
    exp.add_argument("--out", required=True, metavar="FILE", help="the tool-pack file to write")
    exp.add_argument("--key", action="append", default=[], metavar="K", help="a card to export (repeat; default: all)")
    exp.set_defaults(run=_export)
    imp = sub.add_parser("import", help="read a tool-pack file into the library")
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--on-conflict", choices=("keep", "replace", "copy"),
                     help="for cards whose key is here with different text: keep ours, replace with "
                     "theirs, or add theirs as a copy (default: report and write nothing)")
    imp.set_defaults(run=_import)


def _export(args, db) -> int:
    from facilitator.services.library import packs, sync_builtin_cards

    sync_builtin_cards(db)
    out = Path(args.out).expanduser().absolute()
    count = packs.export_pack(db, out, args.key or None)
    print(f"Exported {count} card(s) to {out}")
    return 0


def _import(args, db) -> int:
    from facilitator.services.library import packs, sync_builtin_cards

    sync_builtin_cards(db)
    cards = packs.read_pack(Path(args.file).expanduser())
    plan = packs.plan_import(db, cards)
    print(plan.describe())
    if plan.conflicts and args.on_conflict is None:
        print("facilitator: nothing was imported; rerun with --on-conflict keep|replace|copy "
              "to choose what to do with the conflicts.", file=sys.stderr)
        return 1
    result = packs.apply_import(db, cards, args.on_conflict)
    print(f"Imported: {len(result.created)} added, {len(result.replaced)} replaced.")
    return 0
