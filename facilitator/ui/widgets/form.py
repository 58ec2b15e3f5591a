"""A form built from the services' FieldSpecs, with the error for each field shown under it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from facilitator.services.errors import ServiceError, ValidationError
from facilitator.services.fields import FieldSpec, clean
from facilitator.store.errors import StoreError

NOT_SET = QDate(1900, 1, 1)
ERROR_STYLE = "color: #b00020;"


class OptionalDateEdit(QDateEdit):
    """A date that may be left empty (shown as 'Not set')."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("d MMM yyyy")
        self.setMinimumDate(NOT_SET)
        self.setSpecialValueText("Not set")
        self.set_value(None)

    def value(self) -> date | None:
        d = self.date()
        return None if d == NOT_SET else date(d.year(), d.month(), d.day())

    def set_value(self, value: date | None) -> None:
        self.setDate(QDate(value.year, value.month, value.day) if value else NOT_SET)

    def focusNextPrevChild(self, forward: bool) -> bool:
        """Tab steps through day, month and year; on 'Not set' there are no sections to step
        through, and QDateTimeEdit would keep the focus forever: move on to the next field."""
        if self.value() is None:
            return QWidget.focusNextPrevChild(self, forward)
        return super().focusNextPrevChild(forward)


class OptionalTimeEdit(QWidget):
    """A clock time that may be left out: "[ ] Pinned at [12:30]". Its value is the text the
    services read ("12:30"), or "" when not ticked."""

    DEFAULT = QTime(12, 30)

    def __init__(self, label: str = "Keep this time", parent=None):
        super().__init__(parent)
        self.check = QCheckBox(label)
        self.time = QTimeEdit()
        self.time.setDisplayFormat("HH:mm")
        self.time.setTime(self.DEFAULT)
        self.time.setEnabled(False)
        self.check.toggled.connect(self.time.setEnabled)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.check)
        row.addWidget(self.time)
        row.addStretch(1)
        self.setFocusProxy(self.check)

    def value(self) -> str:
        return self.time.time().toString("HH:mm") if self.check.isChecked() else ""

    def set_value(self, value) -> None:
        text = "" if value is None else str(value).strip()
        parsed = QTime.fromString(text, "H:mm") if text else QTime()
        self.check.setChecked(parsed.isValid())
        self.time.setTime(parsed if parsed.isValid() else self.DEFAULT)

    def setToolTip(self, text: str) -> None:  # noqa: N802 - Qt's name
        super().setToolTip(text)
        self.check.setToolTip(text)
        self.time.setToolTip(text)


class FieldEditor:
    """One field's widget, how to read and write it, and its error label."""

    def __init__(self, spec: FieldSpec, choices: list[tuple[str, int]] | None,
                 shown_as: str | None = None):
        self.spec = spec
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        self.kind = kind = shown_as or spec.kind
        if kind == "time":  # a text field holding a clock time, shown as a time editor
            w = OptionalTimeEdit()
        elif kind == "multiline":
            w = QPlainTextEdit()
            w.setTabChangesFocus(True)
            w.setMinimumHeight(60)
            w.setMaximumHeight(110)
        elif kind == "bool":
            w = QCheckBox(spec.label)
        elif kind == "date":
            w = OptionalDateEdit()
        elif kind == "choice":
            w = QComboBox()
            w.setEditable(spec.free_choice)
            if not spec.required:
                w.addItem("")
            w.addItems(list(spec.choices))
        elif kind == "ref":
            w = QComboBox()
            w.addItem("(none)", None)
            for label, ref_id in choices or []:
                w.addItem(label, ref_id)
        else:
            w = QLineEdit()
            w.setMaxLength(spec.limit)
            if kind == "email":
                w.setPlaceholderText("name@example.org")
        w.setObjectName(spec.name)
        if spec.help:
            w.setToolTip(spec.help)
        self.widget = w
        self.cell = QWidget()
        self._row = QHBoxLayout()
        self._row.setContentsMargins(0, 0, 0, 0)
        self._row.addWidget(w, 1 if kind not in ("bool", "date", "time") else 0)
        col = QVBoxLayout(self.cell)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(2)
        col.addLayout(self._row)
        col.addWidget(self.error)
        if kind in ("bool", "date", "time"):
            self._row.addStretch(1)

    def pair_with(self, date_editor: FieldEditor) -> None:
        """Show a date on this checkbox's line; ticking fills in today, unticking clears it."""
        self._row.insertWidget(self._row.count() - 1, QLabel(date_editor.spec.label.lower()))
        self._row.insertWidget(self._row.count() - 1, date_editor.widget)
        date_editor.error = self.error
        self.widget.toggled.connect(
            lambda on: date_editor.set_value(
                (date_editor.value() or date.today()) if on else None
            )
        )

    def value(self) -> Any:
        w, kind = self.widget, self.kind
        if kind == "time":
            return w.value()
        if kind == "multiline":
            return w.toPlainText()
        if kind == "bool":
            return w.isChecked()
        if kind == "date":
            return w.value()
        if kind == "ref":
            return w.currentData()
        if kind == "choice":
            return w.currentText()
        return w.text()

    def set_value(self, value: Any) -> None:
        w, kind = self.widget, self.kind
        if kind == "time":
            w.set_value(value)
        elif kind == "multiline":
            w.setPlainText(value or "")
        elif kind == "bool":
            w.setChecked(bool(value))
        elif kind == "date":
            w.set_value(value)
        elif kind == "ref":
            i = w.findData(value)
            w.setCurrentIndex(max(i, 0))
        elif kind == "choice":
            i = w.findText(value or "")
            if i >= 0:
                w.setCurrentIndex(i)
            elif w.isEditable():
                w.setEditText(value or "")
        else:
            w.setText(value or "")

    def show_error(self, message: str | None) -> None:
        if message or not self.error.property("owner") or self.error.property("owner") == self.spec.name:
            self.error.setText(message or "")
            self.error.setVisible(bool(message))
            self.error.setProperty("owner", self.spec.name if message else None)


