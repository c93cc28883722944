"""Configuration read from the environment, in one place."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Settings:
    host: str
    rasa_port: int
    actions_port: int
    var_dir: Path
    models_dir: Path
    rasa_token: str

    @property
    def rasa_url(self) -> str:
        return f"http://{self.host}:{self.rasa_port}"

    @property
    def actions_url(self) -> str:
        return f"http://{self.host}:{self.actions_port}"


def _token(var_dir: Path) -> str:
    """RASA_TOKEN, or one made on first use and kept in var/ (readable by this user only)."""
    if os.environ.get("RASA_TOKEN"):
        return os.environ["RASA_TOKEN"]
    path = var_dir / "rasa_token"
    if not path.exists():
        var_dir.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(32))
        path.chmod(0o600)
    return path.read_text().strip()


def settings() -> Settings:
    var_dir = Path(os.environ.get("ADVISOR_VAR_DIR", ROOT / "var"))
    return Settings(
        host="127.0.0.1",
        rasa_port=int(os.environ.get("RASA_PORT", "5005")),
        actions_port=int(os.environ.get("ACTIONS_PORT", "5055")),
        var_dir=var_dir,
        models_dir=Path(os.environ.get("ADVISOR_MODELS_DIR", ROOT / "models")),
        rasa_token=_token(var_dir),
    )
