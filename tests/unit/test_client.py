"""The client address that the submission and sign-in limits count: only our proxies' entries are trusted."""
from __future__ import annotations

import pytest

from gcm.client import address_from


@pytest.mark.parametrize("headers, peer, proxies, expected", [
    ({}, "203.0.113.5", 0, "203.0.113.5"),
    ({"X-Forwarded-For": "198.51.100.9"}, "10.0.0.2", 0, "10.0.0.2"),  # no proxy configured: a header is a lie
    ({"X-Forwarded-For": "198.51.100.9"}, "10.0.0.2", 1, "198.51.100.9"),
    # the client sent its own header; nginx appended the address it saw: that one counts
    ({"X-Forwarded-For": "1.2.3.4, 198.51.100.9"}, "10.0.0.2", 1, "198.51.100.9"),
    ({"X-Forwarded-For": "1.2.3.4, 198.51.100.9, 10.0.0.7"}, "10.0.0.2", 2, "198.51.100.9"),
    ({}, "10.0.0.2", 1, "10.0.0.2"),
    ({}, None, 0, "unknown"),
])
def test_the_address_a_limit_counts(headers, peer, proxies, expected):
    assert address_from(headers, peer, proxies) == expected
