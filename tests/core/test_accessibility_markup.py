"""Markup for screen readers: the error summary of a refused form, fields described by their errors."""

from __future__ import annotations

import re

from tests.conftest import PASSWORD


def test_a_refused_form_lists_each_error_as_a_link_to_its_field(client, login_as):
    login_as("mediator")
    response = client.post(
        "/mediation/new",
        data={
            "summary": "噪音",
            "parties-0-name": "张三",
            "parties-0-id_number": "110105194912310021",
            "parties-0-phone": "12",
            **{
                f"parties-{i}-{name}": value
                for i in (0, 1)
                for name, value in (("role", "applicant"), ("kind", "person"))
            },
        },
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    summary = re.search(
        r'<div class="error-summary" id="error-summary" role="alert".*?</div>', page, re.S
    ).group(0)
    assert 'href="#parties-0-id_number"' in summary and "校验码" in summary
    assert (
        'href="#parties-0-phone"' in summary and summary.count("<li>") == 5
    )  # and the three required fields left empty
    field = re.search(r'<input[^>]*id="parties-0-id_number"[^>]*>', page).group(0)
    assert 'aria-invalid="true"' in field and 'aria-describedby="parties-0-id_number-error"' in field
    assert 'id="parties-0-id_number-error"' in page


def test_a_field_with_help_is_described_by_it_and_a_clean_page_has_no_summary(client, login_as):
    login_as("admin")
    page = client.get("/account").get_data(as_text=True)
    assert "error-summary" not in page
    response = client.post("/account", data={"pw-current_password": PASSWORD, "pw-new_password": "short"})
    page = response.get_data(as_text=True)
    assert 'href="#pw-new_password"' in page
    field = re.search(r'<input[^>]*id="pw-new_password"[^>]*>', page).group(0)
    assert "pw-new_password-error" in field.split('aria-describedby="')[1]
