"""The migrations build the schema from empty on both databases, and match the models."""

from __future__ import annotations

from sqlalchemy import inspect

from bot.store import migrate
from bot.store.__main__ import main

TABLES = {"alembic_version", "decision_records", "tickets", "ticket_events", "staff_sessions"}


def test_upgrade_from_empty_creates_every_table_at_head(empty_engine):
    assert migrate.current(empty_engine) is None
    migrate.upgrade(engine=empty_engine)
    assert set(inspect(empty_engine).get_table_names()) == TABLES
    assert migrate.current(empty_engine) == migrate.head()


def test_the_models_match_the_migrations(empty_engine):
    migrate.upgrade(engine=empty_engine)
    assert migrate.differences(empty_engine) == []


def test_an_empty_database_differs_from_the_models(empty_engine):
    # The comparison above can fail: on an empty database it finds every table missing.
    kinds = {d[0] for d in migrate.differences(empty_engine)}
    assert "add_table" in kinds


def test_downgrade_to_base_and_back(empty_engine):
    migrate.upgrade(engine=empty_engine)
    migrate.downgrade(engine=empty_engine, revision="base")
    assert set(inspect(empty_engine).get_table_names()) == {"alembic_version"}
    migrate.upgrade(engine=empty_engine)
    assert migrate.differences(empty_engine) == []


def test_the_command_upgrades_the_database_url(tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    assert main(["upgrade"]) == 0
    assert "is at revision" in capsys.readouterr().out
    assert main(["check"]) == 0
    assert main(["current"]) == 0
    assert capsys.readouterr().out.strip() == migrate.head()


def test_the_command_says_plainly_when_the_database_does_not_answer(monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", "postgresql://nobody:secret@127.0.0.1:1/none")
    assert main(["upgrade"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: the store at postgresql://nobody:***@127.0.0.1:1/none failed")
    assert "secret" not in err and "Traceback" not in err
