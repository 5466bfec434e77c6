"""Uploaded files: one way out, after the permission check, and only real files of a capped size in.

Every kind of file of `core.files.DOWNLOADS` is opened as the commune that owns it, as another
commune, as another territory and anonymously; `/media/` answers nothing, in debug or not.
"""

from datetime import date
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse

from mutualis.agreements.models import Status
from mutualis.agreements.tests.factories import ConventionFactory
from mutualis.commonservices.models import CommissionMeeting, CommissionMember
from mutualis.core.files import DOWNLOADS, PHOTO, download_url
from mutualis.core.tests.uploads import PDF, image_bytes, upload
from mutualis.equipment.models import ItemPhoto, LoanPhoto, PhotoStage
from mutualis.equipment.services import item_photo_add
from mutualis.equipment.tests.factories import ItemFactory, LoanFactory
from mutualis.facilities.models import InspectionPhoto
from mutualis.facilities.tests.factories import InspectionFactory
from mutualis.grants.models import Document, DocumentKind
from mutualis.grants.tests.factories import ApplicationFactory
from mutualis.helpdesk.models import Attachment
from mutualis.helpdesk.tests.factories import RequestFactory
from mutualis.network.models import Document as NetworkDocument
from mutualis.network.models import Folder
from mutualis.network.services import document_add
from mutualis.network.tests.factories import MeetingFactory, ProfileFactory
from mutualis.territory.models import Membership, Role
from mutualis.territory.tests.factories import UserFactory


def signed_convention(commune, epci):
    convention = ConventionFactory(territory=commune.territory, parties=[epci, commune])
    convention.signed_scan.save("signee.pdf", upload("signee.pdf"))
    return convention


def signed_party(commune, epci):
    party = ConventionFactory(territory=commune.territory, parties=[epci, commune]).convention_parties.get(
        organisation=commune
    )
    party.signed_scan.save("exemplaire.pdf", upload("exemplaire.pdf"))
    return party


def attachment(commune, epci):
    request = RequestFactory(organisation=commune)
    return Attachment.objects.create(
        request=request, file=upload("deliberation.pdf"), name="délibération.pdf", uploaded_by=request.created_by
    )


def inspection_photo(commune, epci):
    inspection = InspectionFactory(facility__owner=commune)
    return InspectionPhoto.objects.create(inspection=inspection, image=upload("but.png"), consent=True)


def item_photo(commune, epci):
    return ItemPhoto.objects.create(item=ItemFactory(owner=commune), image=upload("remorque.jpg"), consent=True)


def loan_photo(commune, epci):
    loan = LoanFactory(request__item=ItemFactory(owner=commune))
    return LoanPhoto.objects.create(loan=loan, image=upload("depart.webp"), consent=True, stage=PhotoStage.CHECKOUT)


def grant_document(commune, epci):
    application = ApplicationFactory(organisation=commune)
    return Document.objects.create(
        application=application, kind=DocumentKind.QUOTES, file=upload("devis.pdf"), name="devis.pdf",
        uploaded_by=application.created_by,
    )  # fmt: skip


def commission_minutes(commune, epci):
    """The commission's minutes, read by its members: the commune's mayor sits on it."""
    mayor = Membership.objects.get(organisation=commune, role=Role.ORG_MANAGER).user
    CommissionMember.objects.create(territory=commune.territory, user=mayor, quality="Maire")
    return CommissionMeeting.objects.create(
        territory=commune.territory, day=date(2026, 2, 10), agenda="Bilan des services communs",
        minutes=upload("compte-rendu.pdf"), minutes_name="compte-rendu.pdf",
    )  # fmt: skip


def agent_photo(commune, epci):
    return ProfileFactory(organisation=commune, photo=upload("portrait.jpg"), photo_consent_on=date(2026, 3, 1))


def meeting(commune, epci):
    return MeetingFactory(body__territory=commune.territory, minutes=upload("compte-rendu.pdf"),
                          slides=upload("diaporama.pdf"))  # fmt: skip


def network_document(commune, epci):
    folder = Folder.objects.create(territory=commune.territory, name="Guides")
    document = NetworkDocument(folder=folder, title="Guide")
    return document_add(document=document, upload=upload("guide.pdf"), by=UserFactory()).latest


# kind: (a row of commune A holding a real file, what another commune of the territory gets)
KINDS = {
    "convention": (signed_convention, 404),
    "exemplaire": (signed_party, 404),
    "piece-jointe": (attachment, 404),
    "photo-controle": (inspection_photo, 404),
    "photo-materiel": (item_photo, 200),  # the catalogue is the territory's
    "photo-pret": (loan_photo, 404),
    "piece-fonds-de-concours": (grant_document, 404),
    "compte-rendu-commission": (commission_minutes, 403),  # the territory's, read by the commission only
    # The network's directory, meetings and library are the territory's.
    "photo-agent": (agent_photo, 200),
    "compte-rendu-reunion": (meeting, 200),
    "diaporama-reunion": (meeting, 200),
    "document-reseau": (network_document, 200),
}
CONTENT = {"pdf": PDF, "png": image_bytes("png"), "jpg": image_bytes("jpg"), "webp": image_bytes("webp")}


