from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import ReferralCommon


@tagged("post_install", "-at_install")
class TestReferralAccess(ReferralCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.invoice = cls.make_invoice(cls.referred, 1000.0)
        cls.invoice_2 = cls.make_invoice(cls.referred_2, 500.0)
        Commission = cls.env["care.referral.commission"]
        cls.commission = Commission.search([("move_id", "=", cls.invoice.id)])
        cls.commission_2 = Commission.search([("move_id", "=", cls.invoice_2.id)])

    def visible(self, user):
        return (
            self.env["care.referral.commission"]
            .with_user(user)
            .search([("id", "in", (self.commission | self.commission_2).ids)])
        )

    def test_users_see_the_commissions_of_their_own_customers(self):
        # user_care follows the referrer of the first commission.
        self.assertEqual(self.visible(self.user_care), self.commission)
        self.assertFalse(self.visible(self.user_care_2))
        # The salesperson of the referred customer sees it too.
        self.referred_2.user_id = self.user_care_2
        self.assertEqual(self.visible(self.user_care_2), self.commission_2)

    def test_users_see_referral_links_but_change_no_commission(self):
        referred = self.referred.with_user(self.user_care_2)
        self.assertEqual(referred.care_referred_by_id, self.referrer)
        with self.assertRefused(AccessError):
            self.commission.with_user(self.user_care).write({"state": "approved"})

    def test_managers_see_and_run_all_commissions_of_their_company(self):
        self.assertEqual(
            self.visible(self.user_care_manager), self.commission | self.commission_2
        )
        commissions = (self.commission | self.commission_2).with_user(
            self.user_care_manager
        )
        commissions.action_approve()
        self.assertEqual(set(commissions.mapped("state")), {"approved"})
        # Without accounting rights the manager makes no bill, draft or posted.
        with self.assertRefused(AccessError, "Invoicing rights"):
            commissions.action_pay()
        self.assertFalse(commissions.payout_move_id)
        # A manager with accounting rights confirms and lands on the draft bills.
        result = self.pay(commissions, self.user_care_payer)
        bills = commissions.sudo().payout_move_id
        self.assertEqual(len(bills), 2)
        self.assertEqual(set(bills.mapped("state")), {"draft"})
        self.assertEqual(result["res_model"], "account.move")
        self.assertEqual(result["domain"], [("id", "in", bills.ids)])

    def test_other_companies_commissions_stay_hidden(self):
        other = self.setup_other_company(name="Hidden Company")["company"]
        self.env.user.company_ids |= other
        hidden = self.commission_of(
            self.make_invoice(self.referred, 100.0, company=other)
        )
        self.assertTrue(hidden)
        Commission = self.env["care.referral.commission"]
        self.assertFalse(
            Commission.with_user(self.user_care_manager).search(
                [("id", "=", hidden.id)]
            )
        )
        self.assertFalse(
            Commission.with_user(self.user_care).search([("id", "=", hidden.id)])
        )

    def test_managers_do_not_configure_the_programme(self):
        with self.assertRefused(AccessError):
            self.company.with_user(self.user_care_manager).write(
                {"care_referral_rate": 9.0}
            )

    def test_people_outside_customer_care_do_not_see_commissions(self):
        with self.assertRefused(AccessError):
            self.env["care.referral.commission"].with_user(self.user_accountant).search(
                []
            )
        with self.assertRefused(AccessError):
            self.referred.with_user(self.user_accountant).read(["care_referred_by_id"])
