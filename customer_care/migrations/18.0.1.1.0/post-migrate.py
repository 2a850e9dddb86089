"""18.0.1.1.0: mark the payout documents made so far (they never earn a commission
themselves), then recompute the commissions' status from the decision and the
payout document (see pre-migrate.py).

The amounts are kept as they are: some may be on posted bills. Those that differ
from base x rate + bonus (written directly before this version) are listed in the
log for accounting to check; the amount is recomputed when base, rate or bonus
change next.
"""

import logging

from odoo import SUPERUSER_ID, api

_logger = logging.getLogger(__name__)


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
    env.add_to_compute(commissions._fields["state"], records)
    records.flush_recordset()
    cr.execute(
        """
        SELECT c.id FROM care_referral_commission c
          JOIN res_currency cur ON cur.id = c.currency_id
         WHERE ROUND(c.amount::numeric, cur.decimal_places)
            <> ROUND((COALESCE(c.base_amount, 0) * COALESCE(c.rate, 0) / 100
                      + COALESCE(c.fixed_amount, 0))::numeric, cur.decimal_places)
        """
    )
    differing = [row[0] for row in cr.fetchall()]
    if differing:
        _logger.info(
            "Referral commissions whose amount differs from base x rate + bonus "
            "(kept as they are, to check): %s",
            differing,
        )
