from datetime import date

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger
from odoo.tools.safe_eval import safe_eval

from .common import CustomerCareCommon


@tagged("post_install", "-at_install")
class TestLoyaltyAction(CustomerCareCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.greeting = cls.env.ref("customer_care.care_loyalty_action_type_greeting")
        cls.gift = cls.env.ref("customer_care.care_loyalty_action_type_gift")
        cls.thank_you = cls.env.ref("customer_care.care_loyalty_action_type_thank_you")
        cls.Action = cls.env["care.loyalty.action"]

    def plan(self, action_type, partner=None, user=None, **values):
        return self.Action.with_user(user or self.user_care).create(
            {"partner_id": (partner or self.prospect).id, "type_id": action_type.id}
            | values
        )

    def test_send_by_email_posts_on_the_customer(self):
        self.flush_tracking()
        action = self.plan(self.greeting)
        self.assertEqual(action.channel, "email")
        with freeze_time("2026-05-04"):
            action.action_send()
        self.assertEqual(action.state, "done")
        self.assertEqual(action.done_date, date(2026, 5, 4))
        message = self.prospect.message_ids.filtered(
            lambda m: m.message_type == "comment"
        )[:1]
        self.assertIn("Best wishes from", message.subject)
        self.assertIn("Mai Prospect", str(message.body))
        self.assertEqual(message.partner_ids, self.prospect)
        notification = message.sudo().notification_ids
        self.assertEqual(notification.res_partner_id, self.prospect)
        self.assertEqual(notification.notification_type, "email")
        with self.assertRefused(UserError, "Only planned actions can be sent"):
            action.action_send()

    def test_send_from_the_composer_after_reading_and_editing(self):
        self.env["res.lang"]._activate_lang("vi_VN")
        self.env["ir.module.module"]._load_module_terms(
            ["customer_care"], ["vi_VN"], overwrite=True
        )
        self.prospect.lang = "vi_VN"
        action = self.plan(self.greeting)
        opened = action.with_user(self.user_care).action_compose_email()
        self.assertEqual(opened["res_model"], "mail.compose.message")
        self.assertEqual(action.state, "planned", "opening the composer sends nothing")
        composer = Form(
            self.env[opened["res_model"]]
            .with_user(self.user_care)
            .with_context(**opened["context"])
        )
        self.assertIn("Lời chúc tốt đẹp từ", composer.subject)
        self.assertIn("Kính gửi", str(composer.body))
        self.assertEqual(composer.partner_ids[:], self.prospect)
        composer.body = "<p>I can't do that, it's our policy.</p>"
        self.assertEqual(composer.care_damaging_phrases, "I can't, our policy")
        with freeze_time("2026-05-04"):
            composer.save().action_send_mail()
        self.assertEqual(action.state, "done")
        self.assertEqual(action.done_date, date(2026, 5, 4))
        message = action.message_sent_id
        self.assertEqual((message.model, message.res_id), (action._name, action.id))
        self.assertIn("our policy", str(message.body))
        self.assertEqual(message.partner_ids, self.prospect)
        check = self.env["care.message.check"].search([("message_id", "=", message.id)])
        self.assertEqual(check.phrase_ids.mapped("name"), ["I can't", "our policy"])
        with self.assertRefused(UserError, "Only planned actions can be sent"):
            action.with_user(self.user_care).action_compose_email()

    def test_composer_refuses_what_cannot_be_sent(self):
        gift = self.plan(self.gift)
        with self.assertRefused(UserError, "not sent by e-mail"):
            gift.action_compose_email()
        no_email = self.env["res.partner"].create({"name": "No Mail"})
        greeting = self.plan(self.greeting, partner=no_email)
        with self.assertRefused(UserError, "The customer has no e-mail address."):
            greeting.action_compose_email()
        with self.assertRefused(AccessError, "not allowed to modify"):
            greeting.with_user(self.user_employee).action_compose_email()

    def test_a_note_from_the_composer_does_not_send_the_action(self):
        action = self.plan(self.greeting)
        opened = action.action_compose_email()
        action.with_context(**opened["context"]).message_post(
            body="Call before sending", subtype_xmlid="mail.mt_note"
        )
        self.assertEqual(action.state, "planned")
        self.assertFalse(action.message_sent_id)

    def test_send_in_the_customers_language(self):
        self.env["res.lang"]._activate_lang("vi_VN")
        self.env["ir.module.module"]._load_module_terms(
            ["customer_care"], ["vi_VN"], overwrite=True
        )
        self.prospect.lang = "vi_VN"
        action = self.plan(self.greeting)
        action.action_send()
        message = self.prospect.message_ids.filtered(
            lambda m: m.message_type == "comment"
        )[:1]
        self.assertIn("Lời chúc tốt đẹp từ", message.subject)
        self.assertIn("Kính gửi", str(message.body))

    def test_mail_queue_failure_brings_the_action_back(self):
        action = self.plan(self.greeting)
        action.action_send()
        self.assertEqual(action.state, "done")
        mail = (
            self.env["mail.mail"]
            .sudo()
            .search([("mail_message_id", "=", action.message_sent_id.id)])
        )
        self.assertEqual(len(mail), 1, "queued, not sent inline")
        mail._postprocess_sent_message(
            success_pids=[],
            failure_reason="550 mailbox unavailable",
            failure_type="mail_smtp",
        )
        self.assertEqual(action.state, "planned")
        self.assertFalse(action.done_date)
        self.assertEqual(action.send_error, "550 mailbox unavailable")

    def test_failed_email_stays_planned_with_the_error(self):
        no_email = self.env["res.partner"].create({"name": "No Mail"})
        action = self.plan(self.greeting, partner=no_email)
        action.action_send()
        self.assertEqual(action.state, "planned")
        self.assertEqual(action.send_error, "The customer has no e-mail address.")

    def test_todo_summary_in_the_responsibles_language(self):
        self.env["res.lang"]._activate_lang("vi_VN")
        self.env["ir.module.module"]._load_module_terms(
            ["customer_care"], ["vi_VN"], overwrite=True
        )
        self.user_care_manager.lang = "vi_VN"
        action = self.Action.with_context(lang="en_US").create(
            {
                "partner_id": self.prospect.id,
                "type_id": self.gift.id,
                "user_id": self.user_care_manager.id,
            }
        )
        self.assertEqual(action.activity_ids.summary, "Quà nhỏ - Mai Prospect")

    def test_manual_channels_give_the_responsible_a_todo_on_the_day(self):
        with freeze_time("2026-06-28"):
            action = self.plan(
                self.gift,
                planned_date=date(2026, 7, 1),
                user_id=self.user_care_manager.id,
            )
            self.Action._cron_schedule_todos()
            self.assertFalse(action.activity_ids, "not before the planned day")
        with freeze_time("2026-07-01"):
            self.Action._cron_schedule_todos()
            self.Action._cron_schedule_todos()
        activity = action.activity_ids
        self.assertEqual(len(activity), 1, "one to-do, however often the cron runs")
        self.assertEqual(activity.user_id, self.user_care_manager)
        self.assertEqual(activity.date_deadline, date(2026, 7, 1))
        self.assertTrue(action.todo_created)
        with self.assertRefused(UserError, "not sent by e-mail"):
            action.action_send()
        action.action_done()
        self.assertFalse(action.activity_ids)
        self.assertEqual(action.state, "done")

    @freeze_time("2026-07-15")
    def test_a_due_action_gets_its_todo_at_once(self):
        today = self.plan(self.gift)
        self.assertEqual(len(today.activity_ids), 1)
        later = self.plan(self.gift, planned_date=date(2026, 7, 20))
        self.assertFalse(later.activity_ids)
        later.planned_date = date(2026, 7, 15)
        self.assertEqual(len(later.activity_ids), 1, "brought forward to today")
        by_email = self.plan(self.greeting)
        self.assertFalse(by_email.activity_ids, "e-mails are sent, not to-dos")

    def test_cancel_reschedule_plan_again(self):
        with freeze_time("2026-07-15"):
            action = self.plan(self.gift)
            action.planned_date = date(2026, 8, 1)
            action.action_cancel()
            self.assertFalse(action.activity_ids)
            self.assertFalse(action.todo_created)
            with self.assertRefused(UserError, "Only planned actions can be resch"):
                action.planned_date = date(2026, 8, 2)
            action.action_reset_planned()
            self.assertEqual(action.state, "planned")
            self.assertFalse(action.activity_ids, "due on 1 August")
        with freeze_time("2026-08-01"):
            self.Action._cron_schedule_todos()
        self.assertEqual(len(action.activity_ids), 1)

    def test_searched_by_type_or_customer_name(self):
        action = self.plan(self.gift)
        mine = [("id", "=", action.id)]
        self.assertEqual(action.name, "Small gift - Mai Prospect")
        # The follow-up calls' calendar reads the customer first.
        follow_up = self.env.ref("customer_care.care_complaint_action_follow_up")
        context = safe_eval(follow_up.context)
        self.assertEqual(
            action.with_context(**context).name, "Mai Prospect - Small gift"
        )
        for operator, value, found in (
            ("ilike", "small gift", action),
            ("ilike", "mai pros", action),
            ("ilike", "Birthday", self.Action),
            ("not ilike", "mai pros", self.Action),
            ("not ilike", "small gift", self.Action),
            ("not ilike", "Birthday", action),
        ):
            self.assertEqual(
                self.Action.search(mine + [("name", operator, value)]),
                found,
                f"{operator} {value}",
            )
        self.assertEqual(
            self.Action.name_search("mai pros", args=mine), [(action.id, action.name)]
        )

    def test_print_letter(self):
        action = self.plan(self.thank_you, note="<p>Thanks for the lunch</p>")
        report_action = action.action_print()
        self.assertEqual(
            report_action["report_name"], "customer_care.report_care_loyalty_letter"
        )
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("customer_care.report_care_loyalty_letter", action.ids)[
                0
            ]
            .decode()
        )
        self.assertIn("Mai Prospect", html)
        self.assertIn("Thanks for the lunch", html)
        with self.assertRefused(UserError, "No printable layout"):
            self.plan(self.gift).action_print()

    def test_letter_pdf(self):
        # wkhtmltopdf fetches the layout's assets from report.url: point it at a
        # closed local port, so that no server running on this machine can stall it.
        self.env["ir.config_parameter"].sudo().set_param(
            "report.url", "http://127.0.0.1:9"
        )
        action = self.plan(self.thank_you)
        # Debian's wkhtmltopdf (unpatched Qt) warns that it ignores the header
        # switches; the PDF is made all the same.
        with mute_logger("odoo.addons.base.models.ir_actions_report"):
            pdf, report_format = (
                self.env["ir.actions.report"]
                .with_context(force_report_rendering=True)
                ._render_qweb_pdf(
                    "customer_care.report_care_loyalty_letter", action.ids
                )
            )
        self.assertEqual(report_format, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))

    @mute_logger("odoo.sql_db")
    def test_never_twice_for_one_occasion(self):
        self.Action.create(
            {
                "partner_id": self.prospect.id,
                "type_id": self.thank_you.id,
                "occasion": "2026",
            }
        )
        with self.assertRaises(IntegrityError):
            self.Action.create(
                {
                    "partner_id": self.prospect.id,
                    "type_id": self.thank_you.id,
                    "occasion": "2026",
                }
            )
            self.env.flush_all()

    def test_cron_sends_due_emails(self):
        due = self.plan(self.greeting, planned_date=date(2026, 5, 1))
        later = self.plan(self.greeting, planned_date=date(2026, 6, 1))
        failing = self.plan(
            self.greeting,
            partner=self.env["res.partner"].create({"name": "No Mail"}),
            planned_date=date(2026, 4, 1),
        )
        with freeze_time("2026-05-02"):
            self.Action._cron_send_due()
        self.assertEqual(due.state, "done")
        self.assertEqual(later.state, "planned")
        self.assertEqual(failing.state, "planned")
        self.assertTrue(failing.send_error)

    def test_cron_isolates_a_failing_email(self):
        broken = self.env["mail.template"].create(
            {
                "name": "Broken",
                "model_id": self.env["ir.model"]._get_id("care.loyalty.action"),
                "subject": "{{ object.no_such_field }}",
                "body_html": "<p>Hello</p>",
            }
        )
        broken_type = self.greeting.copy(
            {"name": "Broken greeting", "mail_template_id": broken.id}
        )
        good = self.plan(self.greeting, planned_date=date(2026, 5, 1))
        bad = self.plan(broken_type, planned_date=date(2026, 5, 1))
        with (
            freeze_time("2026-05-02"),
            mute_logger(
                "odoo.addons.customer_care.models.care_loyalty_action",
                "odoo.addons.mail.models.mail_render_mixin",
            ),
        ):
            self.Action._cron_send_due()
        self.assertEqual(good.state, "done")
        self.assertEqual(bad.state, "planned")
        self.assertIn("no_such_field", bad.send_error)

    def test_access(self):
        action = self.plan(self.greeting, user=self.user_care)
        action.with_user(self.user_care).write({"note": "<p>call first</p>"})
        with self.assertRefused(AccessError):
            action.with_user(self.user_care).unlink()
        with self.assertRefused(AccessError):
            self.greeting.with_user(self.user_care_manager).write({"lead_days": 3})
        self.greeting.with_user(self.user_care_admin).write({"lead_days": 3})
        with self.assertRefused(AccessError):
            self.Action.with_user(self.user_employee).search([])
        # Company B's actions stay in company B.
        other = self.Action.create(
            {
                "partner_id": self.prospect_company_2.id,
                "type_id": self.greeting.id,
                "company_id": self.company_2.id,
            }
        )
        self.assertNotIn(other, self.Action.with_user(self.user_care).search([]))
        self.assertIn(other, self.Action.with_user(self.user_care_company_2).search([]))

    def test_partner_smart_button(self):
        self.plan(self.greeting)
        self.plan(self.gift)
        self.assertEqual(
            self.prospect.with_user(self.user_care).care_loyalty_action_count, 2
        )
        action = self.prospect.with_user(
            self.user_care
        ).action_view_care_loyalty_actions()
        self.assertEqual(self.Action.search(action["domain"]).partner_id, self.prospect)

    def test_sending_costs_the_same_queries_for_2_and_8_emails(self):
        """E-mails are made in batch, as Odoo's mass mailing makes them: the
        queries do not grow with the number of e-mails."""
        customers = self.env["res.partner"].create(
            [
                {"name": f"Batch {index}", "email": f"b{index}@example.com"}
                for index in range(14)
            ]
        )

        def send(partners):
            actions = self.Action.create(
                [{"partner_id": p.id, "type_id": self.greeting.id} for p in partners]
            )
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            actions.action_send()
            self.env.flush_all()
            self.assertEqual(set(actions.mapped("state")), {"done"})
            return self.env.cr.sql_log_count - before

        send(customers[:4])  # warms the registry's caches up
        self.assertEqual(send(customers[4:6]), send(customers[6:14]))
        mails = (
            self.env["mail.mail"]
            .sudo()
            .search([("res_id", "in", customers.ids), ("model", "=", "res.partner")])
        )
        self.assertEqual(len(mails), 14)
        self.assertEqual(set(mails.mapped("state")), {"outgoing"})

    @freeze_time("2026-12-01 18:00:00")  # already 2 December in Ho Chi Minh City
    def test_overdue_in_the_readers_time_zone(self):
        yesterday = self.plan(self.gift, planned_date="2026-11-30")
        today_utc = self.plan(self.gift, planned_date="2026-12-01")
        done = self.plan(self.gift, planned_date="2026-11-01")
        done.action_done()
        Action = self.Action.with_user(self.user_care)
        for tz, overdue in (
            ("UTC", yesterday),
            ("Asia/Ho_Chi_Minh", yesterday | today_utc),
        ):
            with self.subTest(tz=tz):
                actions = (yesterday | today_utc | done).with_context(tz=tz)
                self.assertEqual(actions.filtered("is_overdue"), overdue)
                found = Action.with_context(tz=tz).search(
                    [("is_overdue", "=", True), ("partner_id", "=", self.prospect.id)]
                )
                self.assertEqual(found, overdue)
                not_overdue = Action.with_context(tz=tz).search(
                    [("is_overdue", "=", False), ("partner_id", "=", self.prospect.id)]
                )
                self.assertEqual(not_overdue, (yesterday | today_utc | done) - overdue)

    def test_kanban_quick_create_makes_the_action(self):
        # Before, the quick create asked for a name that is computed.
        view = self.env.ref("customer_care.care_loyalty_action_view_form_quick_create")
        with Form(self.Action.with_user(self.user_care), view=view) as form:
            form.partner_id = self.prospect
            form.type_id = self.gift
        action = form.record
        self.assertEqual(action.name, "Small gift - Mai Prospect")
        self.assertEqual(action.user_id, self.user_care)
        self.assertEqual(action.state, "planned")
