"""Who reaches the review page: identity provider + allow-list, else a long token, else nobody."""
from __future__ import annotations

import secrets

import pytest

from practices.review_access import is_reviewer, review_access, strong_token, token_matches

AUTH = {"auth": {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x"}}
TOKEN = "q7Rk2xWm9PzL4vNc8TbY3hJd"  # 24 random characters


def test_nothing_configured_lets_nobody_in():
    assert review_access({}, {}).mode == "off"


def test_an_identity_provider_needs_a_reviewers_list():
    assert review_access(AUTH, {}).problem == "no_reviewers"
    access = review_access({**AUTH, "reviewers": ["Ana@Example.org"]}, {"GCM_REVIEWERS": "bea@example.org, "})
    assert access.mode == "login"
    assert is_reviewer(access, "ana@example.org", True) and is_reviewer(access, "BEA@example.org", True)
    assert not is_reviewer(access, "eve@example.org", True) and not is_reviewer(access, None, True)


def test_the_identity_provider_wins_over_a_token():
    access = review_access({**AUTH, "reviewers": ["ana@example.org"]}, {"GCM_REVIEWER_TOKEN": TOKEN})
    assert access.mode == "login" and not token_matches(access, TOKEN)


def test_a_token_from_the_environment_or_the_secrets():
    for secrets, env in (({}, {"GCM_REVIEWER_TOKEN": TOKEN}), ({"reviewer_token": TOKEN}, {})):
        access = review_access(secrets, env)
        assert access.mode == "token"
        assert token_matches(access, TOKEN) and token_matches(access, f" {TOKEN} ")
        assert not token_matches(access, TOKEN[:-1]) and not token_matches(access, "")


def test_a_short_token_is_refused():
    access = review_access({}, {"GCM_REVIEWER_TOKEN": "short"})
    assert access.mode == "off" and access.problem == "short_token" and not token_matches(access, "short")


def test_an_address_the_identity_provider_did_not_verify_is_not_a_reviewer():
    access = review_access({**AUTH, "reviewers": ["ana@example.org"]}, {})
    assert is_reviewer(access, "ana@example.org", True)
    for verified in (False, None, "true", 1):
        assert not is_reviewer(access, "ana@example.org", verified)


@pytest.mark.parametrize("weak", ["a" * 24, "abcdefghijklmnopqrstuvwxyz", "0123456789abcdefXYZ",
                                  "abcabcabcabcabcabcabcabcabc", "aaaaaaaaaaaaaaaaXYZW1234"])
def test_a_weak_or_short_token_is_refused(weak):
    access = review_access({}, {"GCM_REVIEWER_TOKEN": weak})
    assert access.mode == "off" and access.problem in ("short_token", "weak_token")
    assert not token_matches(access, weak)


def test_random_tokens_pass():
    assert all(strong_token(secrets.token_urlsafe(24)) for _ in range(200))
