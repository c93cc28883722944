"""Chat benchmarks (`make bench-chat`): the assistant against Rasa's starter bot, in one run.

Figures (issue 3):
- turn latency through the REST channel, one conversation at a time (p50 / p95);
- throughput with 20 conversations at once (turns per second);
- the same two for a starter bot made by `rasa init`, measured in the same run on the same
  machine, the two bots taking turns in short alternating rounds; the median of the rounds'
  throughput ratios is the figure (goal: at least 1.0);
- the resident memory of each Rasa server (and of the action server) after the load;
- training the assistant from scratch (no cache: a fresh RASA_CACHE_DIRECTORY; goal under
  10 minutes). `--no-train` skips that part.

Both bots run with the same SQLite tracker store, so the comparison is of the bots, not of
their storage. Figures are printed, not asserted: a loaded machine should not fail a build.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import aiohttp

from bot.config import ROOT, Settings
from bot.serve import free_port, start, stop, wait
from bot.store.migrate import upgrade

MODEL = ROOT / "models" / "advisor.tar.gz"
STARTER_DIR = ROOT / "var" / "bench" / "starter"
CONCURRENCY = 20

#: Conversations of the kind the help desk sees (each turn as a user types it).
ADVISOR_SCRIPTS = [
    ["ACT agency, $60k of furniture, how many quotes?", "why?"],
    ["Queensland agency, $20k ICT purchase, can I get one quote?"],
    ["QLD, $95k ex GST, ICT services"],
    ["ACT Government agency, how many quotes do we need?", "about 80 grand"],
    ["hi", "which panel for cloud hosting?", "thanks"],
    [
        "We're an IT firm in Townsville with 120 staff and 40 contractors: are we a Queensland SME?",
    ],
    ["ACT, $700k, do we need to go to tender?", "no", "sorry, I meant $600k"],
]
#: The starter bot's own conversations (its mood bot stories).
STARTER_SCRIPTS = [
    ["hello", "I am sad", "yes"],
    ["hi", "great", "bye"],
    ["hey", "I am feeling down", "no", "goodbye"],
    ["are you a bot?", "hello", "amazing"],
]


def rss_mib(pid: int) -> float:
    """Resident memory of a process and its children, in MiB (Linux /proc)."""
    total = 0
    pids = [pid]
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        pids += [int(c) for c in children]
    except OSError:
        pass
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time a process has used (Linux /proc), in seconds."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def turn(
    session: aiohttp.ClientSession, url: str, sender: str, text: str, must_answer: bool = True
) -> float:
    """One turn's wall time. The assistant must always answer; the starter bot's own model may
    predict no reply (it sometimes does after "no" to "did that help?"), which is its answer."""
    started = time.perf_counter()
    async with session.post(url, json={"sender": sender, "message": text}) as response:
        body = await response.json()
        if response.status != 200 or (must_answer and not body):
            raise RuntimeError(f"bad reply to {text!r}: {response.status} {body!r}")
    return time.perf_counter() - started


async def sequential(
    url: str, scripts: list[list[str]], turns: int, must_answer: bool = True
) -> list[float]:
    times: list[float] = []
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=120)) as session:
        while len(times) < turns:
            for script in scripts:
                sender = f"bench-{uuid.uuid4().hex}"
                for text in script:
                    times.append(await turn(session, url, sender, text, must_answer))
    return times[:turns]


async def concurrent(
    url: str, scripts: list[list[str]], seconds: float, must_answer: bool = True
) -> tuple[float, int]:
    """Turns per second with CONCURRENCY conversations at once, each replaying the scripts."""
    done = 0
    deadline = time.perf_counter() + seconds

    async def worker(i: int, session: aiohttp.ClientSession) -> None:
        nonlocal done
        k = i
        while time.perf_counter() < deadline:
            script = scripts[k % len(scripts)]
            k += 1
            sender = f"bench-{uuid.uuid4().hex}"
            for text in script:
                if time.perf_counter() >= deadline:
                    return
                await turn(session, url, sender, text, must_answer)
                done += 1

    connector = aiohttp.TCPConnector(limit=CONCURRENCY)
    async with aiohttp.ClientSession(
        connector=connector, timeout=aiohttp.ClientTimeout(total=300)
    ) as session:
        started = time.perf_counter()
        await asyncio.gather(*(worker(i, session) for i in range(CONCURRENCY)))
        elapsed = time.perf_counter() - started
    return done / elapsed, done


def starter_endpoints(tmp: Path) -> Path:
    """The starter bot gets the assistant's tracker store (bot/endpoints.yml), nothing else."""
    path = tmp / "endpoints.yml"
    path.write_text(
        f'tracker_store:\n  type: bot.tracker_store.SQLiteTrackerStore\n  db: "{tmp / "tracker.db"}"\n'
    )
    return path


