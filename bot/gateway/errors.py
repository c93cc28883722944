"""Errors a client can cause or meet, and the one middleware that turns them into JSON.

Views raise `GatewayError`s (or let `knowledge.InvalidFacts` through); the middleware answers
`{"error": {"code", "message"}}` with the error's status, `{"errors": [...]}` with 422 for
invalid facts (the contract's shape), and a plain 500 JSON body for anything unexpected,
whose traceback goes to the log only. Pages for people (the console, a record's HTML page) get
the same errors as an HTML page instead.
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


class Forbidden(GatewayError):
    status, code = 403, "forbidden"


class NotFound(GatewayError):
    status, code = 404, "not_found"


class StoreDown(GatewayError):
    """The project's store (tickets, records, console sessions) did not answer."""

    status, code = 503, "store_unavailable"

    def __init__(self) -> None:
        super().__init__(
            "The help-desk database is not answering right now. Please try again in a minute.",
            {"Retry-After": "30"},
        )


class PayloadTooLarge(GatewayError):
    status, code = 413, "payload_too_large"


class UnsupportedMediaType(GatewayError):
    status, code = 415, "unsupported_media_type"


class TooManyRequests(GatewayError):
    status, code = 429, "too_many_requests"

    def __init__(self, retry_after: int, what: str = "messages") -> None:
        super().__init__(
            f"Too many {what} at once; please wait {retry_after} s and try again.",
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


TITLES = {
    400: "That request could not be read",
    403: "Not allowed",
    404: "Not found",
    405: "Not allowed",
    413: "Too much at once",
    429: "Too many attempts",
    503: "Not available right now",
}


def wants_html(request: web.Request) -> bool:
    """Whether the request is for a page a person reads (the console, a record's HTML page)."""
    path = request.path
    if path == "/console" or path.startswith("/console/"):
        return True
    return path.startswith("/records/") and not path.endswith((".json", ".md"))


def _html(status: int, message: str, headers: dict[str, str] | None = None) -> web.Response:
    from bot.gateway.pages import error_page

    return error_page(status, TITLES.get(status, "Something went wrong"), message, headers)


@web.middleware
async def error_middleware(request: web.Request, handler: Any) -> web.StreamResponse:
    try:
        return await _pages_as_html(request, handler)
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


async def _pages_as_html(request: web.Request, handler: Any) -> web.StreamResponse:
    if not wants_html(request):
        return await handler(request)
    try:
        return await handler(request)
    except GatewayError as exc:
        return _html(exc.status, exc.message, exc.headers)
    except web.HTTPException as exc:
        if exc.status < 400:
            raise
        headers = {k: v for k, v in exc.headers.items() if k in ("Allow", "Retry-After")}
        return _html(exc.status, exc.reason, headers)
    except Exception:
        log.exception("unexpected error on %s %s", request.method, request.path)
        return _html(500, "Something went wrong on our side. The error is in the gateway's log.")
