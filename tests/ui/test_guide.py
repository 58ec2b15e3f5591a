"""Help → User guide shows the offline pages; Help → Keyboard shortcuts is built from the
window's real actions."""

from __future__ import annotations

from facilitator.resources import resource
from facilitator.ui.guide import PAGES, menu_shortcuts


def test_every_guide_page_is_shipped_and_its_links_lead_to_pages(qtbot, window):
    keys = {k for k, _t in PAGES}
    for key in keys:
        text = resource("guide", f"{key}.md").read_text(encoding="utf-8")
        assert text.startswith("# ")
        import re

        for link in re.findall(r"\]\(([^)]+)\)", text):
            assert link.removesuffix(".md") in keys, (key, link)


def test_the_guide_opens_offline_and_follows_a_link(qtbot, window):
    from PySide6.QtCore import QUrl

    window.act_guide.trigger()
    guide = window.guide
    assert guide.isVisible()
    assert guide.browser.document().toPlainText().startswith("Getting started")
    guide.browser.anchorClicked.emit(QUrl("backups.md"))
    assert guide.current == "backups"
    assert "on-close" not in guide.browser.toPlainText()  # words for people, not file names
    assert "every time you close Facilitator" in guide.browser.toPlainText()
    guide.pages.setCurrentRow(2)
    assert guide.browser.toPlainText().startswith("Plans")


def test_keyboard_shortcuts_come_from_the_actions_themselves(qtbot, window):
    rows = menu_shortcuts(window)
    assert ("File", "Quit", "Ctrl+Q") in rows
    assert ("Help", "User guide", "F1") in rows
    assert ("File", "Open database", "Ctrl+O") in rows
    assert ("View", "Plans", "Ctrl+2") in rows
    assert ("Edit", "Undo", "Ctrl+Z") in rows
    window.act_backup.setShortcut("Ctrl+Alt+K")  # a changed shortcut shows as it now is
    window.act_shortcuts.trigger()
    text = window.guide.browser.toPlainText()
    assert "Back up now" in text and "Ctrl+Alt+K" in text
    assert "Present, late, excused, absent" in text  # the keys the tables handle