def ensure_starter(rasa: str) -> Path:
    models = STARTER_DIR / "models"
    if not list(models.glob("*.tar.gz")):
        print("==> making the starter bot with `rasa init` (trains it; about 2 minutes)")
        STARTER_DIR.mkdir(parents=True, exist_ok=True)  # rasa init wants it to exist
        log = STARTER_DIR.parent / "starter-init.log"
        with log.open("wb") as out:
            done = subprocess.run(
                [rasa, "init", "--no-prompt", "--init-dir", str(STARTER_DIR)],
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        if done.returncode or not list(models.glob("*.tar.gz")):
            raise SystemExit(f"error: `rasa init` failed; see {log}")
    return max(models.glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)


def start_starter(rasa: str, model: Path, port: int, tmp: Path) -> subprocess.Popen:
    log = (tmp / "starter.log").open("ab")
    return subprocess.Popen(
        [
            rasa,
            "run",
            "--enable-api",
            "-i",
            "127.0.0.1",
            "-p",
            str(port),
            "--model",
            str(model),
            "--endpoints",
            str(starter_endpoints(tmp)),
        ],
        cwd=STARTER_DIR,
        stdout=log,
        stderr=subprocess.STDOUT,
        env=dict(os.environ, SANIC_HOST="127.0.0.1"),
    )


def wait_starter(port: int, proc: subprocess.Popen, tmp: Path) -> None:
    import urllib.request

    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"error: the starter bot stopped; see {tmp / 'starter.log'}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/status", timeout=2):
                return
        except OSError:
            time.sleep(1)
    raise SystemExit("error: the starter bot did not answer within 240 s")


def latency(name: str, url: str, scripts, turns: int, must_answer: bool = True) -> dict:
    """Turn latency one conversation at a time, after a warm-up."""
    asyncio.run(sequential(url, scripts, 10, must_answer))  # warm-up: first turns load lazily
    times = asyncio.run(sequential(url, scripts, turns, must_answer))
    return {
        "bot": name,
        "p50_ms": statistics.median(times) * 1000,
        "p95_ms": percentile(times, 0.95) * 1000,
        "turns": len(times),
    }


def throughput(bots: list[dict], seconds: float, rounds: int) -> list[dict]:
    """Throughput with 20 conversations at once, the bots taking turns in short rounds.

    A shared machine's speed drifts by a quarter within minutes, so one long run per bot
    measures the machine as much as the bot. Rounds alternate the order (A B, B A, ...), and
    each round's ratio compares two runs a few seconds apart; the figure is the median ratio.
    """
    per_round = seconds / rounds
    for bot in bots:
        bot.update(turns_done=0, elapsed=0.0, cpu=[0.0] * len(bot["pids"]), rates=[])
    for k in range(rounds):
        for bot in bots if k % 2 == 0 else bots[::-1]:
            cpu_before = [cpu_seconds(p) for p in bot["pids"]]
            rate, count = asyncio.run(
                concurrent(bot["url"], bot["scripts"], per_round, bot["must_answer"])
            )
            bot["cpu"] = [
                total + cpu_seconds(p) - before
                for p, before, total in zip(bot["pids"], cpu_before, bot["cpu"], strict=True)
            ]
            bot["turns_done"] += count
            bot["elapsed"] += count / rate if rate else per_round
            bot["rates"].append(rate)
    results = []
    for bot in bots:
        count = max(bot["turns_done"], 1)
        results.append(
            {
                "turns_per_s": bot["turns_done"] / bot["elapsed"],
                "round_turns_per_s": bot["rates"],
                "concurrent_turns": bot["turns_done"],
                # CPU per turn is steadier than wall time on a shared machine: it is what the
                # throughput is made of (the Rasa server's process is single-threaded Python).
                "server_cpu_ms_per_turn": 1000 * bot["cpu"][0] / count,
                "actions_cpu_ms_per_turn": 1000 * sum(bot["cpu"][1:]) / count,
                "rss_mib": rss_mib(bot["pids"][0]),
            }
        )
    return results


