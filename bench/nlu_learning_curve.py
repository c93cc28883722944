"""How intent macro-F1 grows with the amount of training data (a learning curve), in a minute.

Five-fold cross-validation of `data/nlu/`, as `make nlu-cv` does, but training on only a
share of each training fold (a quarter, a half, three quarters, all of it) and testing on the
whole held-out fold. DIET would take half an hour per point, so the classifier here is a linear
SVM on the same inputs as DIET's (word counts, character 1-4-grams within words, and the regex
features of `data/nlu/features.yml`): it cross-validates a little above DIET, and its slope says
how much more data a bag-of-words classifier would need for a given figure.

    .venv/bin/python bench/nlu_learning_curve.py [--seeds 2] [--json var/cv/learning_curve.json]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARES = (0.25, 0.5, 0.75, 1.0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", type=int, default=2, help="fold shuffles averaged (default 2)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    if args.seeds < 1:
        parser.error("--seeds must be at least 1")

    warnings.filterwarnings("ignore")
    import numpy as np
    from rasa.shared.nlu.training_data.loading import load_data
    from scipy.sparse import csr_matrix, hstack
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.metrics import f1_score
    from sklearn.model_selection import StratifiedKFold
    from sklearn.svm import LinearSVC

    data = load_data(str(ROOT / "data" / "nlu"))
    texts = [m.get("text") for m in data.intent_examples]
    intents = np.array([m.get("intent") for m in data.intent_examples])
    patterns = [(r["name"], re.compile(r["pattern"])) for r in data.regex_features]
    names = sorted({name for name, _ in patterns})
    regex = np.zeros((len(texts), len(names)))
    for i, text in enumerate(texts):
        for name, pattern in patterns:
            if pattern.search(text):
                regex[i, names.index(name)] = 1.0

    def features(words, chars, rows, fit):
        chosen = [texts[i] for i in rows]
        if fit:
            return hstack(
                [words.fit_transform(chosen), chars.fit_transform(chosen), csr_matrix(regex[rows])]
            ).tocsr()
        return hstack(
            [words.transform(chosen), chars.transform(chosen), csr_matrix(regex[rows])]
        ).tocsr()

    rng = np.random.default_rng(0)
    curve = []
    for share in SHARES:
        scores = []
        for seed in range(args.seeds):
            predicted = np.empty_like(intents)
            folds = StratifiedKFold(5, shuffle=True, random_state=seed)
            for train, test in folds.split(texts, intents):
                train = rng.permutation(train)[: int(len(train) * share)]
                words = CountVectorizer()
                chars = CountVectorizer(analyzer="char_wb", ngram_range=(1, 4))
                model = LinearSVC(C=0.1).fit(features(words, chars, train, True), intents[train])
                predicted[test] = model.predict(features(words, chars, test, False))
            scores.append(f1_score(intents, predicted, average="macro"))
        point = {
            "share": share,
            "training_examples": int(len(texts) * 0.8 * share),
            "macro_f1": round(float(np.mean(scores)), 3),
        }
        curve.append(point)
        print(
            f"{point['training_examples']:5d} training examples ({share:.0%} of a fold): "
            f"intent macro-F1 {point['macro_f1']:.3f}"
        )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"examples": len(texts), "curve": curve}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
