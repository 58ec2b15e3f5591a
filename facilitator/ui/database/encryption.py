"""File → Encryption: Encrypt this database…, Change passphrase…, Remove encryption…

Each asks first (a new passphrase twice; the current one again before changing or removing
it, so a screen left unlocked is not enough), then converts the database and its backups in a
worker with progress. There is no Cancel: stopping half-way would leave some backups in the
old state; each file is converted whole or not at all. The window's title says "(encrypted)"
while the open database is."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog

from facilitator import APP_NAME
from facilitator.ui import messages
from facilitator.ui.workers import run_in_background, running_jobs, while_alive

# The dialogs (and through them SQLCipher) load on first use: this module is imported while
# the window is built, before it shows.

ENCRYPTED = " (encrypted)"


def add_encryption_menu(window, file_menu) -> None:
    """The submenu and its three actions (window.act_encrypt, act_change_passphrase,
    act_remove_encryption), greyed until a database is open and when they do not apply."""
    menu = file_menu.addMenu("Encr&yption")
    menu.setObjectName("encryptionMenu")
    window.encryption_menu = menu
    window.act_encrypt = menu.addAction("&Encrypt this database…")
    window.act_change_passphrase = menu.addAction("&Change passphrase…")
    window.act_remove_encryption = menu.addAction("&Remove encryption…")
    window.act_encrypt.triggered.connect(lambda: encrypt_database(window))
    window.act_change_passphrase.triggered.connect(lambda: change_passphrase(window))
    window.act_remove_encryption.triggered.connect(lambda: remove_encryption(window))
    show_state(window)


def show_state(window) -> None:
    """Enable what applies to the open database; the title says whether it is encrypted."""
    ctx = window.ctx
    encrypted = ctx is not None and ctx.db.encrypted
    window.act_encrypt.setEnabled(ctx is not None and not encrypted)
    window.act_change_passphrase.setEnabled(encrypted)
    window.act_remove_encryption.setEnabled(encrypted)
    if ctx is not None:
        window.setWindowTitle(f"{ctx.db.path.name}{ENCRYPTED if encrypted else ''} — {APP_NAME}")


def encrypt_database(window):
    from facilitator.ui.database.passphrase_dialogs import NewPassphraseDialog

    dialog = NewPassphraseDialog(window.ctx.db.path, window, encrypting=True)
    window.passphrase_dialog = dialog

    def chosen() -> None:
        from facilitator.store import encryption

        db, passphrase = window.ctx.db, dialog.passphrase()
        how = encryption.DELETE if dialog.delete_plain_backups() else encryption.ENCRYPT
        _convert(window, "Encrypting the database",
                 lambda report: encryption.encrypt(db, passphrase, plain_copies=how,
                                                   progress=report))

    dialog.accepted.connect(chosen)
    dialog.open()
    return dialog


def change_passphrase(window):
    from facilitator.ui.database.passphrase_dialogs import NewPassphraseDialog

    dialog = NewPassphraseDialog(window.ctx.db.path, window, encrypting=False)
    window.passphrase_dialog = dialog

    def chosen() -> None:
        from facilitator.store import encryption

        db, current, new = window.ctx.db, dialog.current_passphrase(), dialog.passphrase()

        def job(report):
            encryption.check_current(db, current)
            return encryption.change_passphrase(db, new, progress=report)

        _convert(window, "Changing the passphrase", job)

    dialog.accepted.connect(chosen)
    dialog.open()
    return dialog


def remove_encryption(window):
    from facilitator.ui.database.passphrase_dialogs import PassphraseDialog

    name = escape(window.ctx.db.path.name)
    dialog = PassphraseDialog(
        window.ctx.db.path, window, action="Remove encryption",
        intro=f"Remove the encryption of <b>{name}</b> and its backups? Afterwards anyone who "
              "has this laptop's disk can read them. Enter the passphrase to confirm.")
    dialog.setWindowTitle("Remove encryption")
    window.passphrase_dialog = dialog

    def chosen() -> None:
        from facilitator.store import encryption

        db, current = window.ctx.db, dialog.passphrase()

        def job(report):
            encryption.check_current(db, current)
            return encryption.decrypt(db, progress=report)

        _convert(window, "Removing the encryption", job)

    dialog.accepted.connect(chosen)
    dialog.open()
    return dialog


def _convert(window, title: str, job) -> None:
    """Run `job(progress)` in a worker once the jobs already running on the database have
    finished (the conversion needs every connection closed), with a progress dialog."""
    ctx = window.ctx
    progress = QProgressDialog(f"{title}…", "", 0, 0, window)
    progress.setCancelButton(None)
    progress.setWindowTitle(title)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(0)
    progress.setMinimumWidth(420)
    window.encryption_progress = progress
    others = running_jobs()

    def work(report, _cancelled):
        for other in others:
            other.finished.wait(60)
        return job(report)

    def on_progress(done: int, total: int, text: str) -> None:
        progress.setMaximum(total)
        progress.setValue(done)
        progress.setLabelText(text)

    def done(result) -> None:
        progress.close()
        show_state(window)
        state = "encrypted" if result.encrypted else "no longer encrypted"
        window.statusBar().showMessage(
            f"{result.path.name} is {state}; backups converted: {result.copies_converted}, "
            f"deleted: {result.copies_deleted}.", 15000)
        if result.problems:
            messages.warn(window, title, "\n\n".join(result.problems))

    def failed(exc) -> None:
        progress.close()
        show_state(window)
        ctx.show_error(exc, window)

    progress.show()
    run_in_background(work, while_alive(window, done), while_alive(window, failed),
                      on_progress=while_alive(progress, on_progress))
