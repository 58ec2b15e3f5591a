"""`facilitator encrypt`, `decrypt` and `rekey`, and how every command gets a passphrase.

    facilitator --db F encrypt --passphrase-stdin [--delete-backups]   the new passphrase
    facilitator --db F decrypt --passphrase-stdin                      the current one
    facilitator --db F rekey --passphrase-stdin                        current, then new (2 lines)

A passphrase is never an argument (it would show in `ps` and the shell's history). It is one
line on stdin with --passphrase-stdin (asked for without echo when stdin is a terminal, twice
for a new one), else the environment variable FACILITATOR_PASSPHRASE (and, for rekey's new
one, FACILITATOR_NEW_PASSPHRASE). Every command that opens a database takes --passphrase-stdin;
a plain database ignores it."""

from __future__ import annotations

import argparse
import getpass
import os
import sys

PASSPHRASE_ENV = "FACILITATOR_PASSPHRASE"
NEW_PASSPHRASE_ENV = "FACILITATOR_NEW_PASSPHRASE"
STDIN_HELP = "read the database's passphrase as one line from stdin (or set FACILITATOR_PASSPHRASE)"


class PassphraseInputError(Exception):
    """The passphrase could not be read (stdin ended, or two typed ones differ)."""


def register(subparsers) -> None:
    enc = subparsers.add_parser("encrypt", help="encrypt the database and its backups with a "
                                "passphrase (a forgotten passphrase means the data is gone)")
    enc.add_argument("--delete-backups", action="store_true",
                     help="delete the plain backups and files kept aside instead of encrypting them")
    enc.set_defaults(run=encrypt_command, passphrase_role="new")
    dec = subparsers.add_parser("decrypt", help="remove the encryption of the database and its "
                                "backups (reads the current passphrase)")
    dec.set_defaults(run=decrypt_command)
    rek = subparsers.add_parser("rekey", help="change the passphrase of the database and its "
                                "backups (reads the current, then the new passphrase)")
    rek.set_defaults(run=rekey_command, passphrase_role="both")


def add_passphrase_option(parser: argparse.ArgumentParser, top: bool = False) -> None:
    """--passphrase-stdin before or after the command's name (`--db F encrypt --passphrase-stdin`)."""
    parser.add_argument("--passphrase-stdin", action="store_true",
                        default=False if top else argparse.SUPPRESS, help=STDIN_HELP)


def read_passphrases(args) -> None:
    """Set args.passphrase (the current one, or encrypt's new one) and args.new_passphrase."""
    role = getattr(args, "passphrase_role", "current")
    args.passphrase = args.new_passphrase = None
    if args.passphrase_stdin:
        if role == "both":
            args.passphrase = _line("Current passphrase: ")
            args.new_passphrase = _line("New passphrase: ", confirm=True,
                                        what="the new passphrase (rekey reads the current one, "
                                        "then the new one, on two lines)")
        else:
            args.passphrase = _line("Passphrase: ", confirm=role == "new")
        return
    args.passphrase = os.environ.get(PASSPHRASE_ENV) or None
    if role == "both":
        args.new_passphrase = os.environ.get(NEW_PASSPHRASE_ENV) or None


def _line(prompt: str, confirm: bool = False, what: str = "a passphrase line") -> str:
    if sys.stdin.isatty():
        first = getpass.getpass(prompt)
        if confirm and getpass.getpass("Again: ") != first:
            raise PassphraseInputError("the two passphrases differ; nothing was changed")
        return first
    line = sys.stdin.readline()
    if not line:
        raise PassphraseInputError(f"--passphrase-stdin: stdin ended before {what}")
    return line.rstrip("\r\n")


def _needs(value, what: str) -> str:
    if not value:
        raise PassphraseInputError(f"{what}: give it with --passphrase-stdin or {PASSPHRASE_ENV}")
    return value


def _report(result, verb: str) -> int:
    from facilitator.commands.terminal import say_error

    print(f"{result.path} {verb}. Backups and files kept aside converted: "
          f"{result.copies_converted}; deleted: {result.copies_deleted}.")
    for problem in result.problems:
        say_error(problem)
    return 1 if result.problems else 0


def encrypt_command(args, db) -> int:
    from facilitator.store import encryption

    passphrase = _needs(args.passphrase, "encrypt needs the new passphrase")
    how = encryption.DELETE if args.delete_backups else encryption.ENCRYPT
    result = encryption.encrypt(db, passphrase, plain_copies=how)
    code = _report(result, "is now encrypted")
    print("Keep the passphrase safe: if it is forgotten, the data cannot be recovered.")
    return code


def decrypt_command(_args, db) -> int:
    from facilitator.store import encryption

    return _report(encryption.decrypt(db), "is no longer encrypted")


def rekey_command(args, db) -> int:
    from facilitator.store import encryption

    new = _needs(args.new_passphrase, f"rekey needs the new passphrase (a second line, or "
                 f"{NEW_PASSPHRASE_ENV})")
    return _report(encryption.change_passphrase(db, new), "has a new passphrase")
