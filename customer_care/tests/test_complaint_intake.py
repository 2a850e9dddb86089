from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.mail.tests.common import mail_new_test_user

from .common import ComplaintCommon

MAIL = """Return-Path: <{sender}>
To: {to}
From: {sender_name} <{sender}>
Subject: {subject}
Date: Mon, 23 Nov 2026 09:16:26 +0000
Message-ID: {msg_id}
{extra}MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit

{body}
"""


@tagged("post_install", "-at_install")
class TestComplaintIntake(ComplaintCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.alias_domain = cls.env["mail.alias.domain"].create(
            {
                "name": "care.example.com",
                "catchall_alias": "catchall",
                "bounce_alias": "bounce",
            }
        )
        cls.company.alias_domain_id = cls.alias_domain
        cls.user_sales_manager = mail_new_test_user(
            cls.env,
            login="care_sales_manager",
            name="Sales Manager",
            groups="base.group_user,sales_team.group_sale_manager",
        )
        cls.team_a.with_user(
            cls.user_sales_manager
        ).care_complaint_alias_name = "complaints-a"
        cls.alias = cls.team_a.care_complaint_alias_id
        # Nobody takes them on arrival here (test_complaint_assignment does).
        cls.team_a.care_assignment_method = "manual"

    def receive(
        self,
        sender="lan.customer@example.com",
        subject="Broken chair",
        msg_id="<first@example.com>",
        extra="",
        body="The chair broke.",
        to="complaints-a@care.example.com",
        sender_name="Lan",
    ):
        raw = MAIL.format(
            sender=sender,
            sender_name=sender_name,
            to=to,
            subject=subject,
            msg_id=msg_id,
            extra=extra,
            body=body,
        )
        return self.env["mail.thread"].message_process(None, raw)

    def complaints(self):
        return self.env["care.complaint"].search([("team_id", "=", self.team_a.id)])

    def test_alias_made_for_the_team(self):
        self.assertEqual(self.alias.alias_name, "complaints-a")
        self.assertEqual(self.alias.alias_model_id.model, "care.complaint")
        self.assertEqual(self.alias.alias_domain_id, self.alias_domain)
        self.assertEqual(self.team_a.care_complaint_alias_domain, "care.example.com")
        # The team's lead alias is not touched.
        self.assertNotEqual(self.team_a.alias_id, self.alias)
        with self.assertRaises(AccessError):
            self.team_a.with_user(self.user_care).care_complaint_alias_name = "x"

    def test_new_thread_then_reply(self):
        complaint_id = self.receive()
        complaint = self.env["care.complaint"].browse(complaint_id)
        self.assertEqual(complaint.partner_id, self.customer)
        self.assertEqual(complaint.team_id, self.team_a)
        self.assertEqual(complaint.channel, "email")
        self.assertEqual(complaint.name, "Broken chair")
        self.assertIn("The chair broke.", complaint.customer_words)
        self.assertFalse(complaint.user_id)
        # A reply is threaded into the same complaint.
        self.receive(
            subject="Re: Broken chair",
            msg_id="<second@example.com>",
            extra="In-Reply-To: <first@example.com>\nReferences: <first@example.com>\n",
            body="Any news?",
        )
        self.assertEqual(self.complaints(), complaint)
        self.assertIn("Any news?", complaint.message_ids[0].body)

    def test_unknown_sender_kept_as_address(self):
        partners = self.env["res.partner"].search_count([])
        complaint = self.env["care.complaint"].browse(
            self.receive(sender="stranger@example.org", sender_name="Stranger")
        )
        self.assertFalse(complaint.partner_id)
        self.assertEqual(complaint.email_from, '"Stranger" <stranger@example.org>')
        self.assertEqual(self.env["res.partner"].search_count([]), partners)

    def test_auto_reply_creates_nothing(self):
        for header in (
            "Auto-Submitted: auto-replied\n",
            "X-Autoreply: yes\n",
            "Precedence: auto_reply\n",
        ):
            self.receive(
                msg_id=f"<auto-{len(header)}@example.com>",
                extra=header,
                subject="Out of office",
            )
        self.assertFalse(self.complaints())
        # "Auto-Submitted: no" is a person writing.
        self.receive(extra="Auto-Submitted: no\n")
        self.assertEqual(len(self.complaints()), 1)

    def test_bounce_creates_nothing(self):
        with mute_logger("odoo.addons.mail.models.mail_thread"):
            self.receive(
                sender="mailer-daemon@example.com",
                sender_name="Mail Delivery",
                subject="Undelivered Mail Returned to Sender",
            )
        self.assertFalse(self.complaints())

    def test_loop_stops(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "mail.gateway.loop.threshold", 3
        )
        with mute_logger("odoo.addons.mail.models.mail_thread"):
            for number in range(6):
                self.receive(
                    msg_id=f"<loop-{number}@example.com>",
                    subject=f"Automatic notice {number}",
                )
        self.assertEqual(len(self.complaints()), 3)

    def test_same_message_twice_is_one_complaint(self):
        self.receive()
        self.receive()
        self.assertEqual(len(self.complaints()), 1)

    @mute_logger("odoo.addons.mail.models.mail_thread")
    def test_mail_from_the_database_own_addresses_opens_nothing(self):
        for number, sender in enumerate(
            (
                "bounce@care.example.com",
                "catchall@care.example.com",
                "complaints-a@care.example.com",
            )
        ):
            with self.subTest(sender=sender):
                self.receive(sender=sender, msg_id=f"<own-{number}@care.example.com>")
        self.assertFalse(self.complaints())

    def test_customer_of_another_company_opens_a_complaint_here(self):
        stranger = self.env["res.partner"].create(
            {
                "name": "Customer of Company B",
                "email": "b.customer@example.com",
                "company_id": self.company_2.id,
            }
        )
        self.receive(sender=stranger.email, subject="Late\r\n delivery\tagain")
        complaint = self.complaints()
        self.assertEqual(len(complaint), 1)
        self.assertEqual(complaint.company_id, self.company)
        self.assertFalse(complaint.partner_id)
        self.assertEqual(complaint.email_from, '"Lan" <b.customer@example.com>')
        self.assertEqual(complaint.name, "Late delivery again")
