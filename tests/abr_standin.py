"""A local stand-in for the ABR's ABN Lookup JSON service (AbnDetails.aspx), for tests.

It answers as the real service does: JSONP in the ``callback`` given (``callback`` if none),
the record's fields, and its error shapes (an empty record with a ``Message``). Some ABNs are
set to misbehave: ``slow`` (answers after the client's timeout), ``garbage`` (an HTML page),
``http500``, ``flaky`` (HTTP 503 once, then the record).
"""

from __future__ import annotations

import asyncio
import json
import threading
from typing import Any

from aiohttp import web
from aiohttp.test_utils import TestServer

GUID = "00000000-0000-0000-0000-000000000000"
EMPTY = {
    "Abn": "",
    "AbnStatus": "",
    "AbnStatusEffectiveFrom": "",
    "Acn": "",
    "AddressDate": None,
    "AddressPostcode": "",
    "AddressState": "",
    "BusinessName": [],
    "EntityName": "",
    "EntityTypeCode": "",
    "EntityTypeName": "",
    "Gst": None,
    "Message": "",
}
COMPANY_ABN = "51824753556"  # a valid checksum; the stand-in's Brisbane company
SOLE_TRADER_ABN = "53004085616"
NSW_ABN = "33102417032"
CANCELLED_ABN = "83914571673"


def record(
    abn: str,
    name: str,
    state: str,
    *,
    code="PRV",
    kind="Australian Private Company",
    status="Active",
) -> dict:
    return dict(
        EMPTY,
        Abn=abn,
        AbnStatus=status,
        AbnStatusEffectiveFrom="2001-07-01",
        AddressDate="2019-05-01",
        AddressPostcode={"QLD": "4000", "NSW": "2000"}.get(state, "2600"),
        AddressState=state,
        EntityName=name,
        EntityTypeCode=code,
        EntityTypeName=kind,
        Gst="2001-07-01",
    )


RECORDS = {
    COMPANY_ABN: record(COMPANY_ABN, "RIVERSIDE DIGITAL PTY LTD", "QLD"),
    SOLE_TRADER_ABN: record(
        SOLE_TRADER_ABN, "CITIZEN, JANE MARY", "QLD", code="IND", kind="Individual/Sole Trader"
    ),
    NSW_ABN: record(NSW_ABN, "HARBOUR SYSTEMS PTY LTD", "NSW"),
    CANCELLED_ABN: record(CANCELLED_ABN, "OLD CO PTY LTD", "QLD", status="Cancelled"),
}


class StandIn:
    def __init__(self, delay: float = 2.0) -> None:
        self.records: dict[str, dict] = dict(RECORDS)
        self.behaviour: dict[str, str] = {}
        self.hits: list[dict[str, str]] = []
        self.delay = delay
        self._flaked: set[str] = set()

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/json/AbnDetails.aspx", self.details)
        return app

    async def details(self, request: web.Request) -> web.Response:
        q = request.query
        self.hits.append(dict(q))
        abn = q.get("abn", "").replace(" ", "")
        callback = q.get("callback") or "callback"
        how = self.behaviour.get(abn)
        if how == "slow":
            await asyncio.sleep(self.delay)
        if how == "garbage":
            return web.Response(
                text="<html><body>Service Unavailable</body></html>", content_type="text/html"
            )
        if how == "truncated":
            return web.Response(
                text=f'{callback}({{"Abn":"{abn}","AbnSt', content_type="text/javascript"
            )
        if how == "http500":
            return web.Response(status=500, text="Internal Server Error")
        if how == "flaky" and abn not in self._flaked:
            self._flaked.add(abn)
            return web.Response(status=503, text="busy")
        if q.get("guid") != GUID:
            body: dict[str, Any] = dict(
                EMPTY, Message="The GUID entered is not recognised as a Registered Party"
            )
        elif not (abn.isdigit() and len(abn) == 11 and _checksum_ok(abn)):
            body = dict(EMPTY, Message="Search text is not a valid ABN or ACN")
        elif abn in self.records:
            body = self.records[abn]
        else:
            body = dict(EMPTY)  # a valid ABN nobody holds: an empty record, no message
        return web.Response(text=f"{callback}({json.dumps(body)})", content_type="text/javascript")


def _checksum_ok(abn: str) -> bool:
    weights = (10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19)
    digits = [int(c) for c in abn]
    digits[0] -= 1
    return sum(d * w for d, w in zip(digits, weights, strict=True)) % 89 == 0


async def start(standin: StandIn) -> TestServer:
    server = TestServer(standin.app(), host="127.0.0.1")
    await server.start_server()
    return server


class Threaded:
    """The stand-in on its own event loop in a thread (for tests that are not async)."""

    def __init__(self, standin: StandIn | None = None) -> None:
        self.standin = standin or StandIn()
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self._thread.start()
        self.server = asyncio.run_coroutine_threadsafe(start(self.standin), self.loop).result(10)

    @property
    def url(self) -> str:
        return str(self.server.make_url("/json"))

    def close(self) -> None:
        asyncio.run_coroutine_threadsafe(self.server.close(), self.loop).result(10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(10)
        self.loop.close()
