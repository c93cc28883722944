"""The Slack and Teams settings, read from the environment in one place.

Secrets never go in bot/credentials.yml: Rasa expands `${VAR}` there but refuses to start when
one is unset, and a fresh machine has none of them. The connectors read them here instead; a
channel whose variables are not all set is off (its webhook answers 503, saying which are
missing) and the rest of the assistant runs as usual.

The `*_URL` variables exist for tests and for sovereign clouds; production leaves them unset.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

SLACK_VARIABLES = ("SLACK_TOKEN", "SLACK_SIGNING_SECRET")
TEAMS_VARIABLES = ("MICROSOFT_APP_ID", "MICROSOFT_APP_PASSWORD")

SLACK_API_URL = "https://slack.com/api/"
BOTFRAMEWORK_OPENID_URL = "https://login.botframework.com/v1/.well-known/openidconfiguration"
MICROSOFT_LOGIN_URL = "https://login.microsoftonline.com"
#: The tenant segment of the token URL for multi-tenant bots.
MULTI_TENANT = "botframework.com"


@dataclass(frozen=True)
class SlackSettings:
    token: str
    signing_secret: str
    api_url: str = SLACK_API_URL


@dataclass(frozen=True)
class TeamsSettings:
    app_id: str
    app_password: str
    #: The Azure AD tenant of a single-tenant bot; None for a multi-tenant one.
    tenant_id: str | None = None
    openid_url: str = BOTFRAMEWORK_OPENID_URL
    login_url: str = MICROSOFT_LOGIN_URL

    @property
    def token_url(self) -> str:
        tenant = self.tenant_id or MULTI_TENANT
        return f"{self.login_url.rstrip('/')}/{tenant}/oauth2/v2.0/token"


def _get(env: Mapping[str, str], name: str) -> str:
    return env.get(name, "").strip()


def missing(variables: tuple[str, ...], env: Mapping[str, str] | None = None) -> list[str]:
    """The variables of `variables` that are unset or empty."""
    env = os.environ if env is None else env
    return [name for name in variables if not _get(env, name)]


def slack_settings(env: Mapping[str, str] | None = None) -> SlackSettings | None:
    env = os.environ if env is None else env
    if missing(SLACK_VARIABLES, env):
        return None
    return SlackSettings(
        token=_get(env, "SLACK_TOKEN"),
        signing_secret=_get(env, "SLACK_SIGNING_SECRET"),
        api_url=_get(env, "SLACK_API_URL") or SLACK_API_URL,
    )


def teams_settings(env: Mapping[str, str] | None = None) -> TeamsSettings | None:
    env = os.environ if env is None else env
    if missing(TEAMS_VARIABLES, env):
        return None
    return TeamsSettings(
        app_id=_get(env, "MICROSOFT_APP_ID"),
        app_password=_get(env, "MICROSOFT_APP_PASSWORD"),
        tenant_id=_get(env, "MICROSOFT_TENANT_ID") or None,
        openid_url=_get(env, "BOTFRAMEWORK_OPENID_URL") or BOTFRAMEWORK_OPENID_URL,
        login_url=_get(env, "MICROSOFT_LOGIN_URL") or MICROSOFT_LOGIN_URL,
    )
