"""Bot Framework authentication, both ways, without blocking the event loop.

- `TokenValidator` checks the bearer token on each activity Teams sends (channel -> bot):
  RS256 only, signed by a key the Bot Framework publishes (OpenID metadata -> jwks_uri; keys
  cached for a day and fetched again when a token names a key not seen before), issuer
  https://api.botframework.com, audience our app id, not expired (five minutes' leeway, as
  the Bot Framework SDK allows), and its `serviceurl` claim equal to the activity's
  `serviceUrl`, so replies (which carry our own token) only go where Microsoft said.
  Anything wrong raises `Unauthorized`; the connector answers 401. Only when the keys cannot
  be fetched at all (none cached) is it `AuthUnavailable`, a 503: the token is not let through.
- `ConnectorTokens` gets the token our replies carry (bot -> Bot Connector service): OAuth 2
  client credentials from the tenant's token endpoint (single-tenant bots; botframework.com for
  multi-tenant ones), cached until five minutes before it expires.

https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-authentication
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass
from typing import Any

import aiohttp
import jwt
from jwt.algorithms import RSAAlgorithm

from bot.channels.config import TeamsSettings

logger = logging.getLogger(__name__)

ISSUER = "https://api.botframework.com"
ALGORITHM = "RS256"
LEEWAY_SECONDS = 300
KEYS_MAX_AGE_SECONDS = 24 * 3600
#: A token naming an unknown key makes us fetch the keys again, at most this often.
UNKNOWN_KEY_REFRESH_SECONDS = 60
SCOPE = "https://api.botframework.com/.default"
TOKEN_MARGIN_SECONDS = 300
TIMEOUT = aiohttp.ClientTimeout(total=10, connect=5)


class Unauthorized(Exception):
    """The request does not carry a valid Bot Framework token (the reason says why)."""


class AuthUnavailable(Exception):
    """The Bot Framework's keys or token endpoint could not be reached or made no sense."""


