"""`facilitator export pdf cards`: a printable deck of method cards.

    facilitator export pdf cards (--key K … | --event E | --all | --pack FILE)
        [--per-sheet 1|2|4] [--duplex] [--paper a4|letter] [--offset-mm X,Y] [--cohort C] --out F

Without --duplex the backs are folded onto the same sheet. A missing key, event or cohort exits
2 naming what exists; nothing is written."""

from __future__ import annotations

import sys
from pathlib import Path

from facilitator.commands.groups import pdf_kinds


def register(subparsers) -> None:
    cards = pdf_kinds(subparsers).add_parser(
        "cards", help="method cards to print and cut: 1, 2 or 4 a sheet, with backs")
    which = cards.add_mutually_exclusive_group(required=True)
    which.add_argument("--key", action="append", metavar="K", help="a card's key (repeat for more)")
    which.add_argument("--event", metavar="E", help="the cards an event's agenda uses (its title)")
    which.add_argument("--all", action="store_true", help="every card in the library")
    which.add_argument("--pack", metavar="FILE", help="the cards in a tool pack file")
    cards.add_argument("--cohort", metavar="C",
                       help="the event's cohort (needed when several cohorts have that event)")
    cards.add_argument("--per-sheet", type=int, choices=(1, 2, 4), default=4,
                       help="cards on each sheet (default 4)")
    cards.add_argument("--duplex", action="store_true",
                       help="backs on their own pages for long-edge duplex (default: folded "
                            "onto the same sheet)")
    cards.add_argument("--paper", choices=("a4", "letter"), default=None,
                       help="paper size (default from the locale)")
    cards.add_argument("--offset-mm", metavar="X,Y", default="0,0",
                       help="move the backs by X mm right and Y mm up to match your printer")
    cards.add_argument("--out", required=True, metavar="F", help="the PDF file to write")
    cards.set_defaults(run=run_cards)


def default_paper() -> str:
    """Letter where the locale's country uses it (US, Canada, Mexico, Philippines…), else A4."""
    import locale

    name = (locale.getlocale(locale.LC_CTYPE)[0] or "").upper()
    return "letter" if name[-3:] in ("_US", "_CA", "_MX", "_PH", "_CL", "_CO", "_VE") else "a4"


def _fail(text: str) -> int:
    print(f"facilitator: {text}", file=sys.stderr)
    return 2


def run_cards(args, db) -> int:
    from facilitator.exports.pdf.cards import deck, geometry, selection
    from facilitator.services.library import sync_builtin_cards

    try:
        x, y = geometry.parse_offset(args.offset_mm)
        layout = geometry.Layout(paper=args.paper or default_paper(), per_sheet=args.per_sheet,
                                 backs="duplex" if args.duplex else "folded", offset_x=x, offset_y=y)
    except geometry.LayoutError as exc:
        return _fail(str(exc))
    out = Path(args.out).expanduser().absolute()
    if not out.parent.is_dir():
        return _fail(f"the folder {out.parent} does not exist")
    sync_builtin_cards(db)
    if args.key:
        cards, title = selection.cards_by_keys(db, args.key), "Method cards"
    elif args.all:
        cards, title = selection.all_cards(db), "Method cards: the whole library"
    elif args.pack:
        cards, title = selection.pack_file_cards(Path(args.pack).expanduser()), f"Method cards: {Path(args.pack).name}"
    else:
        event = selection.find_event(db, args.event, args.cohort)
        cards, title = selection.event_cards(db, event["id"]), f"Method cards for {event['title']}"
    try:
        summary = deck.write_deck(out, cards, layout, title=title, log_to=db)
    except OSError as exc:
        return _fail(f"could not write {out}: {exc.strerror or exc}")
    backs = "duplex backs" if args.duplex else "folded backs"
    print(f"Wrote {summary.cards} card(s) on {summary.sheets} sheet(s), {summary.pages} page(s), "
          f"{layout.per_sheet} per sheet with {backs}, to {out}")
    return 0
