"""Who may review submissions: an identity provider with an allow-list, else a shared reviewer token.

Pure functions over the secrets and the environment, so the rules can be tested without a server:
- with an `[auth]` section in Streamlit's secrets (st.login), only the e-mail addresses listed in
  `reviewers` (secrets) or GCM_REVIEWERS (environment, comma-separated) get in;
- otherwise a token in GCM_REVIEWER_TOKEN or the secret `reviewer_token` lets a reviewer in;
- with neither, nobody does, and the review page says how to enable it.
"""
from __future__ import annotations

import hmac
import time
from dataclasses import dataclass
from typing import Any, Mapping

from practices.record import settings


@dataclass(frozen=True)
class Access:
    """How the review page admits reviewers: mode is 'login', 'token' or 'off' (with the reason)."""

    mode: str
    reviewers: frozenset[str] = frozenset()
    token: str = ""
    problem: str = ""  # i18n key suffix when mode is 'off' because of a misconfiguration


def review_access(secrets: Mapping[str, Any], env: Mapping[str, str]) -> Access:
    """The access mode the configuration asks for."""
    listed = secrets.get("reviewers") or []
    if isinstance(listed, str):
        listed = listed.split(",")
    listed = list(listed) + env.get("GCM_REVIEWERS", "").split(",")
    reviewers = frozenset(e.strip().casefold() for e in listed if str(e).strip())
    if isinstance(secrets.get("auth"), Mapping):
        if not reviewers:
            return Access("off", problem="no_reviewers")
        return Access("login", reviewers=reviewers)
    token = str(env.get("GCM_REVIEWER_TOKEN") or secrets.get("reviewer_token") or "").strip()
    if token:
        if len(token) < int(settings()["review"]["min_token_chars"]):
            return Access("off", problem="short_token")
        if not strong_token(token):
            return Access("off", problem="weak_token")
        return Access("token", token=token)
    return Access("off")


def strong_token(token: str) -> bool:
    """Whether a reviewer token looks random enough to resist guessing.

    Long enough (min_token_chars), many different characters, none repeated much: a token from
    `secrets.token_urlsafe(24)` passes; "aaaaaaaaaaaaaaaaaaaaaaaa" or "abcabcabc…" does not.
    """
    rules = settings()["review"]
    if len(token) < int(rules["min_token_chars"]) or len(set(token)) < int(rules["min_token_distinct"]):
        return False
    most = max(token.count(c) for c in set(token))
    ascending = sum(1 for a, b in zip(token, token[1:]) if ord(b) - ord(a) in (0, 1, -1))
    return most <= len(token) // 4 and ascending <= len(token) // 3


def token_matches(access: Access, entered: str) -> bool:
    """Whether `entered` is the reviewer token (compared in constant time)."""
    return access.mode == "token" and hmac.compare_digest(entered.strip().encode(), access.token.encode())


def is_reviewer(access: Access, email: str | None, verified: object = False) -> bool:
    """Whether a logged-in user's e-mail is on the reviewers' list and the identity provider verified it.

    An unverified address proves nothing: some providers let anyone claim any address.
    """
    return (access.mode == "login" and verified is True and bool(email)
            and email.strip().casefold() in access.reviewers)


FAILURE_KIND = "review_failure"  # the store's event kind for a wrong token


def locked_for(store: Any, subject: str, now: float | None = None) -> float:
    """Seconds `subject` (an address or an account) must still wait after too many wrong tokens.

    After max_token_attempts failures within a day the wait is lockout_minutes from the last one,
    doubled for each failure beyond that, up to a day. The failures are in the database, so a new
    session or another replica does not reset the count.
    """
    rules = settings()["review"]
    now = time.time() if now is None else now
    failures = store.count_events(FAILURE_KIND, subject, now - 86400)
    if failures < rules["max_token_attempts"]:
        return 0.0
    wait = min(86400.0, rules["lockout_minutes"] * 60 * 2 ** (failures - rules["max_token_attempts"]))
    return max(0.0, (store.last_event(FAILURE_KIND, subject) or 0) + wait - now)
