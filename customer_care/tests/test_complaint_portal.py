import base64
from datetime import datetime

from freezegun import freeze_time

from odoo import Command, http
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.mail.tests.common import mail_new_test_user

# The smallest PNG and PDF files, as a customer's browser would send them.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGA"
    "hKmMIQAAAABJRU5ErkJggg=="
)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


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

    def _always_at_work(self, user):
        """Present every day and hour, so the test holds on any day it runs."""
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
        self.env["resource.resource"].create(
            {"name": user.name, "user_id": user.id, "calendar_id": always.id}
        )
        return user

    def test_new_complaint_goes_to_the_customers_salesperson(self):
        salesperson = self._always_at_work(
            mail_new_test_user(
                self.env,
                login="care_portal_salesperson",
                name="Sam Salesperson",
                groups="base.group_user,customer_care.group_care_user",
            )
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
        # The customer's salesperson handles what they file.
        self.user_a.partner_id.user_id = self._always_at_work(self._staff())
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
        self.assertEqual(complaint.user_id.name, "Minh Staff")
        receipt = complaint.message_ids.attachment_ids
        self.assertEqual(receipt.mapped("name"), ["receipt.txt"])
        self.assertEqual(receipt.raw, b"Receipt 2026-0042, kettle, 39.00")

    def _staff(self):
        return mail_new_test_user(
            self.env,
            login="care_portal_staff",
            name="Minh Staff",
            groups="base.group_user,customer_care.group_care_user",
        )

    def _running_clock(self, complaint, measure, deadline):
        standard = self.env["care.service.standard"].create(
            {
                "name": f"Portal {measure}",
                "measure": measure,
                "applies_to": "complaint",
                "target_value": 4,
                "target_unit": "business_hours",
                "active": False,  # only the clock made here
            }
        )
        return (
            self.env["care.service.deadline"]
            .sudo()
            .create(
                {
                    "standard_id": standard.id,
                    "complaint_id": complaint.id,
                    "company_id": complaint.company_id.id,
                    "date_start": datetime(2026, 12, 7, 2, 0),
                    "date_run": datetime(2026, 12, 7, 2, 0),
                    "deadline": deadline,
                    "state": "running",
                }
            )
        )

    @freeze_time("2026-12-07 03:00:00")
    def test_page_says_what_happens_next(self):
        complaint = self.complaint_a
        # Only the clocks made here (the shipped standards may have started some).
        complaint.sudo().care_deadline_ids.unlink()
        self.user_a.partner_id.tz = "Asia/Ho_Chi_Minh"
        self.authenticate(self.user_a.login, self.user_a.login)
        page = self.url_open(complaint.access_url).text
        self.assertIn('aria-current="step"', page)
        self.assertRegex(page, r'o_care_progress_received"\s+aria-current="step"')
        self.assertIn("We have received your complaint", page)
        self.assertIn("We are choosing the person who will handle it.", page)
        self.assertNotIn("o_care_complaint_promise", page)

        complaint.user_id = self._staff()
        self._running_clock(complaint, "resolution", datetime(2026, 12, 10, 2, 0))
        self._running_clock(complaint, "first_reply", datetime(2026, 12, 8, 2, 0))
        page = self.url_open(complaint.access_url).text
        self.assertIn("Handled by <strong>Minh Staff</strong>", page)
        # The reply promised, at 9:00 in the customer's time zone (02:00 UTC).
        self.assertIn("You will hear from us by", page)
        self.assertIn("12/08/2026 09:00<", page)

        complaint.date_first_answer = datetime(2026, 12, 7, 3, 0)
        complaint.care_deadline_ids.filtered(
            lambda d: d.measure == "first_reply"
        ).state = "met"
        page = self.url_open(complaint.access_url).text
        self.assertRegex(page, r'o_care_progress_looking"\s+aria-current="step"')
        self.assertIn("We aim to resolve it by", page)
        self.assertIn("12/10/2026 09:00<", page)

        complaint.sudo().state = "closed"
        page = self.url_open(complaint.access_url).text
        self.assertRegex(page, r'o_care_progress_resolved"\s+aria-current="step"')
        self.assertNotIn("o_care_complaint_promise", page)

    def test_page_in_the_customers_language(self):
        self.env["res.lang"]._activate_lang("vi_VN")
        self.env["ir.module.module"]._load_module_terms(
            ["customer_care"], ["vi_VN"], overwrite=True
        )
        self.user_a.lang = "vi_VN"
        self.authenticate(self.user_a.login, self.user_a.login)
        page = self.url_open(self.complaint_a.access_url).text
        self.assertIn("Đã nhận", page)
        self.assertIn("Chúng tôi đã nhận được khiếu nại của quý khách", page)

    def _files(self, *files):
        return [("attachments", file) for file in files]

    def test_file_a_complaint_with_photos(self):
        self.authenticate(self.user_b.login, self.user_b.login)
        response = self.url_open(
            "/my/complaints/new",
            data={
                "csrf_token": http.Request.csrf_token(self),
                "name": "Scratched table",
                "description": "See the photo.",
            },
            files=self._files(
                ("scratch.png", PNG, "image/png"),
                ("invoice.pdf", PDF, "application/pdf"),
            ),
        )
        self.assertEqual(response.status_code, 200)
        complaint = self.env["care.complaint"].search(
            [("name", "=", "Scratched table")]
        )
        message = complaint.message_ids.filtered("attachment_ids")
        self.assertEqual(message.author_id, self.user_b.partner_id)
        self.assertFalse(message.is_internal)
        attachments = message.attachment_ids
        self.assertEqual(
            sorted(attachments.mapped("name")), ["invoice.pdf", "scratch.png"]
        )
        self.assertEqual(set(attachments.mapped("res_model")), {"care.complaint"})
        self.assertEqual(set(attachments.mapped("res_id")), {complaint.id})
        self.assertFalse(any(attachments.mapped("public")))
        photo = attachments.filtered(lambda a: a.name == "scratch.png")
        self.assertEqual(photo.mimetype, "image/png")
        # The customer reads it; another customer does not.
        url = f"/web/content/{photo.id}?access_token={photo.access_token}"
        self.assertEqual(self.url_open(url).content, PNG)
        self.authenticate(self.user_a.login, self.user_a.login)
        with mute_logger("odoo.http"):
            self.assertEqual(self.url_open(f"/web/content/{photo.id}").status_code, 404)

    def test_files_of_a_wrong_kind_or_size_are_refused(self):
        self.authenticate(self.user_b.login, self.user_b.login)
        Complaint = self.env["care.complaint"]
        count = Complaint.search_count([])
        svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
        for file, message in (
            (("logo.svg", svg, "image/png"), "logo.svg is not a photo"),
            (
                ("huge.pdf", PDF + b"0" * (6 * 1024 * 1024), "application/pdf"),
                "huge.pdf is larger than 5 MB",
            ),
        ):
            response = self.url_open(
                "/my/complaints/new",
                data={
                    "csrf_token": http.Request.csrf_token(self),
                    "name": "Refused file",
                    "description": "With a file",
                },
                files=self._files(file),
            )
            self.assertEqual(response.status_code, 200)
            self.assertIn("o_care_complaint_error", response.text)
            self.assertIn(message, response.text)
        self.assertEqual(Complaint.search_count([]), count, "nothing half-written")

    def test_reply_uploads_are_checked(self):
        self.authenticate(self.user_a.login, self.user_a.login)

        def upload(name, data):
            return self.url_open(
                "/mail/attachment/upload",
                data={
                    "csrf_token": http.Request.csrf_token(self),
                    "thread_id": str(self.complaint_a.id),
                    "thread_model": "care.complaint",
                    "token": self.complaint_a._portal_ensure_token(),
                },
                files={"ufile": (name, data, "application/octet-stream")},
            ).json()

        refused = upload("page.html", b"<html><script>alert(1)</script></html>")
        self.assertEqual(
            refused,
            {"error": "page.html is not a photo, a PDF, a text or an office document."},
        )
        accepted = upload("receipt.png", PNG)
        self.assertNotIn("error", accepted)
        attachment = self.env["ir.attachment"].search(
            [("name", "=", "receipt.png"), ("res_id", "=", self.complaint_a.id)]
        )
        self.assertEqual(attachment.mimetype, "image/png")
