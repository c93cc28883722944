"""The procurement advisor's rules module: facts in, advice out, every answer cited.

``assess(facts)`` returns the advice in the contract's dict form (../shared/contract/).
Pure: no I/O after loading its data, no clock inside the rules, no Rasa, aiohttp or SQLAlchemy.
"""

from knowledge.engine import assess
from knowledge.validate import InvalidFacts, validate

__all__ = ["InvalidFacts", "assess", "validate"]
