"""Storage: the SQLite file, its checks, lock, backups and migrations."""
