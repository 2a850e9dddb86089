"""18.0.1.7.1: a database with demo data gets the demo's retention history on
update, but Odoo runs no function of a demo file then: post its invoices and
recompute the Retention report, as installing does. Runs after the demo data is
loaded; a database without demo data has none of these invoices."""

from odoo import SUPERUSER_ID, api

INVOICES = [f"customer_care.account_move_demo_retention_{n}" for n in range(1, 10)]


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    found = [env.ref(xmlid, raise_if_not_found=False) for xmlid in INVOICES]
    drafts = env["account.move"].union(*filter(None, found))
    drafts = drafts.filtered(lambda move: move.state == "draft")
    if drafts:
        drafts.action_post()
        env["care.retention.report"]._care_refresh()
