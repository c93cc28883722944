"""The project's Redis lock store lets one process at a time handle a conversation, even when
several processes take its messages at the same moment (needs Redis on 127.0.0.1:6379)."""

from __future__ import annotations

import asyncio
import socket
import threading
import uuid
import warnings

import pytest

with warnings.catch_warnings():  # importing Rasa: third-party deprecations
    warnings.simplefilter("ignore")
    pytest.importorskip("rasa", reason="the Rasa server installs with the assistant")
    import redis
    from rasa.utils.endpoints import EndpointConfig

    from bot.lock_store import AtomicRedisLockStore

DB = 8


def _redis_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=2):
            return True
    except OSError:
        return False


pytestmark = pytest.mark.skipif(
    not _redis_answers(), reason="Redis is not running on 127.0.0.1:6379"
)


def store() -> AtomicRedisLockStore:
    """A store with its own connection, as each Rasa server process has."""
    return AtomicRedisLockStore(host="127.0.0.1", port=6379, db=DB, key_prefix="advisortest")


def test_it_is_built_from_an_endpoints_file_entry():
    config = EndpointConfig(url="127.0.0.1", port=6379, db=DB, key_prefix="advisortest")
    built = AtomicRedisLockStore(endpoint_config=config)
    assert built.red.connection_pool.connection_kwargs["db"] == DB
    assert built.key_prefix.startswith("advisortest:")


def _issue_at_once(conversation: str) -> list[int]:
    """Two stores (two processes' connections) issue a ticket for `conversation` together."""
    stores = [store(), store()]
    barrier = threading.Barrier(len(stores))
    tickets: list[int] = []

    def issue(s: AtomicRedisLockStore) -> None:
        barrier.wait()
        tickets.append(s.issue_ticket(conversation))

    threads = [threading.Thread(target=issue, args=(s,)) for s in stores]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    stores[0].delete_lock(conversation)
    return tickets


def test_tickets_issued_at_the_same_moment_by_two_processes_differ():
    for _ in range(30):
        assert sorted(_issue_at_once(f"c-{uuid.uuid4().hex}")) == [0, 1]


def test_turns_taken_through_the_lock_never_overlap():
    conversation = f"c-{uuid.uuid4().hex}"
    counter = f"advisortest:counter:{conversation}"
    red = redis.Redis(host="127.0.0.1", port=6379, db=DB)
    red.set(counter, 0)
    turns_per_process = 5

    def process() -> None:
        s = store()

        async def turns() -> None:
            for _ in range(turns_per_process):
                async with s.lock(conversation, wait_time_in_seconds=0.01):
                    # read, pause, write: two holders at once would lose an increment
                    value = int(red.get(counter))
                    await asyncio.sleep(0.01)
                    red.set(counter, value + 1)

        asyncio.run(turns())

    threads = [threading.Thread(target=process) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    try:
        assert int(red.get(counter)) == 3 * turns_per_process
        assert store().get_lock(conversation) is None  # cleaned up after the last turn
    finally:
        red.delete(counter)
