"""`make nlu-cv` draws its folds from a fixed seed, so the figure repeats for the same data."""

from __future__ import annotations

import sys
import types

import pytest

from bot.nlp import cross_validate

numpy = pytest.importorskip("numpy", reason="NumPy installs with the assistant (Rasa needs it)")


def test_the_folds_are_seeded_and_the_arguments_passed_to_rasa(monkeypatch):
    seen = []
    fake = types.ModuleType("rasa.__main__")
    fake.main = lambda: seen.append((list(sys.argv), numpy.random.random()))
    monkeypatch.setitem(sys.modules, "rasa.__main__", fake)  # Rasa itself is not run
    monkeypatch.setattr(sys, "argv", ["x"])
    for _ in range(2):
        cross_validate.main(["--seed", "3", "--nlu", "data/nlu", "--folds", "5"])
    (argv, first), (_, second) = seen
    assert argv == [
        "rasa",
        "test",
        "nlu",
        "--cross-validation",
        "--nlu",
        "data/nlu",
        "--folds",
        "5",
    ]
    assert first == second  # the same draw each run: the same folds
