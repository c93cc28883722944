"""Rasa SDK custom actions: turn slots into facts, call `knowledge`, render its advice.

Pure helpers (`facts`, `extract`, `render`) hold the logic and are tested on their own; the
action classes (`slots`, `form`, `ask`, `answer`) are thin.
"""
