"""Errors the store raises; each carries a message fit to show a person."""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """A problem with the database file. str(error) is the message for the user."""

    title = "Cannot open the database"


class NotADatabase(StoreError):
    pass


class ReadOnlyDatabase(StoreError):
    pass


class AlreadyOpen(StoreError):
    title = "Facilitator is already open"


class NewerSchema(StoreError):
    title = "Database from a newer version"


class DatabaseBusy(StoreError):
    title = "Database busy"


class Conflict(StoreError):
    """A write broke a constraint (a reference to a deleted row, a duplicate key)."""

    title = "Could not save"


class DamagedDatabase(StoreError):
    """The check at open failed; the file was moved aside (never written to or deleted)."""

    title = "Database damaged"

    def __init__(self, message: str, moved_to: list[Path], backups: list[Path],
                 good_backup: Path | None = None):
        super().__init__(message)
        self.moved_to = moved_to
        self.backups = backups
        self.good_backup = good_backup


class PassphraseRequired(StoreError):
    """The file is encrypted and no passphrase was given (nothing was changed or created)."""

    title = "Passphrase needed"


class WrongPassphrase(PassphraseRequired):
    """The passphrase given does not open the file (nothing was changed or created)."""

    title = "Wrong passphrase"
