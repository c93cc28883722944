"""`python -m bot.gateway` (or `advisor-gateway`): serve the gateway on 127.0.0.1."""

from __future__ import annotations

import logging

from aiohttp import web

from bot.config import settings
from bot.gateway import create_app


def main() -> None:
    cfg = settings()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    print(f"==> gateway on {cfg.gateway_url} (Rasa at {cfg.rasa_url})", flush=True)
    web.run_app(create_app(cfg), host=cfg.host, port=cfg.gateway.port, print=None)


if __name__ == "__main__":
    main()
