"""`python -m bot.gateway` (or `advisor-gateway`): serve the gateway on 127.0.0.1."""

from __future__ import annotations

import logging

from aiohttp import web

from bot.config import settings
from bot.gateway import create_app
from bot.gateway.keys import STAFF
from bot.gateway.staff import StaffError


def main() -> None:
    cfg = settings()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    print(f"==> gateway on {cfg.gateway_url} (Rasa at {cfg.rasa_url})", flush=True)
    try:
        app = create_app(cfg)
    except StaffError as error:
        raise SystemExit(f"error: the console's staff: {error}") from None
    staff = app[STAFF]
    print(
        f"==> help-desk console on {cfg.gateway_url}/console ({len(staff.names())} staff, "
        f"from {staff.source}; add one: python -m bot.gateway.staff add NAME)",
        flush=True,
    )
    web.run_app(app, host=cfg.host, port=cfg.gateway.port, print=None)


if __name__ == "__main__":
    main()