def test_every_downloadable_file_is_tested():
    assert set(KINDS) == set(DOWNLOADS)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(params=list(KINDS))
def kind(request):
    return request.param


@pytest.fixture
def row(kind, commune_a, epci_a, alice):
    return KINDS[kind][0](commune_a, epci_a)


def file_of(row, kind):
    return getattr(row, DOWNLOADS[kind].field)


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_the_owner_gets_the_bytes(login, alice, kind, row):
    response = login(alice).get(download_url(row, DOWNLOADS[kind].field))
    assert response.status_code == 200
    assert body(response) == CONTENT[file_of(row, kind).name.rsplit(".", 1)[-1]]
    assert response["X-Content-Type-Options"] == "nosniff"
    inline = response["Content-Type"].startswith("image/")
    assert response["Content-Disposition"].startswith("inline" if inline else "attachment")


def test_another_commune_gets_the_file_only_if_the_scope_and_the_permission_let_it(login, charlie, kind, row):
    assert login(charlie).get(download_url(row, DOWNLOADS[kind].field)).status_code == KINDS[kind][1]


def test_another_territory_gets_404(login, oscar, kind, row):
    assert login(oscar).get(download_url(row, DOWNLOADS[kind].field)).status_code == 404


def test_anonymous_is_sent_to_login(client, kind, row):
    response = client.get(download_url(row, DOWNLOADS[kind].field))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("debug", [True, False])
def test_media_is_never_served(login, alice, kind, row, debug):
    with override_settings(DEBUG=debug):
        assert login(alice).get(f"/media/{file_of(row, kind).name}").status_code == 404


@override_settings(FILES_SERVED_BY_NGINX=True, FILES_NGINX_LOCATION="/protected-media/")
def test_nginx_serves_the_bytes_after_the_check(login, alice, oscar, kind, row):
    url = download_url(row, DOWNLOADS[kind].field)
    response = login(alice).get(url)
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/protected-media/{file_of(row, kind).name}"
    assert response.content == b""
    assert "X-Accel-Redirect" not in login(oscar).get(url)


def test_an_attachment_keeps_the_name_it_was_uploaded_with(login, alice, commune_a, epci_a):
    response = login(alice).get(download_url(attachment(commune_a, epci_a), "file"))
    assert "d%C3%A9lib%C3%A9ration.pdf" in response["Content-Disposition"]


# What comes in


@pytest.mark.parametrize("name", ["photo.png", "photo.jpg", "photo.webp"])
def test_text_renamed_as_an_image_is_refused(login, alice, commune_a, name):
    item = ItemFactory(owner=commune_a)
    with pytest.raises(ValidationError, match="n'est pas un fichier"):
        item_photo_add(item=item, image=upload(name, b"just some text"), consent=True, by=alice)
    assert not ItemPhoto.objects.exists()


def test_a_png_named_jpg_is_refused():
    with pytest.raises(ValidationError, match="JPG"):
        PHOTO(upload("photo.jpg", image_bytes("png")))


def test_a_pdf_without_its_header_is_refused_from_the_form(login, eve, commune_a, epci_a):
    sent = ConventionFactory(territory=commune_a.territory, parties=[epci_a, commune_a], status=Status.SENT)
    scan = upload("convention.pdf", b"<html>not a pdf</html>")
    response = login(eve).post(
        reverse("agreements:convention_sign", kwargs={"pk": sent.pk}), {"signed_on": "2025-02-20", "signed_scan": scan}
    )
    assert "n'est pas un fichier PDF" in response.context["form"].errors["signed_scan"][0]
    sent.refresh_from_db()
    assert not sent.signed_scan


class Unread(BytesIO):
    """A request body that records whether anything read it."""

    touched = False

    def read(self, *args):
        Unread.touched = True
        return super().read(*args)

    readline = read


@override_settings(MAX_UPLOAD_BYTES=1024)
def test_a_body_over_the_cap_is_refused_before_being_read(login, alice, commune_a):
    item = ItemFactory(owner=commune_a)
    stream = Unread(b"x" * 2048)
    response = login(alice).generic(
        "POST",
        reverse("equipment:item_photo_add", kwargs={"pk": item.pk}),
        content_type="multipart/form-data; boundary=BoUnDaRy",
        **{"wsgi.input": stream, "CONTENT_LENGTH": "2048"},
    )
    assert response.status_code == 413
    assert not Unread.touched


@override_settings(MAX_UPLOAD_BYTES=1024)
def test_a_body_under_the_cap_goes_through(login, alice, commune_a):
    item = ItemFactory(owner=commune_a)
    url = reverse("equipment:item_photo_add", kwargs={"pk": item.pk})
    assert login(alice).post(url, {"caption": "x"}).status_code != 413
