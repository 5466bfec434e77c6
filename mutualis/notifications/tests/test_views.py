from django.urls import reverse

from mutualis.notifications.models import Frequency, Notification, Preference
from mutualis.notifications.tests.factories import NotificationFactory


def test_the_list_shows_ones_own_notifications_unread_first_marked_in_words(login, territory_a, bob, alice):
    NotificationFactory(user=bob, territory=territory_a, subject="Heures à valider")
    NotificationFactory(user=alice, territory=territory_a, subject="Convention à signer")
    response = login(bob).get(reverse("notifications:list"))
    assert "Heures à valider" in response.text and "Convention à signer" not in response.text
    assert "Non lue" in response.text
    assert "Notifications (1" in response.text  # the header's count


def test_the_list_runs_the_same_queries_for_1_and_40_notifications(login, territory_a, bob, query_count):
    client = login(bob)
    url = reverse("notifications:list")
    NotificationFactory(user=bob, territory=territory_a)
    one = query_count(lambda: client.get(url))
    NotificationFactory.create_batch(39, user=bob, territory=territory_a)
    assert query_count(lambda: client.get(url)) == one


def test_opening_marks_read_and_goes_to_the_page(login, territory_a, bob):
    notification = NotificationFactory(user=bob, territory=territory_a, url="/expertise/")
    response = login(bob).get(reverse("notifications:open", args=[notification.pk]))
    assert response.status_code == 302 and response["Location"] == "/expertise/"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_another_persons_notification_is_a_404_even_for_the_coordination(login, territory_a, bob, eve):
    notification = NotificationFactory(user=bob, territory=territory_a)
    assert login(eve).get(reverse("notifications:open", args=[notification.pk])).status_code == 404


def test_marking_all_read(login, territory_a, bob, alice):
    NotificationFactory.create_batch(2, user=bob, territory=territory_a)
    NotificationFactory(user=alice, territory=territory_a)
    login(bob).post(reverse("notifications:mark_all_read"))
    assert not Notification.objects.filter(user=bob, read_at__isnull=True).exists()
    assert Notification.objects.filter(user=alice, read_at__isnull=True).exists()


def test_choosing_the_daily_digest(login, bob):
    client = login(bob)
    assert client.get(reverse("notifications:preferences")).status_code == 200
    client.post(reverse("notifications:preferences"), {"frequency": Frequency.DAILY})
    assert Preference.objects.get(user=bob).frequency == Frequency.DAILY
