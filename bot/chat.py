"""A terminal chat with the running assistant, over its REST channel (`make chat`)."""

from __future__ import annotations

import json
import sys
import urllib.error
import urllib.request
import uuid

from bot.config import settings


def send(url: str, sender: str, text: str, timeout: float = 60) -> list[dict]:
    body = json.dumps({"sender": sender, "message": text}).encode()
    request = urllib.request.Request(url, body, {"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.loads(response.read())


def main() -> int:
    cfg = settings()
    url = f"{cfg.rasa_url}/webhooks/rest/webhook"
    sender = f"chat-{uuid.uuid4().hex[:8]}"
    print("Ask a procurement question (Ctrl-D to leave). Number a button to press it.")
    buttons: list[dict] = []
    while True:
        try:
            text = input("you> ").strip()
        except (EOFError, KeyboardInterrupt):
            print()
            return 0
        if text.isdigit() and buttons and 0 < int(text) <= len(buttons):
            text = buttons[int(text) - 1]["payload"]
        if not text:
            continue
        try:
            replies = send(url, sender, text)
        except (urllib.error.URLError, OSError) as exc:
            print(
                f"error: the assistant is not answering at {url} ({exc}); is `make run` running?",
                file=sys.stderr,
            )
            return 1
        buttons = []
        for reply in replies:
            if reply.get("text"):
                print("bot>", reply["text"].replace("\n", "\n     "))
            for b in reply.get("buttons", []):
                buttons.append(b)
                print(f"     [{len(buttons)}] {b['title']}")


if __name__ == "__main__":
    sys.exit(main())
