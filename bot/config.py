"""Configuration read from the environment, in one place."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class GatewaySettings:
    """The web gateway (bot/gateway/): its port, its cookie secret and its limits."""

    port: int = 8080
    #: Signs the session cookie; empty means "made on first use and kept in var/".
    secret: str = ""
    #: Mark the session cookie Secure (set it when a TLS proxy serves the gateway).
    cookie_secure: bool = False
    chat_max_bytes: int = 4096
    assess_max_bytes: int = 65536
    #: Chat turns a session may send: a burst, then this many a minute.
    chat_burst: int = 8
    chat_per_minute: float = 20.0
    #: New sessions (first turns without a cookie) from one client address.
    new_sessions_burst: int = 20
    new_sessions_per_minute: float = 20.0
    #: Seconds to wait for Rasa's reply to a chat turn (the first answer after start is slow).
    rasa_timeout: float = 30.0
    #: Seconds each /healthz check may take.
    health_timeout: float = 3.0
    #: Help-desk staff as "name:argon2-hash" entries (comma, semicolon or space between them);
    #: empty means the file var/staff that `python -m bot.gateway.staff add NAME` writes.
    staff: str = ""
    #: A console session ends after this many idle minutes, and this many hours after sign-in.
    console_idle_minutes: float = 30.0
    console_max_hours: float = 12.0
    #: Sign-in attempts per client address and per staff name: a burst, then this many a minute.
    login_burst: int = 5
    login_per_minute: float = 5.0


@dataclass(frozen=True)
class Settings:
    host: str
    rasa_port: int
    actions_port: int
    var_dir: Path
    models_dir: Path
    rasa_token: str
    gateway: GatewaySettings = field(default_factory=GatewaySettings)
    #: The project's store (records, tickets, staff sessions); empty: SQLite in var/advisor.db.
    database_url: str = ""

    @property
    def rasa_url(self) -> str:
        return f"http://{self.host}:{self.rasa_port}"

    @property
    def actions_url(self) -> str:
        return f"http://{self.host}:{self.actions_port}"

    @property
    def gateway_url(self) -> str:
        return f"http://{self.host}:{self.gateway.port}"

    @property
    def store_url(self) -> str:
        """DATABASE_URL, or SQLite in var/advisor.db (as `bot.store.database_url` reads it)."""
        return self.database_url or f"sqlite:///{self.var_dir / 'advisor.db'}"

    @property
    def tracker_db(self) -> Path:
        """The SQLite tracker store (bot/endpoints.yml: ${ADVISOR_VAR_DIR}/tracker.db)."""
        return self.var_dir / "tracker.db"


def stored_secret(var_dir: Path, name: str) -> str:
    """A secret made on first use and kept in var/NAME (readable by this user only)."""
    path = var_dir / name
    if not path.exists():
        var_dir.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(32))
        path.chmod(0o600)
    return path.read_text().strip()


def _token(var_dir: Path) -> str:
    """RASA_TOKEN, or one made on first use and kept in var/."""
    return os.environ.get("RASA_TOKEN") or stored_secret(var_dir, "rasa_token")


def _number(name: str, default: float) -> float:
    raw = os.environ.get(name, "")
    try:
        return float(raw) if raw else default
    except ValueError:
        raise SystemExit(f"error: {name} must be a number, not {raw!r}") from None


def gateway_settings(var_dir: Path) -> GatewaySettings:
    """GATEWAY_* from the environment; GATEWAY_SECRET or one kept in var/gateway_secret."""
    d = GatewaySettings()
    return GatewaySettings(
        port=int(_number("GATEWAY_PORT", d.port)),
        secret=os.environ.get("GATEWAY_SECRET") or stored_secret(var_dir, "gateway_secret"),
        cookie_secure=os.environ.get("GATEWAY_COOKIE_SECURE", "") in ("1", "true", "yes"),
        chat_max_bytes=int(_number("GATEWAY_CHAT_MAX_BYTES", d.chat_max_bytes)),
        assess_max_bytes=int(_number("GATEWAY_ASSESS_MAX_BYTES", d.assess_max_bytes)),
        chat_burst=int(_number("GATEWAY_CHAT_BURST", d.chat_burst)),
        chat_per_minute=_number("GATEWAY_CHAT_PER_MINUTE", d.chat_per_minute),
        new_sessions_burst=int(_number("GATEWAY_NEW_SESSIONS_BURST", d.new_sessions_burst)),
        new_sessions_per_minute=_number(
            "GATEWAY_NEW_SESSIONS_PER_MINUTE", d.new_sessions_per_minute
        ),
        rasa_timeout=_number("GATEWAY_RASA_TIMEOUT", d.rasa_timeout),
        health_timeout=_number("GATEWAY_HEALTH_TIMEOUT", d.health_timeout),
        staff=os.environ.get("ADVISOR_STAFF", ""),
        console_idle_minutes=_number("CONSOLE_IDLE_MINUTES", d.console_idle_minutes),
        console_max_hours=_number("CONSOLE_MAX_HOURS", d.console_max_hours),
        login_burst=int(_number("CONSOLE_LOGIN_BURST", d.login_burst)),
        login_per_minute=_number("CONSOLE_LOGIN_PER_MINUTE", d.login_per_minute),
    )


def gateway_env(g: GatewaySettings) -> dict[str, str]:
    """The environment that gives `gateway_settings` these settings (for a child process)."""
    env = {
        "GATEWAY_PORT": str(g.port),
        "GATEWAY_COOKIE_SECURE": "1" if g.cookie_secure else "0",
        "GATEWAY_CHAT_MAX_BYTES": str(g.chat_max_bytes),
        "GATEWAY_ASSESS_MAX_BYTES": str(g.assess_max_bytes),
        "GATEWAY_CHAT_BURST": str(g.chat_burst),
        "GATEWAY_CHAT_PER_MINUTE": str(g.chat_per_minute),
        "GATEWAY_NEW_SESSIONS_BURST": str(g.new_sessions_burst),
        "GATEWAY_NEW_SESSIONS_PER_MINUTE": str(g.new_sessions_per_minute),
        "GATEWAY_RASA_TIMEOUT": str(g.rasa_timeout),
        "GATEWAY_HEALTH_TIMEOUT": str(g.health_timeout),
        "CONSOLE_IDLE_MINUTES": str(g.console_idle_minutes),
        "CONSOLE_MAX_HOURS": str(g.console_max_hours),
        "CONSOLE_LOGIN_BURST": str(g.login_burst),
        "CONSOLE_LOGIN_PER_MINUTE": str(g.login_per_minute),
    }
    if g.secret:
        env["GATEWAY_SECRET"] = g.secret
    if g.staff:
        env["ADVISOR_STAFF"] = g.staff
    return env


def settings() -> Settings:
    var_dir = Path(os.environ.get("ADVISOR_VAR_DIR", ROOT / "var"))
    return Settings(
        host="127.0.0.1",
        rasa_port=int(os.environ.get("RASA_PORT", "5005")),
        actions_port=int(os.environ.get("ACTIONS_PORT", "5055")),
        var_dir=var_dir,
        models_dir=Path(os.environ.get("ADVISOR_MODELS_DIR", ROOT / "models")),
        rasa_token=_token(var_dir),
        gateway=gateway_settings(var_dir),
        database_url=os.environ.get("DATABASE_URL", ""),
    )
