"""A practice from the form to publication, in Chromium: errors in place, hostile text shown literally."""
from __future__ import annotations

import pytest

import os

from practices.record import check, reference_for
from practices.store import Store
from tests.e2e.conftest import screenshot, sign_in_to_review, wait_for_app

HOSTILE = {
    "title": "<img src=x onerror=alert(1)> Programa **de** migración",
    "summary": "<script>alert('x')</script> =HYPERLINK(\"http://evil\") [link](javascript:alert(1)) مرحبا 🌎",
    "countries": "COL", "objectives": "10", "actor": "<b>Actor</b>", "actor_type": "civil society",
    "year_start": "2023", "contact_email": "hidden@example.org", "language": "es", "consent": "yes",
}


def test_an_empty_form_shows_a_message_under_each_required_field(page, server):
    page.goto(f"{server}/submit")
    wait_for_app(page)
    page.get_by_role("button", name="Submit for review").click()
    page.get_by_text("fields need attention").wait_for(timeout=30_000)
    wait_for_app(page)
    body = page.inner_text("body")
    assert "Title: required" in body and "Your e-mail: required" in body
    assert page.errors == [] and page.foreign_requests == []
    screenshot(page, "submit-errors")


@pytest.mark.reliability("practice_form")
def test_a_reviewer_approves_a_hostile_submission_and_it_is_shown_literally(page, server):
    store = Store()  # the server shares the test session's GCM_SUBMISSIONS folder
    assert os.environ.get("GCM_SUBMISSIONS")
    ref = reference_for()
    store.submit(ref, check(HOSTILE).record, origin="form")
    try:
        _approve_and_read(page, server, ref)
    finally:
        # The server is shared by every browser test: take the practice away again so other
        # tests' screens (storyboards, practice lists) show only the real data.
        store.purge(ref)


def _approve_and_read(page, server, ref):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))

    sign_in_to_review(page, server, "Ana")
    assert "hidden@example.org" not in page.inner_text("body")
    screenshot(page, "review-queue")
    # The queue may hold submissions from other tests; pick ours.
    page.locator("[data-testid=stSelectbox]").first.click()
    page.get_by_role("option", name=ref, exact=False).click()
    wait_for_app(page)
    page.get_by_role("button", name="Approve").click()
    page.get_by_text(f"{ref} is now: Published").wait_for(timeout=30_000)

    page.goto(f"{server}/practices?practice={ref}")
    wait_for_app(page)
    page.get_by_text(HOSTILE["summary"]).wait_for(timeout=30_000)
    body = page.inner_text("body")
    assert HOSTILE["title"].replace("**", "**") in body  # literally, asterisks included
    assert "<b>Actor</b>" in body and "hidden@example.org" not in body
    assert page.locator("main img[src=x]").count() == 0 and page.locator("main script").count() == 0
    assert dialogs == [] and page.errors == [] and page.foreign_requests == []
    screenshot(page, "practice-hostile-literal")
