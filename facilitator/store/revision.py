"""Developer tool: write the next migration by comparing the models with the newest schema.

    python -m facilitator.store.revision 0002 "session plans"

Revision ids are four digits, one above the newest (facilitator.store.migrate relies on it).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path


def main(argv: list[str]) -> int:
    if len(argv) != 2 or not (argv[0].isdigit() and len(argv[0]) == 4):
        print(__doc__)
        return 2
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine

    from facilitator.store.migrate import MIGRATIONS, head_revision

    if argv[0] <= head_revision():
        print(f"revision must be above {head_revision()}")
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        engine = create_engine(f"sqlite:///{Path(tmp) / 'gen.sqlite'}")
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        with engine.begin() as connection:
            cfg.attributes["connection"] = connection
            command.upgrade(cfg, "head")
            command.revision(cfg, message=argv[1], autogenerate=True, rev_id=argv[0])
        engine.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
