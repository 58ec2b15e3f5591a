"""A card that reads like a card: title, summary, purpose, numbered steps with minutes, …"""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QTextBrowser

from facilitator.ui.library.results_model import span
from facilitator.ui.plurals import count

STYLE = """
<style>
 body { font-size: 10.5pt; color: #222; }
 h1 { font-size: 17pt; margin: 0 0 4px 0; color: #1d3b53; }
 h3 { font-size: 10.5pt; margin: 14px 0 4px 0; color: #1d3b53; text-transform: uppercase; }
 .summary { font-size: 12pt; color: #333; margin: 2px 0 8px 0; }
 .meta { color: #555; }
 .badge { color: #7a4b00; }
 td.min { color: #1d3b53; font-weight: bold; padding-right: 10px; white-space: nowrap; }
 td.num { color: #888; padding-right: 6px; }
 .credit { color: #666; font-size: 9pt; }
</style>
"""


def _list(items: list[str]) -> str:
    if not items:
        return "<p class='meta'>None given.</p>"
    return "<ul>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>"


def _para(text: str) -> str:
    return "".join(f"<p>{escape(p)}</p>" for p in text.split("\n") if p.strip())


def card_html(rec: dict, *, newer_version: int | None = None) -> str:
    total = sum(s["minutes"] for s in rec["steps"])
    badges = []
    if rec.get("favourite"):
        badges.append("★ Favourite")
    if rec.get("builtin"):
        badges.append("Built-in, edited by you" if rec.get("user_modified") else "Built-in")
    else:
        badges.append("Your card")
    if rec.get("times_used"):
        badges.append(f"used {count(rec['times_used'], 'time')}")
    parts = [
        STYLE,
        f"<h1>{escape(rec['name'])}</h1>",
        f"<div class='summary'>{escape(rec['summary'])}</div>",
        "<div class='meta'>"
        f"<b>{span(rec['duration'], 'minutes')}</b> &nbsp;·&nbsp; "
        f"<b>{span(rec['group_size'], 'people')}</b> &nbsp;·&nbsp; "
        f"{escape(', '.join(rec['themes']))}</div>",
        f"<div class='badge'>{escape(' · '.join(badges))}</div>",
    ]
    if newer_version:
        parts.append(
            f"<p class='badge'>A newer built-in version ({newer_version}) of this card has shipped; "
            "“Reset to built-in” shows it (you can undo).</p>"
        )
    parts += ["<h3>Purpose</h3>", _para(rec["purpose"])]
    if rec.get("when_to_use"):
        parts += ["<h3>When to use</h3>", _para(rec["when_to_use"])]
    rows = "".join(
        f"<tr><td class='num'>{n}.</td><td class='min'>{s['minutes']} min</td>"
        f"<td>{escape(s['text'])}</td></tr>"
        for n, s in enumerate(rec["steps"], 1)
    )
    parts += [f"<h3>Steps ({count(total, 'minute')})</h3>", f"<table cellspacing='0' cellpadding='3'>{rows}</table>"]
    parts += ["<h3>Materials</h3>", _list(rec["materials"])]
    parts += ["<h3>Facilitator tips</h3>", _list(rec["tips"])]
    parts += ["<h3>In frontline settings</h3>", _list(rec["considerations"])]
    credit = f"Source: {escape(rec['source'])}<br>" if rec.get("source") else ""
    parts.append(f"<p class='credit'>{credit}Licence: {escape(rec['licence'])} · key {escape(rec['key'])}</p>")
    return "".join(parts)


class CardView(QTextBrowser):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("cardView")
        self.setOpenLinks(False)
        self.document().setDocumentMargin(16)
        self.show_empty()

    def show_empty(self, text: str = "Choose a card on the left to read it here.") -> None:
        self.setHtml(f"{STYLE}<p class='meta'>{escape(text)}</p>")

    def show_card(self, rec: dict, newer_version: int | None = None) -> None:
        self.setHtml(card_html(rec, newer_version=newer_version))
