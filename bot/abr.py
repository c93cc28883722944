"""ABN Lookup: the Australian Business Register's JSON web service, through aiohttp.

``GET {base}/AbnDetails.aspx?abn=...&guid=...&callback=callback`` answers JSONP:
``callback({"Abn": "...", "AbnStatus": "Active", "EntityName": "...", "AddressState": "QLD",
...,"Message": ""})``; a non-empty ``Message`` is the service's error ("Search text is not a
valid ABN or ACN", "No records found", "The GUID entered is not recognised as a Registered
Party"...). Each lookup has a timeout and one retry; answers (found or not) are cached for a TTL.

Configured from the environment: ``ABR_GUID`` (no GUID, no lookups), ``ABR_URL`` (the service's
base URL, for a stand-in), ``ABR_TIMEOUT`` (seconds) and ``ABR_CACHE_SECONDS``.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from typing import Any

import aiohttp

DEFAULT_URL = "https://abr.business.gov.au/json"
log = logging.getLogger(__name__)
_JSONP = re.compile(r"^\s*[A-Za-z_$][\w$.]*\s*\((.*)\)\s*;?\s*$", re.S)
STATES = {"ACT", "NSW", "NT", "QLD", "SA", "TAS", "VIC", "WA"}


@dataclass(frozen=True)
class AbnDetails:
    abn: str
    status: str  # "Active" or "Cancelled", as the ABR says
    entity_name: str
    entity_type: str  # "Australian Private Company", "Individual/Sole Trader", ...
    entity_type_code: str  # "PRV", "IND", ...
    state: str | None  # main business location's state, when the ABR gives one
    postcode: str | None
    gst_registered_from: str | None

    @property
    def active(self) -> bool:
        return self.status.lower() == "active"

    @property
    def sole_trader(self) -> bool:
        return self.entity_type_code == "IND"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class AbrError(Exception):
    """The lookup gave no details. ``kind``: not_found, invalid, configuration, unavailable."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


def parse_response(body: str) -> AbnDetails:
    """The details in one JSONP (or plain JSON) answer; `AbrError` for its error shapes."""
    match = _JSONP.match(body)
    try:
        data = json.loads(match.group(1) if match else body)
    except (ValueError, TypeError):
        raise AbrError("unavailable", "the ABR's answer could not be read") from None
    if not isinstance(data, dict):
        raise AbrError("unavailable", "the ABR's answer could not be read")
    message = str(data.get("Message") or "").strip()
    if message:
        lowered = message.lower()
        if "guid" in lowered or "registered party" in lowered:
            raise AbrError("configuration", f"the ABR refused this service's GUID ({message})")
        if "not a valid abn" in lowered:
            raise AbrError("invalid", "the ABR says this is not a valid ABN")
        if "no record" in lowered:
            raise AbrError("not_found", "the ABR has no record of this ABN")
        raise AbrError("unavailable", f"the ABR answered with an error ({message})")
    abn = re.sub(r"\D", "", str(data.get("Abn") or ""))
    if len(abn) != 11:
        raise AbrError("not_found", "the ABR has no record of this ABN")
    state = str(data.get("AddressState") or "").strip().upper() or None
    return AbnDetails(
        abn=abn,
        status=str(data.get("AbnStatus") or "").strip(),
        entity_name=str(data.get("EntityName") or "").strip(),
        entity_type=str(data.get("EntityTypeName") or "").strip(),
        entity_type_code=str(data.get("EntityTypeCode") or "").strip(),
        state=state if state in STATES else None,
        postcode=str(data.get("AddressPostcode") or "").strip() or None,
        gst_registered_from=(str(data["Gst"]) if data.get("Gst") else None),
    )


class AbrClient:
    """Looks ABNs up on ABN Lookup; one instance per process (it holds a connection pool)."""

    def __init__(
        self,
        guid: str,
        *,
        base_url: str = DEFAULT_URL,
        timeout: float = 5.0,
        cache_seconds: float = 3600.0,
        retries: int = 1,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.guid = guid
        self.base_url = base_url.rstrip("/")
        self.timeout = aiohttp.ClientTimeout(total=timeout)
        self.cache_seconds = cache_seconds
        self.retries = retries
        self.clock = clock
        self._cache: dict[str, tuple[float, AbnDetails | AbrError]] = {}
        self._session: aiohttp.ClientSession | None = None
        self.requests = 0  # how many requests went to the service (for tests and figures)

    async def _get(self, abn: str) -> str:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(timeout=self.timeout)
        params = {"abn": abn, "guid": self.guid, "callback": "callback"}
        self.requests += 1
        async with self._session.get(f"{self.base_url}/AbnDetails.aspx", params=params) as r:
            if r.status != 200:
                raise AbrError("unavailable", f"the ABR answered HTTP {r.status}")
            return await r.text()

    async def lookup(self, abn: str) -> AbnDetails:
        """The ABR's details for ``abn`` (11 digits); raises `AbrError`."""
        abn = re.sub(r"\D", "", abn)
        cached = self._cache.get(abn)
        if cached and cached[0] > self.clock():
            if isinstance(cached[1], AbrError):
                raise cached[1]
            return cached[1]
        last: AbrError | None = None
        for attempt in range(1 + self.retries):
            try:
                details = parse_response(await self._get(abn))
            except AbrError as error:
                if error.kind in ("not_found", "invalid"):
                    self._cache[abn] = (self.clock() + self.cache_seconds, error)
                    raise
                if error.kind == "configuration":
                    log.error("ABN lookup: %s", error.message)
                    raise
                last = error
            except (aiohttp.ClientError, asyncio.TimeoutError) as error:
                last = AbrError("unavailable", f"the ABR did not answer ({type(error).__name__})")
            else:
                self._cache[abn] = (self.clock() + self.cache_seconds, details)
                return details
            log.warning("ABN lookup attempt %d failed: %s", attempt + 1, last.message)
        assert last is not None
        raise last

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None


def from_environ(environ: Mapping[str, str] | None = None) -> AbrClient | None:
    """A client configured from the environment, or None when no ``ABR_GUID`` is set."""
    env = os.environ if environ is None else environ
    guid = (env.get("ABR_GUID") or "").strip()
    if not guid:
        return None
    return AbrClient(
        guid,
        base_url=env.get("ABR_URL") or DEFAULT_URL,
        timeout=float(env.get("ABR_TIMEOUT") or 5.0),
        cache_seconds=float(env.get("ABR_CACHE_SECONDS") or 3600.0),
    )
