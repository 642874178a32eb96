"""The pages: desk, list, receipt, the case page and its steps, printable notices."""

from datetime import date

from casebook.extensions import db
from casebook.reconsideration import operations


def test_pages_render_for_an_officer(client, login_as, make_recon_case):
    login_as("reconsideration")
    case = make_recon_case(received_on=date(2024, 9, 27))
    operations.suspend(case, None, date(2024, 10, 15), ground=6)
    db.session.commit()
    for url in [
        "/reconsideration/",
        "/reconsideration/cases",
        "/reconsideration/cases/new",
        f"/reconsideration/cases/{case.id}",
        f"/reconsideration/cases/{case.id}/edit",
        f"/reconsideration/cases/{case.id}/print/acceptance",
        f"/reconsideration/cases/{case.id}/print/suspension",
        "/reconsideration/cases.csv",
        "/reconsideration/cases.xlsx",
    ]:
        response = client.get(url)
        assert response.status_code == 200, (url, response.get_data(as_text=True)[:3000])
