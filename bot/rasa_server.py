"""`rasa`, with the project's fixes to Rasa 3.6 applied first (bot/rasa_patches.py).

bot/serve.py starts the Rasa server with `python -m bot.rasa_server run ...`; the arguments are
Rasa's own.
"""

from __future__ import annotations

from bot import rasa_patches


def main() -> None:
    rasa_patches.apply()
    from rasa.__main__ import main as rasa_main

    rasa_main()


if __name__ == "__main__":
    main()
