"""Every answer is recorded; "a record of this advice" gives its reference and address."""

from __future__ import annotations

from sqlalchemy import event, exc

from actions.answer import ActionAnswer
from actions.records import ActionGiveRecord, use_store
from bot.store import Store, make_engine
from bot.store.migrate import upgrade
from bot.store.records import get_record, record_markdown
from tests.actions.conftest import make_tracker


def slots_of(events) -> dict:
    return {e["name"]: e["value"] for e in events if e["event"] == "slot"}


def failing_store(tmp_path, failures: int) -> tuple[Store, dict]:
    """A migrated store whose database fails its first ``failures`` statements."""
    engine = make_engine(f"sqlite:///{tmp_path / 'flaky.db'}")
    upgrade(engine=engine)
    calls = {"n": 0}

    @event.listens_for(engine, "before_cursor_execute")
    def fail(conn, cursor, statement, parameters, context, executemany):
        calls["n"] += 1
        if calls["n"] <= failures:
            raise exc.OperationalError(statement, parameters, Exception("database is locked"))

    return Store(engine), calls


async def test_an_answer_is_recorded_with_its_facts_and_ruleset(dispatcher, domain, action_store):
    tracker = make_tracker("answered_act")
    events = await ActionAnswer().run(dispatcher, tracker, domain)
    last = slots_of(events)["last_record"]
    assert last["saved"] is True
    record = get_record(action_store, last["id"])
    assert record.facts["value"] == 60000.0 and record.facts["jurisdiction"] == "ACT"
    assert record.advice == slots_of(events)["last_advice"]
    assert record.conversation_id == "test" and record.topic == "quotations"
    assert record.ruleset_digest == record.advice["ruleset"]["digest"]


async def test_asking_for_a_record_gives_the_reference_and_address(
    dispatcher, domain, action_store
):
    answered = await ActionAnswer().run(dispatcher, make_tracker("answered_act"), domain)
    slots = slots_of(answered)
    tracker = make_tracker(
        "answered_act",
        slots={**make_tracker("answered_act").slots, **slots},
        latest_message={
            "text": "can I get a record of this advice?",
            "intent": {"name": "request_record"},
        },
    )
    dispatcher.messages.clear()
    await ActionGiveRecord().run(dispatcher, tracker, domain)
    text = dispatcher.messages[0]["text"]
    record_id = slots["last_record"]["id"]
    assert f"reference {record_id}" in text
    assert f"http://127.0.0.1:8080/records/{record_id}" in text
    assert dispatcher.messages[0]["custom"]["record"]["id"] == record_id
    assert "at least 3 written quotations" in record_markdown(get_record(action_store, record_id))


async def test_the_public_address_comes_from_the_environment(dispatcher, domain, monkeypatch):
    monkeypatch.setenv("ADVISOR_PUBLIC_URL", "https://advisor.example.gov.au/")
    slots = slots_of(await ActionAnswer().run(dispatcher, make_tracker("answered_act"), domain))
    tracker = make_tracker("answered_act", slots={**make_tracker("answered_act").slots, **slots})
    dispatcher.messages.clear()
    await ActionGiveRecord().run(dispatcher, tracker, domain)
    assert "https://advisor.example.gov.au/records/" in dispatcher.messages[0]["text"]


async def test_no_advice_yet_means_no_record(dispatcher, domain):
    await ActionGiveRecord().run(dispatcher, make_tracker("act_opening"), domain)
    assert "haven't given any advice yet" in dispatcher.messages[0]["text"]


async def test_an_answer_is_not_held_up_by_the_database_and_the_record_follows(
    dispatcher, domain, tmp_path
):
    flaky, calls = failing_store(tmp_path, failures=3)  # every attempt the answer makes
    use_store(flaky)
    events = await ActionAnswer().run(dispatcher, make_tracker("answered_act"), domain)
    assert "at least 3 written quotations" in dispatcher.messages[0]["text"]
    last = slots_of(events)["last_record"]
    assert last["saved"] is False and calls["n"] == 3
    # The database is back when the user asks: the record is written then, with the same id.
    tracker = make_tracker(
        "answered_act", slots={**make_tracker("answered_act").slots, **slots_of(events)}
    )
    dispatcher.messages.clear()
    events = await ActionGiveRecord().run(dispatcher, tracker, domain)
    assert f"reference {last['id']}" in dispatcher.messages[0]["text"]
    assert slots_of(events)["last_record"]["saved"] is True
    assert get_record(flaky, last["id"]).facts["value"] == 60000.0


async def test_a_database_that_stays_down_is_said_plainly(
    dispatcher, domain, tmp_path, monkeypatch
):
    monkeypatch.setattr("bot.store.backoff.BACKOFF", (0.0,))
    flaky, _ = failing_store(tmp_path, failures=10**6)
    use_store(flaky)
    events = await ActionAnswer().run(dispatcher, make_tracker("answered_act"), domain)
    tracker = make_tracker(
        "answered_act", slots={**make_tracker("answered_act").slots, **slots_of(events)}
    )
    dispatcher.messages.clear()
    await ActionGiveRecord().run(dispatcher, tracker, domain)
    assert "couldn't save the record just now" in dispatcher.messages[0]["text"]
