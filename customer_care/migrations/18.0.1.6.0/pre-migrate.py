"""18.0.1.6.0: complaints and leads get their deadline summary.

``care_deadline_breached`` and ``care_next_deadline`` are stored computed fields
of every complaint and lead. No document made before this version has a
deadline, so their values are known: the columns are created here (not
breached, no deadline; a constant default costs no rewrite of the table), and
Odoo does not compute them record by record on a database of a million leads.

Complaints came with 18.0.1.1.0: a database of an older version has no
``care_complaint`` table yet, and Odoo creates it with these columns.
"""

from odoo.tools.sql import table_exists


def migrate(cr, version):
    if not version:
        return
    for table in ("crm_lead", "care_complaint"):
        if not table_exists(cr, table):
            continue
        cr.execute(
            f"""
            ALTER TABLE {table}
                ADD COLUMN IF NOT EXISTS care_deadline_breached boolean DEFAULT false,
                ADD COLUMN IF NOT EXISTS care_next_deadline timestamp;
            ALTER TABLE {table} ALTER COLUMN care_deadline_breached DROP DEFAULT
            """
        )
