"""A local stand-in for Microsoft's side of a Teams bot, and tokens signed as it signs them.

`BotFramework` serves, on one local port:
- the OpenID metadata (`/v1/.well-known/openidconfiguration`) and its key set (`/keys`), which
  incoming tokens are checked against;
- the Azure AD token endpoint (`/<tenant>/oauth2/v2.0/token`), which hands our connector the
  token its replies carry;
- the Bot Connector service (`/amer/v3/conversations/<id>/activities/<activityId>`), which
  receives the replies, refuses those without the current token, and records the rest.

`Keys` makes RSA keys; `Keys.token(...)` signs a token like the Bot Framework's channel
tokens (RS256, `kid` of a published key, issuer https://api.botframework.com, audience the
app id, `serviceurl` claim), and its keyword arguments make every kind of bad token.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import itertools
import json
import time
from typing import Any

import jwt
from aiohttp import web
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

APP_ID = "11111111-2222-3333-4444-555555555555"
APP_PASSWORD = "app-secret"
TENANT = "99999999-8888-7777-6666-555555555555"
ISSUER = "https://api.botframework.com"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


class Keys:
    def __init__(self) -> None:
        self.private: dict[str, rsa.RSAPrivateKey] = {}
        self.published: list[str] = []

    def make(self, kid: str, publish: bool = True) -> None:
        self.private[kid] = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        if publish:
            self.published.append(kid)

    def jwks(self) -> dict[str, Any]:
        keys = []
        for kid in self.published:
            jwk = RSAAlgorithm.to_jwk(self.private[kid].public_key(), as_dict=True)
            keys.append({**jwk, "kid": kid, "use": "sig", "endorsements": ["msteams"]})
        return {"keys": keys}

    def public_pem(self, kid: str) -> bytes:
        return (
            self.private[kid]
            .public_key()
            .public_bytes(
                serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
            )
        )

    def claims(self, service_url: str, **changes: Any) -> dict[str, Any]:
        now = int(time.time())
        claims = {
            "iss": ISSUER,
            "aud": APP_ID,
            "serviceurl": service_url,
            "nbf": now - 10,
            "iat": now - 10,
            "exp": now + 3600,
        }
        claims.update(changes)
        return {k: v for k, v in claims.items() if v is not None}

    def token(
        self,
        service_url: str,
        *,
        kid: str | None = "key-1",
        sign_with: str | None = None,
        alg: str = "RS256",
        **claims: Any,
    ) -> str:
        """A channel token; `sign_with` another key's id forges one, `alg` "none" or "HS256"
        makes the classic algorithm-confusion tokens."""
        payload = self.claims(service_url, **claims)
        headers = {"typ": "JWT", **({"kid": kid} if kid else {})}
        if alg == "RS256":
            key = self.private[sign_with or kid or "key-1"]
            return jwt.encode(payload, key, algorithm="RS256", headers=headers)
        head = _b64(json.dumps({**headers, "alg": alg}).encode())
        body = _b64(json.dumps(payload).encode())
        if alg == "none":
            return f"{head}.{body}."
        # HS256 keyed with the published RSA public key: a validator that lets the token pick
        # its algorithm would check this "signature" with the public key and accept it.
        secret = self.public_pem(kid or "key-1")
        signature = hmac.new(secret, f"{head}.{body}".encode(), hashlib.sha256).digest()
        return f"{head}.{body}.{_b64(signature)}"


class BotFramework:
    def __init__(self, keys: Keys, expires_in: int = 3600) -> None:
        self.keys = keys
        self.expires_in = expires_in
        self.url = ""  # set once served
        self.key_fetches = 0
        self.token_requests: list[dict[str, Any]] = []
        self.issued: list[str] = []
        self.replies: list[dict[str, Any]] = []
        self.refused: list[dict[str, Any]] = []
        self._serial = itertools.count(1)
        self.app = web.Application()
        self.app.router.add_get("/v1/.well-known/openidconfiguration", self.openid)
        self.app.router.add_get("/keys", self.jwks)
        self.app.router.add_post("/{tenant}/oauth2/v2.0/token", self.token)
        self.app.router.add_post(
            "/amer/v3/conversations/{conversation}/activities/{activity}", self.reply
        )

    @property
    def service_url(self) -> str:
        return f"{self.url}/amer/"

    async def openid(self, request: web.Request) -> web.Response:
        return web.json_response(
            {
                "issuer": ISSUER,
                "jwks_uri": f"{self.url}/keys",
                "id_token_signing_alg_values_supported": ["RS256"],
            }
        )

    async def jwks(self, request: web.Request) -> web.Response:
        self.key_fetches += 1
        return web.json_response(self.keys.jwks())

    async def token(self, request: web.Request) -> web.Response:
        form = dict(await request.post())
        self.token_requests.append({"tenant": request.match_info["tenant"], **form})
        if (form.get("client_id"), form.get("client_secret")) != (APP_ID, APP_PASSWORD):
            return web.json_response({"error": "invalid_client"}, status=401)
        if form.get("grant_type") != "client_credentials" or form.get("scope") != (
            "https://api.botframework.com/.default"
        ):
            return web.json_response({"error": "invalid_request"}, status=400)
        token = f"connector-token-{next(self._serial)}"
        self.issued.append(token)
        return web.json_response(
            {"token_type": "Bearer", "expires_in": self.expires_in, "access_token": token}
        )

    async def reply(self, request: web.Request) -> web.Response:
        record = {
            "conversation": request.match_info["conversation"],
            "activity": request.match_info["activity"],
            "authorization": request.headers.get("Authorization"),
            "body": await request.json(),
        }
        if not self.issued or record["authorization"] != f"Bearer {self.issued[-1]}":
            self.refused.append(record)
            return web.json_response({"error": {"code": "Unauthorized"}}, status=401)
        self.replies.append(record)
        return web.json_response({"id": f"reply-{len(self.replies)}"})

    def activity(self, text: str | None = "hello", **changes: Any) -> dict[str, Any]:
        """A message activity as Teams sends it in a 1:1 chat."""
        activity: dict[str, Any] = {
            "type": "message",
            "id": "1700000000001",
            "timestamp": "2026-11-22T01:02:03.456Z",
            "serviceUrl": self.service_url,
            "channelId": "msteams",
            "from": {"id": "29:user-1", "name": "A Buyer", "aadObjectId": "aad-user-1"},
            "conversation": {
                "conversationType": "personal",
                "tenantId": TENANT,
                "id": "a:1personal-chat-id",
            },
            "recipient": {"id": f"28:{APP_ID}", "name": "Procurement Advisor"},
            "textFormat": "plain",
            "locale": "en-AU",
            "channelData": {"tenant": {"id": TENANT}},
        }
        if text is not None:
            activity["text"] = text
        activity.update(changes)
        return activity
