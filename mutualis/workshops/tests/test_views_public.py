from django.core import mail
from django.urls import reverse

from mutualis.workshops import services
from mutualis.workshops.models import Registration, RegistrationStatus, Status
from mutualis.workshops.tests.factories import SessionFactory, in_days


def programme_url(territory, **query):
    return reverse("workshops:programme", kwargs={"siren": territory.siren})


def page_url(session):
    return reverse("workshops:session_page", kwargs={"siren": session.series.territory.siren,
                                                     "number": session.pk})  # fmt: skip


def test_the_programme_shows_published_sessions_to_come_without_login(client, session, series):
    SessionFactory(series=series, status=Status.PLANNED, starts_at=in_days(8), ends_at=in_days(8, 16))
    html = client.get(programme_url(series.territory)).content.decode()
    assert series.title in html
    assert "1 atelier à venir" in html
    assert "notariales" in html


def test_the_programme_filters_by_commune_and_theme(client, session, series, commune_b):
    other = SessionFactory(series__organisation=commune_b, series__title="Trouver un emploi",
                           series__theme="employment")  # fmt: skip
    url = programme_url(series.territory)
    html = client.get(url, {"organisation": commune_b.pk}).content.decode()
    assert other.series.title in html and series.title not in html
    html = client.get(url, {"theme": "tools"}).content.decode()
    assert series.title in html and other.series.title not in html


def test_an_unknown_territory_is_a_404(client, db):
    assert client.get(reverse("workshops:programme", kwargs={"siren": "123456789"})).status_code == 404


def test_an_unpublished_session_page_is_a_404(client, series):
    planned = SessionFactory(series=series, status=Status.PLANNED)
    assert client.get(page_url(planned)).status_code == 404


def test_registering_leads_to_the_personal_page(client, session):
    response = client.post(page_url(session), {"name": "Jeanne Martin", "phone": "06 12 34 56 78", "email": ""})
    registration = Registration.objects.get()
    assert response.url == reverse("workshops:registration", kwargs={"token": registration.token})
    assert "votre inscription est confirmée" in client.get(response.url).content.decode()


def test_malformed_input_gets_clear_messages(client, session):
    html = client.post(page_url(session), {"name": "", "phone": "12", "email": "pas-une-adresse"}).content.decode()
    assert "Ce numéro de téléphone n&#x27;est pas valide" in html
    assert "Cette adresse électronique n&#x27;est pas valide" in html
    assert not Registration.objects.exists()


def test_a_phone_or_an_email_is_asked(client, session):
    html = client.post(page_url(session), {"name": "Jeanne"}).content.decode()
    assert "Indiquez un numéro de téléphone ou une adresse électronique" in html


def test_the_honeypot_saves_nothing(client, session):
    client.post(page_url(session), {"name": "Bot", "phone": "0612345678", "website": "http://spam"})
    assert not Registration.objects.exists()


def test_repeated_submissions_from_one_address_get_a_429(client, session):
    for number in range(5):
        client.post(page_url(session), {"name": f"P {number}", "phone": f"061234567{number}"})
    response = client.post(page_url(session), {"name": "P 6", "phone": "0612345699"})
    assert response.status_code == 429
    assert "attendez 10 minutes" in response.content.decode()
    assert Registration.objects.count() == 5


def test_the_page_never_shows_who_else_registered(client, session):
    services.registration_create(session=session, name="Gérard Secret", phone="0611111111")
    html = client.get(page_url(session)).content.decode()
    assert "Gérard" not in html and "0611111111" not in html
    assert "7 places libres" in html


def test_a_full_session_offers_the_waiting_list(client, series):
    session = SessionFactory(series=series, seats=1)
    services.registration_create(session=session, name="Premier", phone="0611111111")
    html = client.get(page_url(session)).content.decode()
    assert "Complet : inscription sur liste d'attente" in html and "M'inscrire sur la liste d'attente" in html


def test_the_personal_link_cancels_and_the_person_may_register_again(client, session):
    registration = services.registration_create(session=session, name="Jeanne", email="jeanne@example.org")
    assert registration.token in mail.outbox[0].body
    client.post(reverse("workshops:registration_cancel", kwargs={"token": registration.token}))
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED
    html = client.get(reverse("workshops:registration", kwargs={"token": registration.token})).content.decode()
    assert "S'inscrire de nouveau" in html


def test_a_wrong_token_is_a_404(client, db):
    assert client.get(reverse("workshops:registration", kwargs={"token": "nope"})).status_code == 404


def test_the_privacy_notice_gives_the_retention(client, series):
    html = client.get(reverse("workshops:privacy", kwargs={"siren": series.territory.siren})).content.decode()
    assert "12 mois après votre dernier atelier" in html


def test_the_programme_query_count_is_the_same_for_1_and_50_sessions(client, series, query_count):
    SessionFactory(series=series)
    url = programme_url(series.territory)
    one = query_count(lambda: client.get(url))
    for day in range(49):
        SessionFactory(series=series, starts_at=in_days(day + 2), ends_at=in_days(day + 2, 16))
    assert query_count(lambda: client.get(url)) == one
