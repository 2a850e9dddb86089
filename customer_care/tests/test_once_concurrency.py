import threading
from datetime import timedelta

from odoo import SUPERUSER_ID, Command, api, fields
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL, mute_logger

from ..models.care_loyalty_action import FIRST_ORDER_OCCASION
from ..models.care_referral_commission import FIRST_COMMISSION_OCCASION

COMPANY_SETTINGS = (
    "care_referral_rate",
    "care_referral_first_order_amount",
    "care_referral_months",
    "care_referral_min_payout",
    "care_referral_payout_method",
    "care_referral_payout_post",
)


@tagged("post_install", "-at_install")
class TestOnceConcurrency(TransactionCase):
    """The once rules hold when two transactions race, and neither fails.

    Each test commits its set-up data on a cursor of its own, runs two workers in
    two real transactions (the second in a thread) and removes everything it
    committed at the end, whatever happened. The first worker writes, signals the
    second and gives it 2 seconds to reach the database's rule (a unique index
    blocks it until the first commits) before committing.
    """

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------

    def _env(self, cr):
        return api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})

    def _race(self, first, second):
        """Run ``first(env)`` and ``second(env)`` in two transactions at once;
        return {"first": result, "second": result or the exception raised}."""
        first_done = threading.Event()
        outcome = {}

        def second_worker():
            first_done.wait(timeout=30)
            try:
                # Leaving the block commits; an exception rolls back.
                with self.registry.cursor() as cr:
                    # The test runner's thread holds the registry lock that a new
                    # Environment takes to find its registry: hand it the registry.
                    cr.transaction = api.Transaction(self.registry)
                    env = self._env(cr)
                    result = second(env)
                    env.flush_all()
                outcome["second"] = result
            except Exception as error:  # noqa: BLE001 - reported by the test
                outcome["second"] = error

        # The refused INSERTs of the second worker are logged as bad queries. One
        # mute over both workers' lifetime: mute_logger swaps the logger's handlers
        # and restores them on exit, so the workers' own mutes, entered and left
        # in two threads, restore each other's; this one restores the original.
        with mute_logger("odoo.sql_db"):
            thread = threading.Thread(target=second_worker)
            thread.start()
            try:
                with self.registry.cursor() as cr:
                    env = self._env(cr)
                    try:
                        outcome["first"] = first(env)
                        env.flush_all()
                    finally:
                        first_done.set()
                    # Give the second worker the time to reach the database's
                    # rule; leaving the block commits the first worker's work.
                    thread.join(timeout=2)
            finally:
                first_done.set()
                thread.join(timeout=60)
        self.assertFalse(thread.is_alive(), "The second worker never finished.")
        return outcome

    def assertCommitted(self, outcome):
        self.assertNotIsInstance(
            outcome.get("second"),
            Exception,
            f"The second transaction failed: {outcome.get('second')!r}",
        )
        self.assertIn("second", outcome)

    def _setup(self, build):
        """Commit what ``build(env, made)`` makes; ``made`` lists it for cleanup.
        Nothing is committed when it fails."""
        made = {
            key: []
            for key in ("partners", "journals", "moves", "orders", "products", "types")
        }
        with self.registry.cursor() as cr:
            env = self._env(cr)
            company = env.ref("base.main_company")
            made["company"] = company.id
            # As stored (empty included, as text: numerics keep their scale), to
            # put back exactly.
            cr.execute(
                SQL(
                    "SELECT %s FROM res_company WHERE id = %s",
                    SQL(", ").join(
                        SQL("%s::text", SQL.identifier(f)) for f in COMPANY_SETTINGS
                    ),
                    company.id,
                )
            )
            made["settings"] = cr.fetchone()
            company.write(
                {
                    "care_referral_rate": 5.0,
                    "care_referral_first_order_amount": 0.0,
                    "care_referral_months": 12,
                    "care_referral_min_payout": 0.0,
                    "care_referral_payout_method": "vendor_bill",
                    "care_referral_payout_post": False,
                }
            )
            build(env, made)
            env.flush_all()
        return made

    def _cleanup(self, made):
        """Remove what the set-up and the workers committed; restore the company."""
        with self.registry.cursor() as cr:
            env = self._env(cr)
            partners = env["res.partner"].with_context(active_test=False)
            partners = partners.browse(made["partners"]).exists()
            orders = env["sale.order"].browse(made["orders"]).exists()
            actions = (
                env["care.loyalty.action"]
                .with_context(active_test=False)
                .search(
                    [
                        "|",
                        ("partner_id", "child_of", partners.ids),
                        ("sale_order_id", "in", orders.ids),
                    ]
                )
            )
            actions.unlink()
            Move = env["account.move"].with_context(force_delete=True)
            payouts = Move.search(
                [
                    ("partner_id", "in", partners.ids),
                    ("care_is_referral_payout", "=", True),
                ]
            )
            payouts.filtered(lambda m: m.state == "posted").button_draft()
            payouts.unlink()
            commissions = env["care.referral.commission"].search(
                [
                    "|",
                    ("partner_id", "in", partners.ids),
                    ("referrer_id", "in", partners.ids),
                ]
            )
            commissions.write({"approval_state": "cancelled"})
            commissions.unlink()
            moves = Move.browse(made["moves"]).exists()
            moves.filtered(lambda m: m.state != "draft").button_draft()
            moves.unlink()
            for order in orders:
                if order.state != "cancel":
                    order._action_cancel()
            orders.unlink()
            env["care.loyalty.action.type"].browse(made["types"]).exists().unlink()
            products = env["product.product"].browse(made["products"]).exists()
            templates = products.product_tmpl_id
            products.unlink()
            templates.exists().unlink()
            env["account.journal"].browse(made["journals"]).exists().unlink()
            partners.filtered("parent_id").unlink()
            partners.exists().unlink()
            env.flush_all()
            cr.execute(
                SQL(
                    "UPDATE res_company SET (%s) = %s WHERE id = %s",
                    SQL(", ").join(map(SQL.identifier, COMPANY_SETTINGS)),
                    made["settings"],
                    made["company"],
                )
            )
            env.invalidate_all()

    def _run(self, build, race, check):
        made = self._setup(build)
        try:
            outcome = race(made)
            with self.registry.cursor() as cr:
                check(self._env(cr), made, outcome)
        finally:
            self._cleanup(made)

    # Set-up pieces --------------------------------------------------------

    def _sale_journals(self, env, made, count):
        """Sales journals of their own: each numbers its invoices apart."""
        company = env.ref("base.main_company")
        existing = env["account.journal"].search(
            [("type", "=", "sale"), ("company_id", "=", company.id)], limit=1
        )
        account = existing.default_account_id or env["account.account"].search(
            [("account_type", "=", "income"), ("company_ids", "in", company.id)],
            limit=1,
        )
        self.assertTrue(account, "The main company has no income account.")
        journals = env["account.journal"].create(
            [
                {
                    "name": f"Once Race Sales {index}",
                    "code": f"ORS{index}",
                    "type": "sale",
                    "company_id": company.id,
                    "default_account_id": account.id,
                }
                for index in range(1, count + 1)
            ]
        )
        made["journals"] += journals.ids
        return journals

    def _referral(self, env, made):
        """A referrer and the company it referred a month ago."""
        today = fields.Date.context_today(env["res.partner"])
        referrer = env["res.partner"].create({"name": "Once Race Referrer"})
        made["partners"].append(referrer.id)
        referred = env["res.partner"].create(
            {
                "name": "Once Race Referred Ltd",
                "is_company": True,
                "care_referred_by_id": referrer.id,
                "care_referral_date": today - timedelta(days=30),
            }
        )
        made["partners"].append(referred.id)
        return referrer, referred

    def _invoice(self, env, made, partner, journal, amount=1000.0):
        invoice = env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": partner.id,
                "journal_id": journal.id,
                "invoice_date": fields.Date.context_today(partner),
                "invoice_line_ids": [
                    Command.create(
                        {
                            "name": "Once race service",
                            "quantity": 1.0,
                            "price_unit": amount,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
        )
        made["moves"].append(invoice.id)
        return invoice

    def _referral_thanks_type(self, env, made):
        action_type = env.ref(
            "customer_care.care_loyalty_action_type_referral_reward",
            raise_if_not_found=False,
        )
        if action_type and action_type.active:
            return action_type
        action_type = env["care.loyalty.action.type"].create(
            {
                "name": "Once Race Referral Thanks",
                "kind": "referral_reward",
                "channel": "phone",
                "trigger": "manual",
            }
        )
        made["types"].append(action_type.id)
        return action_type

    # ------------------------------------------------------------------
    # Tests
    # ------------------------------------------------------------------

    def test_first_order_thank_you_once_for_two_orders_at_once(self):
        def build(env, made):
            action_type = env.ref(
                "customer_care.care_loyalty_action_type_thank_you",
                raise_if_not_found=False,
            )
            if not (
                action_type
                and action_type.active
                and action_type.trigger == "first_order"
                and not action_type.company_id
            ):
                action_type = env["care.loyalty.action.type"].create(
                    {
                        "name": "Once Race First Order Call",
                        "kind": "thank_you",
                        "channel": "phone",
                        "trigger": "first_order",
                    }
                )
                made["types"].append(action_type.id)
            made["type"] = action_type.id
            customer = env["res.partner"].create(
                {"name": "Once Race Trading", "is_company": True}
            )
            made["partners"].append(customer.id)
            contacts = env["res.partner"].create(
                [
                    {"name": "Once Race Buyer An", "parent_id": customer.id},
                    {"name": "Once Race Buyer Binh", "parent_id": customer.id},
                ]
            )
            made["partners"] += contacts.ids
            made["customer"] = customer.id
            product = env["product.product"].create(
                {"name": "Once Race Service", "type": "service", "list_price": 100.0}
            )
            made["products"].append(product.id)
            orders = env["sale.order"].create(
                [
                    {
                        "partner_id": contact.id,
                        "order_line": [
                            Command.create(
                                {"product_id": product.id, "product_uom_qty": 1.0}
                            )
                        ],
                    }
                    for contact in contacts
                ]
            )
            made["orders"] += orders.ids

        def race(made):
            def confirm(index):
                def worker(env):
                    env["sale.order"].browse(made["orders"][index]).action_confirm()

                return worker

            return self._race(confirm(0), confirm(1))

        def check(env, made, outcome):
            self.assertCommitted(outcome)
            orders = env["sale.order"].browse(made["orders"])
            self.assertEqual(orders.mapped("state"), ["sale", "sale"])
            thanks = env["care.loyalty.action"].search(
                [
                    ("type_id", "=", made["type"]),
                    ("occasion", "=", f"{FIRST_ORDER_OCCASION}{made['customer']}"),
                ]
            )
            self.assertEqual(len(thanks), 1)
            self.assertIn(thanks.sale_order_id, orders)

        self._run(build, race, check)

    def test_first_order_bonus_once_for_two_invoices_posted_at_once(self):
        def build(env, made):
            env.ref("base.main_company").write(
                {"care_referral_first_order_amount": 50.0, "care_referral_rate": 5.0}
            )
            _referrer, referred = self._referral(env, made)
            journals = self._sale_journals(env, made, 2)
            for journal in journals:
                self._invoice(env, made, referred, journal)
            made["referred"] = referred.id

        def race(made):
            def post(index):
                def worker(env):
                    env["account.move"].browse(made["moves"][index]).action_post()

                return worker

            return self._race(post(0), post(1))

        def check(env, made, outcome):
            self.assertCommitted(outcome)
            invoices = env["account.move"].browse(made["moves"])
            self.assertEqual(invoices.mapped("state"), ["posted", "posted"])
            commissions = env["care.referral.commission"].search(
                [("partner_id", "=", made["referred"])]
            )
            self.assertEqual(commissions.move_id, invoices)
            self.assertEqual(sorted(commissions.mapped("fixed_amount")), [0.0, 50.0])
            self.assertEqual(sorted(commissions.mapped("amount")), [50.0, 100.0])

        self._run(build, race, check)

    def test_one_commission_for_an_invoice_synced_twice_at_once(self):
        def build(env, made):
            _referrer, referred = self._referral(env, made)
            journal = self._sale_journals(env, made, 1)
            invoice = self._invoice(env, made, referred, journal)
            invoice.action_post()
            # Its commission goes: the two workers make it again at the same time.
            commission = env["care.referral.commission"].search(
                [("move_id", "=", invoice.id)]
            )
            self.assertEqual(len(commission), 1)
            commission.unlink()

        def race(made):
            def sync(env):
                move = env["account.move"].browse(made["moves"][0])
                return env["care.referral.commission"]._sync_from_moves(move).ids

            return self._race(sync, sync)

        def check(env, made, outcome):
            self.assertCommitted(outcome)
            commissions = env["care.referral.commission"].search(
                [("move_id", "=", made["moves"][0])]
            )
            self.assertEqual(len(commissions), 1)
            self.assertEqual(commissions.amount, 50.0)
            self.assertEqual(outcome["first"], commissions.ids)
            # The second worker skipped the line the first one made.
            self.assertEqual(outcome["second"], [])

        self._run(build, race, check)

    def test_one_payout_for_commissions_paid_twice_at_once(self):
        def build(env, made):
            referrer, referred = self._referral(env, made)
            journal = self._sale_journals(env, made, 1)
            invoice = self._invoice(env, made, referred, journal)
            invoice.action_post()
            commission = env["care.referral.commission"].search(
                [("move_id", "=", invoice.id)]
            )
            self.assertEqual(len(commission), 1)
            commission.action_approve()
            made["commissions"] = commission.ids
            made["referrer"] = referrer.id

        def race(made):
            def pay(env):
                commissions = env["care.referral.commission"].browse(
                    made["commissions"]
                )
                commissions._pay()
                return commissions.payout_move_id.ids

            return self._race(pay, pay)

        def check(env, made, outcome):
            second = outcome.get("second")
            self.assertIsInstance(second, UserError, f"Not refused: {second!r}")
            self.assertIn("Somebody is paying these commissions", str(second))
            payouts = env["account.move"].search(
                [
                    ("partner_id", "=", made["referrer"]),
                    ("care_is_referral_payout", "=", True),
                ]
            )
            self.assertEqual(len(payouts), 1)
            self.assertEqual(payouts.ids, outcome["first"])
            self.assertRecordValues(
                payouts,
                [{"move_type": "in_invoice", "state": "draft", "amount_total": 50.0}],
            )
            commissions = env["care.referral.commission"].browse(made["commissions"])
            self.assertEqual(commissions.payout_move_id, payouts)

        self._run(build, race, check)

    def test_one_referral_thanks_for_two_commissions_approved_at_once(self):
        def build(env, made):
            made["type"] = self._referral_thanks_type(env, made).id
            referrer, referred = self._referral(env, made)
            journals = self._sale_journals(env, made, 2)
            invoices = env["account.move"]
            for journal in journals:
                invoices |= self._invoice(env, made, referred, journal)
            invoices.action_post()
            commissions = env["care.referral.commission"].search(
                [("move_id", "in", invoices.ids)], order="id"
            )
            self.assertEqual(len(commissions), 2)
            made["commissions"] = commissions.ids
            made["referrer"] = referrer.id

        def race(made):
            def approve(index):
                def worker(env):
                    env["care.referral.commission"].browse(
                        made["commissions"][index]
                    ).action_approve()

                return worker

            return self._race(approve(0), approve(1))

        def check(env, made, outcome):
            self.assertCommitted(outcome)
            commissions = env["care.referral.commission"].browse(made["commissions"])
            self.assertEqual(
                commissions.mapped("approval_state"), ["approved", "approved"]
            )
            thanks = env["care.loyalty.action"].search(
                [
                    ("partner_id", "=", made["referrer"]),
                    ("occasion", "=", FIRST_COMMISSION_OCCASION),
                ]
            )
            self.assertEqual(len(thanks), 1)
            self.assertEqual(thanks.type_id.id, made["type"])

        self._run(build, race, check)


@tagged("post_install", "-at_install")
class TestComplaintIntakeConcurrency(TransactionCase):
    """One e-mail delivered twice at the same moment opens one complaint."""

    _env = TestOnceConcurrency._env
    _race = TestOnceConcurrency._race
    assertCommitted = TestOnceConcurrency.assertCommitted

    RAW = (
        "From: Twice <twice.sender@example.com>\n"
        "To: {alias}@{domain}\n"
        "Subject: Delivered twice\n"
        "Message-ID: <{key}@example.com>\n"
        "Content-Type: text/plain; charset=utf-8\n\n"
        "The same e-mail, delivered twice.\n"
    )

    def test_same_email_twice_at_once_opens_one_complaint(self):
        key = f"care-twice-{fields.Datetime.now().timestamp()}"
        with self.registry.cursor() as cr:
            env = self._env(cr)
            company = env.ref("base.main_company")
            domain = company.alias_domain_id or env["mail.alias.domain"].create(
                {"name": "twice.example.com"}
            )
            previous_domain = company.alias_domain_id.id
            company.alias_domain_id = domain
            team = env["crm.team"].create(
                {"name": "Twice Team", "company_id": company.id}
            )
            team.care_complaint_alias_name = key
            raw = self.RAW.format(alias=key, domain=domain.name, key=key)

        def deliver(env):
            return env["mail.thread"].message_process(None, raw)

        try:
            outcome = self._race(deliver, deliver)
            self.assertCommitted(outcome)
            with self.registry.cursor() as cr:
                complaints = self._env(cr)["care.complaint"].search(
                    [("team_id", "=", team.id)]
                )
                self.assertEqual(len(complaints), 1)
                self.assertEqual(outcome["first"], complaints.id)
                self.assertFalse(outcome["second"])
        finally:
            with self.registry.cursor() as cr:
                env = self._env(cr)
                env["care.complaint"].search([("team_id", "=", team.id)]).unlink()
                env["mail.message"].search(
                    [("message_id", "=", f"<{key}@example.com>")]
                ).unlink()
                team = env["crm.team"].browse(team.id)
                team.unlink()
                company = env.ref("base.main_company")
                if company.alias_domain_id.id != previous_domain:
                    created = company.alias_domain_id
                    company.alias_domain_id = previous_domain
                    created.unlink()
