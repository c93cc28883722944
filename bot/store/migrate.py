"""Alembic, configured from code: the migrations live in ``bot/store/migrations/``.

`upgrade` brings a database to the latest schema; `differences` lists what autogenerate would
change (empty when the models and the migrations agree).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine

from bot.store.db import database_url
from bot.store.models import Base

MIGRATIONS = Path(__file__).parent / "migrations"


def config(url: str | None = None, engine: Engine | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", (url or database_url()).replace("%", "%%"))
    cfg.attributes["engine"] = engine
    return cfg


def upgrade(
    url: str | None = None, *, engine: Engine | None = None, revision: str = "head"
) -> None:
    command.upgrade(config(url, engine), revision)


def downgrade(url: str | None = None, *, engine: Engine | None = None, revision: str) -> None:
    command.downgrade(config(url, engine), revision)


def head() -> str:
    head = ScriptDirectory.from_config(config("sqlite://")).get_current_head()
    assert head is not None
    return head


def current(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def differences(engine: Engine) -> list[Any]:
    """What autogenerate finds between the database and the models."""
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "compare_server_default": True}
        )
        return compare_metadata(context, Base.metadata)
