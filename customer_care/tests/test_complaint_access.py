from odoo.exceptions import AccessError
from odoo.tests import tagged

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
