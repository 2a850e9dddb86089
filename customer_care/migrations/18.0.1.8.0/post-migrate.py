"""18.0.1.8.0: every complaint answers to an access token from its creation; the
complaints filed before (by the portal or by e-mail) get theirs. The receipt
date is no longer written by hand: the dates written before that could not
have been (in the future, or after the resolution) are listed in the log, and
left as they are for a manager to look at."""

import logging
import uuid

from odoo.tools import SQL

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    if not version:
        return
    cr.execute("SELECT id FROM care_complaint WHERE access_token IS NULL")
    ids = [row[0] for row in cr.fetchall()]
    for complaint_id in ids:
        cr.execute(
            SQL(
                "UPDATE care_complaint SET access_token = %s WHERE id = %s",
                str(uuid.uuid4()),
                complaint_id,
            )
        )
    _logger.info("customer_care: access tokens given to %s complaints", len(ids))
    cr.execute(
        """SELECT id, reference, date_received, date_resolved
             FROM care_complaint
            WHERE date_received > now() AT TIME ZONE 'UTC'
               OR date_received > date_resolved
            ORDER BY id"""
    )
    for complaint_id, reference, received, resolved in cr.fetchall():
        _logger.info(
            "customer_care: complaint %s (id %s) received on %s, resolved on %s: "
            "a receipt date written by hand, kept as it is",
            reference,
            complaint_id,
            received,
            resolved,
        )
