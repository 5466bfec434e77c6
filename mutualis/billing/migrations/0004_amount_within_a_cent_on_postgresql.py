"""amount = round(quantity × unit_price, 2) give or take one cent, enforced by PostgreSQL only.

A part of a split amount (`core.money.spread`) receives the cent the largest-remainder rule
hands it, so that the parts add up to the whole; no more than that cent is allowed.
SQLite stores decimals as floats: there the rule lives in `Charge.clean`.
"""

from django.db import migrations

OLD = "billing_charge_amount_exact"
NEW = "billing_charge_amount_within_a_cent"


def within_a_cent(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE billing_charge DROP CONSTRAINT {OLD}")
        schema_editor.execute(
            f"ALTER TABLE billing_charge ADD CONSTRAINT {NEW} "
            "CHECK (abs(amount - round(quantity * unit_price, 2)) <= 0.01)"
        )


def exact(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE billing_charge DROP CONSTRAINT {NEW}")
        schema_editor.execute(
            f"ALTER TABLE billing_charge ADD CONSTRAINT {OLD} CHECK (amount = round(quantity * unit_price, 2))"
        )


class Migration(migrations.Migration):
    dependencies = [("billing", "0003_digital_service")]

    operations = [migrations.RunPython(within_a_cent, exact)]
