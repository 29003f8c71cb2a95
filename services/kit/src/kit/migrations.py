"""Alembic, once for every service: each service has its own history, version table and schema.

A service's ``migrations/env.py`` is one call to :func:`run_env`. Migrations run synchronously
(Alembic's commands are); call them where no event loop is running.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable

from alembic import command, context
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, MetaData, pool, text
from sqlalchemy.ext.asyncio import create_async_engine

from kit.db import async_url


def alembic_config(package: str, database_url: str) -> Config:
    """``package`` holds the service's ``migrations`` directory (e.g. 'intake')."""
    config = Config()
    config.set_main_option("script_location", f"{package}:migrations")
    config.set_main_option("sqlalchemy.url", async_url(database_url))
    config.attributes["configure_logger"] = False
    return config


def upgrade(package: str, database_url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(package, database_url), revision)


def downgrade(package: str, database_url: str, revision: str) -> None:
    command.downgrade(alembic_config(package, database_url), revision)


def heads(package: str, database_url: str) -> list[str]:
    return list(ScriptDirectory.from_config(alembic_config(package, database_url)).get_heads())


def _only_schema(schema: str):  # type: ignore[no-untyped-def]
    def include_name(name: str | None, type_: str, parent_names: dict[str, str | None]) -> bool:
        if type_ == "schema":
            return name == schema
        return True

    return include_name


def _configure(connection: Connection, metadata: MetaData, schema: str) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        version_table_schema=schema,
        include_schemas=True,
        include_name=_only_schema(schema),
        compare_type=True,
        compare_server_default=False,
        transaction_per_migration=True,
    )


def run_env(metadata: MetaData, schema: str, extensions: Iterable[str] = ()) -> None:
    """The body of a service's env.py (online mode only: we always migrate a live database)."""
    url = context.config.get_main_option("sqlalchemy.url")
    assert url is not None

    def run(connection: Connection) -> None:
        for extension in extensions:
            connection.execute(text(f"CREATE EXTENSION IF NOT EXISTS {extension}"))
        connection.execute(text(f"CREATE SCHEMA IF NOT EXISTS {schema}"))
        connection.commit()
        _configure(connection, metadata, schema)
        with context.begin_transaction():
            context.run_migrations()

    async def main() -> None:
        engine = create_async_engine(url, poolclass=pool.NullPool)
        try:
            async with engine.connect() as connection:
                await connection.run_sync(run)
        finally:
            await engine.dispose()

    asyncio.run(main())


def drift(metadata: MetaData, schema: str, database_url: str) -> list[object]:
    """What autogenerate would change: empty when the migrations match the models."""

    def compare(connection: Connection) -> list[object]:
        migration_context = MigrationContext.configure(
            connection,
            opts={
                "target_metadata": metadata,
                "include_schemas": True,
                "include_name": _only_schema(schema),
                "compare_type": True,
                "version_table_schema": schema,
            },
        )
        return list(compare_metadata(migration_context, metadata))

    async def main() -> list[object]:
        engine = create_async_engine(async_url(database_url), poolclass=pool.NullPool)
        try:
            async with engine.connect() as connection:
                return await connection.run_sync(compare)
        finally:
            await engine.dispose()

    return asyncio.run(main())
