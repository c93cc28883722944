"""Start the action server, the Rasa server and the web gateway on 127.0.0.1; wait for them.

`make run` calls this after building the spaCy pipeline and training. Ctrl-C stops all three.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Mapping
from pathlib import Path

from bot.config import ROOT, Settings, gateway_env, settings

STARTUP_SECONDS = 240


def _up(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError, ValueError):
        return False


def free_port() -> int:
    """A port free on 127.0.0.1 now (for servers started by tests and benchmarks)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(
    cfg: Settings,
    log_dir: Path,
    endpoints: Path = ROOT / "bot" / "endpoints.yml",
    env: Mapping[str, str] | None = None,
) -> list[subprocess.Popen]:
    """Start the action server and the Rasa server; `env` adds to this process's environment."""
    log_dir.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        # The project's store: the same database for the action server and the gateway.
        "DATABASE_URL": cfg.store_url,
        **(env or {}),
        "SANIC_HOST": cfg.host,
        "PYTHONPATH": str(ROOT),
        # No telemetry or Sentry error reports to rasa.com (they could carry what users typed).
        "RASA_TELEMETRY_ENABLED": "false",
        # bot/endpoints.yml reads these: the action server's port, where the tracker store is.
        "ACTIONS_PORT": str(cfg.actions_port),
        "ADVISOR_VAR_DIR": str(cfg.var_dir),
    }
    rasa = str(Path(sys.executable).parent / "rasa")
    # The children write the logs; the parent closes its copies of the handles at once.
    with (log_dir / "actions.log").open("ab") as log:
        actions = subprocess.Popen(
            [rasa, "run", "actions", "--actions", "actions", "--port", str(cfg.actions_port)],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    with (log_dir / "rasa.log").open("ab") as log:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "bot.rasa_server",
                "run",
                "--enable-api",
                "--auth-token",
                cfg.rasa_token,
                "-i",
                cfg.host,
                "-p",
                str(cfg.rasa_port),
                "--model",
                str(cfg.models_dir),
                "--endpoints",
                str(endpoints),
                "--credentials",
                str(ROOT / "bot" / "credentials.yml"),
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    return [actions, server]


def start_gateway(cfg: Settings, log_dir: Path) -> subprocess.Popen:
    """`python -m bot.gateway` with the same settings, passed through its environment."""
    log_dir.mkdir(parents=True, exist_ok=True)
    env = dict(
        os.environ,
        PYTHONPATH=str(ROOT),
        ADVISOR_VAR_DIR=str(cfg.var_dir),
        RASA_PORT=str(cfg.rasa_port),
        ACTIONS_PORT=str(cfg.actions_port),
        RASA_TOKEN=cfg.rasa_token,
        DATABASE_URL=cfg.store_url,
        **gateway_env(cfg.gateway),
    )
    with (log_dir / "gateway.log").open("ab") as log:
        return subprocess.Popen(
            [sys.executable, "-m", "bot.gateway"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )


def checks(
    cfg: Settings, procs: list[subprocess.Popen], log_dir: Path
) -> dict[str, tuple[str, subprocess.Popen, Path]]:
    """What answers when each process is up: the action server, Rasa, the gateway if third."""
    out = {
        "action server": (f"{cfg.actions_url}/health", procs[0], log_dir / "actions.log"),
        "Rasa server": (
            f"{cfg.rasa_url}/status?token={cfg.rasa_token}",
            procs[1],
            log_dir / "rasa.log",
        ),
    }
    if len(procs) > 2:
        out["gateway"] = (f"{cfg.gateway_url}/healthz", procs[2], log_dir / "gateway.log")
    return out


def wait(cfg: Settings, procs: list[subprocess.Popen], log_dir: Path) -> None:
    wait_for(checks(cfg, procs, log_dir), log_dir)


def wait_for(pending: dict[str, tuple[str, subprocess.Popen, Path]], log_dir: Path) -> None:
    """Until each URL answers 200; exits with the log's tail if its process stops."""
    pending = dict(pending)
    deadline = time.monotonic() + STARTUP_SECONDS
    while pending:
        for name, (url, proc, log) in list(pending.items()):
            if proc.poll() is not None:
                tail = log.read_text(errors="replace").splitlines()[-15:]
                raise SystemExit(
                    f"error: the {name} stopped while starting; last lines of "
                    f"{log}:\n" + "\n".join(tail)
                )
            if _up(url):
                print(f"==> {name} is up ({url.split('?')[0]})", flush=True)
                del pending[name]
        if time.monotonic() > deadline:
            raise SystemExit(
                f"error: {', '.join(pending)} did not answer within "
                f"{STARTUP_SECONDS} s; see {log_dir}"
            )
        time.sleep(1)


def stop(procs: list[subprocess.Popen]) -> None:
    for proc in procs:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
    for proc in procs:
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main() -> int:
    cfg = settings()
    log_dir = cfg.var_dir / "log"
    # SIGTERM (and SIGINT where a shell ignored it) stop the servers as Ctrl-C does.
    signal.signal(signal.SIGTERM, _interrupt)
    signal.signal(signal.SIGINT, _interrupt)
    print(
        "==> starting the action server, the Rasa server and the web gateway (the first answer "
        "takes about a minute: TensorFlow and the model load)",
        flush=True,
    )
    # bot/endpoints.yml (SQLite, no servers needed), or another, e.g. bot/endpoints-scale.yml.
    endpoints = Path(os.environ.get("ADVISOR_ENDPOINTS") or ROOT / "bot" / "endpoints.yml")
    procs = start(cfg, log_dir, endpoints)
    try:
        procs.append(start_gateway(cfg, log_dir))
        wait(cfg, procs, log_dir)
        example = json.dumps(
            {"sender": "me", "message": "ACT agency, $60k of furniture, how many quotes?"}
        )
        facts = json.dumps({"jurisdiction": "ACT", "value": 60000})
        print(
            f"""
The assistant is ready. Talk to it in your browser:

    {cfg.gateway_url}

  Chat in this terminal:   make chat
  Rules over HTTP:         curl -s {cfg.gateway_url}/api/v1/assess -H 'Content-Type: application/json' -d '{facts}'
  Rasa's REST channel:     curl -s {cfg.rasa_url}/webhooks/rest/webhook -d '{example}'
  Health:                  {cfg.gateway_url}/healthz    API: {cfg.gateway_url}/api/v1/openapi.json
  Help-desk console:       {cfg.gateway_url}/console    (add staff: .venv/bin/python -m bot.gateway.staff add NAME)
  Logs:                    {log_dir}/
Press Ctrl-C to stop.""",
            flush=True,
        )
        while all(p.poll() is None for p in procs):
            time.sleep(1)
        print("error: a server stopped; see the logs in " + str(log_dir), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        stop(procs)


if __name__ == "__main__":
    sys.exit(main())
