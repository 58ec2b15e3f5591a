"""Dialogs over the database file itself: its passphrase, encrypting it, changing or removing the encryption."""
