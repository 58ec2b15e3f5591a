"""Method cards on the agenda: link an item to a card, add an item from a card, and the
cards panel beside the agenda that cards are dragged from."""

from __future__ import annotations

from facilitator.services.plans import agenda
from facilitator.ui import undo
from facilitator.ui.library.card_browser import CardBrowser
from facilitator.ui.plans import edits
from facilitator.ui.plans.card_picker import CardPickerDialog

PANEL_HINT = "Drag a card onto the agenda, or double-click it to add it after the chosen item."


def cards_panel(view) -> CardBrowser:
    panel = CardBrowser(view.ctx, view, hint=PANEL_HINT)
    panel.setObjectName("cardsPanel")
    panel.setMinimumWidth(220)
    panel.activated.connect(lambda rec: add_from_card(view, rec))
    return panel


def link_card(view) -> None:
    """Choose a card for the selected item; it takes the card's time and materials if asked."""
    it = view.current_item()
    if it is None:
        return
    dlg = CardPickerDialog(view.ctx, view, f"Method card for {it['title']!r}", offer_defaults=True)
    if not dlg.exec() or dlg.chosen is None:
        return
    db, key, take = view.ctx.db, dlg.chosen["key"], dlg.defaults.isChecked()
    state: dict = {}

    def do():
        state["before"], changes = agenda.link_tool(db, it["id"], key, take_defaults=take)
        return changes

    view._select_item = it["id"]
    undo.perform(view.ctx, f"Use the card {dlg.chosen['name']!r}", do,
                 lambda: agenda.update_item(db, it["id"], state["before"]))


def pick_and_add(view) -> None:
    if view.session() is None:
        return
    dlg = CardPickerDialog(view.ctx, view, "Add an item from a method card", offer_defaults=False)
    if dlg.exec() and dlg.chosen is not None:
        add_from_card(view, dlg.chosen)


def add_from_card(view, rec: dict) -> None:
    """A new item from a card, after the selected item (or at the end)."""
    ps = view.session()
    if ps is None:
        return
    from facilitator.services.library.tools import drag_payload

    values = agenda.values_from_tool(drag_payload(rec))
    current = view.current_item()
    position = view.model.row_of(current["id"]) + 1 if current else None
    db, sid, cohort = view.ctx.db, ps["id"], view.ctx.cohort_id
    new = edits.create(view.ctx, f"Add {values['title']} from the library",
                       lambda: agenda.create_item(db, sid, values, position),
                       lambda i: agenda.delete_item(db, i),
                       lambda snap: agenda.restore(db, snap, cohort))
    if new is not None:
        view._select_item = new
