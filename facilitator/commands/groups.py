"""Command groups that several command modules add to: `export`, `export pdf`, `export xlsx`.

Each is created the first time a module asks for it, so the modules stay independent of the
order in which they register."""

from __future__ import annotations


def _group(subparsers, name: str, help_text: str, dest: str):
    parser = subparsers.choices.get(name)
    if parser is None:
        parser = subparsers.add_parser(name, help=help_text)
        parser.set_defaults(**{f"{dest}_group": parser.add_subparsers(
            dest=dest, metavar="KIND", required=True)})
    return parser.get_default(f"{dest}_group")


def export_kinds(subparsers):
    """`facilitator export KIND …`."""
    return _group(subparsers, "export", "write files for other programs", "export_kind")


def pdf_kinds(subparsers):
    """`facilitator export pdf PACK …`."""
    return _group(export_kinds(subparsers), "pdf", "printable PDF packs", "pdf_kind")


def xlsx_kinds(subparsers):
    """`facilitator export xlsx WORKBOOK …`."""
    return _group(export_kinds(subparsers), "xlsx", "Excel workbooks to hand out", "xlsx_kind")


def import_kinds(subparsers):
    """`facilitator import KIND …`."""
    return _group(subparsers, "import", "read files back in", "import_kind")
