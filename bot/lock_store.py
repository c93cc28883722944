"""Rasa's Redis lock store, made safe across processes (bot/endpoints-scale.yml).

Rasa 3.6's `RedisLockStore` keeps each conversation's ticket lock as one JSON value and changes
it by read, modify, write. Two Rasa servers taking a conversation's first messages at the same
moment both found no lock, both made one and both were given ticket 0, so both handled their
message at once and one message's events were lost from the tracker (seen in
tests/e2e/test_scale_out.py, about one run in two on a loaded machine). Rasa's fix (a
"concurrent" Redis lock store) is not in Rasa Open Source.

This store does each read-modify-write of a conversation's lock (issuing a ticket, dropping
expired ones, finishing and deleting) while holding a short Redis mutex for that conversation:
redis-py's `Lock`, a `SET NX PX` with a token and an atomic release. Waiting for one's turn is
Rasa's own loop, unchanged.
"""

from __future__ import annotations

from typing import Any

from rasa.core.lock_store import LOCK_LIFETIME, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

#: A mutex is held for a few Redis round trips; it expires by itself if its holder dies.
MUTEX_SECONDS = 10.0


class AtomicRedisLockStore(RedisLockStore):
    def __init__(self, endpoint_config: EndpointConfig | None = None, **kwargs: Any) -> None:
        if endpoint_config is not None:  # as Rasa builds a lock store named by module path
            kwargs = {"host": endpoint_config.url or "localhost", **endpoint_config.kwargs}
        super().__init__(**kwargs)

    def _mutex(self, conversation_id: str) -> Any:
        return self.red.lock(
            f"{self.key_prefix}mutex:{conversation_id}",
            timeout=MUTEX_SECONDS,
            blocking_timeout=MUTEX_SECONDS,
            sleep=0.002,
        )

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        with self._mutex(conversation_id):
            return super().issue_ticket(conversation_id, lock_lifetime)

    def update_lock(self, conversation_id: str) -> None:
        with self._mutex(conversation_id):
            super().update_lock(conversation_id)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        # Finishing, checking for waiters and deleting are one step: else a ticket issued
        # between the check and the delete would be deleted with the lock.
        with self._mutex(conversation_id):
            super().cleanup(conversation_id, ticket_number)
