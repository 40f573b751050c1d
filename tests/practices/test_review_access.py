"""Who reaches the review page: identity provider + allow-list, else a long token, else nobody."""
from __future__ import annotations

from practices.review_access import is_reviewer, review_access, token_matches

AUTH = {"auth": {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x"}}
TOKEN = "0123456789abcdefXYZ"


def test_nothing_configured_lets_nobody_in():
    assert review_access({}, {}).mode == "off"


def test_an_identity_provider_needs_a_reviewers_list():
    assert review_access(AUTH, {}).problem == "no_reviewers"
    access = review_access({**AUTH, "reviewers": ["Ana@Example.org"]}, {"GCM_REVIEWERS": "bea@example.org, "})
    assert access.mode == "login"
    assert is_reviewer(access, "ana@example.org") and is_reviewer(access, "BEA@example.org")
    assert not is_reviewer(access, "eve@example.org") and not is_reviewer(access, None)


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
