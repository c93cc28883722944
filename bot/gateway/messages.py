"""Rasa's messages and tracker events -> the page's messages (pure: no I/O here).

On the REST channel `action_answer` sends the answer as text with buttons, then a message whose
`custom` is `{"advice": ..., "order": [topics, lead first]}`; the tracker keeps both in one bot
event. Either way the page gets one message: the text, the buttons, and an `answer` with a card
per determination (lead first) whose citations carry the label the text uses ("s 7(2)").
"""

from __future__ import annotations

from typing import Any

from actions.render import DISCLAIMER, TITLES, citation_label

#: Read back in the answer's first line, not a card of its own (as in the text answer).
NOT_A_CARD = {"gst_conversion"}


def _title(topic: str) -> str:
    return TITLES.get(topic, topic.replace("_", " ").capitalize())


def _buttons(raw: Any) -> list[dict[str, str]]:
    if not isinstance(raw, list):
        return []
    return [
        {"title": str(b["title"]), "payload": str(b["payload"])}
        for b in raw
        if isinstance(b, dict) and b.get("title") and b.get("payload")
    ]


def _in_order(dets: list[dict[str, Any]], order: list[str]) -> list[dict[str, Any]]:
    rest = list(dets)
    out = []
    for topic in order:
        for d in rest:
            if d.get("topic") == topic:
                out.append(d)
                rest.remove(d)
                break
    return out + rest


def card(d: dict[str, Any], lead: bool) -> dict[str, Any]:
    return {
        "topic": d["topic"],
        "title": _title(d["topic"]),
        "summary": d["summary"],
        "lead": lead,
        "citations": [
            {
                "document": c["document"],
                "section": c["section"],
                "heading": c["heading"],
                "label": citation_label(c),
            }
            for c in d["citations"]
        ],
    }


def answer(custom: Any, text: str) -> dict[str, Any] | None:
    """The cards and notes of an answer's custom payload, or None if it carries no advice."""
    if not isinstance(custom, dict) or not isinstance(custom.get("advice"), dict):
        return None
    try:
        return _answer(custom, text)
    except (KeyError, TypeError, AttributeError):
        return None  # not the contract's advice: the text alone stands


def _answer(custom: dict[str, Any], text: str) -> dict[str, Any]:
    advice = custom["advice"]
    order = [t for t in custom.get("order") or [] if isinstance(t, str)]
    dets = [
        d
        for d in _in_order(list(advice.get("determinations") or []), order)
        if d.get("topic") not in NOT_A_CARD
    ]
    notes = [
        f"Not settled by the sources: {o['reason']} {o.get('referral', '')}".strip()
        for o in advice.get("out_of_scope") or []
    ]
    for m in advice.get("missing") or []:
        needed = ", ".join(_title(t).lower() for t in m.get("needed_for") or ())
        notes.append(f"Still open ({needed}): {m['question']}" if needed else m["question"])
    first = text.split("\n", 1)[0]
    return {
        "heading": first if first.startswith("For ") and first.endswith(":") else None,
        "cards": [card(d, i == 0) for i, d in enumerate(dets)],
        "notes": notes,
        "disclaimer": DISCLAIMER,
    }


def bot_message(text: Any, buttons: Any, custom: Any) -> dict[str, Any]:
    text = text if isinstance(text, str) else ""
    return {
        "from": "bot",
        "text": text,
        "buttons": _buttons(buttons),
        "answer": answer(custom, text),
    }


def from_rest(replies: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rasa REST replies -> messages; an advice-only reply joins the text before it."""
    out: list[dict[str, Any]] = []
    for r in replies:
        text, custom = r.get("text"), r.get("custom")
        if not text and out and out[-1]["answer"] is None:
            joined = answer(custom, out[-1]["text"])
            if joined is not None:
                out[-1]["answer"] = joined
                out[-1]["buttons"] += _buttons(r.get("buttons"))
                continue
        message = bot_message(text, r.get("buttons"), custom)
        if message["text"] or message["buttons"] or message["answer"]:
            out.append(message)
    return out


def from_events(events: list[dict[str, Any]], limit: int = 200) -> list[dict[str, Any]]:
    """A tracker's user and bot events -> messages (the last `limit`); a pressed button's
    payload shows as its title, as it did when it was pressed."""
    out: list[dict[str, Any]] = []
    for e in events:
        if e.get("event") == "user" and isinstance(e.get("text"), str):
            text = e["text"]
            previous = next((m for m in reversed(out) if m["from"] == "bot"), None)
            for b in previous["buttons"] if previous else []:
                if b["payload"] == text:
                    text = b["title"]
                    break
            out.append({"from": "user", "text": text, "buttons": [], "answer": None})
        elif e.get("event") == "bot":
            data = e.get("data") if isinstance(e.get("data"), dict) else {}
            message = bot_message(e.get("text"), data.get("buttons"), data.get("custom"))
            if message["text"] or message["buttons"] or message["answer"]:
                out.append(message)
    return out[-limit:]
