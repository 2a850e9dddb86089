from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import ReferralCommon


@tagged("post_install", "-at_install")
class TestComplaintCompensation(ReferralCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team = cls.env["crm.team"].create(
            {
                "name": "Recovery Team",
                "user_id": cls.user_care_manager.id,
                "member_ids": [Command.link(cls.user_care.id)],
                "company_id": cls.company.id,
            }
        )
        cls.company.care_compensation_limit = 50.0
        cls.invoice = cls.make_invoice(cls.stranger, 400.0)
        cls.complaint = cls.env["care.complaint"].create(
            {
                "name": "Wrong colour",
                "partner_id": cls.stranger.id,
                "team_id": cls.team.id,
                "user_id": cls.user_care.id,
                "source_ref": f"account.move,{cls.invoice.id}",
                "company_id": cls.company.id,
            }
        )

    def line(self, amount, kind="discount", user=None, name=None):
        Line = self.env["care.complaint.compensation"]
        if user:
            Line = Line.with_user(user)
        return Line.create(
            {
                "complaint_id": self.complaint.id,
                "kind": kind,
                "name": name or f"{kind} {amount}",
                "amount": amount,
            }
        )

    def test_within_the_company_limit(self):
        line = self.line(50.0, user=self.user_care)
        line.action_submit()
        self.assertEqual(line.state, "done")
        self.assertEqual(line.approved_by_id, self.user_care)
        self.assertEqual(self.complaint.compensation_amount, 50.0)

    def test_above_the_limit_goes_to_a_manager(self):
        line = self.line(50.01, user=self.user_care)
        line.action_submit()
        self.assertEqual(line.state, "to_approve")
        self.assertEqual(line.requested_by_id, self.user_care)
        activity = self.complaint.activity_ids
        self.assertEqual(activity.user_id, self.user_care_manager)
        self.assertEqual(
            activity.activity_type_id,
            self.env.ref("customer_care.mail_activity_data_compensation_approval"),
        )
        # The form says what waits: nothing granted yet, 50.01 requested.
        self.assertEqual(self.complaint.compensation_amount, 0.0)
        self.assertEqual(self.complaint.compensation_requested, 50.01)
        with self.assertRaises(AccessError):
            line.with_user(self.user_care).action_approve()
        line.with_user(self.user_care_manager).action_approve()
        self.assertEqual(line.state, "done")
        self.assertEqual(line.approved_by_id, self.user_care_manager)
        self.assertFalse(self.complaint.activity_ids)
        self.assertEqual(self.complaint.compensation_amount, 50.01)
        self.assertEqual(self.complaint.compensation_requested, 0.0)

    def test_a_manager_without_email_approves(self):
        self.user_care_manager.partner_id.email = False
        line = self.line(500.0, user=self.user_care)
        line.action_submit()
        line.with_user(self.user_care_manager).action_approve()
        self.assertEqual(line.state, "done")
        note = self.complaint.message_ids.filtered(
            lambda m: "Compensation approved" in m.body
        )
        self.assertEqual(note.author_id, self.user_care_manager.partner_id)

    def test_portal_and_other_teams_cannot_submit(self):
        line = self.line(10.0, user=self.user_care)
        with self.assertRaisesRegex(AccessError, "doesn't have 'write' access"):
            line.with_user(self.user_care_2).action_submit()
        self.assertEqual(line.state, "draft")

    def test_user_limit_overrides_the_company(self):
        self.user_care.care_compensation_limit = 120.0
        line = self.line(100.0, user=self.user_care)
        line.action_submit()
        self.assertEqual(line.state, "done")
        above = self.line(120.5, user=self.user_care)
        above.action_submit()
        self.assertEqual(above.state, "to_approve")

    def test_manager_refuses(self):
        line = self.line(500.0, user=self.user_care)
        line.action_submit()
        line.with_user(self.user_care_manager).action_refuse()
        self.assertEqual(line.state, "refused")
        with self.assertRaisesRegex(UserError, "waiting for approval"):
            line.with_user(self.user_care_manager).action_approve()

    def test_direct_writes_refused(self):
        line = self.line(500.0, user=self.user_care)
        for vals in ({"state": "approved"}, {"approved_by_id": self.user_care.id}):
            with self.assertRaises(AccessError):
                line.with_user(self.user_care).write(vals)
        line.action_submit()
        with self.assertRaisesRegex(UserError, "Only draft"):
            line.with_user(self.user_care).amount = 10.0
        with self.assertRaises(ValidationError):
            self.line(-5.0)

    def test_refund_is_a_draft_credit_note_made_once(self):
        line = self.line(80.0, kind="refund", user=self.user_care)
        line.action_submit()
        line.with_user(self.user_care_payer).action_approve()
        credit_note = line.move_id
        self.assertEqual(line.state, "done")
        self.assertEqual(credit_note.move_type, "out_refund")
        self.assertEqual(credit_note.state, "draft")
        self.assertEqual(credit_note.reversed_entry_id, self.invoice)
        self.assertEqual(credit_note.partner_id, self.stranger)
        self.assertEqual(credit_note.amount_total, 80.0)
        self.assertFalse(credit_note.invoice_line_ids.tax_ids)
        # A retry (double click, replayed request) makes nothing more.
        line._make_documents()
        with self.assertRaisesRegex(UserError, "approved compensation only"):
            line.with_user(self.user_care_payer).action_make_documents()
        self.assertEqual(
            self.env["account.move"].search_count(
                [("reversed_entry_id", "=", self.invoice.id)]
            ),
            1,
        )

    def test_refund_waits_for_accounting(self):
        line = self.line(80.0, kind="refund", user=self.user_care)
        line.action_submit()
        # The manager approves but has no invoicing rights: no credit note yet.
        line.with_user(self.user_care_manager).action_approve()
        self.assertEqual(line.state, "approved")
        self.assertFalse(line.move_id)
        with self.assertRaises(AccessError):
            line.with_user(self.user_care_manager)._make_credit_note()
        line.with_user(self.user_care_payer).action_make_documents()
        self.assertEqual(line.state, "done")
        self.assertEqual(line.move_id.amount_total, 80.0)
        line.with_user(self.user_care_payer)._make_documents()
        self.assertEqual(
            self.env["account.move"].search_count(
                [("reversed_entry_id", "=", self.invoice.id)]
            ),
            1,
        )

    def test_refund_needs_an_invoice(self):
        self.complaint.source_ref = False
        with self.assertRaisesRegex(ValidationError, "customer invoice"):
            self.line(10.0, kind="refund")

    def test_gift_and_letter_are_loyalty_actions(self):
        gift = self.line(30.0, kind="gift", user=self.user_care)
        letter = self.line(0.0, kind="letter", user=self.user_care)
        (gift | letter).action_submit()
        self.assertEqual(gift.loyalty_action_id.kind, "gift")
        self.assertEqual(letter.loyalty_action_id.kind, "thank_you")
        self.assertEqual(gift.loyalty_action_id.partner_id, self.stranger)
        (gift | letter)._make_documents()
        self.assertEqual(
            self.env["care.loyalty.action"].search_count(
                [("occasion", "like", "complaint_compensation,%")]
            ),
            2,
        )

    def test_approved_not_deleted(self):
        line = self.line(10.0, user=self.user_care)
        line.action_submit()
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            line.with_user(self.user_care).unlink()
        draft = self.line(10.0, user=self.user_care)
        draft.with_user(self.user_care).unlink()
        self.assertFalse(draft.exists())

    def test_customer_totals_per_year(self):
        self.line(20.0, user=self.user_care).action_submit()
        self.line(25.0, user=self.user_care).action_submit()
        second = self.env["care.complaint"].create(
            {
                "name": "Late again",
                "partner_id": self.stranger.id,
                "company_id": self.company.id,
            }
        )
        self.assertEqual(second.customer_compensation_year, 45.0)
        self.assertEqual(second.compensation_amount, 0.0)
