"""The web gateway's figures, against live servers it starts on free ports (`make bench-gateway`).

1. A chat turn through the gateway vs. the same turn sent straight to Rasa's REST channel, in
   one run, the same messages, interleaved (alternating which goes first): p50/p95 of each and
   of the paired difference, plus the gateway's own share of its turns (its time minus the Rasa
   time it reports in Server-Timing).
2. POST /api/v1/assess with 50 concurrent clients: requests per second and latency.
3. The page's size with everything it loads (goal: under 100 KB).

Client, gateway, Rasa and the action server share this machine's cores. Prints a table and
writes var/bench/gateway.json; asserts nothing (a loaded machine should not fail a build).
"""

from __future__ import annotations

import asyncio
import json
import re
import secrets
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

import aiohttp
import yaml

from bot.config import ROOT, GatewaySettings, Settings
from bot.serve import free_port, start, start_gateway, stop, wait
from bot.store import make_engine
from bot.store.migrate import upgrade

ROUNDS = 3
CONVERSATIONS = 12
ASSESS_CLIENTS = 50
ASSESS_SECONDS = 10.0
PAGE_BUDGET = 100 * 1024
FACTS = [
    {"jurisdiction": "ACT", "as_of": "2026-11-22", "value": 60000, "construction": False},
    {"jurisdiction": "QLD", "as_of": "2026-11-22", "ict": True, "value": 95000},
    {"jurisdiction": "CTH", "as_of": "2026-11-22", "need": "cloud_services"},
    {"jurisdiction": "ACT", "as_of": "2026-11-22", "value": 600000},
]


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def summary(values: list[float]) -> dict[str, float]:
    return {
        "n": len(values),
        "p50_ms": round(pct(values, 0.5), 1),
        "p95_ms": round(pct(values, 0.95), 1),
        "mean_ms": round(statistics.fmean(values), 1),
    }


def scripts() -> list[list[str]]:
    data = yaml.safe_load((ROOT / "tests" / "e2e" / "conversations.yml").read_text())
    return [[t["user"] for t in c["turns"]] for c in data[:CONVERSATIONS]]


async def direct_turn(http: aiohttp.ClientSession, cfg: Settings, sender: str, text: str) -> float:
    start = time.perf_counter()
    async with http.post(
        f"{cfg.rasa_url}/webhooks/rest/webhook", json={"sender": sender, "message": text}
    ) as r:
        assert r.status == 200 and await r.json(), f"Rasa gave no reply to {text!r}"
    return (time.perf_counter() - start) * 1000


async def gateway_turn(
    http: aiohttp.ClientSession, cfg: Settings, text: str
) -> tuple[float, float]:
    start = time.perf_counter()
    async with http.post(f"{cfg.gateway_url}/api/v1/chat", json={"message": text}) as r:
        body = await r.json()
        assert r.status == 200 and body["messages"], f"the gateway: {r.status} {body}"
        rasa_ms = float(re.search(r"rasa;dur=([\d.]+)", r.headers["Server-Timing"]).group(1))
    return (time.perf_counter() - start) * 1000, rasa_ms


async def turns(cfg: Settings) -> dict[str, dict[str, float]]:
    timeout = aiohttp.ClientTimeout(total=120)
    via, direct, paired, own = [], [], [], []
    async with aiohttp.ClientSession(timeout=timeout) as raw:
        for text in ("hello", "ACT agency, $60k of furniture, how many quotes?"):
            await direct_turn(raw, cfg, f"bench-warm-{uuid.uuid4().hex}", text)  # load the graph
        for round_ in range(ROUNDS):
            for i, script in enumerate(scripts()):
                sender = f"bench-{uuid.uuid4().hex}"
                jar = aiohttp.CookieJar(unsafe=True)
                async with aiohttp.ClientSession(timeout=timeout, cookie_jar=jar) as browser:
                    for j, text in enumerate(script):
                        gateway_first = (round_ + i + j) % 2 == 0
                        if gateway_first:
                            g, rasa_ms = await gateway_turn(browser, cfg, text)
                            d = await direct_turn(raw, cfg, sender, text)
                        else:
                            d = await direct_turn(raw, cfg, sender, text)
                            g, rasa_ms = await gateway_turn(browser, cfg, text)
                        via.append(g)
                        direct.append(d)
                        paired.append(g - d)
                        own.append(g - rasa_ms)
    return {
        "gateway_turn": summary(via),
        "direct_rasa_turn": summary(direct),
        "paired_difference": summary(paired),
        "gateway_own_share": summary(own),
    }


