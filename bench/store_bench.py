"""Store figures: tickets filed and decision records written per second, and the console's
queue query with 10,000 tickets, on SQLite and on PostgreSQL (where 127.0.0.1:5432 answers);
then the console's queue page over HTTP, signed in, on the same 10,000 tickets
(bench/console_bench.py).

    make bench-store        (or: .venv/bin/python bench/store_bench.py [--quick])

Each write is its own transaction, as in the action server (one per answer, one per hand-off).
PostgreSQL runs in a schema made for the run and dropped after it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

from console_bench import queue_page_ms  # bench/ is on the path when run as a script
from sqlalchemy import insert, text
from sqlalchemy.engine import make_url

from bot.store import Store, make_engine
from bot.store.console import queue, triage_summary
from bot.store.ids import ticket_ref
from bot.store.migrate import upgrade
from bot.store.models import Ticket
from bot.store.records import new_record, save_record
from bot.store.tickets import TicketDraft, file_ticket
from knowledge import assess

POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
FACTS = {"jurisdiction": "QLD", "ict": True, "value": 20000.0, "as_of": "2026-11-22"}
ADVICE = assess(FACTS)
TRANSCRIPT = [
    {
        "who": "user" if i % 2 == 0 else "assistant",
        "text": "QLD ICT, $20k, one quote? " * 4,
        "at": "2026-11-22T09:00:00+00:00",
    }
    for i in range(12)
]
JURISDICTIONS = ["QLD", "ACT", "CTH", "NSW", None]
TOPICS = ["set_aside", "quotations", "sme_status", "panel", None]


def draft(i: int) -> TicketDraft:
    return TicketDraft(
        conversation_id=f"bench-{i}",
        reason="request_human",
        question=f"Can we use a set-aside for hardware worth ${i % 90 + 10}k?",
        channel="rest",
        jurisdiction=JURISDICTIONS[i % 5],
        topic=TOPICS[i % 5],
        facts=FACTS,
        advice=ADVICE,
        transcript=TRANSCRIPT,
        routing={"name": "ICT Strategic Sourcing", "email": "ICTStrategicSourcing@qld.gov.au"},
        contact="someone@example.gov.au",
    )


def per_second(fn, n: int) -> float:
    start = time.perf_counter()
    for i in range(n):
        fn(i)
    return n / (time.perf_counter() - start)


def fill(store: Store, count: int) -> None:
    """``count`` tickets over the last 30 days, inserted in bulk."""
    now = dt.datetime.now(dt.timezone.utc)
    rows = []
    for i in range(count):
        at = now - dt.timedelta(minutes=(i * 4.3) % (30 * 24 * 60))
        d = draft(i)
        rows.append(
            dict(
                id=ticket_ref(),
                created_at=at,
                updated_at=at,
                status=("open", "assigned", "resolved")[i % 3],
                reason=d.reason,
                conversation_id=d.conversation_id,
                channel=d.channel,
                jurisdiction=d.jurisdiction,
                topic=d.topic,
                question=d.question,
                question_key=d.question.lower()[:40],
                facts=d.facts,
                advice=d.advice,
                transcript=d.transcript,
                routing=d.routing,
                contact=d.contact,
            )
        )
    with store.session() as session:
        for start in range(0, count, 1000):
            session.execute(insert(Ticket), rows[start : start + 1000])


def timed_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def bench(name: str, store: Store, quick: bool, url: str) -> None:
    n = 100 if quick else 500
    tickets = per_second(lambda i: file_ticket(store, draft(i)), n)
    records = per_second(
        lambda i: save_record(
            store,
            new_record(conversation_id=f"bench-{i}", channel="rest", facts=FACTS, advice=ADVICE),
        ),
        n * 2,
    )
    with store.session() as session:
        session.execute(text("DELETE FROM ticket_events"))
        session.execute(text("DELETE FROM tickets"))
    fill(store, 10_000)
    runs = 5 if quick else 20
    first = timed_ms(lambda: queue(store), runs)
    filtered = timed_ms(
        lambda: queue(store, status="open", jurisdiction="QLD", older_than=dt.timedelta(days=2)),
        runs,
    )
    last = timed_ms(lambda: queue(store, page=200, per_page=50), runs)
    triage = timed_ms(lambda: triage_summary(store), max(3, runs // 4))
    print(f"{name}:")
    print(f"  tickets filed          {tickets:8.0f} /s  ({n} tickets, one transaction each)")
    print(f"  decision records       {records:8.0f} /s  ({n * 2} records, one transaction each)")
    print(
        f"  queue, 10,000 tickets  {first:8.1f} ms  first page of 50, no filter (median of {runs})"
    )
    print(f"                         {filtered:8.1f} ms  open, QLD, older than 2 days")
    print(f"                         {last:8.1f} ms  page 200 of 200")
    print(f"  triage summary         {triage:8.1f} ms  (10,000 tickets, {n * 2} records)")
    pages = queue_page_ms(url, runs)
    print(f"  console over HTTP, signed in, 10,000 tickets (median of {runs} requests each):")
    for label, ms in pages.items():
        print(f"                         {ms:8.1f} ms  {label}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer writes and runs")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        engine = make_engine(url)
        upgrade(engine=engine)
        bench("SQLite (file, WAL)", Store(engine), args.quick, url)
        engine.dispose()
    admin = make_engine(POSTGRES_URL, connect_args={"connect_timeout": 2})
    try:
        with admin.begin() as c:
            c.execute(text("select 1"))
    except Exception:
        print("PostgreSQL: skipped (PostgreSQL is not running on 127.0.0.1:5432)")
        return 0
    schema = f"advisor_bench_{uuid.uuid4().hex[:8]}"
    with admin.begin() as c:
        c.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        url = (
            make_url(POSTGRES_URL)
            .update_query_dict({"options": f"-csearch_path={schema}"})
            .render_as_string(hide_password=False)
        )
        engine = make_engine(url)
        upgrade(engine=engine)
        bench("PostgreSQL (127.0.0.1, local socket over TCP)", Store(engine), args.quick, url)
        engine.dispose()
    finally:
        with admin.begin() as c:
            c.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
