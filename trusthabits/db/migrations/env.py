"""Alembic environment: our own engine and metadata (Reflex's `reflex db` is not used)."""

from alembic import context
from sqlmodel import SQLModel

import trusthabits.db.models  # noqa: F401 - registers the tables on SQLModel.metadata
from trusthabits.db.engine import build_engine, get_engine

config = context.config
target_metadata = SQLModel.metadata


def _render_item(type_, obj, autogen_context):
    # Autogenerate writes our custom column type with its import, so new migrations run as-is.
    if type_ == "type" and obj.__class__.__module__ == "trusthabits.db.types":
        autogen_context.imports.add("import trusthabits.db.types")
        return f"trusthabits.db.types.{obj.__class__.__name__}()"
    return False


def run_migrations_online() -> None:
    url = config.attributes.get("database_url")
    engine = build_engine(url) if url else get_engine()
    try:
        _migrate(engine)
    finally:
        if url:  # our own engine: closing it checkpoints SQLite's WAL into the main file
            engine.dispose()


def _migrate(engine) -> None:
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_item=_render_item,
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()


run_migrations_online()
