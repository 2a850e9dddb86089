from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import ReferralCommon


@tagged("post_install", "-at_install")
class TestReferralPayout(ReferralCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Most tests post the payout at once; the default (drafts) has its own.
        cls.company.care_referral_payout_post = True

    def approved(self, *moves):
        commissions = self.env["care.referral.commission"].search(
            [("move_id", "in", [move.id for move in moves])]
        )
        commissions.action_approve()
        return commissions

    def payouts(self):
        return self.env["account.move"].search(
            [("partner_id", "in", (self.referrer | self.referrer_2).ids)]
        )

    def test_paying_creates_one_bill_for_the_approved_total(self):
        self.product_a.supplier_taxes_id = [Command.set(self.tax_purchase_a.ids)]
        self.company.care_referral_product_id = self.product_a
        invoices = [
            self.make_invoice(self.referred, 1000.0),
            self.make_invoice(self.referred, 333.33, date="2026-03-12"),
        ]
        credit_note = self.make_invoice(
            self.referred, 100.0, date="2026-03-15", move_type="out_refund"
        )
        commissions = self.approved(*invoices, credit_note)
        self.assertEqual(sum(commissions.mapped("amount")), 61.67)
        self.pay(commissions, self.user_care_payer)
        bill = commissions.payout_move_id
        self.assertEqual(len(bill), 1)
        self.assertRecordValues(
            bill,
            [
                {
                    "move_type": "in_invoice",
                    "partner_id": self.referrer.id,
                    "state": "posted",
                    "amount_untaxed": 61.67,
                    "amount_total": 61.67,
                    "currency_id": self.company.currency_id.id,
                }
            ],
        )
        self.assertEqual(len(bill.invoice_line_ids), 3)
        self.assertEqual(bill.invoice_line_ids.product_id, self.product_a)
        self.assertFalse(bill.invoice_line_ids.tax_ids)
        # Posted, not paid yet: accounting pays the bill.
        self.assertEqual(set(commissions.mapped("state")), {"billed"})
        self.assertTrue(all(commissions.mapped("paid_date")))

    def test_the_shipped_product_and_a_configured_account_are_used(self):
        account = self.copy_account(self.company_data["default_account_expense"])
        self.company.care_referral_account_id = account
        commissions = self.approved(self.make_invoice(self.referred, 1000.0))
        self.pay(commissions)
        line = commissions.payout_move_id.invoice_line_ids
        self.assertEqual(
            line.product_id,
            self.env.ref("customer_care.product_product_care_referral_commission"),
        )
        self.assertEqual(line.account_id, account)

    def test_one_bill_per_referrer(self):
        commissions = self.approved(
            self.make_invoice(self.referred, 1000.0),
            self.make_invoice(self.referred_2, 500.0),
        )
        self.pay(commissions)
        self.assertEqual(len(commissions.payout_move_id), 2)
        self.assertEqual(
            commissions.payout_move_id.partner_id, self.referrer | self.referrer_2
        )

    def test_paying_paid_lines_is_refused_and_writes_nothing(self):
        first = self.approved(self.make_invoice(self.referred, 1000.0))
        self.pay(first)
        second = self.approved(self.make_invoice(self.referred, 200.0))
        bills = self.payouts()
        with self.assertRefused(UserError, "already on a payout"):
            self.pay(first | second)
        self.assertEqual(self.payouts(), bills)
        self.assertEqual(second.state, "approved")

    def test_lines_not_approved_are_not_paid(self):
        invoice = self.make_invoice(self.referred, 1000.0)
        with self.assertRefused(UserError, "Only approved commissions are paid"):
            self.pay(self.commission_of(invoice))
        self.assertFalse(self.payouts())

    def test_below_the_minimum_nothing_is_paid(self):
        self.company.care_referral_min_payout = 100.0
        commissions = self.approved(self.make_invoice(self.referred, 1000.0))
        with self.assertRefused(UserError, "below the minimum payout"):
            self.pay(commissions)
        self.assertFalse(self.payouts())
        self.assertEqual(commissions.state, "approved")
        # Reaching the minimum pays it all.
        more = self.approved(self.make_invoice(self.referred, 1000.0))
        self.pay(commissions | more)
        self.assertEqual(commissions.payout_move_id.amount_total, 100.0)

    def test_a_referrer_below_the_minimum_waits_while_others_are_paid(self):
        self.company.care_referral_min_payout = 30.0
        enough = self.approved(self.make_invoice(self.referred, 1000.0))
        short = self.approved(self.make_invoice(self.referred_2, 100.0))
        result = self.pay(enough | short)
        self.assertEqual(result["tag"], "display_notification")
        self.assertIn("Referrer Minh", result["params"]["message"])
        self.assertEqual(result["params"]["next"]["res_model"], "account.move")
        self.assertEqual(enough.state, "billed")
        self.assertEqual(short.state, "approved")
        self.assertFalse(short.payout_move_id)

    def test_commissions_of_two_companies_are_not_paid_together(self):
        other = self.setup_other_company(name="Referral Company B")["company"]
        self.env.user.company_ids |= other
        commissions = self.approved(self.make_invoice(self.referred, 1000.0))
        other_invoice = self.make_invoice(self.referred, 1000.0, company=other)
        other_commission = self.commission_of(other_invoice)
        other_commission.action_approve()
        with self.assertRefused(UserError, "cannot be paid together"):
            self.pay(commissions | other_commission)
        self.assertFalse(self.payouts())
        self.pay(other_commission)
        self.assertEqual(other_commission.payout_move_id.company_id, other)

    def test_paying_with_a_customer_credit_note(self):
        self.company.care_referral_payout_method = "customer_credit"
        # The referrer was referred too: its payout earns its own referrer nothing.
        self.referrer.write(
            {
                "care_referred_by_id": self.referrer_2.id,
                "care_referral_date": "2026-01-01",
            }
        )
        commissions = self.approved(self.make_invoice(self.referred, 1000.0))
        self.pay(commissions)
        self.assertRecordValues(
            commissions.payout_move_id,
            [
                {
                    "move_type": "out_refund",
                    "partner_id": self.referrer.id,
                    "amount_total": 50.0,
                }
            ],
        )
        self.assertFalse(self.commission_of(commissions.payout_move_id))
        payout = commissions.payout_move_id
        payout.button_draft()
        payout.action_post()
        self.assertFalse(self.commission_of(payout))

    def test_cancelling_the_bill_makes_the_commission_owed_again(self):
        commissions = self.approved(self.make_invoice(self.referred, 1000.0))
        self.pay(commissions)
        bill = commissions.payout_move_id
        bill.button_cancel()
        self.assertRecordValues(
            commissions, [{"state": "approved", "payout_move_id": False}]
        )
        self.assertIn(bill.name, commissions.message_ids[0].body)
        self.pay(commissions)
        self.assertNotEqual(commissions.payout_move_id, bill)
        self.assertEqual(commissions.state, "billed")

    def test_only_managers_with_billing_rights_approve_and_pay(self):
        commission = self.commission_of(self.make_invoice(self.referred, 1000.0))
        with self.assertRefused(AccessError, "Only customer care managers"):
            commission.with_user(self.user_care).action_approve()
        commission.with_user(self.user_care_manager).action_approve()
        with self.assertRefused(AccessError, "Only customer care managers"):
            commission.with_user(self.user_care).action_pay()
        for manager in (self.user_care_manager, self.user_sales_admin):
            with self.assertRefused(AccessError, "Invoicing rights"):
                commission.with_user(manager).action_pay()
        self.assertFalse(self.payouts())
        self.pay(commission, self.user_care_payer)
        self.assertEqual(commission.state, "billed")
        self.assertEqual(commission.payout_move_id.create_uid, self.user_care_payer)

    def test_the_first_approval_plans_one_referral_thanks(self):
        first = self.make_invoice(self.referred, 1000.0)
        second = self.make_invoice(self.referred, 500.0, date="2026-03-20")
        self.approved(first)
        self.approved(second)
        actions = self.env["care.loyalty.action"].search(
            [("partner_id", "=", self.referrer.id)]
        )
        self.assertRecordValues(
            actions,
            [
                {
                    "type_id": self.env.ref(
                        "customer_care.care_loyalty_action_type_referral_reward"
                    ).id,
                    "state": "planned",
                    "user_id": self.user_care.id,
                }
            ],
        )

    def test_approve_cancel_and_back_to_approval(self):
        invoice = self.make_invoice(self.referred, 1000.0)
        commission = self.commission_of(invoice)
        commission.action_approve()
        with self.assertRefused(UserError, "Only commissions to approve"):
            commission.action_approve()
        commission.action_cancel()
        self.assertEqual(commission.state, "cancelled")
        commission.action_reset_draft()
        self.assertEqual(commission.state, "draft")
        self.assertFalse(commission.approved_by_id)
        commission.action_approve()
        self.pay(commission)
        with self.assertRefused(UserError, "cancel or reset"):
            commission.action_cancel()
        with self.assertRefused(UserError):
            commission.unlink()

    def test_by_default_the_payout_is_a_draft_and_the_commissions_follow_it(self):
        self.company.care_referral_payout_post = False
        commissions = self.approved(self.make_invoice(self.referred, 1000.0))
        action = commissions.with_user(self.user_care_payer).action_pay()
        wizard = self.env["care.referral.payout"].browse(action["res_id"])
        # The dialog shows who gets what before anything exists.
        self.assertFalse(self.payouts())
        self.assertEqual((wizard.total, wizard.document_count), (50.0, 1))
        self.assertIn("Referrer Lan", wizard.summary)
        wizard.with_user(self.user_care_payer).action_confirm()
        bill = commissions.payout_move_id
        self.assertEqual(bill.state, "draft")
        self.assertEqual(commissions.state, "approved")
        # Pressing Pay again does not make a second bill.
        with self.assertRefused(UserError, "already on a payout"):
            commissions.with_user(self.user_care_payer).action_pay()
        # Accounting validates: billed; accounting pays: paid.
        bill.with_user(self.user_accountant).action_post()
        self.assertEqual(commissions.state, "billed")
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=bill.ids
        ).create({"payment_date": bill.invoice_date})._create_payments()
        self.assertIn(bill.payment_state, ("in_payment", "paid"))
        self.assertEqual(commissions.state, "paid")

    def test_a_payout_reset_to_draft_keeps_its_commissions_approved(self):
        commissions = self.approved(self.make_invoice(self.referred, 1000.0))
        self.pay(commissions)
        bill = commissions.payout_move_id
        self.assertEqual(commissions.state, "billed")
        bill.button_draft()
        # Approved again, said in the chatter, and still on the bill: nothing
        # pays them a second time while accounting corrects it.
        self.assertRecordValues(
            commissions, [{"state": "approved", "payout_move_id": bill.id}]
        )
        self.assertIn("reset to draft", commissions.message_ids[0].body)
        with self.assertRefused(UserError, "already on a payout"):
            self.pay(commissions)
        bill.action_post()
        self.assertEqual(commissions.state, "billed")
        # Deleted while in draft: owed again, and paid anew.
        bill.button_draft()
        bill.unlink()
        self.assertRecordValues(
            commissions, [{"state": "approved", "payout_move_id": False}]
        )
        self.pay(commissions)
        self.assertEqual(commissions.state, "billed")

    def test_a_sales_administrator_cannot_change_amounts_or_produce_bills(self):
        commission = self.commission_of(self.make_invoice(self.referred, 1000.0))
        as_sales_admin = commission.with_user(self.user_sales_admin)
        for vals in (
            {"amount": 99999.0},
            {"base_amount": 99999.0},
            {"rate": 100.0},
            {"referrer_id": self.referrer_2.id},
            {"state": "approved"},
            {"approval_state": "approved"},
            {"payout_move_id": self.make_invoice(self.stranger, 1.0).id},
        ):
            with self.subTest(vals=vals), self.assertRefused(AccessError):
                as_sales_admin.write(vals)
        as_sales_admin.action_approve()
        with self.assertRefused(AccessError, "Invoicing rights"):
            as_sales_admin.action_pay()
        with self.assertRefused(AccessError):
            self.env["care.referral.payout"].with_user(self.user_sales_admin).create(
                {"commission_ids": [Command.set(commission.ids)]}
            ).action_confirm()
        self.assertRecordValues(
            commission, [{"amount": 50.0, "referrer_id": self.referrer.id}]
        )
        self.assertFalse(self.payouts())

    def test_the_amount_follows_base_rate_and_bonus(self):
        commission = self.commission_of(self.make_invoice(self.referred, 1000.0))
        self.assertEqual(commission.amount, 50.0)
        # An administrator's correction of the rate recomputes the amount.
        commission.rate = 7.5
        self.assertEqual(commission.amount, 75.0)
        commission.fixed_amount = 20.0
        self.assertEqual(commission.amount, 95.0)
