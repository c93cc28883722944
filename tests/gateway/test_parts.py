"""The gateway's pure parts: session cookies, the rate limiter, messages from Rasa."""

from __future__ import annotations

import pytest

from actions.channels import default_answer
from bot.gateway.limits import RateLimiter
from bot.gateway.messages import from_events, from_rest
from bot.gateway.session import Sessions, seal, unseal
from knowledge import assess

SECRET = "s" * 32


def test_a_sealed_session_id_unseals_only_under_its_own_secret():
    value = seal(SECRET, "abc")
    assert unseal(SECRET, value) == "abc"
    assert unseal("t" * 32, value) is None
    for bad in (None, "", "abc", "abc.", ".sig", value + "x", "a.b.c", "abd." + value[4:]):
        assert unseal(SECRET, bad) is None


def test_a_short_secret_is_refused():
    with pytest.raises(ValueError):
        Sessions("short")


def test_the_limiter_allows_a_burst_then_one_turn_per_interval():
    now = [0.0]
    limiter = RateLimiter(burst=3, per_minute=6, clock=lambda: now[0])
    assert [limiter.take("a") for _ in range(3)] == [0, 0, 0]
    assert limiter.take("a") == 10  # one token every 10 s
    assert limiter.take("b") == 0
    now[0] = 10.0
    assert limiter.take("a") == 0
    assert limiter.take("a") == 10


def test_the_limiter_forgets_the_oldest_keys_past_its_bound():
    limiter = RateLimiter(burst=1, per_minute=1, max_keys=2, clock=lambda: 0.0)
    limiter.take("a"), limiter.take("b"), limiter.take("c")
    assert limiter.take("a") == 0  # forgotten, so a fresh bucket
    assert limiter.take("c") > 0


FACTS = {
    "jurisdiction": "QLD",
    "as_of": "2026-11-22",
    "ict": True,
    "value": 95000,
    "value_includes_gst": False,
}


def _rasa_answer():
    (m,) = default_answer(assess(FACTS), FACTS, "quotations")
    return m


def test_rests_advice_message_joins_the_text_before_it_in_the_rules_order():
    m = _rasa_answer()
    rest = [{"text": m["text"], "buttons": m["buttons"]}, {"custom": m["json_message"]}]
    (message,) = from_rest(rest)
    cards = message["answer"]["cards"]
    order = [t for t in m["json_message"]["order"] if t != "gst_conversion"]
    assert [c["topic"] for c in cards] == order
    assert [c["lead"] for c in cards] == [True] + [False] * (len(cards) - 1)
    assert message["answer"]["heading"].startswith("For Queensland Government ICT, $95,000 ex GST")
    assert all(c["label"] for card in cards for c in card["citations"])
    assert message["buttons"] == m["buttons"]


def test_a_tracker_event_gives_the_same_message_as_the_rest_replies():
    m = _rasa_answer()
    rest = from_rest([{"text": m["text"], "buttons": m["buttons"]}, {"custom": m["json_message"]}])
    event = {
        "event": "bot",
        "text": m["text"],
        "data": {"buttons": m["buttons"], "custom": m["json_message"]},
    }
    assert from_events([event]) == rest


def test_a_custom_payload_that_is_not_advice_leaves_the_text_alone():
    out = from_rest([{"text": "hi"}, {"custom": {"advice": {"determinations": [{"x": 1}]}}}])
    assert out[0]["text"] == "hi" and out[0]["answer"] is None
    assert from_rest([{"custom": {"other": 1}}]) == []


def test_history_shows_a_pressed_buttons_title_and_skips_other_events():
    events = [
        {"event": "session_started"},
        {"event": "user", "text": "ACT, $700k"},
        {
            "event": "bot",
            "text": "Construction?",
            "data": {"buttons": [{"title": "No", "payload": "/deny"}]},
        },
        {"event": "slot", "name": "value", "value": 700000},
        {"event": "user", "text": "/deny"},
        {"event": "user", "text": "/deny"},
    ]
    texts = [(m["from"], m["text"]) for m in from_events(events)]
    assert texts == [
        ("user", "ACT, $700k"),
        ("bot", "Construction?"),
        ("user", "No"),
        ("user", "No"),
    ]
    assert len(from_events(events, limit=2)) == 2


def test_the_gateways_environment_round_trips_its_settings(monkeypatch, tmp_path):
    from bot.config import GatewaySettings, gateway_env, gateway_settings

    g = GatewaySettings(
        port=18080, secret="k" * 32, cookie_secure=True, chat_burst=3, rasa_timeout=2.5
    )
    for name, value in gateway_env(g).items():
        monkeypatch.setenv(name, value)
    assert gateway_settings(tmp_path) == g


def test_without_a_secret_one_is_made_once_and_kept_in_var(monkeypatch, tmp_path):
    from bot.config import gateway_settings

    monkeypatch.delenv("GATEWAY_SECRET", raising=False)
    first = gateway_settings(tmp_path).secret
    assert len(first) >= 32 and gateway_settings(tmp_path).secret == first
    assert (tmp_path / "gateway_secret").stat().st_mode & 0o077 == 0


def test_a_limit_that_is_not_a_number_is_a_clear_error(monkeypatch, tmp_path):
    from bot.config import gateway_settings

    monkeypatch.setenv("GATEWAY_CHAT_BURST", "lots")
    with pytest.raises(SystemExit, match="GATEWAY_CHAT_BURST must be a number"):
        gateway_settings(tmp_path)


async def test_a_recent_value_is_recomputed_only_when_it_is_older_than_its_limit():
    from bot.gateway.recent import Recent

    now = [100.0]
    computed = []

    async def compute():
        computed.append(now[0])
        return len(computed)

    recent = Recent(30, clock=lambda: now[0])
    assert await recent.get(compute) == 1
    now[0] += 29
    assert await recent.get(compute) == 1
    now[0] += 2
    assert await recent.get(compute) == 2
    recent.forget()
    assert await recent.get(compute) == 3 and computed == [100.0, 131.0, 131.0]
