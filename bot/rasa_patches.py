"""The project's fixes to Rasa 3.6.21, applied by `python -m bot.rasa_server` before Rasa starts.

Measured with py-spy under 20 concurrent conversations (`make bench-chat`): 62% of the Rasa
server's CPU went to re-checking one constant JSON schema. Rasa validates every action server
response with `jsonschema.validate(result, schema)`, which first checks the schema itself
against the 2020-12 metaschema on every call; the schema never changes. The fix builds the
validator once and validates each response with it: the same errors (jsonschema's
`best_match`, with Rasa's message appended), without the repeated metaschema check.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from jsonschema import exceptions, validators
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL

_ORIGINAL = RemoteAction._validate_action_result


@cache
def _response_validator() -> Any:
    schema = RemoteAction.action_response_format_spec()
    cls = validators.validator_for(schema)
    cls.check_schema(schema)  # once, as jsonschema.validate would on every call
    return cls(schema)


def _validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
    error = exceptions.best_match(_response_validator().iter_errors(result))
    if error is not None:
        error.message += (
            ". Failed to validate Action server response from API, make sure your response "
            "from the Action endpoint is valid. For more information about the format visit "
            f"{DOCS_BASE_URL}/custom-actions"
        )
        raise error
    return True


def apply() -> None:
    RemoteAction._validate_action_result = _validate_action_result


def revert() -> None:
    RemoteAction._validate_action_result = _ORIGINAL
