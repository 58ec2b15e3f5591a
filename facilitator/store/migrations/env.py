"""Alembic environment: the app hands in its own connection (see store.migrate.upgrade)."""

from alembic import context

from facilitator.models import Base
from facilitator.store.migrate import include_object

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only when someone runs `alembic` by hand
    raise SystemExit("Run migrations through facilitator.store.migrate.upgrade().")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
    include_object=include_object,
)
with context.begin_transaction():
    context.run_migrations()
