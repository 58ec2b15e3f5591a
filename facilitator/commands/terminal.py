"""What reaches a terminal: text from files and databases made safe to print.

A field name in a pack or a card name could carry escape sequences that move the cursor,
retitle the window or hide text; a malformed file could make a message megabytes long. Every
error the command line prints goes through `say_error`, which escapes control, bidirectional
and zero-width characters and caps the length."""

from __future__ import annotations

import sys
import unicodedata

MAX_MESSAGE = 2000
KEEP = "\n"  # line breaks separate the lines of a message; everything else is escaped


def safe_text(text: object, limit: int = MAX_MESSAGE) -> str:
    """`text` with control and format characters (ESC, DEL, bidi overrides, zero-width
    spaces) shown as escapes like \\x1b or \\u202e, cut to about `limit` characters."""
    raw = str(text)
    head = raw[: limit + 1]
    out = []
    for ch in head:
        if ch in KEEP:
            out.append(ch)
        elif ch == "\t":
            out.append(" ")
        elif unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Zl", "Zp"):
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(ch)
    shown = "".join(out)
    if len(shown) > limit or len(raw) > limit:
        shown = shown[:limit].rstrip() + f"… (message cut: {len(raw):,} characters in all)"
    return shown


def say_error(text: object) -> None:
    """One error line (or a few) on stderr, prefixed with the program's name."""
    print(f"facilitator: {safe_text(text)}", file=sys.stderr)
