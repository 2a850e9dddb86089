from odoo import Command
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.mail.tests.common import mail_new_test_user


@tagged("post_install", "-at_install")
class TestUi(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_care = mail_new_test_user(
            cls.env,
            login="care_tour_user",
            name="Care Tour User",
            groups="base.group_user,customer_care.group_care_user",
        )
        cls.prospect = cls.env["res.partner"].create(
            {"name": "Tour Prospect Ltd", "is_company": True}
        )

    def test_partner_qualification_tour(self):
        self.start_tour(
            "/odoo", "customer_care_partner_qualification", login=self.user_care.login
        )
        self.assertEqual(self.prospect.man_money, "yes")
        self.assertEqual(self.prospect.man_money_note, "budget 20k approved")
        self.assertEqual(self.prospect.man_status, "qualified")
        self.assertEqual(self.prospect.man_user_id, self.user_care)

    def test_loyalty_action_tour(self):
        customer = self.env["res.partner"].create(
            {"name": "Tour Loyal Customer", "email": "loyal@example.com"}
        )
        greeting = self.env["care.loyalty.action"].create(
            {
                "partner_id": customer.id,
                "type_id": self.env.ref(
                    "customer_care.care_loyalty_action_type_greeting"
                ).id,
                "user_id": self.user_care.id,
            }
        )
        self.start_tour(
            "/odoo", "customer_care_loyalty_action", login=self.user_care.login
        )
        gift = customer.care_loyalty_action_ids - greeting
        self.assertEqual(
            gift.type_id, self.env.ref("customer_care.care_loyalty_action_type_gift")
        )
        self.assertEqual(gift.state, "done")
        self.assertEqual(greeting.state, "done")
        self.assertIn(
            "A word from your salesperson.", str(greeting.message_sent_id.body)
        )
        self.assertEqual(greeting.message_sent_id.partner_ids, customer)

    def test_cascade_review_tour(self):
        manager = mail_new_test_user(
            self.env,
            login="care_tour_manager",
            name="Care Tour Manager",
            groups="base.group_user,customer_care.group_care_manager",
        )
        team = self.env["crm.team"].create(
            {"name": "Tour Care Team", "user_id": manager.id}
        )
        self.env["care.cascade.item"].search([]).active = False
        item = self.env["care.cascade.item"].create(
            {
                "name": "Tour signed commitment",
                "element_id": self.env.ref(
                    "customer_care.care_cascade_element_commitment"
                ).id,
                "weight": 2,
                # Ticked in the tour's list: no note or file to attach there.
                "evidence_required": False,
            }
        )
        self.env["care.cascade.item"].create(
            {
                "name": "Tour trained staff",
                "element_id": self.env.ref(
                    "customer_care.care_cascade_element_abilities"
                ).id,
            }
        )
        self.start_tour("/odoo", "customer_care_cascade_review", login=manager.login)
        review = self.env["care.cascade.review"].search([("team_id", "=", team.id)])
        self.assertEqual(review.state, "done")
        self.assertEqual(review.user_id, manager)
        self.assertEqual(str(review.date_end), "2026-10-31")
        self.assertEqual(
            review.line_ids.filtered(lambda line: line.status == "done").item_id, item
        )
        self.assertEqual(review.progress, 66.7)

    def test_cascade_my_lines_tour(self):
        manager = mail_new_test_user(
            self.env,
            login="care_tour_manager_2",
            name="Care Tour Manager",
            groups="base.group_user,customer_care.group_care_manager",
        )
        team = self.env["crm.team"].create(
            {
                "name": "Tour Line Team",
                "user_id": manager.id,
                "member_ids": [Command.link(self.user_care.id)],
            }
        )
        item = self.env["care.cascade.item"].create(
            {
                "name": "Tour standards signed",
                "element_id": self.env.ref(
                    "customer_care.care_cascade_element_standards"
                ).id,
            }
        )
        review = self.env["care.cascade.review"].create(
            {
                "team_id": team.id,
                "user_id": manager.id,
                "date_start": "2026-10-01",
                "date_end": "2026-10-31",
            }
        )
        review.action_start()
        line = review.line_ids.filtered(lambda line: line.item_id == item)
        line.user_id = self.user_care
        self.start_tour(
            "/odoo", "customer_care_cascade_my_lines", login=self.user_care.login
        )
        self.assertEqual(line.status, "done")
        self.assertEqual(line.evidence_note, "Everyone signed on Monday")
        rings = self.env.ref("customer_care.care_service_standard_phone_rings")
        self.assertEqual(
            rings.acknowledgement_ids.filtered(
                lambda ack: ack.user_id == self.user_care
            ).version,
            1,
        )

    def test_referral_payout_tour(self):
        manager = mail_new_test_user(
            self.env,
            login="care_tour_referral_manager",
            name="Care Tour Referral Manager",
            groups="base.group_user,customer_care.group_care_manager,"
            "account.group_account_invoice",
        )
        referrer = self.env["res.partner"].create({"name": "Tour Referrer Hai"})
        referred = self.env["res.partner"].create(
            {
                "name": "Tour Referred Co",
                "is_company": True,
                "care_referred_by_id": referrer.id,
            }
        )
        company = self.env.ref("base.main_company")
        company.care_referral_rate = 5.0
        company.care_referral_payout_post = False
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": referred.id,
                "company_id": company.id,
                "invoice_date": referred.care_referral_date,
                "invoice_line_ids": [
                    Command.create(
                        {"name": "Tour service", "price_unit": 1200.0, "tax_ids": []}
                    )
                ],
            }
        )
        invoice.action_post()
        commission = self.env["care.referral.commission"].search(
            [("move_id", "=", invoice.id)]
        )
        self.assertEqual(commission.amount, 60.0)
        self.start_tour("/odoo", "customer_care_referral_payout", login=manager.login)
        # A draft for accounting to post: the commission is not billed yet.
        self.assertEqual(commission.state, "approved")
        self.assertEqual(commission.approved_by_id, manager)
        self.assertRecordValues(
            commission.payout_move_id,
            [
                {
                    "move_type": "in_invoice",
                    "partner_id": referrer.id,
                    "state": "draft",
                    "amount_total": 60.0,
                }
            ],
        )

    def test_complaint_tours(self):
        """A complaint comes in by e-mail; a staff member takes it through the
        steps and asks for a voucher; a manager approves it; the staff member
        closes the complaint."""
        manager = mail_new_test_user(
            self.env,
            login="care_tour_complaint_manager",
            name="Complaint Manager",
            groups="base.group_user,customer_care.group_care_manager",
        )
        team = self.env["crm.team"].create(
            {
                "name": "Tour Complaint Team",
                "user_id": manager.id,
                "member_ids": [Command.link(self.user_care.id)],
            }
        )
        domain = self.env["mail.alias.domain"].create({"name": "tour.example.com"})
        self.env.company.alias_domain_id = domain
        team.care_complaint_alias_name = "tour-complaints"
        self.env.company.care_compensation_limit = 50.0
        customer = self.env["res.partner"].create(
            {"name": "Tour Chair Buyer", "email": "chair.buyer@example.com"}
        )
        raw = (
            "From: Chair Buyer <chair.buyer@example.com>\n"
            "To: tour-complaints@tour.example.com\n"
            "Subject: Tour broken chair\n"
            "Message-ID: <tour-chair@example.com>\n"
            "Content-Type: text/plain; charset=utf-8\n\n"
            "The chair broke the day it arrived.\n"
        )
        complaint = self.env["care.complaint"].browse(
            self.env["mail.thread"].message_process(None, raw)
        )
        self.assertEqual(complaint.partner_id, customer)
        # The tour presses Next Step once too early, on purpose: the server's
        # refusal is expected.
        with mute_logger("odoo.http"):
            self.start_tour(
                "/odoo", "customer_care_complaint_steps", login=self.user_care.login
            )
        line = complaint.compensation_ids
        self.assertEqual((line.amount, line.state), (120.0, "to_approve"))
        self.start_tour("/odoo", "customer_care_complaint_approve", login=manager.login)
        self.assertEqual(line.state, "done")
        self.assertEqual(line.approved_by_id, manager)
        self.start_tour(
            "/odoo", "customer_care_complaint_close", login=self.user_care.login
        )
        self.assertEqual(complaint.state, "closed")
        self.assertEqual(
            complaint.apology_note, "Apologised by phone for the broken chair."
        )
        self.assertTrue(complaint.follow_up_action_id)
