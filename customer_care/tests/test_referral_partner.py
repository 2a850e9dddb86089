from freezegun import freeze_time

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import ReferralCommon


@tagged("post_install", "-at_install")
class TestReferralPartner(ReferralCommon):
    def test_a_customer_does_not_refer_itself(self):
        with self.assertRefused(ValidationError, "does not refer itself"):
            self.referrer.care_referred_by_id = self.referrer
        contact = self.env["res.partner"].create(
            {"name": "Contact of Phuong", "parent_id": self.referred.id}
        )
        with self.assertRefused(ValidationError, "does not refer itself"):
            self.referred.care_referred_by_id = contact
        self.assertEqual(self.referred.care_referred_by_id, self.referrer)

    def test_referral_loops_are_refused(self):
        # referrer -> referred; a referral back closes a loop.
        with self.assertRefused(ValidationError, "make a loop"):
            self.referrer.care_referred_by_id = self.referred
        third = self.env["res.partner"].create(
            {"name": "Third", "care_referred_by_id": self.referred.id}
        )
        with self.assertRefused(ValidationError, "make a loop"):
            self.referrer.care_referred_by_id = third
        self.assertFalse(self.referrer.care_referred_by_id)

    @freeze_time("2026-05-04")
    def test_the_referral_date_defaults_to_today(self):
        partner = self.env["res.partner"].create(
            {"name": "New Friend", "care_referred_by_id": self.referrer.id}
        )
        self.assertEqual(str(partner.care_referral_date), "2026-05-04")
        partner.care_referred_by_id = False
        self.assertFalse(partner.care_referral_date)

    def test_the_rate_override_is_a_percentage(self):
        for rate in (-0.5, 101.0):
            with (
                self.subTest(rate=rate),
                self.assertRefused(
                    ValidationError,
                    r"Commission Rate Override \(%\) of .* is a percentage "
                    "between 0 and 100",
                ),
            ):
                self.referrer.care_referral_rate = rate
        self.referrer.care_referral_rate = 100.0

    def test_company_settings_are_checked(self):
        settings = self.env["res.config.settings"].create({})
        for field, value in (
            ("care_referral_rate", 150.0),
            ("care_referral_months", -1),
            ("care_referral_min_payout", -5.0),
            ("care_referral_first_order_amount", -1.0),
        ):
            with self.subTest(field=field), self.assertRefused(ValidationError):
                settings.write({field: value})
                settings.execute()
        settings = self.env["res.config.settings"].create(
            {"care_referral_rate": 8.0, "care_referral_months": 6}
        )
        settings.execute()
        self.assertEqual(self.company.care_referral_rate, 8.0)
        self.assertEqual(self.company.care_referral_months, 6)

    def test_referrals_count_and_revenue(self):
        self.make_invoice(self.referred, 1000.0)
        self.make_invoice(self.referred, 200.0, move_type="out_refund")
        # Outside the window, still revenue brought.
        self.make_invoice(self.referred, 50.0, date="2025-12-01")
        self.env["res.partner"].create(
            {"name": "Second Friend", "care_referred_by_id": self.referrer.id}
        )
        referrer = self.referrer.with_user(self.user_care)
        self.assertEqual(referrer.care_referral_count, 2)
        # Invoiced revenue is accounting's: salespeople do not read it.
        with self.assertRaises(AccessError):
            referrer.read(["care_referral_revenue"])
        for user in (self.user_accountant, self.user_care_payer):
            [values] = self.referrer.with_user(user).read(["care_referral_revenue"])
            self.assertEqual(values["care_referral_revenue"], 850.0)
        self.assertEqual(referrer.care_referral_commission_count, 2)
        action = referrer.action_view_care_referrals()
        self.assertEqual(self.env["res.partner"].search_count(action["domain"]), 2)
        action = referrer.action_view_care_referral_commissions()
        self.assertEqual(
            self.env["care.referral.commission"].search_count(action["domain"]), 2
        )

    def test_the_statement_lists_the_commissions(self):
        invoice = self.make_invoice(self.referred, 1000.0)
        credit_note = self.make_invoice(self.referred, 100.0, move_type="out_refund")
        self.commission_of(invoice).action_approve()
        cancelled = self.make_invoice(self.referred, 70.0, date="2026-03-30")
        cancelled.button_draft()
        report = self.env.ref("customer_care.care_referral_statement_report")
        html = str(
            report.with_user(self.user_care)._render_qweb_html(
                report.report_name, self.referrer.ids
            )[0]
        )
        self.assertIn("Referral Statement", html)
        self.assertIn(invoice.name, html)
        self.assertIn(credit_note.name, html)
        self.assertNotIn("70.00", html)
        self.assertIn("Total Earned", html)
        self.assertIn("45.00", html)