class HttpClient:
    """One aiohttp session, opened on first use inside the running loop, closed at shutdown."""

    def __init__(self, timeout: aiohttp.ClientTimeout = TIMEOUT) -> None:
        self.timeout = timeout
        self._session: aiohttp.ClientSession | None = None

    @property
    def session(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(timeout=self.timeout)
        return self._session

    async def get_json(self, url: str) -> Any:
        try:
            async with self.session.get(url) as r:
                r.raise_for_status()
                return await r.json(content_type=None)
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as e:
            raise AuthUnavailable(f"GET {url}: {e!r}") from e

    async def close(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()
        self._session = None


@dataclass(frozen=True)
class VerifiedToken:
    claims: dict[str, Any]
    #: The channels the signing key is endorsed for (None: the key lists none).
    endorsements: tuple[str, ...] | None


def bearer(authorization: str | None) -> str:
    if not authorization:
        raise Unauthorized("no Authorization header")
    scheme, _, token = authorization.strip().partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token or " " in token:
        raise Unauthorized("the Authorization header is not 'Bearer <token>'")
    return token


class TokenValidator:
    def __init__(
        self,
        app_id: str,
        openid_url: str,
        http: HttpClient,
        issuer: str = ISSUER,
        leeway: int = LEEWAY_SECONDS,
    ) -> None:
        self.app_id = app_id
        self.openid_url = openid_url
        self.http = http
        self.issuer = issuer
        self.leeway = leeway
        self.unknown_key_refresh = UNKNOWN_KEY_REFRESH_SECONDS
        self._keys: dict[str, dict[str, Any]] = {}
        self._fetched = float("-inf")
        self._lock = asyncio.Lock()

    async def _refresh(self) -> None:
        metadata = await self.http.get_json(self.openid_url)
        jwks_uri = metadata.get("jwks_uri") if isinstance(metadata, dict) else None
        if not isinstance(jwks_uri, str):
            raise AuthUnavailable(f"{self.openid_url} gives no jwks_uri")
        jwks = await self.http.get_json(jwks_uri)
        keys = jwks.get("keys") if isinstance(jwks, dict) else None
        if not isinstance(keys, list):
            raise AuthUnavailable(f"{jwks_uri} gives no keys")
        self._keys = {k["kid"]: k for k in keys if isinstance(k, dict) and k.get("kid")}
        self._fetched = time.monotonic()
        logger.debug("Bot Framework keys: %s", ", ".join(self._keys))

    async def key(self, kid: str) -> dict[str, Any] | None:
        """The published key `kid`, fetching the keys when stale or when `kid` is new."""
        async with self._lock:
            age = time.monotonic() - self._fetched
            if age > KEYS_MAX_AGE_SECONDS or (
                kid not in self._keys and age > self.unknown_key_refresh
            ):
                try:
                    await self._refresh()
                except AuthUnavailable:
                    if not self._keys:
                        raise
                    logger.warning(
                        "could not refresh the Bot Framework keys; using the cached ones"
                    )
            return self._keys.get(kid)

    async def verify(self, authorization: str | None) -> VerifiedToken:
        token = bearer(authorization)
        try:
            header = jwt.get_unverified_header(token)
        except (jwt.PyJWTError, ValueError, TypeError) as e:
            raise Unauthorized(f"not a JWT: {e}") from e
        if header.get("alg") != ALGORITHM:
            raise Unauthorized(f"algorithm {header.get('alg')!r} is not {ALGORITHM}")
        kid = header.get("kid")
        if not isinstance(kid, str) or not kid:
            raise Unauthorized("the token names no signing key (kid)")
        jwk = await self.key(kid)
        if jwk is None:
            raise Unauthorized(f"signing key {kid!r} is not one the Bot Framework publishes")
        try:
            public_key = RSAAlgorithm.from_jwk(jwk)
            claims = jwt.decode(
                token,
                key=public_key,
                algorithms=[ALGORITHM],
                audience=self.app_id,
                issuer=self.issuer,
                leeway=self.leeway,
                options={"require": ["exp", "iss", "aud"]},
            )
        except (jwt.PyJWTError, ValueError, TypeError, KeyError) as e:
            raise Unauthorized(f"token rejected: {e}") from e
        endorsements = jwk.get("endorsements")
        return VerifiedToken(
            claims, tuple(endorsements) if isinstance(endorsements, list) else None
        )

    @staticmethod
    def check_activity(token: VerifiedToken, activity: dict[str, Any]) -> None:
        """The token was issued for this activity's service URL and channel."""
        claim = token.claims.get("serviceurl", token.claims.get("serviceUrl"))
        service_url = activity.get("serviceUrl")
        if not isinstance(claim, str) or claim != service_url:
            raise Unauthorized("the token's serviceurl claim does not match the activity's")
        if token.endorsements is not None and activity.get("channelId") not in token.endorsements:
            raise Unauthorized("the signing key is not endorsed for this channel")


class ConnectorTokens:
    """The bearer token for our calls to the Bot Connector service, cached."""

    def __init__(self, settings: TeamsSettings, http: HttpClient) -> None:
        self.settings = settings
        self.http = http
        self._token: str | None = None
        self._valid_until = float("-inf")
        self._lock = asyncio.Lock()

    def forget(self) -> None:
        self._token = None

    async def get(self) -> str:
        async with self._lock:
            if self._token and time.monotonic() < self._valid_until:
                return self._token
            form = {
                "grant_type": "client_credentials",
                "client_id": self.settings.app_id,
                "client_secret": self.settings.app_password,
                "scope": SCOPE,
            }
            url = self.settings.token_url
            try:
                async with self.http.session.post(url, data=form) as r:
                    body = await r.json(content_type=None)
                    if r.status != 200 or not isinstance(body, dict):
                        error = body.get("error") if isinstance(body, dict) else None
                        raise AuthUnavailable(f"token endpoint {url} said {r.status} {error}")
            except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as e:
                raise AuthUnavailable(f"token endpoint {url}: {e!r}") from e
            token, expires_in = body.get("access_token"), body.get("expires_in")
            if not isinstance(token, str) or not token:
                raise AuthUnavailable(f"token endpoint {url} gave no access_token")
            try:
                lifetime = float(expires_in)
            except (TypeError, ValueError):
                lifetime = 0.0
            margin = min(TOKEN_MARGIN_SECONDS, lifetime / 2)
            self._token = token
            self._valid_until = time.monotonic() + lifetime - margin
            return token
