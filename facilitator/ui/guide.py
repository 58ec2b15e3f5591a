"""Help → User guide and Help → Keyboard shortcuts: short Markdown pages shipped in
resources/guide/, shown in a window of their own that works offline. The shortcuts page is
built from the window's actions themselves, then the keys the tables handle."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QDialog, QHBoxLayout, QListWidget, QListWidgetItem, QTextBrowser

from facilitator.resources import resource

PAGES = [
    ("index", "Getting started"),
    ("cohort", "Cohort"),
    ("plans", "Plans"),
    ("library", "Tool library"),
    ("flex", "Finding the flex"),
    ("learning", "Learning"),
    ("printing", "Printing and workbooks"),
    ("privacy", "Personal data"),
    ("backups", "Backups"),
    ("shortcuts", "Keyboard shortcuts"),
]


def page_text(key: str) -> str:
    return resource("guide", f"{key}.md").read_text(encoding="utf-8")


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").replace("…", "").strip()


def _cell(text: str) -> str:
    return escape(text).replace("|", "\\|")


def menu_shortcuts(window) -> list[tuple[str, str, str]]:
    """(menu, action, keys) for every action with a shortcut, menus first, in menu order;
    then any other action of the window that has one (an area's own, say)."""
    rows: list[tuple[str, str, str]] = []
    seen: set[int] = set()

    def walk(menu, where: str) -> None:
        for act in menu.actions():
            if act.menu() is not None:
                walk(act.menu(), f"{where} → {_plain(act.menu().title())}")
                continue
            keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in act.shortcuts()]
            if keys and not act.isSeparator():
                seen.add(id(act))
                rows.append((where, _plain(act.text()), " or ".join(keys)))

    for top in window.menuBar().actions():
        if top.menu() is not None:
            walk(top.menu(), _plain(top.menu().title()))
    for act in window.findChildren(QAction):
        keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in act.shortcuts()]
        row = ("In an area", _plain(act.text()), " or ".join(keys))
        if keys and id(act) not in seen and row[1] and row not in rows:  # one Filter, not four
            seen.add(id(act))
            rows.append(row)
    return rows


def shortcuts_markdown(window) -> str:
    table = ["# Keyboard shortcuts", "", "## Menus", "", "| Menu | Command | Keys |",
             "| --- | --- | --- |"]
    table += [f"| {_cell(m)} | {_cell(a)} | {_cell(k)} |" for m, a, k in menu_shortcuts(window)]
    rest = page_text("shortcuts").split("\n", 1)[1]  # its own heading is replaced by ours
    return "\n".join(table) + "\n" + rest


class GuideWindow(QDialog):
    """Not modal: the guide can stay open beside the window while you work."""

    def __init__(self, window):
        super().__init__(window)
        self.setObjectName("guideWindow")
        self.setWindowTitle("Facilitator — user guide")
        self.main_window = window
        self.pages = QListWidget()
        self.pages.setObjectName("guidePages")
        self.pages.setMaximumWidth(180)
        for _key, title in PAGES:
            self.pages.addItem(QListWidgetItem(title))
        self.browser = QTextBrowser()
        self.browser.setObjectName("guideText")
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._link)
        self.browser.document().setDefaultStyleSheet(
            "table { border-collapse: collapse; } td, th { padding: 3px 10px; }")
        layout = QHBoxLayout(self)
        layout.addWidget(self.pages)
        layout.addWidget(self.browser, 1)
        self.pages.currentRowChanged.connect(lambda row: self._show(PAGES[row][0]))
        self.resize(900, 640)

    def show_page(self, key: str = "index") -> None:
        keys = [k for k, _t in PAGES]
        self.pages.setCurrentRow(keys.index(key) if key in keys else 0)
        self._show(self.current)
        self.show()
        self.raise_()
        self.activateWindow()

    def _show(self, key: str) -> None:
        self.current = key
        text = shortcuts_markdown(self.main_window) if key == "shortcuts" else page_text(key)
        self.browser.setMarkdown(text)

    def _link(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)
            return
        name = url.path().rsplit("/", 1)[-1].removesuffix(".md")
        if name in dict(PAGES):
            self.show_page(name)
