"""Errors a client can cause or meet, and the one middleware that turns them into JSON.

Views raise `GatewayError`s (or let `knowledge.InvalidFacts` through); the middleware answers
`{"error": {"code", "message"}}` with the error's status, `{"errors": [...]}` with 422 for
invalid facts (the contract's shape), and a plain 500 JSON body for anything unexpected,
whose traceback goes to the log only.
"""

from __future__ import annotations

import logging
from typing import Any

from aiohttp import web

from knowledge import InvalidFacts

log = logging.getLogger(__name__)

UNAVAILABLE = (
    "I can't answer right now: the assistant is not responding. Please try again in a minute."
)


class GatewayError(Exception):
    status = 400
    code = "bad_request"

    def __init__(self, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.headers = headers or {}


class BadRequest(GatewayError):
    status, code = 400, "bad_request"


class PayloadTooLarge(GatewayError):
    status, code = 413, "payload_too_large"


class UnsupportedMediaType(GatewayError):
    status, code = 415, "unsupported_media_type"


class TooManyRequests(GatewayError):
    status, code = 429, "too_many_requests"

    def __init__(self, retry_after: int) -> None:
        super().__init__(
            f"Too many messages at once; please wait {retry_after} s and try again.",
            {"Retry-After": str(retry_after)},
        )
        self.retry_after = retry_after


class AssistantUnavailable(GatewayError):
    """Rasa or the action server is down, slow or gave no reply."""

    status, code = 503, "assistant_unavailable"

    def __init__(self, reason: str) -> None:
        super().__init__(UNAVAILABLE, {"Retry-After": "30"})
        self.reason = reason


def error_body(status: int, code: str, message: str) -> dict[str, Any]:
    return {"error": {"status": status, "code": code, "message": message}}


# aiohttp's own errors (routing, method, size) -> a code of ours.
HTTP_CODES = {
    400: "bad_request",
    404: "not_found",
    405: "method_not_allowed",
    413: "payload_too_large",
    415: "unsupported_media_type",
}


@web.middleware
async def error_middleware(request: web.Request, handler: Any) -> web.StreamResponse:
    try:
        return await handler(request)
    except GatewayError as exc:
        if isinstance(exc, AssistantUnavailable):
            log.warning("chat turn not answered: %s", exc.reason)
        return web.json_response(
            error_body(exc.status, exc.code, exc.message), status=exc.status, headers=exc.headers
        )
    except InvalidFacts as exc:
        return web.json_response(exc.to_dict(), status=422)
    except web.HTTPException as exc:
        if exc.status < 400:
            raise
        code = HTTP_CODES.get(exc.status, "error")
        headers = {k: v for k, v in exc.headers.items() if k in ("Allow", "Retry-After")}
        return web.json_response(
            error_body(exc.status, code, exc.reason), status=exc.status, headers=headers
        )
    except Exception:
        log.exception("unexpected error on %s %s", request.method, request.path)
        return web.json_response(
            error_body(500, "internal_error", "Something went wrong on our side."), status=500
        )
