"""The software trainings and their registrations are gone: the network's migration 0004 copied
them into training sessions and enrolments first."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('digital', '0002_subscriptions_to_adhesions'),
        ('network', '0004_digital_trainings'),
    ]

    operations = [
        migrations.DeleteModel(name='HistoricalRegistration'),
        migrations.DeleteModel(name='HistoricalTraining'),
        migrations.DeleteModel(name='Registration'),
        migrations.DeleteModel(name='Training'),
    ]
