"""The passphrase dialogs: asking for an encrypted database's passphrase (at start, File → Open
database…, Open recent; again before changing it or removing it), and choosing a new one
(typed twice, a minimum length, and the plain warning that a forgotten one loses the data)."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
)

from facilitator.store.cipher import MIN_PASSPHRASE

ERROR_STYLE = "color: #b00020;"
FORGOTTEN = ("If this passphrase is forgotten, the data is gone: nobody can open the database "
             "or its backups without it, and it cannot be reset or recovered. Keep it somewhere "
             "safe, such as a password manager, away from this laptop.")


def _secret(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setObjectName(name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setMinimumWidth(280)
    return field


def _error_label() -> QLabel:
    label = QLabel("")
    label.setObjectName("error")
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    return label


class PassphraseDialog(QDialog):
    """One passphrase: `wrong` says the last one did not open the file."""

    def __init__(self, path: Path, parent=None, *, wrong: bool = False, action: str = "Open",
                 intro: str | None = None):
        super().__init__(parent)
        self.setWindowTitle("Passphrase needed" if not wrong else "Wrong passphrase")
        lay = QVBoxLayout(self)
        text = intro or (f"<b>{escape(Path(path).name)}</b> is encrypted. Enter its passphrase "
                         "to open it.")
        self.intro = QLabel(text)
        self.intro.setWordWrap(True)
        lay.addWidget(self.intro)
        self.field = _secret("passphrase")
        lay.addWidget(self.field)
        self.error = _error_label()
        lay.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.ok = self.buttons.addButton(action, QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self.field.textChanged.connect(lambda t: self.ok.setEnabled(bool(t)))
        self.ok.setEnabled(False)
        self.set_wrong(wrong, path)
        self.setMinimumWidth(420)

    def set_wrong(self, wrong: bool, path: Path) -> None:
        self.error.setText(f"That passphrase did not open {Path(path).name}. Passphrases are "
                           "case-sensitive; try again." if wrong else "")
        self.error.setVisible(wrong)
        if wrong:
            self.field.selectAll()

    def passphrase(self) -> str:
        return self.field.text()


class NewPassphraseDialog(QDialog):
    """A new passphrase, typed twice. `encrypting` adds the choice for the plain backups made
    before, and the box to tick that says a forgotten passphrase means the data is gone."""

    def __init__(self, path: Path, parent=None, *, encrypting: bool = True):
        super().__init__(parent)
        name = escape(Path(path).name)
        self.setWindowTitle("Encrypt this database" if encrypting else "Change passphrase")
        lay = QVBoxLayout(self)
        what = (f"Encrypt <b>{name}</b> and its backups with a passphrase. Facilitator will ask "
                "for it every time the database is opened." if encrypting else
                f"Choose a new passphrase for <b>{name}</b> and its backups. The old one will "
                "no longer open them.")
        intro = QLabel(what)
        intro.setWordWrap(True)
        lay.addWidget(intro)
        warning = QLabel(f"<b>{FORGOTTEN}</b>")
        warning.setObjectName("warning")
        warning.setWordWrap(True)
        lay.addWidget(warning)
        form = QFormLayout()
        self.current = _secret("current")
        if not encrypting:
            form.addRow("Current passphrase:", self.current)
        self.first = _secret("passphrase")
        self.second = _secret("again")
        form.addRow("New passphrase:", self.first)
        form.addRow("Type it again:", self.second)
        lay.addLayout(form)
        hint = QLabel(f"At least {MIN_PASSPHRASE} characters. Several unrelated words are easy "
                      "to remember and hard to guess.")
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        lay.addWidget(hint)
        self.encrypt_backups = QRadioButton("Encrypt the existing backups too (recommended)")
        self.delete_backups = QRadioButton("Delete the existing backups (they are not encrypted)")
        self.understood = QCheckBox("I understand that a forgotten passphrase means the data "
                                    "is gone")
        self.understood.setObjectName("understood")
        if encrypting:
            self.encrypt_backups.setChecked(True)
            lay.addWidget(self.encrypt_backups)
            lay.addWidget(self.delete_backups)
            lay.addWidget(self.understood)
        else:
            self.understood.setChecked(True)
        self.error = _error_label()
        lay.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.ok = self.buttons.addButton("Encrypt" if encrypting else "Change passphrase",
                                         QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self.encrypting = encrypting
        for field in (self.current, self.first, self.second):
            field.textChanged.connect(self._validate)
        self.understood.toggled.connect(self._validate)
        self._validate()
        self.setMinimumWidth(500)

    def problem(self) -> str:
        """What stops the passphrase from being used, in words ("" when nothing does)."""
        first, second = self.first.text(), self.second.text()
        if not self.encrypting and not self.current.text():
            return "Enter the current passphrase."
        if len(first) < MIN_PASSPHRASE:
            return f"The passphrase needs at least {MIN_PASSPHRASE} characters ({len(first)} so far)."
        if first != first.strip():
            return "The passphrase cannot start or end with a space."
        if second != first:
            return "The two passphrases differ." if second else "Type the passphrase again."
        if not self.understood.isChecked():
            return "Tick the box to say you understand what a forgotten passphrase means."
        return ""

    def _validate(self) -> None:
        problem = self.problem()
        typed = bool(self.first.text() or self.second.text())
        self.error.setText(problem if typed else "")
        self.ok.setEnabled(not problem)

    def passphrase(self) -> str:
        return self.first.text()

    def current_passphrase(self) -> str:
        return self.current.text()

    def delete_plain_backups(self) -> bool:
        return self.encrypting and self.delete_backups.isChecked()
