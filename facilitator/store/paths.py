"""Where the database lives: platformdirs' user data folder unless told otherwise."""

from __future__ import annotations

import os
from pathlib import Path

from facilitator import APP_NAME

DB_ENV = "FACILITATOR_DB"
DB_FILENAME = "facilitator.sqlite"


def user_data_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_db_path() -> Path:
    return user_data_dir() / DB_FILENAME


def resolve_db_path(cli_value: str | os.PathLike | None = None) -> Path:
    """--db beats FACILITATOR_DB beats the user data folder."""
    if cli_value:
        return Path(cli_value).expanduser().absolute()
    env = os.environ.get(DB_ENV)
    if env:
        return Path(env).expanduser().absolute()
    return default_db_path()


def sidecar(path: Path, suffix: str) -> Path:
    """path + suffix, e.g. the -wal, -shm and .lock files beside the database."""
    return path.with_name(path.name + suffix)


def real_path(path: str | os.PathLike) -> Path:
    """The file a path really names, through any symlinks: what the lock, the backups folder
    and every message belong to, so two spellings of one file share one writer."""
    return Path(os.path.realpath(Path(path).expanduser()))


def backups_dir(db_path: Path) -> Path:
    real = real_path(db_path)
    return real.with_name(real.name + ".backups")
