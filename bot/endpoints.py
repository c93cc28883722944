"""Endpoints files for servers started outside `make run` (tests, benchmarks): the same
settings as bot/endpoints.yml, with their own ports and tracker database."""

from __future__ import annotations

from pathlib import Path

TRACKER_STORE = "bot.tracker_store.SQLiteTrackerStore"


def write_endpoints(path: Path, tracker_db: Path, actions_port: int | None) -> Path:
    """Write an endpoints.yml: the action server on `actions_port` (none if None), and the
    project's SQLite tracker store in `tracker_db`."""
    action = f'action_endpoint:\n  url: "http://127.0.0.1:{actions_port}/webhook"\n'
    path.write_text(
        (action if actions_port else "")
        + f'tracker_store:\n  type: {TRACKER_STORE}\n  db: "{tracker_db}"\n'
    )
    return path
