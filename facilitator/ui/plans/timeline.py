"""The cohort timeline: its events in date order with today marked, and event actions."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from facilitator.services.cohort import cohorts
from facilitator.services.errors import ServiceError, ValidationError
from facilitator.services.fields import clean
from facilitator.services.plans import calendar_export, events, templates
from facilitator.store.errors import StoreError
from facilitator.ui import messages, undo
from facilitator.ui.plans import edits
from facilitator.ui.plans.dialogs import TemplateDialog
from facilitator.ui.plans.template_manager import TemplateManager
from facilitator.ui.plurals import count
from facilitator.ui.widgets.form import FormDialog
from facilitator.ui.workers import run_in_background, while_alive

EVENT_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_LABEL = {"residential": "Residential", "learning lab": "Learning lab",
              "field trip": "Field trip", "learning call": "Learning call", "other": "Other"}


def _dates(ev: dict) -> str:
    s, e = ev["start_date"], ev["end_date"]
    if s == e:
        return f"{s:%a %d %b %Y}"
    if s.year == e.year:
        return f"{s:%d %b} – {e:%d %b %Y}"
    return f"{s:%d %b %Y} – {e:%d %b %Y}"


class TimelinePanel(QWidget):
    event_chosen = Signal(object)  # event id or None

    def __init__(self, ctx, parent=None, today=date.today):
        super().__init__(parent)
        self.ctx = ctx
        self.today = today
        self.events: list[dict] = []
        self._select: int | None = None
        self._loading = False
        self._again = False
        self.list = QListWidget()
        self.list.setObjectName("timeline")
        self.list.setSpacing(2)
        self.list.setWordWrap(True)
        self.list.currentItemChanged.connect(self._current_changed)
        self.new_button = QPushButton("New event…")
        self.template_button = QPushButton("From template…")
        self.edit_button = QPushButton("Edit event…")
        self.dup_button = QPushButton("Duplicate")
        self.dup_button.setToolTip("A copy of the event, its sessions and agenda, a week later")
        self.save_template_button = QPushButton("Save as template…")
        self.manage_templates_button = QPushButton("Manage templates…")
        self.manage_templates_button.setToolTip("Rename or delete the templates you saved")
        self.delete_button = QPushButton("Delete")
        self.ics_button = QPushButton("Export calendar (.ics)…")
        self.print_button = QPushButton("Print run sheet…")
        self.print_button.setToolTip("The event's run sheet for facilitators (File → Print and "
                                     "export for the other packs)")
        self.new_button.clicked.connect(self.new_event)
        self.template_button.clicked.connect(self.from_template)
        self.edit_button.clicked.connect(self.edit_event)
        self.dup_button.clicked.connect(self.duplicate_event)
        self.save_template_button.clicked.connect(self.save_as_template)
        self.manage_templates_button.clicked.connect(self.manage_templates)
        self.delete_button.clicked.connect(self.delete_event)
        self.ics_button.clicked.connect(self.export_ics)
        self.print_button.clicked.connect(self.print_run_sheet)
        grid = QGridLayout()
        grid.addWidget(self.new_button, 0, 0)
        grid.addWidget(self.template_button, 0, 1)
        grid.addWidget(self.edit_button, 1, 0)
        grid.addWidget(self.dup_button, 1, 1)
        grid.addWidget(self.delete_button, 2, 0)
        grid.addWidget(self.save_template_button, 3, 0, 1, 2)
        grid.addWidget(self.manage_templates_button, 4, 0, 1, 2)
        grid.addWidget(self.ics_button, 5, 0, 1, 2)
        grid.addWidget(self.print_button, 6, 0, 1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("<b>Timeline</b>"))
        layout.addWidget(self.list, 1)
        layout.addLayout(grid)
        ctx.changed.connect(self._on_changed)
        ctx.cohort_changed.connect(lambda _c: self.reload())
        self.reload()

    # loading -------------------------------------------------------------------------------
    def reload(self) -> None:
        """Ask for the cohort's events off the UI thread (as the agenda does); a reload asked
        for while one runs is done once that one reports back."""
        if self._loading:
            self._again = True
            return
        cohort_id = self.ctx.cohort_id
        if cohort_id is None:
            self._fill([])
            return
        self._loading = True
        db = self.ctx.db
        run_in_background(lambda: (cohort_id, events.list_events(db, cohort_id)),
                          while_alive(self, self._loaded), while_alive(self, self._failed))

    def _loaded(self, result) -> None:
        self._loading = False
        cohort_id, rows = result
        if self._again or cohort_id != self.ctx.cohort_id:
            self._again = False
            self.reload()
            return
        self._fill(rows)

    def _failed(self, exc: Exception) -> None:
        self._loading = False
        self._again = False
        self._fill([])
        self.ctx.reload_failed(exc, self)

    @property
    def loading(self) -> bool:
        return self._loading

    def _on_changed(self, changes) -> None:
        if "*" in changes.kinds or changes.touches("events", "plan_sessions", "agenda_items"):
            self.reload()

    def _fill(self, rows: list[dict]) -> None:
        keep = self._select or self.current_event_id()
        self._select = None
        self.events = rows
        today = self.today()
        self.list.blockSignals(True)
        self.list.clear()
        marked = False
        target = None
        for ev in rows:
            if not marked and ev["end_date"] >= today:
                marked = self._add_today(today, ev["start_date"] <= today)
            text = (f"{_dates(ev)}\n{ev['title']}\n{KIND_LABEL.get(ev['kind'], ev['kind'])}"
                    + (f" · {ev['venue']}" if ev["venue"] else "")
                    + f" · {count(ev['sessions'], 'session')}")
            item = QListWidgetItem(text)
            item.setData(EVENT_ROLE, ev["id"])
            if ev["end_date"] < today:
                item.setForeground(QBrush(QColor("#6b6b6b")))
            self.list.addItem(item)
            if ev["id"] == keep:
                target = item
        if not marked:
            self._add_today(today, False)
        self.list.blockSignals(False)
        if target is None:
            target = next((self.list.item(i) for i in range(self.list.count())
                           if self.list.item(i).data(EVENT_ROLE) is not None), None)
        if target is not None:
            self.list.setCurrentItem(target)
        self._update_buttons()
        self.event_chosen.emit(self.current_event_id())

    def _add_today(self, today: date, during: bool) -> bool:
        text = f"▶ Today, {today:%a %d %b %Y}" + (" (during the next event)" if during else "")
        item = QListWidgetItem(text)
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        item.setForeground(QBrush(QColor("#b3261e")))
        f = item.font()
        f.setBold(True)
        item.setFont(f)
        item.setData(EVENT_ROLE, None)
        self.list.addItem(item)
        return True

    def print_run_sheet(self):
        from facilitator.ui.exports.print_dialog import open_print_dialog

        if self.current_event_id() is not None:
            return open_print_dialog(self.ctx, self, "run-sheet", self.current_event_id())
        return None

    def current_event_id(self) -> int | None:
        item = self.list.currentItem()
        return item.data(EVENT_ROLE) if item is not None else None

    def current_event(self) -> dict | None:
        eid = self.current_event_id()
        return next((e for e in self.events if e["id"] == eid), None)

    def select_event(self, event_id: int) -> None:
        for i in range(self.list.count()):
            if self.list.item(i).data(EVENT_ROLE) == event_id:
                self.list.setCurrentRow(i)
                return

    def _current_changed(self, *_args) -> None:
        self._update_buttons()
        self.event_chosen.emit(self.current_event_id())

    def _update_buttons(self) -> None:
        has_cohort = self.ctx.cohort_id is not None
        has = self.current_event() is not None
        for b in (self.new_button, self.template_button):
            b.setEnabled(has_cohort)
        self.ics_button.setEnabled(has_cohort and bool(self.events))
        for b in (self.edit_button, self.dup_button, self.save_template_button, self.delete_button,
                  self.print_button):
            b.setEnabled(has)

    # actions -------------------------------------------------------------------------------
    def _remember(self, new_id):
        """Select a just-created event once the list has reloaded on the change."""
        if new_id and self._loading:
            self._select = new_id
        elif new_id:
            self.select_event(new_id)
        return new_id

    def new_event(self) -> None:
        if self.ctx.cohort_id is None:
            return
        db, cohort_id = self.ctx.db, self.ctx.cohort_id

        def submit(values):
            events.validate(values)
            return self._remember(edits.create(
                self.ctx, "Add event", lambda: events.create_event(db, cohort_id, values),
                lambda i: events.delete_event(db, i),
                lambda snap: events.restore(db, snap, cohort_id))) or False

        start = self.today()
        FormDialog(self, "New event", events.FIELDS,
                   {"kind": "learning lab", "start_date": start, "end_date": start,
                    "day_end": "17:00"}, submit=submit).exec()

    def edit_event(self) -> None:
        ev = self.current_event()
        if ev is None:
            return
        db = self.ctx.db
        before = {f.name: ev[f.name] for f in events.FIELDS}

        def submit(values):
            events.validate(values)
            return undo.edit(self.ctx, "event", lambda i, v: events.update_event(db, i, v),
                             ev["id"], before, clean(events.FIELDS, values)) or False

        FormDialog(self, f"Edit event: {ev['title']}", events.FIELDS, before, submit=submit).exec()

    def duplicate_event(self) -> None:
        ev = self.current_event()
        if ev is None:
            return
        db, cohort_id = self.ctx.db, self.ctx.cohort_id
        self._remember(edits.create(
            self.ctx, "Duplicate event", lambda: events.duplicate_event(db, ev["id"]),
            lambda i: events.delete_event(db, i), lambda snap: events.restore(db, snap, cohort_id)))

    def delete_event(self) -> None:
        ev = self.current_event()
        if ev is None or not messages.confirm(
            self, "Delete event",
            f"Delete {ev['title']!r} with its {count(ev['sessions'], 'session')}, agenda and "
            "attendance?\nYou can undo this with Ctrl+Z.",
        ):
            return
        db, cohort_id = self.ctx.db, self.ctx.cohort_id
        undo.remove(self.ctx, "event", lambda i: events.delete_event(db, i),
                    lambda snap: events.restore(db, snap, cohort_id), ev["id"])

    def from_template(self) -> None:
        if self.ctx.cohort_id is None:
            return
        db, cohort_id = self.ctx.db, self.ctx.cohort_id
        listed = self.ctx.call(templates.list_templates, db)
        if not listed:
            messages.warn(self, "No templates", "There are no event templates yet.")
            return
        dlg = TemplateDialog(self, listed, self.today())

        def submit(key, first_day, title):
            try:
                templates.load_template(db, key)
            except (ServiceError, StoreError) as exc:
                return str(exc)
            if first_day is None:
                return "Choose the event's first day."
            new = edits.create(
                self.ctx, "Add event from template",
                lambda: templates.create_from_template(db, cohort_id, key, first_day, title),
                lambda i: events.delete_event(db, i),
                lambda snap: events.restore(db, snap, cohort_id))
            self._remember(new)
            return None if new else "The event could not be created."

        dlg.submit = submit
        dlg.exec()

    def save_as_template(self) -> None:
        ev = self.current_event()
        if ev is None:
            return
        db = self.ctx.db
        specs = templates_fields()

        def submit(values):
            data = clean(specs, values)
            templates.check_name(db, data["name"])  # a taken name is shown under the field
            return edits.create(
                self.ctx, "Save event as template",
                lambda: templates.save_as_template(db, ev["id"], data["name"], data["description"]),
                lambda i: templates.delete_template(db, i),
                lambda snap: templates.restore_template(db, snap)) or False

        FormDialog(self, f"Save {ev['title']!r} as a template", specs,
                   {"name": ev["title"], "description": ev["notes"]}, submit=submit).exec()

    def manage_templates(self) -> None:
        dlg = TemplateManager(self.ctx, self)
        dlg.exec()
        dlg.deleteLater()

    def export_ics(self) -> None:
        cohort_id = self.ctx.cohort_id
        if cohort_id is None:
            return
        rec = self.ctx.call(cohorts.get_cohort, self.ctx.db, cohort_id)
        if rec is None:
            return
        safe = "".join(c if c.isalnum() or c in " -_" else "_" for c in rec["name"]).strip()
        path, _ = QFileDialog.getSaveFileName(self, "Export the cohort's calendar",
                                              f"{safe or 'cohort'}.ics",
                                              "iCalendar files (*.ics)")
        if path:
            self.write_ics(path)

    def write_ics(self, path: str) -> None:
        db, cohort_id = self.ctx.db, self.ctx.cohort_id
        window = self.window()
        status = window.statusBar() if hasattr(window, "statusBar") else None

        def done(n: int) -> None:
            if status is not None:
                status.showMessage(f"Calendar with {count(n, 'event')} written to {path}", 10000)

        run_in_background(lambda: calendar_export.write_ics(db, cohort_id, path), done,
                          lambda exc: self.ctx.show_error(_as_words(exc), self))


def templates_fields():
    from facilitator.services.fields import FieldSpec

    return (FieldSpec("name", "Template name", required=True, max_length=160),
            FieldSpec("description", "Description", kind="multiline", max_length=5000))


def _as_words(exc: Exception) -> Exception:
    if isinstance(exc, OSError):
        return ValidationError({"file": f"The calendar could not be written: {exc.strerror or exc}."})
    return exc
