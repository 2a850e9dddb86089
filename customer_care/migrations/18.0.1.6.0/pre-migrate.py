"""18.0.1.6.0: complaints and leads get their deadline summary.

``care_deadline_breached`` and ``care_next_deadline`` are stored computed fields
of every complaint and lead. No document made before this version has a
deadline, so their values are known: the columns are created here (not
breached, no deadline; a constant default costs no rewrite of the table), and
Odoo does not compute them record by record on a database of a million leads.
"""


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        ALTER TABLE crm_lead
            ADD COLUMN IF NOT EXISTS care_deadline_breached boolean DEFAULT false,
            ADD COLUMN IF NOT EXISTS care_next_deadline timestamp;
        ALTER TABLE crm_lead ALTER COLUMN care_deadline_breached DROP DEFAULT
        """
    )
    cr.execute(
        """
        ALTER TABLE care_complaint
            ADD COLUMN IF NOT EXISTS care_deadline_breached boolean DEFAULT false,
            ADD COLUMN IF NOT EXISTS care_next_deadline timestamp;
        ALTER TABLE care_complaint ALTER COLUMN care_deadline_breached DROP DEFAULT
        """
    )