def train_from_scratch(rasa: str) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        subprocess.run(
            [
                rasa,
                "train",
                "--domain",
                "bot/domain",
                "--data",
                "data",
                "--config",
                "config.yml",
                "--out",
                tmp,
                "--force",
            ],
            cwd=ROOT,
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=dict(os.environ, RASA_CACHE_DIRECTORY=str(Path(tmp) / "cache")),
        )
        return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=200, help="sequential turns per bot")
    parser.add_argument(
        "--seconds", type=float, default=48, help="concurrent load per bot, all rounds"
    )
    parser.add_argument("--rounds", type=int, default=8, help="alternating rounds per bot")
    parser.add_argument("--no-train", action="store_true", help="skip training from scratch")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--model", type=Path, default=MODEL, help="the assistant's model")
    args = parser.parse_args()
    if args.rounds < 1 or args.seconds <= 0 or args.turns < 1:
        parser.error("--rounds, --seconds and --turns must be positive")
    if not args.model.exists():
        print("error: no trained model; run `make train` first", file=sys.stderr)
        return 1
    rasa = str(Path(sys.executable).parent / "rasa")
    starter_model = ensure_starter(rasa)
    results = []
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        cfg = Settings(
            host="127.0.0.1",
            rasa_port=free_port(),
            actions_port=free_port(),
            var_dir=tmp,
            models_dir=args.model,
            rasa_token="bench-token",
        )
        (tmp / "starter").mkdir()
        print("==> starting the assistant and the starter bot")
        upgrade(cfg.store_url)  # the project's store, migrated as `make run` does
        procs = start(cfg, tmp / "log")
        starter_port = free_port()
        starter = start_starter(rasa, starter_model, starter_port, tmp / "starter")
        try:
            wait(cfg, procs, tmp / "log")
            wait_starter(starter_port, starter, tmp / "starter")
            advisor_url = f"{cfg.rasa_url}/webhooks/rest/webhook"
            starter_url = f"http://127.0.0.1:{starter_port}/webhooks/rest/webhook"
            print("==> latency, one conversation at a time (the other server idle)")
            results.append(latency("advisor", advisor_url, ADVISOR_SCRIPTS, args.turns))
            results.append(
                latency("rasa init starter", starter_url, STARTER_SCRIPTS, args.turns, False)
            )
            print(
                f"==> throughput, {CONCURRENCY} conversations at once, "
                f"{args.rounds} alternating rounds of {args.seconds / args.rounds:.0f} s per bot"
            )
            bots = [
                {
                    "url": advisor_url,
                    "scripts": ADVISOR_SCRIPTS,
                    "must_answer": True,
                    "pids": [procs[1].pid, procs[0].pid],
                },
                {
                    "url": starter_url,
                    "scripts": STARTER_SCRIPTS,
                    "must_answer": False,
                    "pids": [starter.pid],
                },
            ]
            for result, loaded in zip(
                results, throughput(bots, args.seconds, args.rounds), strict=True
            ):
                result.update(loaded)
            results[0]["actions_rss_mib"] = rss_mib(procs[0].pid)
        finally:
            stop([*procs, starter])
    ratios = [
        a / b
        for a, b in zip(
            results[0]["round_turns_per_s"], results[1]["round_turns_per_s"], strict=True
        )
        if b
    ]
    ratio = statistics.median(ratios)
    print(
        f"\n{'bot':<18} {'p50 ms':>7} {'p95 ms':>7} {'turns/s @20':>11} {'CPU ms/turn':>11}"
        f" {'+actions':>8} {'RSS MiB':>8}"
    )
    for r in results:
        print(
            f"{r['bot']:<18} {r['p50_ms']:>7.1f} {r['p95_ms']:>7.1f} {r['turns_per_s']:>11.1f}"
            f" {r['server_cpu_ms_per_turn']:>11.1f} {r['actions_cpu_ms_per_turn']:>8.1f}"
            f" {r['rss_mib']:>8.0f}"
        )
    print(f"action server RSS: {results[0]['actions_rss_mib']:.0f} MiB")
    print(
        f"throughput ratio advisor / starter: {ratio:.2f}, median of {len(ratios)} rounds"
        f" (from {min(ratios):.2f} to {max(ratios):.2f}; goal: at least 1.0)"
    )
    figures = {
        "bots": results,
        "throughput_ratio": ratio,
        "round_ratios": ratios,
        "cpus": os.cpu_count(),
    }
    if not args.no_train:
        print("==> training the assistant from scratch (no cache)")
        seconds = train_from_scratch(rasa)
        figures["train_from_scratch_s"] = seconds
        print(f"training from scratch: {seconds / 60:.1f} min (goal: under 10)")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
