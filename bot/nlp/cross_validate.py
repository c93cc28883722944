"""`rasa test nlu --cross-validation` with the folds drawn from a fixed seed (`make nlu-cv`).

Rasa draws the folds with scikit-learn's StratifiedKFold(shuffle=True) and no random_state, so
from NumPy's global generator: each run tested different folds and the figure moved by about a
point between runs of the same data. Seeding that generator first makes the folds, and so the
figure, repeatable; changes to the data or the pipeline are then compared on the same folds.

    python -m bot.nlp.cross_validate [--seed 0] [rasa test nlu arguments...]
"""

from __future__ import annotations

import random
import sys


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    seed = 0
    if "--seed" in args:
        at = args.index("--seed")
        seed = int(args[at + 1])
        del args[at : at + 2]
    import numpy

    numpy.random.seed(seed)
    random.seed(seed)
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", "test", "nlu", "--cross-validation", *args]
    rasa_main()


if __name__ == "__main__":
    main()
