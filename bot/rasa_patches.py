"""The project's fixes to Rasa 3.6.21, applied by `python -m bot.rasa_server` before Rasa starts.

Measured with py-spy under 20 concurrent conversations (`make bench-chat`): 62% of the Rasa
server's CPU went to re-checking one constant JSON schema. Rasa validates every action server
response with `jsonschema.validate(result, schema)`, which first checks the schema itself
against the 2020-12 metaschema on every call; the schema never changes. The fix builds the
validator once and validates each response with it: the same errors (jsonschema's
`best_match`, with Rasa's message appended), without the repeated metaschema check.

Measured again after that fix, validation was still 8% of the server's CPU: the schema says an
event is "one of" 23 kinds, and jsonschema tries every event against all 23 to count the
matches. Each kind is told apart by its `event` name (a distinct constant in each), and every
event must have one, so an event with a known name matches "one of" them exactly when it
matches its own kind. The fix checks each event against its own kind only; a response that
passes is valid by Rasa's schema. Anything else (an unknown kind, a missing name, a wrong
type) goes through the full schema, so the error raised is the one Rasa would raise.
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


@cache
def _event_validators() -> dict[str, Any]:
    """A validator for each kind of event: the schema's checks of every event, and its kind's."""
    schema = RemoteAction.action_response_format_spec()
    items = schema["properties"]["events"]["items"]
    common = {key: value for key, value in items.items() if key != "oneOf"}
    cls = validators.validator_for(schema)
    kinds = {}
    for kind in items["oneOf"]:
        name = kind["properties"]["event"]["const"]
        kinds[name] = cls({"allOf": [common, kind]})
    if len(kinds) != len(items["oneOf"]):  # two kinds with one name: the shortcut would be wrong
        return {}
    return kinds


def _valid_by_kind(result: Any) -> bool:
    """True if the result is valid, each event checked against its own kind only; False if it
    may not be (the full schema then decides)."""
    if not isinstance(result, dict):
        return False
    events = result.get("events", [])
    responses = result.get("responses", [])
    if not isinstance(events, list) or not isinstance(responses, list):
        return False
    if not all(isinstance(response, dict) for response in responses):
        return False
    kinds = _event_validators()
    for event in events:
        name = event.get("event") if isinstance(event, dict) else None
        validator = kinds.get(name) if isinstance(name, str) else None
        if validator is None or not validator.is_valid(event):
            return False
    return True


def _validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
    if _valid_by_kind(result):
        return True
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
