from contextlib import nullcontext
from unittest.mock import patch

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.mail.tests.common import mail_new_test_user

from ..models.care_message_check import CareMessageCheck
from ..models.care_service_deadline_mixin import CareServiceDeadlineMixin
from .common import CustomerCareCommon

DAMAGING = "<p>I can't do that, it's our policy.</p>"


@tagged("post_install", "-at_install")
class TestMessageCheck(CustomerCareCommon):
    """Every message sent to a customer of a checked document is checked on the
    server, whatever sent it; notes and incoming mail are not."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team = cls.env["crm.team"].create(
            {"name": "Check Team", "member_ids": [Command.link(cls.user_salesman.id)]}
        )
        cls.sales_manager = mail_new_test_user(
            cls.env,
            login="check_sales_manager",
            name="Sales Manager",
            groups="sales_team.group_sale_manager",
        )
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Checked Customer",
                "email": "checked@example.com",
                "lang": "en_US",
            }
        )
        cls.lead = cls.env["crm.lead"].create(
            {
                "name": "Checked lead",
                "partner_id": cls.customer.id,
                "user_id": cls.user_salesman.id,
            }
        )
        Phrase = cls.env["care.phrase"]
        cls.cant = Phrase.search([("name", "=", "I can't"), ("lang", "=", "en")])
        cls.policy = Phrase.search([("name", "=", "our policy"), ("lang", "=", "en")])

    def _checks(self, record):
        return self.env["care.message.check"].search(
            [("model", "=", record._name), ("res_id", "=", record.id)]
        )

    def _reply(self, record, body=DAMAGING, user=None, **kwargs):
        record = record.with_user(user or self.user_salesman)
        return record.message_post(
            body=body, message_type="comment", subtype_xmlid="mail.mt_comment", **kwargs
        )

    def test_reply_on_each_checked_document(self):
        order = self.env["sale.order"].create(
            {"partner_id": self.customer.id, "user_id": self.user_salesman.id}
        )
        complaint = self.env["care.complaint"].create(
            {
                "name": "Broken",
                "partner_id": self.customer.id,
                "user_id": self.user_salesman.id,
            }
        )
        # No clock to reach: what is counted is the check alone.
        complaint.sudo().care_deadline_ids.unlink()
        self.lead.sudo().care_deadline_ids.unlink()
        for record in (self.customer, self.lead, order, complaint):
            message = self._reply(record.sudo(), user=self.user_salesman)
            check = self._checks(record)
            self.assertEqual(check.message_id, message, record._name)
            self.assertEqual(check.phrase_ids, self.cant | self.policy)
            self.assertEqual(check.phrase_count, 2)
            self.assertTrue(check.has_damaging)
            self.assertEqual(check.damaging_rate, 100.0)
            self.assertEqual(check.user_id, self.user_salesman)
            self.assertEqual(check.team_id, self.team)
            self.assertEqual(check.company_id, self.company)

    def test_clean_reply_is_counted_too(self):
        self._reply(self.lead, "<p>Thank you, I will call you tomorrow.</p>")
        check = self._checks(self.lead)
        self.assertEqual(len(check), 1)
        self.assertFalse(check.phrase_ids)
        self.assertFalse(check.has_damaging)
        self.assertEqual(check.damaging_rate, 0.0)

    def test_notes_incoming_mail_and_other_models_are_not_checked(self):
        self.lead.with_user(self.user_salesman).message_post(
            body=DAMAGING, message_type="comment", subtype_xmlid="mail.mt_note"
        )
        self.lead.message_post(
            body=DAMAGING,
            message_type="email",
            subtype_xmlid="mail.mt_comment",
            author_id=self.customer.id,
        )
        self.assertFalse(self._checks(self.lead))
        team_message = self._reply(self.team, user=self.sales_manager)
        self.assertFalse(
            self.env["care.message.check"].search(
                [("message_id", "=", team_message.id)]
            )
        )

    def test_paragraphs_end_phrases(self):
        self._reply(self.lead, "<p>Our</p><p>policy</p><p>I<br>can't</p>")
        self.assertFalse(self._checks(self.lead).phrase_ids)

    def test_suggestions_taken_come_from_the_composer(self):
        lead = self.lead.with_context(
            care_phrase_taken_ids=[self.cant.id, 0, "x", 10**9]
        )
        self._reply(lead, "<p>What I can do is this, it's our policy.</p>")
        check = self._checks(self.lead)
        self.assertEqual(check.taken_ids, self.cant)
        self.assertEqual(check.taken_count, 1)
        self.assertEqual(check.phrase_ids, self.policy)

    def test_template_sent_from_the_api(self):
        template = self.env["mail.template"].create(
            {
                "name": "Refusal",
                "model_id": self.env["ir.model"]._get_id("crm.lead"),
                "subject": "About your request",
                "body_html": "<p>Dear {{ object.partner_id.name }}, I can't.</p>",
            }
        )
        self.lead.with_user(self.user_salesman).message_post_with_source(
            template, subtype_xmlid="mail.mt_comment"
        )
        check = self._checks(self.lead)
        self.assertEqual(check.phrase_ids, self.cant)
        self.assertEqual(check.user_id, self.user_salesman)

    def test_mass_mail_composer_is_checked_in_one_batch(self):
        leads = self.env["crm.lead"].create(
            [{"name": f"Mass {i}", "partner_id": self.customer.id} for i in range(3)]
        )
        composer = (
            self.env["mail.compose.message"]
            .with_user(self.sales_manager)
            .with_context(
                default_model="crm.lead",
                default_res_ids=leads.ids,
                default_composition_mode="mass_mail",
            )
            .create({"subject": "News", "body": "<p>Sorry, no discount.</p>"})
        )
        composer._action_send_mail()
        checks = self.env["care.message.check"].search(
            [("res_id", "in", leads.ids), ("model", "=", "crm.lead")]
        )
        self.assertEqual(len(checks), 3)
        self.assertEqual(checks.user_id, self.sales_manager)
        self.assertEqual(set(checks.mapped("phrase_count")), {1})

    def _post_queries(self, record, subtype, checked=True):
        """The queries of one message posted by the salesman on ``record`` (a
        request's cache: emptied first, flushed after), with the addon's message
        hooks (the check and the clocks) or without them."""
        off = (
            nullcontext()
            if checked
            else patch.object(
                CareMessageCheck,
                "_check_messages",
                lambda self, *a, **k: self.browse(),
            )
        )
        clocks_off = (
            nullcontext()
            if checked
            else patch.object(
                CareServiceDeadlineMixin,
                "_care_deadline_on_message",
                lambda self, *a, **k: None,
            )
        )
        # E-mails are sent after the commit in production; the test mode sends
        # them at once, which empties the cache before the check: queued here.
        record = record.with_user(self.user_salesman).with_context(
            mail_notify_force_send=False
        )
        with off, clocks_off:
            counts = []
            for _round in range(2):  # the first fills the registry's caches
                self.env.invalidate_all()
                before = self.env.cr.sql_log_count
                record.message_post(
                    body=DAMAGING,
                    message_type="comment",
                    subtype_xmlid=subtype,
                    partner_ids=self.customer.ids,
                )
                self.env.flush_all()
                counts.append(self.env.cr.sql_log_count - before)
        return counts[-1]

    def test_a_reply_costs_two_queries_a_note_none(self):
        """The check and its phrases, written once with their figures; a note
        reads nothing more. On every checked document."""
        order = self.env["sale.order"].create(
            {"partner_id": self.customer.id, "user_id": self.user_salesman.id}
        )
        complaint = self.env["care.complaint"].create(
            {
                "name": "Query budget",
                "partner_id": self.customer.id,
                "user_id": self.user_salesman.id,
            }
        )
        # No clock to reach: what is counted is the check alone.
        complaint.sudo().care_deadline_ids.unlink()
        self.lead.sudo().care_deadline_ids.unlink()
        for record in (self.customer, self.lead, order, complaint):
            for subtype, budget in (("mail.mt_comment", 2), ("mail.mt_note", 0)):
                with self.subTest(model=record._name, subtype=subtype):
                    extra = self._post_queries(record, subtype) - self._post_queries(
                        record, subtype, checked=False
                    )
                    self.assertEqual(extra, budget)
        self.assertEqual(
            len(self.env["care.message.check"].search([("res_id", "=", order.id)])),
            2,
            "the replies were checked",
        )

    def test_figures_are_those_of_the_phrases_kept(self):
        """Written with the check, the figures say what its phrases and taken
        suggestions say, and the analysis adds them up as before."""
        messages = self._reply(self.lead)  # two phrases
        messages |= self._reply(self.lead, "<p>We are on it, thank you.</p>")
        messages |= self._reply(
            self.customer.sudo(), "<p>Sorry, but no.</p>", user=self.user_care_manager
        )
        messages |= (
            self.lead.with_user(self.user_salesman)
            .with_context(care_phrase_taken_ids=[self.cant.id])
            .message_post(
                body="<p>Here is what I can do, it's our policy.</p>",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        )
        checks = self.env["care.message.check"].search(
            [("message_id", "in", messages.ids)]
        )
        self.assertEqual(len(checks), 4)
        for check in checks:
            self.assertEqual(check.phrase_count, len(check.phrase_ids))
            self.assertEqual(check.has_damaging, bool(check.phrase_ids))
            self.assertEqual(check.damaging_rate, 100.0 if check.phrase_ids else 0.0)
            self.assertEqual(check.taken_count, len(check.taken_ids))
        [totals] = self.env["care.message.check"]._read_group(
            [("id", "in", checks.ids)],
            aggregates=["phrase_count:sum", "damaging_rate:avg", "taken_count:sum"],
        )
        self.assertEqual(totals, (5, 75.0, 1))

    def test_checking_stays_flat(self):
        Check = self.env["care.message.check"]
        messages = self.env["mail.message"]
        for index in range(9):
            messages |= self._reply(self.lead, f"<p>Message {index}: but no.</p>")
        Check.search([("message_id", "in", messages.ids)]).unlink()
        Check._check_messages(messages[:1])  # the library is compiled once
        Check.search([("message_id", "in", messages.ids)]).unlink()
        self.env.invalidate_all()
        with self.assertQueryCount(__system__=12):
            Check.with_user(self.user_salesman)._check_messages(messages[:3])
        self.env.invalidate_all()
        with self.assertQueryCount(__system__=12):
            Check.with_user(self.user_salesman)._check_messages(messages[3:])
        self.assertEqual(Check.search_count([("message_id", "in", messages.ids)]), 9)

    def test_rights(self):
        messages = self._reply(self.lead, user=self.user_salesman)
        messages |= self._reply(self.customer.sudo(), user=self.user_care_manager)
        Check = self.env["care.message.check"]
        own = Check.with_user(self.user_salesman).search([])
        self.assertEqual(own.user_id, self.user_salesman)
        # The demo data's checks are the managers' to see too: only these count.
        ours = [("message_id", "in", messages.ids)]
        self.assertEqual(len(Check.with_user(self.user_care_manager).search(ours)), 2)
        self.assertFalse(Check.with_user(self.user_care_company_2).search([]))
        with self.assertRaises(AccessError):
            own.with_user(self.user_salesman).write({"phrase_count": 0})
        with self.assertRaises(AccessError):
            own.with_user(self.user_care_admin).write({"taken_count": 5})
        with self.assertRaises(AccessError):
            Check.with_user(self.user_care_manager).create(
                {
                    "message_id": own.message_id.id,
                    "model": "crm.lead",
                    "res_id": 1,
                    "user_id": self.user_salesman.id,
                    "company_id": self.company.id,
                    "date": "2026-01-01",
                }
            )
        with self.assertRaises(AccessError):
            self.env["care.phrase"].with_user(self.user_care_manager).create(
                {
                    "name": "x",
                    "alternatives": "y",
                    "lang_id": self.env.ref("base.lang_en").id,
                }
            )

    def test_figures_per_writer_and_month(self):
        self._reply(self.lead)
        self._reply(self.lead, "<p>Thank you.</p>")
        self._reply(self.lead, "<p>Of course.</p>", user=self.sales_manager)
        self._reply(
            self.lead.with_context(care_phrase_taken_ids=[self.cant.id]), "<p>Fine.</p>"
        )
        groups = (
            self.env["care.message.check"]
            .with_user(self.user_care_manager)
            .read_group(
                [("model", "=", "crm.lead")],
                ["damaging_rate:avg", "taken_count:sum"],
                ["user_id", "date:month"],
                lazy=False,
            )
        )
        figures = {
            group["user_id"][0]: (
                group["__count"],
                group["damaging_rate"],
                group["taken_count"],
            )
            for group in groups
        }
        self.assertEqual(
            figures,
            {
                self.user_salesman.id: (3, 100 / 3, 1),
                self.sales_manager.id: (1, 0.0, 0),
            },
        )

    def _full_composer(self, record, body, user=None, **vals):
        return (
            self.env["mail.compose.message"]
            .with_user(user or self.user_salesman)
            .with_context(
                default_model=record._name,
                default_res_ids=record.ids,
                default_composition_mode="comment",
                default_subtype_xmlid="mail.mt_comment",
            )
            .create({"body": body, **vals})
        )

    def test_full_composer_confirms_damaging_replies_to_complaints(self):
        complaint = self.env["care.complaint"].create(
            {
                "name": "Dented",
                "partner_id": self.customer.id,
                "user_id": self.user_salesman.id,
            }
        )
        self.company.care_confirm_damaging_complaints = True
        composer = self._full_composer(complaint, DAMAGING)
        self.assertEqual(composer.care_damaging_phrases, "I can't, our policy")
        self.assertTrue(composer.care_needs_confirmation)
        with self.assertRaisesRegex(UserError, "I can't, our policy"):
            composer.action_send_mail()
        self.assertFalse(self._checks(complaint))
        composer.write(
            {"care_send_anyway": True, "care_taken_phrase_ids": f"[{self.cant.id}]"}
        )
        composer.action_send_mail()
        check = self._checks(complaint)
        self.assertEqual(check.phrase_ids, self.cant | self.policy)
        self.assertEqual(check.taken_ids, self.cant)

    def test_full_composer_elsewhere_sends_without_confirmation(self):
        self.company.care_confirm_damaging_complaints = True
        composer = self._full_composer(self.lead, DAMAGING)
        self.assertEqual(composer.care_damaging_phrases, "I can't, our policy")
        self.assertFalse(composer.care_needs_confirmation)
        composer.action_send_mail()
        self.assertEqual(self._checks(self.lead).phrase_count, 2)
        complaint = self.env["care.complaint"].create(
            {
                "name": "Scratched",
                "partner_id": self.customer.id,
                "user_id": self.user_salesman.id,
            }
        )
        self.company.care_confirm_damaging_complaints = False
        composer = self._full_composer(complaint, DAMAGING)
        self.assertFalse(composer.care_needs_confirmation)
        note = self._full_composer(
            complaint, DAMAGING, subtype_id=self.env.ref("mail.mt_note").id
        )
        self.assertFalse(note.care_damaging_phrases)

    def test_suggestions_of_another_company_are_left_out(self):
        other = self.env["care.phrase"].create(
            {
                "name": "zorblax",
                "alternatives": "word",
                "lang_id": self.env.ref("base.lang_en").id,
                "company_id": self.company_2.id,
            }
        )
        lead = self.lead.with_context(care_phrase_taken_ids=[other.id, self.cant.id])
        self._reply(lead, "<p>zorblax, fine.</p>")
        check = self._checks(self.lead)
        self.assertEqual(check.taken_ids, self.cant)
        self.assertFalse(check.phrase_ids)
