"""amount = round(quantity × unit_price, 2), enforced by PostgreSQL only.

PostgreSQL computes on exact numerics and its round() goes half away from zero, like
`core.money.amount`; SQLite stores decimals as floats, so the same check there
would reject correct rows. On SQLite the rule lives in `charge_post` and `Charge.clean`.
"""

from django.db import migrations

CONSTRAINT = "billing_charge_amount_exact"


def add_check(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"ALTER TABLE billing_charge ADD CONSTRAINT {CONSTRAINT} CHECK (amount = round(quantity * unit_price, 2))"
        )


def drop_check(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE billing_charge DROP CONSTRAINT {CONSTRAINT}")


class Migration(migrations.Migration):
    dependencies = [("billing", "0001_initial")]

    operations = [migrations.RunPython(add_check, drop_check)]