def _is_date_of(spec: FieldSpec, previous: FieldSpec) -> bool:
    return spec.kind == "date" and previous.kind == "bool" and spec.name == f"{previous.name}_date"


class FormDialog(QDialog):
    """Edit a record. `submit(values)` saves it; a ValidationError keeps the dialog open with
    each message under its field."""

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        specs: tuple[FieldSpec, ...],
        values: dict[str, Any] | None = None,
        *,
        choices: dict[str, list[tuple[str, int]]] | None = None,
        submit: Callable[[dict[str, Any]], Any] | None = None,
        shown_as: dict[str, str] | None = None,
    ):
        """`shown_as` shows a field with another editor than its kind's, e.g.
        {"pinned": "time"}: a text field holding a clock time, edited as a time."""
        super().__init__(parent)
        self.setWindowTitle(title)
        self.specs = specs
        self._submit = submit
        self.result_value: Any = None
        self.editors: dict[str, FieldEditor] = {}
        body = QWidget()
        grid = QGridLayout(body)
        section_names = list(dict.fromkeys(spec.section for spec in specs))
        two_columns = len(section_names) >= 3  # long forms side by side rather than scrolling
        columns = [QVBoxLayout(), QVBoxLayout()]
        for i, column in enumerate(columns):
            grid.addLayout(column, 0, i)
        sections: dict[str, QFormLayout] = {}
        previous: FieldEditor | None = None
        for spec in specs:
            ed = FieldEditor(spec, (choices or {}).get(spec.ref), (shown_as or {}).get(spec.name))
            self.editors[spec.name] = ed
            if previous is not None and _is_date_of(spec, previous.spec):
                previous.pair_with(ed)  # "[x] Consent …  on [date]" on one line
                previous = None
                continue
            form = sections.get(spec.section)
            if form is None:
                form = QFormLayout()
                form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
                column = columns[section_names.index(spec.section) % 2 if two_columns else 0]
                if spec.section:
                    box = QGroupBox(spec.section)
                    box.setLayout(form)
                    column.addWidget(box)
                else:
                    column.addLayout(form)
                sections[spec.section] = form
            label = "" if spec.kind == "bool" else spec.label + (" *" if spec.required else "")
            if spec.section and spec.label == spec.section:
                label = ""  # a "Notes" box needs no second "Notes" beside it
            form.addRow(label, ed.cell) if label else form.addRow(ed.cell)
            previous = ed
        for column in columns:
            column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        self.summary = QLabel()
        self.summary.setStyleSheet(ERROR_STYLE)
        self.summary.setWordWrap(True)
        self.summary.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        self.set_values(values or {})
        hint = body.sizeHint()
        self.resize(max(480, hint.width() + 40), min(720, hint.height() + 90))
        if self.editors:  # typing starts in the first field, so a form works from the keyboard
            next(iter(self.editors.values())).widget.setFocus()

    def set_values(self, values: dict[str, Any]) -> None:
        for name, ed in self.editors.items():
            ed.set_value(values.get(name, ed.spec.default()))

    def values(self) -> dict[str, Any]:
        return {name: ed.value() for name, ed in self.editors.items()}

    def show_errors(self, problems: dict[str, str]) -> None:
        unplaced = []
        for name, ed in self.editors.items():
            ed.show_error(problems.get(name))
        for name, msg in problems.items():
            if name not in self.editors:
                unplaced.append(msg)
        self.summary.setText("\n".join(unplaced))
        self.summary.setVisible(bool(unplaced))
        for name in self.editors:
            if name in problems:
                self.editors[name].widget.setFocus()
                break

    def accept(self) -> None:
        values = self.values()
        try:
            clean(self.specs, values)
            if self._submit is not None:
                self.result_value = self._submit(values)
                if self.result_value is False:
                    return
        except ValidationError as exc:
            self.show_errors(exc.problems)
            return
        except (ServiceError, StoreError) as exc:
            self.show_errors({"": str(exc)})
            return
        super().accept()

    @classmethod
    def ask(cls, parent, title, specs, values=None, *, choices=None, submit=None):
        """(values, accepted): the novelWriter-style one-liner for callers."""
        dlg = cls(parent, title, specs, values, choices=choices, submit=submit)
        ok = dlg.exec() == QDialog.DialogCode.Accepted
        return dlg.values(), ok

