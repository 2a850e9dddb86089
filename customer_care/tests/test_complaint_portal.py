from odoo import Command, http
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.mail.tests.common import mail_new_test_user


@tagged("post_install", "-at_install")
class TestComplaintPortal(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_a = cls.env["res.partner"].create(
            {"name": "Portal Customer A Ltd", "is_company": True}
        )
        cls.company_b = cls.env["res.partner"].create(
            {"name": "Portal Customer B Ltd", "is_company": True}
        )
        cls.user_a = mail_new_test_user(
            cls.env,
            login="care_portal_a",
            name="Alice Portal",
            email="alice.portal@example.com",
            groups="base.group_portal",
        )
        cls.user_a.partner_id.parent_id = cls.company_a
        cls.user_a2 = mail_new_test_user(
            cls.env,
            login="care_portal_a2",
            name="Anna Portal",
            email="anna.portal@example.com",
            groups="base.group_portal",
        )
        cls.user_a2.partner_id.parent_id = cls.company_a
        cls.user_b = mail_new_test_user(
            cls.env,
            login="care_portal_b",
            name="Bob Portal",
            email="bob.portal@example.com",
            groups="base.group_portal",
        )
        cls.user_b.partner_id.parent_id = cls.company_b
        Complaint = cls.env["care.complaint"].with_context(mail_create_nolog=True)
        cls.complaint_a = Complaint.create(
            {
                "name": "Alice late delivery",
                "partner_id": cls.user_a.partner_id.id,
                "channel": "phone",
                "user_id": False,
            }
        )
        cls.complaint_b = Complaint.create(
            {
                "name": "Bob damaged parcel",
                "partner_id": cls.user_b.partner_id.id,
                "channel": "phone",
                "user_id": False,
            }
        )

    def _new_complaint(self, **data):
        return self.url_open(
            "/my/complaints/new",
            data={"csrf_token": http.Request.csrf_token(self), **data},
        )

    def test_new_complaint_goes_to_the_customers_salesperson(self):
        # Present every day and hour, so the test holds on any day it runs.
        always = self.env["resource.calendar"].create(
            {
                "name": "Always",
                "tz": "UTC",
                "attendance_ids": [
                    Command.create(
                        {
                            "name": str(day),
                            "dayofweek": str(day),
                            "hour_from": 0,
                            "hour_to": 24,
                            "day_period": "morning",
                        }
                    )
                    for day in range(7)
                ],
            }
        )
        salesperson = mail_new_test_user(
            self.env,
            login="care_portal_salesperson",
            name="Sam Salesperson",
            groups="base.group_user,customer_care.group_care_user",
        )
        self.env["resource.resource"].create(
            {"name": "Sam", "user_id": salesperson.id, "calendar_id": always.id}
        )
        team = self.env["crm.team"].create(
            {"name": "Portal Team", "member_ids": [Command.link(salesperson.id)]}
        )
        self.company_b.user_id = salesperson
        self.authenticate(self.user_b.login, self.user_b.login)
        response = self._new_complaint(name="Missing manual", description="None.")
        self.assertEqual(response.status_code, 200)
        complaint = self.env["care.complaint"].search([("name", "=", "Missing manual")])
        self.assertEqual(complaint.user_id, salesperson)
        self.assertEqual(complaint.team_id, team)

    def test_list_own_complaints(self):
        self.authenticate(self.user_a.login, self.user_a.login)
        response = self.url_open("/my/complaints")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.complaint_a.reference, response.text)
        self.assertIn("Alice late delivery", response.text)
        self.assertNotIn("Bob damaged parcel", response.text)
        response = self.url_open("/my/complaints?sortby=reference")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Alice late delivery", response.text)

    def test_detail_own_and_other(self):
        self.authenticate(self.user_a.login, self.user_a.login)
        response = self.url_open(f"/my/complaints/{self.complaint_a.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Alice late delivery", response.text)
        self.assertIn(self.complaint_a.reference, response.text)
        # The customer reads the status, not the staff's recovery step.
        self.assertNotIn(self.complaint_a.step_id.name, response.text)
        self.assertIn('class="d-print-none o_portal_chatter', response.text)
        with mute_logger("odoo.http"):
            response = self.url_open(f"/my/complaints/{self.complaint_b.id}")
        self.assertIn(response.status_code, (403, 404))
        self.assertNotIn("Bob damaged parcel", response.text)

    def test_detail_with_access_token(self):
        """The link of a mail opens the complaint for who holds its token."""
        self.complaint_b._portal_ensure_token()
        self.authenticate(self.user_a.login, self.user_a.login)
        response = self.url_open(
            f"/my/complaints/{self.complaint_b.id}"
            f"?access_token={self.complaint_b.access_token}"
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("Bob damaged parcel", response.text)
        with mute_logger("odoo.http"):
            response = self.url_open(
                f"/my/complaints/{self.complaint_b.id}?access_token=wrong"
            )
        self.assertIn(response.status_code, (403, 404))

    def test_same_company_contact(self):
        self.authenticate(self.user_a2.login, self.user_a2.login)
        response = self.url_open("/my/complaints")
        self.assertIn("Alice late delivery", response.text)
        self.assertNotIn("Bob damaged parcel", response.text)
        response = self.url_open(f"/my/complaints/{self.complaint_a.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Alice late delivery", response.text)

    def test_home_counter(self):
        self.authenticate(self.user_a.login, self.user_a.login)
        response = self.url_open("/my")
        self.assertIn('href="/my/complaints"', response.text)
        result = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["complaint_count"]}
        )
        self.assertEqual(result["complaint_count"], 1)

    def test_home_entry_without_complaint(self):
        """A customer who never complained still finds where to do it."""
        user = mail_new_test_user(
            self.env,
            login="care_portal_new",
            name="New Portal",
            email="new.portal@example.com",
            groups="base.group_portal",
        )
        self.authenticate(user.login, user.login)
        response = self.url_open("/my")
        self.assertIn('href="/my/complaints"', response.text)
        result = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["complaint_count"]}
        )
        self.assertEqual(result["complaint_count"], 0)
        response = self.url_open("/my/complaints")
        self.assertIn('href="/my/complaints/new"', response.text)
        response = self.url_open("/my/complaints/new")
        self.assertEqual(response.status_code, 200)
        self.assertIn('name="csrf_token"', response.text)
        self.assertIn("</textarea>", response.text)

    def test_create_complaint(self):
        category = self.env["care.complaint.category"].create(
            {"name": "Portal Delivery Category"}
        )
        self.authenticate(self.user_b.login, self.user_b.login)
        response = self._new_complaint(
            name="Wrong colour",
            description="I ordered <b>blue</b>,\nI got red.",
            category_id=str(category.id),
        )
        self.assertEqual(response.status_code, 200)
        complaint = self.env["care.complaint"].search([("name", "=", "Wrong colour")])
        self.assertEqual(len(complaint), 1)
        self.assertTrue(response.url.endswith(f"/my/complaints/{complaint.id}"))
        self.assertEqual(complaint.channel, "portal")
        self.assertEqual(complaint.partner_id, self.user_b.partner_id)
        self.assertEqual(complaint.commercial_partner_id, self.company_b)
        self.assertEqual(complaint.category_id, category)
        self.assertFalse(complaint.user_id)
        self.assertNotEqual(complaint.reference, "New")
        self.assertEqual(complaint.customer_words, "I ordered <b>blue</b>,\nI got red.")
        self.assertIn("&lt;b&gt;blue&lt;/b&gt;", complaint.description)
        self.assertNotIn("<b>", complaint.description)
        self.assertIn("Wrong colour", response.text)

    def test_create_complaint_missing_field(self):
        self.authenticate(self.user_b.login, self.user_b.login)
        Complaint = self.env["care.complaint"]
        count = Complaint.search_count([])
        response = self._new_complaint(name="", description="Something went wrong")
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_care_complaint_error", response.text)
        self.assertIn("Give your complaint a subject.", response.text)
        self.assertIn("Something went wrong", response.text)
        response = self._new_complaint(name="No description", description="  ")
        self.assertIn("Describe what happened.", response.text)
        self.assertEqual(Complaint.search_count([]), count)

    def test_create_complaint_foreign_category(self):
        """A category of another company is not offered, nor accepted."""
        other = self.env["res.company"].create({"name": "Care Portal Other Co"})
        category = self.env["care.complaint.category"].create(
            {"name": "Other company category", "company_id": other.id}
        )
        self.authenticate(self.user_b.login, self.user_b.login)
        response = self.url_open("/my/complaints/new")
        self.assertNotIn("Other company category", response.text)
        response = self._new_complaint(
            name="Foreign", description="Text", category_id=str(category.id)
        )
        self.assertIn("o_care_complaint_error", response.text)
        self.assertFalse(self.env["care.complaint"].search([("name", "=", "Foreign")]))

    def test_internal_note_hidden(self):
        self.complaint_a.message_post(
            body="Secret staff remark", message_type="comment", is_internal=True
        )
        self.complaint_a.message_post(
            body="Public answer to Alice",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        self.authenticate(self.user_a.login, self.user_a.login)
        response = self.url_open(f"/my/complaints/{self.complaint_a.id}")
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("Secret staff remark", response.text)
        result = self.make_jsonrpc_request(
            "/mail/chatter_fetch",
            {
                "thread_model": "care.complaint",
                "thread_id": self.complaint_a.id,
                "token": self.complaint_a._portal_ensure_token(),
            },
        )
        bodies = " ".join(
            str(message["body"]) for message in result["data"]["mail.message"]
        )
        self.assertIn("Public answer to Alice", bodies)
        self.assertNotIn("Secret staff remark", bodies)

    def test_portal_tour(self):
        self.start_tour(
            "/my", "customer_care_complaint_portal", login=self.user_a.login
        )
        complaint = self.env["care.complaint"].search(
            [("name", "=", "Tour broken kettle")]
        )
        self.assertEqual(len(complaint), 1)
        self.assertEqual(complaint.channel, "portal")
        self.assertEqual(complaint.partner_id, self.user_a.partner_id)
        self.assertEqual(
            complaint.customer_words, "The kettle leaked on the first day."
        )
        reply = complaint.message_ids.filtered(
            lambda m: "I still have the receipt." in (m.body or "")
        )
        self.assertEqual(len(reply), 1)
        self.assertEqual(reply.author_id, self.user_a.partner_id)
        self.assertFalse(reply.is_internal)
