"""Screenshot the personal-data dialogs on the demo: encrypting a database (the passphrase
twice and the warning), changing the passphrase, a wrong passphrase at open, a person's
consent history, and the export log after a subject access export and a workbook.

    xvfb-run -a -s "-screen 0 1440x900x24" .venv/bin/python tools/screenshots/privacy.py [OUTDIR]

Writes privacy-encrypt.png, privacy-change-passphrase.png, privacy-wrong-passphrase.png,
privacy-consent-history.png and privacy-export-log.png."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from shots import Shots


def main(argv: list[str]) -> int:
    from facilitator.exports.sar import write_sar
    from facilitator.exports.xlsx.cohort import export_cohort
    from facilitator.services.cohort import participants
    from facilitator.services.privacy.consent import consent_history
    from facilitator.services.privacy.export_log import list_exports
    from facilitator.ui.database.passphrase_dialogs import NewPassphraseDialog, PassphraseDialog
    from facilitator.ui.privacy.consent_dialog import ConsentHistoryDialog
    from facilitator.ui.privacy.export_log_dialog import ExportLogDialog

    shots = Shots(argv)
    db, win, cid = shots.db, shots.win, shots.cohort_id
    dlg = NewPassphraseDialog(db.path, win, encrypting=True)
    dlg.first.setText("river bicycle lantern")
    dlg.second.setText("river bicycle lanter")
    shots.dialog(dlg, "privacy-encrypt.png")
    shots.dialog(NewPassphraseDialog(db.path, win, encrypting=False),
                 "privacy-change-passphrase.png")
    shots.dialog(PassphraseDialog(db.path, win, wrong=True), "privacy-wrong-passphrase.png")

    person = participants.list_participants(db, cid)[0]
    participants.update_participant(db, person["id"], {"consent_photos": True})
    name = f"{person['given_name']} {person['family_name']}"
    shots.dialog(ConsentHistoryDialog(win, name, consent_history(db, person["id"])),
                 "privacy-consent-history.png")

    folder = Path(tempfile.mkdtemp(prefix="facilitator-privacy-"))
    write_sar(db, person["id"], folder / "Subject access")
    export_cohort(db, cid, folder / "cohort.xlsx", pseudonymise=True)
    dlg = ExportLogDialog(win, list_exports(db))
    dlg.resize(980, 420)
    shots.dialog(dlg, "privacy-export-log.png")
    return shots.close()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
