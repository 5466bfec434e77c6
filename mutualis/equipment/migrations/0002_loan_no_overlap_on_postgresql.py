"""No two active loans of one item overlap, enforced by PostgreSQL itself.

An exclusion constraint over (item, [start, blocked_until)) for scheduled and out loans:
blocked_until carries the turnaround buffer, so back-to-back loans pass only when the buffer
is zero. btree_gist lets a GiST index compare item_id with `=`; it is a trusted extension,
which the database owner may create. SQLite has no such constraint: there the rule lives in
`equipment.services.request_accept`, which checks it under a write lock (as it does on PostgreSQL).
"""

from django.db import migrations

CONSTRAINT = "equipment_loan_no_overlap"


def add_exclusion(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
        schema_editor.execute(
            f"ALTER TABLE equipment_loan ADD CONSTRAINT {CONSTRAINT} EXCLUDE USING gist "
            "(item_id WITH =, daterange(start, blocked_until, '[)') WITH &&) "
            "WHERE (status IN ('scheduled', 'out'))"
        )


def drop_exclusion(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE equipment_loan DROP CONSTRAINT {CONSTRAINT}")


class Migration(migrations.Migration):
    dependencies = [("equipment", "0001_initial")]

    operations = [migrations.RunPython(add_exclusion, drop_exclusion)]
