import threading
from datetime import date

from psycopg2 import IntegrityError

from odoo import SUPERUSER_ID, api, fields
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestLoyaltyConcurrency(TransactionCase):
    """Two workers planning birthday cards at the same time plan them once.

    This needs committed data and two real transactions: it works on cursors of
    its own and removes what it committed at the end.
    """

    def test_two_crons_in_parallel_plan_once(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            # The cron's "today" is in the user's time zone, not the machine's.
            today = fields.Date.context_today(env["care.loyalty.action"])
            cr.execute("SELECT COALESCE(MAX(id), 0) FROM care_loyalty_action")
            (last_action_id,) = cr.fetchone()
            partner = env["res.partner"].create(
                {
                    "name": "Concurrent Birthday",
                    "email": "concurrent@example.com",
                    "care_birthdate": today.replace(year=1988)
                    if (today.month, today.day) != (2, 29)
                    else date(1988, 2, 29),
                }
            )
        try:
            # The refused INSERT of the second worker is logged as a bad query.
            with mute_logger("odoo.sql_db"):
                self._run_two_crons()
            with self.registry.cursor() as cr:
                cr.execute(
                    "SELECT COUNT(*) FROM care_loyalty_action WHERE partner_id = %s",
                    [partner.id],
                )
                self.assertEqual(cr.fetchone()[0], 1)
        finally:
            with self.registry.cursor() as cr:
                cr.execute(
                    "DELETE FROM care_loyalty_action WHERE id > %s", [last_action_id]
                )
                cr.execute("DELETE FROM res_partner WHERE id = %s", [partner.id])

    def _run_two_crons(self):
        first_planned = threading.Event()
        outcome = {}

        def second_worker():
            first_planned.wait(timeout=30)
            try:
                # Leaving the block commits; an exception rolls back.
                with self.registry.cursor() as cr:
                    # The test runner's thread holds the registry lock that a new
                    # Environment takes to find its registry: hand it the registry.
                    cr.transaction = api.Transaction(self.registry)
                    env = api.Environment(cr, SUPERUSER_ID, {})
                    # Blocks on the unique index until the first worker commits,
                    # then skips the card the first one planned and commits.
                    env["care.loyalty.action"]._cron_plan_birthdays()
                outcome["second"] = "committed"
            except IntegrityError:
                outcome["second"] = "refused"

        thread = threading.Thread(target=second_worker)
        thread.start()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["care.loyalty.action"]._cron_plan_birthdays()
            env.flush_all()
            first_planned.set()
            # Give the second worker the time to reach the unique index; leaving
            # the block commits the first worker's cards.
            thread.join(timeout=2)
        thread.join(timeout=30)
        self.assertFalse(thread.is_alive())
        self.assertEqual(outcome.get("second"), "committed")
