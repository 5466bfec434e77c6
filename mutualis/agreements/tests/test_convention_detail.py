from datetime import date

from django.urls import reverse

from mutualis.agreements.models import Status
from mutualis.agreements.services import convention_end
from mutualis.agreements.tests.conftest import PDF_BYTES, scan
from mutualis.agreements.tests.factories import ConventionFactory
from mutualis.core.files import download_url
from mutualis.territory.tests.factories import OrganisationFactory


def url(name: str, convention) -> str:
    return reverse(f"agreements:{name}", kwargs={"pk": convention.pk})


def test_detail_shows_parties_period_amount_and_text(login, bob, convention):
    content = login(bob).get(url("convention_detail", convention)).content.decode()
    assert "Agglo A" in content and "prêteur" in content
    assert "Jouhe" in content and "emprunteur" in content
    assert "du 01/03/2025 au 31/03/2025" in content
    assert "CGCT L5211-4-3" in content
    assert "Article 1 – Objet" in content
    assert "Brouillon" in content


def test_coordinator_sees_send_and_cancel_on_a_draft(login, eve, convention):
    content = login(eve).get(url("convention_detail", convention)).content.decode()
    assert url("convention_send", convention) in content
    assert url("convention_cancel", convention) in content
    assert url("convention_sign", convention) not in content


def test_party_member_sees_no_action_buttons(login, bob, sent):
    content = login(bob).get(url("convention_detail", sent)).content.decode()
    assert url("convention_send", sent) not in content
    assert url("convention_sign", sent) not in content
    assert url("convention_cancel", sent) not in content
    assert url("convention_pdf", sent) in content


def test_coordinator_sees_the_signature_form_on_a_sent_convention(login, eve, sent):
    content = login(eve).get(url("convention_detail", sent)).content.decode()
    assert url("convention_sign", sent) in content
    assert 'enctype="multipart/form-data"' in content


def test_coordinator_sends_a_draft(login, eve, convention):
    response = login(eve).post(url("convention_send", convention))
    assert response.status_code == 302
    convention.refresh_from_db()
    assert convention.status == Status.SENT


def test_sending_twice_shows_an_error(login, eve, sent):
    response = login(eve).post(url("convention_send", sent), follow=True)
    assert "ne peut pas passer" in response.content.decode()


def test_coordinator_uploads_the_signed_scan(login, eve, sent):
    response = login(eve).post(url("convention_sign", sent), {"signed_on": "2025-02-20", "signed_scan": scan()})
    assert response.status_code == 302
    sent.refresh_from_db()
    assert sent.status == Status.SIGNED
    assert sent.signed_on == date(2025, 2, 20)
    assert sent.signed_scan.read() == PDF_BYTES


def test_a_party_member_downloads_the_signed_scan(login, bob, signed):
    response = login(bob).get(download_url(signed, "signed_scan"))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert "attachment" in response["Content-Disposition"]


def test_scan_download_is_404_before_signature(login, eve, convention):
    assert login(eve).get(download_url(convention, "signed_scan")).status_code == 404


def test_upload_of_another_file_type_is_a_form_error(login, eve, sent):
    response = login(eve).post(
        url("convention_sign", sent), {"signed_on": "2025-02-20", "signed_scan": scan("convention.docx")}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["signed_scan"]
    sent.refresh_from_db()
    assert sent.status == Status.SENT


def test_upload_without_file_is_a_form_error(login, eve, sent):
    response = login(eve).post(url("convention_sign", sent), {"signed_on": "2025-02-20"})
    assert response.context["form"].errors["signed_scan"]


def test_signing_a_draft_shows_why_it_cannot_be(login, eve, convention):
    response = login(eve).post(url("convention_sign", convention), {"signed_on": "2025-02-20", "signed_scan": scan()})
    assert response.status_code == 200
    assert "ne peut pas passer" in str(response.context["form"].non_field_errors())
    convention.refresh_from_db()
    assert convention.status == Status.DRAFT


def test_coordinator_ends_a_signed_convention(login, eve, signed):
    login(eve).post(url("convention_end", signed), {"ended_on": "2025-04-01"})
    signed.refresh_from_db()
    assert signed.status == Status.ENDED
    assert signed.ended_on == date(2025, 4, 1)


def test_ending_with_an_invalid_date_shows_an_error(login, eve, signed):
    response = login(eve).post(url("convention_end", signed), {"ended_on": "demain"}, follow=True)
    assert "date de fin valide" in response.content.decode()
    signed.refresh_from_db()
    assert signed.status == Status.SIGNED


def test_coordinator_cancels_a_sent_convention(login, eve, sent):
    login(eve).post(url("convention_cancel", sent))
    sent.refresh_from_db()
    assert sent.status == Status.CANCELLED


def test_actions_refuse_get(login, eve, convention):
    assert login(eve).get(url("convention_send", convention)).status_code == 405


def test_history_shows_who_changed_the_status(login, bob, eve, signed):
    convention_end(convention=signed, ended_on=date(2025, 4, 1), by=eve)
    response = login(bob).get(url("convention_detail", signed))
    changes = response.context["status_changes"]
    assert [c.label for c in changes] == ["Brouillon", "Envoyée pour signature", "Signée", "Terminée"]
    assert all(c.user == eve for c in changes)
    assert "Eve Persona" in response.content.decode()


def test_query_count_does_not_grow_with_parties_or_history(login, eve, territory_a, query_count):
    client = login(eve)
    small = ConventionFactory(territory=territory_a)
    with_two = query_count(lambda: client.get(url("convention_detail", small)))
    large = ConventionFactory(
        territory=territory_a, parties=[OrganisationFactory(territory=territory_a) for _ in range(12)]
    )
    for status in [Status.SENT, Status.CANCELLED]:
        large.status = status
        large.save()
    assert query_count(lambda: client.get(url("convention_detail", large))) == with_two
