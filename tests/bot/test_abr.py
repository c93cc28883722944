"""The ABN Lookup client against a local stand-in that answers as the ABR's JSON service."""

from __future__ import annotations

import pytest

from bot.abr import AbrClient, AbrError, from_environ, parse_response
from tests.abr_standin import (
    CANCELLED_ABN,
    COMPANY_ABN,
    GUID,
    SOLE_TRADER_ABN,
    StandIn,
    start,
)


@pytest.fixture
async def abr():
    standin = StandIn(delay=3.0)
    server = await start(standin)
    clock = {"now": 0.0}
    client = AbrClient(
        GUID,
        base_url=str(server.make_url("/json")),
        timeout=1.0,
        cache_seconds=60,
        clock=lambda: clock["now"],
    )
    yield standin, client, clock
    await client.close()
    await server.close()


async def test_a_company_is_looked_up_with_name_status_and_state(abr):
    standin, client, _ = abr
    d = await client.lookup("51 824 753 556")
    assert (d.abn, d.entity_name, d.status, d.state) == (
        COMPANY_ABN,
        "RIVERSIDE DIGITAL PTY LTD",
        "Active",
        "QLD",
    )
    assert d.active and not d.sole_trader
    assert standin.hits[0] == {"abn": COMPANY_ABN, "guid": GUID, "callback": "callback"}


async def test_a_sole_trader_is_marked_as_one(abr):
    _, client, _ = abr
    assert (await client.lookup(SOLE_TRADER_ABN)).sole_trader


async def test_a_cancelled_abn_is_not_active(abr):
    _, client, _ = abr
    d = await client.lookup(CANCELLED_ABN)
    assert d.status == "Cancelled" and not d.active


async def test_answers_are_cached_until_the_ttl_passes(abr):
    standin, client, clock = abr
    await client.lookup(COMPANY_ABN)
    await client.lookup(COMPANY_ABN)
    assert len(standin.hits) == 1
    clock["now"] = 61
    await client.lookup(COMPANY_ABN)
    assert len(standin.hits) == 2


@pytest.mark.parametrize(
    ("abn", "kind"),
    [
        ("51824753557", "invalid"),  # the service's "Search text is not a valid ABN or ACN"
        ("11111111111", "invalid"),
        ("12345678901", "invalid"),
        ("34004085617", "not_found"),  # a valid checksum nobody holds: an empty record
    ],
)
async def test_the_service_error_shapes(abr, abn, kind):
    standin, client, _ = abr
    with pytest.raises(AbrError) as caught:
        await client.lookup(abn)
    assert caught.value.kind == kind
    with pytest.raises(AbrError):
        await client.lookup(abn)
    assert len(standin.hits) == 1  # not-found and invalid answers are cached too


async def test_an_unknown_guid_is_a_configuration_error_and_not_retried(abr):
    standin, client, _ = abr
    client.guid = "not-registered"
    with pytest.raises(AbrError) as caught:
        await client.lookup(COMPANY_ABN)
    assert caught.value.kind == "configuration" and "Registered Party" in caught.value.message
    assert len(standin.hits) == 1


@pytest.mark.parametrize("how", ["slow", "garbage", "http500", "truncated"])
async def test_timeouts_and_garbage_are_retried_once_then_unavailable(abr, how):
    standin, client, _ = abr
    standin.behaviour[COMPANY_ABN] = how
    with pytest.raises(AbrError) as caught:
        await client.lookup(COMPANY_ABN)
    assert caught.value.kind == "unavailable"
    assert len(standin.hits) == 2
    del standin.behaviour[COMPANY_ABN]
    assert (await client.lookup(COMPANY_ABN)).state == "QLD"  # failures are not cached


async def test_one_failure_is_cured_by_the_retry(abr):
    standin, client, _ = abr
    standin.behaviour[COMPANY_ABN] = "flaky"
    assert (await client.lookup(COMPANY_ABN)).entity_name == "RIVERSIDE DIGITAL PTY LTD"
    assert len(standin.hits) == 2


async def test_a_service_that_does_not_answer_at_all(unused_tcp_port):
    client = AbrClient(GUID, base_url=f"http://127.0.0.1:{unused_tcp_port}/json", timeout=0.5)
    with pytest.raises(AbrError) as caught:
        await client.lookup(COMPANY_ABN)
    await client.close()
    assert caught.value.kind == "unavailable"


@pytest.mark.parametrize(
    "body",
    ["", "callback(", "callback([1, 2])", "null", 'callback({"Abn": "123"})', "<html></html>"],
)
def test_unreadable_answers_are_errors_not_crashes(body):
    with pytest.raises(AbrError):
        parse_response(body)


def test_plain_json_and_other_callback_names_are_read():
    body = '{"Abn":"51824753556","AbnStatus":"Active","EntityName":"X","AddressState":"qld","Message":""}'
    assert parse_response(body).state == "QLD"
    assert parse_response(f"abnCallback({body});").entity_name == "X"


def test_the_client_is_configured_from_the_environment():
    assert from_environ({}) is None
    client = from_environ(
        {"ABR_GUID": GUID, "ABR_URL": "http://127.0.0.1:9/json/", "ABR_TIMEOUT": "2"}
    )
    assert client.base_url == "http://127.0.0.1:9/json" and client.timeout.total == 2


@pytest.mark.parametrize(
    ("message", "kind"),
    [
        ("No records found", "not_found"),
        ("Search text is not a valid ABN or ACN", "invalid"),
        ("The GUID entered is not recognised as a Registered Party", "configuration"),
        (
            "The registration for the party identified by this GUID has been cancelled",
            "configuration",
        ),
        ("System problems have prevented this request from completing", "unavailable"),
    ],
)
def test_each_message_of_the_service_is_read(message, kind):
    body = f'callback({{"Abn":"","AbnStatus":"","BusinessName":[],"Message":"{message}"}})'
    with pytest.raises(AbrError) as caught:
        parse_response(body)
    assert caught.value.kind == kind
