from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import ReferralCommon


@tagged("post_install", "-at_install")
class TestReferralCommission(ReferralCommon):
    def test_posting_an_invoice_creates_its_commission(self):
        invoice = self.make_invoice(self.referred, 1000.0)
        commission = self.commission_of(invoice)
        self.assertRecordValues(
            commission,
            [
                {
                    "referrer_id": self.referrer.id,
                    "partner_id": self.referred.id,
                    "move_type": "out_invoice",
                    "date": invoice.invoice_date,
                    "company_id": self.company.id,
                    "currency_id": self.company.currency_id.id,
                    "base_amount": 1000.0,
                    "rate": 5.0,
                    "amount": 50.0,
                    "state": "draft",
                }
            ],
        )

    def test_the_base_is_untaxed(self):
        invoice = self.make_invoice(self.referred, 1000.0, taxes=self.tax_sale_a)
        self.assertGreater(invoice.amount_total, 1000.0)
        self.assertEqual(self.commission_of(invoice).base_amount, 1000.0)

    def test_no_commission_without_referral(self):
        invoice = self.make_invoice(self.stranger, 1000.0)
        bill = self.make_invoice(self.referred, 1000.0, move_type="in_invoice")
        self.assertFalse(self.commission_of(invoice))
        self.assertFalse(self.commission_of(bill))

    def test_the_referrer_rate_overrides_the_company_rate(self):
        self.referrer.care_referral_rate = 12.5
        invoice = self.make_invoice(self.referred, 400.0)
        self.assertRecordValues(
            self.commission_of(invoice), [{"rate": 12.5, "amount": 50.0}]
        )

    def test_a_contact_of_a_referred_company_earns_for_its_referrer(self):
        contact = self.env["res.partner"].create(
            {"name": "Buyer of Phuong", "parent_id": self.referred.id}
        )
        invoice = self.make_invoice(contact, 200.0)
        self.assertRecordValues(
            self.commission_of(invoice),
            [{"referrer_id": self.referrer.id, "partner_id": self.referred.id}],
        )

    def test_a_credit_note_makes_a_negative_line(self):
        invoice = self.make_invoice(self.referred, 1000.0)
        credit_note = self.make_invoice(
            self.referred, 300.0, date="2026-03-20", move_type="out_refund"
        )
        self.assertRecordValues(
            self.commission_of(credit_note),
            [
                {
                    "move_type": "out_refund",
                    "base_amount": -300.0,
                    "amount": -15.0,
                    "state": "draft",
                }
            ],
        )
        self.assertEqual(self.commission_of(invoice).amount, 50.0)

    def test_reset_to_draft_cancels_and_reposting_reuses_the_line(self):
        invoice = self.make_invoice(self.referred, 1000.0)
        commission = self.commission_of(invoice)
        commission.action_approve()
        invoice.button_draft()
        self.assertEqual(commission.state, "cancelled")
        invoice.invoice_line_ids.price_unit = 2000.0
        invoice.action_post()
        self.assertEqual(self.commission_of(invoice), commission)
        self.assertRecordValues(
            commission, [{"state": "draft", "base_amount": 2000.0, "amount": 100.0}]
        )
        for _round in range(3):
            invoice.button_draft()
            invoice.action_post()
        self.assertEqual(self.commission_of(invoice), commission)
        self.assertEqual(commission.state, "draft")

    def test_cancelling_the_invoice_cancels_its_line(self):
        invoice = self.make_invoice(self.referred, 1000.0)
        invoice.button_cancel()
        self.assertEqual(self.commission_of(invoice).state, "cancelled")

    def test_reversing_with_cancel_nets_to_zero(self):
        invoice = self.make_invoice(self.referred, 1000.0)
        credit_note = invoice._reverse_moves(cancel=True)
        self.assertEqual(credit_note.state, "posted")
        commissions = self.commission_of(invoice) | self.commission_of(credit_note)
        self.assertEqual(sum(commissions.mapped("amount")), 0.0)

    def test_resetting_an_invoice_whose_commission_is_paid_is_refused(self):
        invoice = self.make_invoice(self.referred, 1000.0)
        commission = self.commission_of(invoice)
        commission.action_approve()
        self.company.care_referral_payout_post = True
        self.pay(commission)
        with self.assertRefused(UserError, "is on a payout to Referrer Lan"):
            invoice.button_draft()
        self.assertEqual(invoice.state, "posted")
        self.assertEqual(commission.state, "billed")
        # The way to take it back: a credit note.
        credit_note = self.refund(invoice)
        self.assertEqual(self.commission_of(credit_note).amount, -50.0)

    def test_earning_window_edges(self):
        inside = {
            "2026-01-15": True,  # the referral date itself
            "2026-01-14": False,  # before the referral
            "2027-01-14": True,  # last day of the 12 months
            "2027-01-15": False,  # 12 months after
        }
        for date, earns in inside.items():
            with self.subTest(date=date):
                invoice = self.make_invoice(self.referred, 100.0, date=date)
                self.assertEqual(bool(self.commission_of(invoice)), earns)

    def test_no_end_when_the_window_is_zero(self):
        self.company.care_referral_months = 0
        invoice = self.make_invoice(self.referred, 100.0, date="2031-06-01")
        self.assertTrue(self.commission_of(invoice))

    def test_another_currency_is_converted_at_the_invoice_date_rate(self):
        foreign = self.setup_other_currency(
            "EUR", rates=[("2026-01-01", 2.0), ("2026-06-01", 4.0)]
        )
        invoice = self.make_invoice(
            self.referred, 1000.0, date="2026-03-10", currency=foreign
        )
        self.assertRecordValues(
            self.commission_of(invoice),
            [
                {
                    "invoice_currency_id": foreign.id,
                    "invoice_amount_untaxed": 1000.0,
                    "currency_id": self.company.currency_id.id,
                    "base_amount": 500.0,
                    "amount": 25.0,
                }
            ],
        )
        later = self.make_invoice(
            self.referred, 1000.0, date="2026-07-01", currency=foreign
        )
        self.assertEqual(self.commission_of(later).base_amount, 250.0)

    def test_amounts_follow_the_currency_rounding(self):
        self.referrer.care_referral_rate = 7.5
        invoice = self.make_invoice(self.referred, 33.33)
        commission = self.commission_of(invoice)
        # 33.33 x 7.5 % = 2.49975
        self.assertEqual(commission.amount, 2.5)
        self.assertTrue(self.company.currency_id.is_zero(commission.amount - 2.5))
        credit_note = self.make_invoice(
            self.referred, 33.33, date="2026-03-11", move_type="out_refund"
        )
        self.assertEqual(self.commission_of(credit_note).amount, -2.5)

    def test_the_first_order_bonus_is_earned_once(self):
        self.company.care_referral_first_order_amount = 20.0
        first = self.make_invoice(self.referred, 100.0, date="2026-02-01")
        second = self.make_invoice(self.referred, 100.0, date="2026-02-02")
        self.assertRecordValues(
            self.commission_of(first) | self.commission_of(second),
            [
                {"fixed_amount": 20.0, "amount": 25.0},
                {"fixed_amount": 0.0, "amount": 5.0},
            ],
        )
        # A full refund of the first invoice takes the bonus back.
        credit_note = self.refund(first)
        self.assertRecordValues(
            self.commission_of(credit_note), [{"fixed_amount": -20.0, "amount": -25.0}]
        )

    def test_first_order_bonus_in_one_batch_and_after_a_reset(self):
        self.company.care_referral_first_order_amount = 20.0
        first = self.make_invoice(self.referred, 100.0, date="2026-02-01", post=False)
        second = self.make_invoice(self.referred, 100.0, date="2026-02-03", post=False)
        (second | first).action_post()
        self.assertEqual(self.commission_of(first).fixed_amount, 20.0)
        self.assertEqual(self.commission_of(second).fixed_amount, 0.0)
        # The first invoice is withdrawn: the next one posted carries the bonus.
        first.button_draft()
        third = self.make_invoice(self.referred, 100.0, date="2026-02-05")
        self.assertEqual(self.commission_of(third).fixed_amount, 20.0)
        first.action_post()
        self.assertEqual(self.commission_of(first).fixed_amount, 0.0)

    def test_a_rate_outside_0_100_is_refused(self):
        commission = self.commission_of(self.make_invoice(self.referred, 100.0))
        for rate in (-1.0, 100.5):
            with (
                self.subTest(rate=rate),
                self.assertRefused(
                    ValidationError, "is a percentage between 0 and 100"
                ),
            ):
                commission.rate = rate
        self.assertEqual(commission.rate, 5.0)

    def test_an_accountant_without_customer_care_posts_invoices(self):
        invoice = self.make_invoice(self.referred, 100.0, post=False)
        invoice.with_user(self.user_accountant).action_post()
        self.assertEqual(self.commission_of(invoice).amount, 5.0)
        invoice.with_user(self.user_accountant).button_draft()
        self.assertEqual(self.commission_of(invoice).state, "cancelled")

    def test_posting_in_batch_costs_the_same_queries_for_2_and_8_invoices(self):
        customers = self.env["res.partner"].create(
            [
                {
                    "name": f"Batch customer {index}",
                    "care_referred_by_id": self.referrer.id,
                    "care_referral_date": "2026-01-01",
                }
                for index in range(12)
            ]
        )
        self.company.care_referral_first_order_amount = 10.0
        moves = self.env["account.move"]
        for customer in customers:
            moves |= self.make_invoice(customer, 100.0)
        # Measure the commission step alone, on invoices already posted.
        commissions = self.env["care.referral.commission"].search(
            [("move_id", "in", moves.ids)]
        )
        self.assertEqual(len(commissions), 12)
        commissions.sudo().unlink()
        Commission = self.env["care.referral.commission"]

        def count(batch, first_posts=None):
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            Commission._sync_from_moves(batch, first_posts=first_posts)
            self.env.flush_all()
            return self.env.cr.sql_log_count - before

        # Invoices posted again: their commissions are looked for. The first batch
        # warms the registry's caches up; 2 and 8 invoices follow.
        count(moves[:2])
        self.assertEqual(count(moves[2:4]), count(moves[4:]))
        self.assertEqual(Commission.search_count([("move_id", "in", moves.ids)]), 12)
        # Invoices posted for the first time: no lookup, the same count for 2 and 8.
        Commission.search([("move_id", "in", moves.ids)]).sudo().unlink()
        count(moves[:2], set(moves[:2].ids))
        first_2 = count(moves[2:4], set(moves[2:4].ids))
        self.assertEqual(first_2, count(moves[4:], set(moves[4:].ids)))
        # With a cold cache: moves, partners, referrers, companies, one INSERT,
        # and the savepoint in which the database decides the once rules.
        self.assertLessEqual(first_2, 9)
        self.assertEqual(Commission.search_count([("move_id", "in", moves.ids)]), 12)

    def test_invoices_of_customers_nobody_referred_cost_no_query(self):
        invoice = self.make_invoice(self.stranger, 100.0)
        with self.assertQueryCount(0):
            self.env["care.referral.commission"]._sync_from_moves(invoice)
