from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import ComplaintCommon


@tagged("post_install", "-at_install")
class TestComplaintAccess(ComplaintCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Complaint = cls.env["care.complaint"]
        cls.own = Complaint.create(
            {
                "name": "Own",
                "partner_id": cls.customer.id,
                "team_id": cls.team_b.id,
                "user_id": cls.user_care.id,
            }
        )
        cls.team_a_other = Complaint.create(
            {
                "name": "Team A, someone else's",
                "partner_id": cls.customer.id,
                "team_id": cls.team_a.id,
                "user_id": cls.user_care_manager.id,
            }
        )
        cls.team_b_only = Complaint.create(
            {
                "name": "Team B only",
                "partner_id": cls.prospect.id,
                "team_id": cls.team_b.id,
                "user_id": cls.user_care_2.id,
            }
        )
        cls.unassigned = Complaint.create(
            {
                "name": "Nobody's yet",
                "email_from": "who@example.com",
                "team_id": False,
                "user_id": False,
            }
        )
        cls.other_company = Complaint.create(
            {
                "name": "Company B",
                "email_from": "b@example.com",
                "company_id": cls.company_2.id,
                "user_id": False,
            }
        )
        cls.all = cls.own | cls.team_a_other | cls.team_b_only | cls.unassigned

    def visible(self, user):
        return (
            self.env["care.complaint"]
            .with_user(user)
            .search([("id", "in", (self.all | self.other_company).ids)])
        )

    def test_users_see_their_teams_and_their_own(self):
        self.assertEqual(
            self.visible(self.user_care), self.own | self.team_a_other | self.unassigned
        )
        self.assertEqual(
            self.visible(self.user_care_2),
            self.own | self.team_b_only | self.unassigned,
        )

    def test_new_team_member_sees_at_once(self):
        self.assertNotIn(self.team_b_only, self.visible(self.user_care))
        self.team_b.member_ids |= self.user_care
        self.assertIn(self.team_b_only, self.visible(self.user_care))

    def test_managers_see_their_companies(self):
        self.assertEqual(self.visible(self.user_care_manager), self.all)
        self.assertEqual(self.visible(self.user_care_company_2), self.other_company)

    def test_outsiders_see_nothing(self):
        with self.assertRaises(AccessError):
            self.env["care.complaint"].with_user(self.user_employee).search([])
        with self.assertRaises(AccessError):
            self.own.with_user(self.user_employee).read(["name"])

    def test_portal_sees_own_company_only(self):
        self.user_portal.partner_id.parent_id = self.customer_company
        mine = self.env["care.complaint"].with_user(self.user_portal).search([])
        self.assertEqual(mine, self.own | self.team_a_other)
        with self.assertRaises(AccessError):
            self.own.with_user(self.user_portal).write({"name": "Changed"})
        with self.assertRaises(AccessError):
            self.team_b_only.with_user(self.user_portal).read(["name"])

    def test_users_cannot_delete(self):
        with self.assertRaises(AccessError):
            self.own.with_user(self.user_care).unlink()
        self.own.with_user(self.user_care_manager).unlink()
        self.assertFalse(self.own.exists())

    def test_configuration_for_administrators(self):
        category = self.env.ref("customer_care.care_complaint_category_product")
        step = self.step["vent"]
        with self.assertRaises(AccessError):
            category.with_user(self.user_care_manager).name = "Goods"
        with self.assertRaises(AccessError):
            step.with_user(self.user_care_manager).name = "Listen"
        step.with_user(self.user_care_admin).name = "Listen"
        self.assertEqual(step.name, "Listen")
        with self.assertRaises(AccessError):
            self.env["care.complaint.step"].with_user(self.user_care_admin).create(
                {"name": "Seventh", "code": "vent", "sequence": 7}
            )

    def closed_complaint(self):
        complaint = self.make_complaint(
            step_id=self.step["follow_up"].id,
            customer_words="It broke.",
            customer_feeling="angry",
            apology_note="On the phone.",
            facts="Broken.",
            solution="New one.",
            agreement="accepted",
            follow_up_note="Called.",
            follow_up_answer="Fine.",
        )
        complaint.with_user(self.user_care).action_close()
        return complaint

    @mute_logger("odoo.models", "odoo.addons.base.models.ir_rule")
    def test_customer_cannot_reopen_pause_or_resume(self):
        self.user_portal.partner_id.parent_id = self.customer_company
        closed = self.closed_complaint()
        portal = self.user_portal
        with self.assertRaisesRegex(AccessError, "not allowed to modify"):
            closed.with_user(portal).action_reopen()
        open_one = self.own
        with self.assertRaisesRegex(AccessError, "not allowed to modify"):
            open_one.with_user(portal).action_wait_customer()
        open_one.with_user(self.user_care).action_wait_customer()
        with self.assertRaisesRegex(AccessError, "not allowed to modify"):
            open_one.with_user(portal).action_resume()
        self.assertEqual(closed.state, "closed")
        self.assertEqual(closed.reopen_count, 0)
        self.assertTrue(open_one.care_waiting_customer)

    @mute_logger("odoo.models", "odoo.addons.base.models.ir_rule")
    def test_other_team_cannot_reopen(self):
        closed = self.closed_complaint()
        with self.assertRaisesRegex(AccessError, "doesn't have 'write' access"):
            closed.with_user(self.user_care_2).action_reopen()
        closed.with_user(self.user_care).action_reopen()
        self.assertEqual((closed.state, closed.reopen_count), ("open", 1))

    def test_no_move_to_a_company_one_does_not_work_for(self):
        with self.assertRaisesRegex(AccessError, "you do not work for that company"):
            self.own.with_user(self.user_care).write({"company_id": self.company_2.id})
        self.assertEqual(self.own.company_id, self.company)

    def test_a_moved_complaint_takes_the_new_company_reference(self):
        self.user_care_manager.company_ids |= self.company_2
        complaint = self.unassigned
        taken = self.other_company.reference
        complaint.with_user(self.user_care_manager).with_context(
            allowed_company_ids=[self.company.id, self.company_2.id]
        ).write({"company_id": self.company_2.id})
        self.assertEqual(complaint.company_id, self.company_2)
        self.assertNotEqual(complaint.reference, taken)
        self.assertEqual(
            self.env["care.complaint"].search_count(
                [("company_id", "=", self.company_2.id), ("reference", "=", taken)]
            ),
            1,
        )

    @mute_logger("odoo.models")
    def test_action_only_dates_and_decisions(self):
        with self.assertRaisesRegex(AccessError, "Date Received"):
            self.own.with_user(self.user_care).write({"date_received": "2026-01-01"})
        with self.assertRaisesRegex(AccessError, "Reject Reason"):
            self.own.with_user(self.user_care).write({"reject_reason": "Liar."})
        with self.assertRaisesRegex(ValidationError, "received in the future"):
            self.make_complaint(user=self.user_care, date_received="2030-01-01")
        earlier = self.make_complaint(user=self.user_care, date_received="2026-01-02")
        self.assertEqual(str(earlier.date_received), "2026-01-02 00:00:00")

    def test_every_complaint_has_its_token(self):
        self.assertTrue(all(self.all.mapped("access_token")))
        self.assertEqual(len(set(self.all.mapped("access_token"))), len(self.all))

    def test_customer_message_reaches_followers_and_staff_only(self):
        self.user_portal.partner_id.parent_id = self.customer_company
        complaint = self.own
        other_customer = self.prospect
        complaint.with_user(self.user_portal).message_post(
            body="Tell them.",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=[other_customer.id, self.user_care_2.partner_id.id],
        )
        message = complaint.message_ids[0]
        self.assertEqual(message.partner_ids, self.user_care_2.partner_id)
        self.assertFalse(
            self.env["mail.mail"].search([("recipient_ids", "in", other_customer.ids)])
        )

    def test_source_document_is_the_customer_own(self):
        lead = self.env["crm.lead"].create(
            {"name": "Another customer's lead", "partner_id": self.prospect.id}
        )
        with self.assertRaisesRegex(ValidationError, "not a document of the customer"):
            self.own.with_user(self.user_care).source_ref = f"crm.lead,{lead.id}"
        with self.assertRaisesRegex(ValidationError, "crm.lead,999999 does not exist"):
            self.own.with_user(self.user_care).write({"source_ref": "crm.lead,999999"})
        own_lead = self.env["crm.lead"].create(
            {"name": "Their lead", "partner_id": self.customer_company.id}
        )
        self.own.with_user(self.user_care).source_ref = f"crm.lead,{own_lead.id}"
        self.assertEqual(self.own.source_ref, own_lead)
