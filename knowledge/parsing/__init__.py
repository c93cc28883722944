"""Readers for what users type in a chat about Australian government procurement.

Import from `knowledge.parse`, which re-exports the public API; the modules here are its
implementation. Word lists live in `knowledge/data/vocabulary.yaml`.
"""
