"""18.0.1.9.0: "late" has one meaning, read from each complaint's due date (a new
stored field, computed during the update). The retention report's segments
follow it: its figures are recomputed once the due dates are stored."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    complaints = env["care.complaint"].with_context(active_test=False).search([])
    env.add_to_compute(complaints._fields["care_due_date"], complaints)
    env.flush_all()
    env["care.retention.report"]._care_refresh()
