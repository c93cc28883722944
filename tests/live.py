"""Live servers for tests: the action server and the Rasa server on free ports, with the trained
model, bot/endpoints.yml as deployed and the project's store migrated in the run's folder.

Needs the trained model (`make train`; `make test` trains first). With ADVISOR_REQUIRE_MODEL=1
(set by `make test`) a missing model fails instead of skipping.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import pytest

from bot.config import ROOT, Settings
from bot.serve import free_port, start, stop, wait
from bot.store import make_engine
from bot.store.migrate import upgrade

MODEL = ROOT / "models" / "advisor.tar.gz"


def require_model() -> None:
    if not MODEL.exists():
        message = "no trained model: run `make train` (make test does)"
        if os.environ.get("ADVISOR_REQUIRE_MODEL"):
            pytest.fail(message)
        pytest.skip(message)


@contextmanager
def live_servers(tmp: Path, token: str, env: Mapping[str, str] | None = None) -> Iterator[Settings]:
    """Both servers, their var dir `tmp` (tracker.db, advisor.db, log/); `env` for both."""
    require_model()
    database = f"sqlite:///{tmp / 'advisor.db'}"
    cfg = Settings(
        host="127.0.0.1",
        rasa_port=free_port(),
        actions_port=free_port(),
        var_dir=tmp,
        models_dir=MODEL,
        rasa_token=token,
        database_url=database,  # the action server's and the gateway's (serve.start*)
    )
    upgrade(engine=make_engine(database))  # as `make run` does before it serves
    procs = start(cfg, tmp / "log", env={"DATABASE_URL": database, **(env or {})})
    try:
        wait(cfg, procs, tmp / "log")
        yield cfg
    finally:
        stop(procs)
