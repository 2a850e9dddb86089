"""18.0.1.1.0: mark the payout documents made so far (they never earn a commission
themselves), then recompute the commissions' status from the decision and the
payout document, and their amount from base, rate and bonus (see pre-migrate.py).
"""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        UPDATE account_move m
           SET care_is_referral_payout = TRUE
          FROM care_referral_commission c
         WHERE c.payout_move_id = m.id
        """
    )
    env = api.Environment(cr, SUPERUSER_ID, {})
    commissions = env["care.referral.commission"].with_context(active_test=False)
    records = commissions.search([])
    for fname in ("state", "amount"):
        env.add_to_compute(commissions._fields[fname], records)
    records.flush_recordset()
