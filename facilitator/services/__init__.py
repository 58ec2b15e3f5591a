"""Use cases. Each takes a Database, opens one short session, and returns plain data plus a
Changes record. Pure Python: no Qt."""