async def assess_rate(cfg: Settings) -> dict[str, float]:
    url = f"{cfg.gateway_url}/api/v1/assess"
    latencies: list[float] = []
    errors = 0
    connector = aiohttp.TCPConnector(limit=ASSESS_CLIENTS)
    async with aiohttp.ClientSession(connector=connector) as http:
        for facts in FACTS:  # warm
            async with http.post(url, json=facts) as r:
                await r.read()
        deadline = time.perf_counter() + ASSESS_SECONDS

        async def client(k: int) -> None:
            nonlocal errors
            n = k
            while time.perf_counter() < deadline:
                start = time.perf_counter()
                async with http.post(url, json=FACTS[n % len(FACTS)]) as r:
                    await r.read()
                    errors += r.status != 200
                latencies.append((time.perf_counter() - start) * 1000)
                n += 1

        began = time.perf_counter()
        await asyncio.gather(*(client(k) for k in range(ASSESS_CLIENTS)))
        elapsed = time.perf_counter() - began
    return {
        "clients": ASSESS_CLIENTS,
        "seconds": round(elapsed, 1),
        "requests": len(latencies),
        "errors": errors,
        "requests_per_second": round(len(latencies) / elapsed),
        **summary(latencies),
    }


async def page_size(cfg: Settings) -> dict[str, object]:
    sizes = {}
    async with aiohttp.ClientSession() as http:
        async with http.get(cfg.gateway_url + "/") as r:
            html = await r.read()
        sizes["/"] = len(html)
        for url in re.findall(rb'(?:src|href)="(/[^"]+)"', html):
            async with http.get(cfg.gateway_url + url.decode()) as r:
                sizes[url.decode()] = len(await r.read())
    total = sum(sizes.values())
    return {"files": sizes, "total_bytes": total, "budget_bytes": PAGE_BUDGET}


def serve(tmp: Path) -> tuple[Settings, list]:
    cfg = Settings(
        host="127.0.0.1",
        rasa_port=free_port(),
        actions_port=free_port(),
        var_dir=tmp,
        models_dir=ROOT / "models" / "advisor.tar.gz",
        rasa_token=secrets.token_urlsafe(16),
        gateway=GatewaySettings(
            port=free_port(),
            secret=secrets.token_urlsafe(32),
            chat_burst=10_000,
            chat_per_minute=100_000,
            new_sessions_burst=10_000,
            new_sessions_per_minute=100_000,
        ),
    )
    # The project's store, migrated as `make run` does (the gateway's /healthz checks it).
    engine = make_engine(cfg.store_url)
    upgrade(engine=engine)
    engine.dispose()
    procs = start(cfg, tmp / "log")  # bot/endpoints.yml, pointed at these ports and tmp
    procs.append(start_gateway(cfg, tmp / "log"))
    return cfg, procs


def report(figures: dict) -> None:
    t = figures["turns"]
    print(f"\n{'chat turn (ms)':<38} {'n':>3} {'p50':>7} {'p95':>7} {'mean':>7}")
    for name, label in (
        ("gateway_turn", "through the gateway"),
        ("direct_rasa_turn", "straight to Rasa's REST channel"),
        ("paired_difference", "gateway minus direct (paired)"),
        ("gateway_own_share", "gateway's own share (Server-Timing)"),
    ):
        s = t[name]
        print(f"  {label:<36} {s['n']:>3} {s['p50_ms']:>7} {s['p95_ms']:>7} {s['mean_ms']:>7}")
    a = figures["assess"]
    print(
        f"\n/api/v1/assess, {a['clients']} concurrent clients for {a['seconds']} s: "
        f"{a['requests_per_second']:,} requests/s ({a['requests']:,} requests, {a['errors']} "
        f"errors), latency p50 {a['p50_ms']} ms, p95 {a['p95_ms']} ms"
    )
    p = figures["page"]
    files = ", ".join(f"{k} {v:,} B" for k, v in p["files"].items())
    verdict = "under" if p["total_bytes"] < p["budget_bytes"] else "OVER"
    print(
        f"\npage with everything it loads: {p['total_bytes']:,} bytes ({verdict} the "
        f"{p['budget_bytes'] // 1024} KB goal): {files}"
    )


def main() -> int:
    if not (ROOT / "models" / "advisor.tar.gz").exists():
        print("error: no trained model; run `make train` first", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="bench-gateway-") as tmp:
        cfg, procs = serve(Path(tmp))
        try:
            wait(cfg, procs, Path(tmp) / "log")
            print("==> measuring (about three minutes)", flush=True)
            figures = {
                "turns": asyncio.run(turns(cfg)),
                "assess": asyncio.run(assess_rate(cfg)),
                "page": asyncio.run(page_size(cfg)),
            }
        finally:
            stop(procs)
    report(figures)
    out = ROOT / "var" / "bench" / "gateway.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(figures, indent=2) + "\n")
    print(f"\n(written to {out.relative_to(ROOT)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
