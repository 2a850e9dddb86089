from datetime import timedelta

from odoo import Command, fields
from odoo.tests import HttpCase, tagged

from odoo.addons.mail.tests.common import mail_new_test_user


@tagged("post_install", "-at_install")
class TestUiMyDay(HttpCase):
    """The app's first screens, per role, in English and Vietnamese: a manager
    lands on the team overview, a staff member on My Day. A client error or a
    console error fails the tour."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.manager = mail_new_test_user(
            env,
            login="care_tour_overview_manager",
            name="Overview Manager",
            groups="base.group_user,customer_care.group_care_manager",
            tz="Asia/Ho_Chi_Minh",
        )
        cls.staff = mail_new_test_user(
            env,
            login="care_tour_my_day_user",
            name="My Day User",
            groups="base.group_user,customer_care.group_care_user",
            tz="Asia/Ho_Chi_Minh",
        )
        cls.team = env["crm.team"].create(
            {
                "name": "Tour Care Team",
                "user_id": cls.manager.id,
                "member_ids": [Command.link(cls.staff.id)],
            }
        )
        today = fields.Date.context_today(cls.staff.with_context(tz="Asia/Ho_Chi_Minh"))
        gift_type = env["care.loyalty.action.type"].create(
            {"name": "Tour Gift Type", "kind": "gift", "channel": "phone"}
        )
        Partner = env["res.partner"]
        Action = env["care.loyalty.action"]

        def plan(name, action_type, days, email=False):
            partner = Partner.create({"name": name, "email": email})
            return Action.create(
                {
                    "partner_id": partner.id,
                    "type_id": action_type.id,
                    "planned_date": today + timedelta(days=days),
                    "user_id": cls.staff.id,
                }
            )

        cls.late = plan("Tour Late Customer", gift_type, -10)
        cls.mail = plan(
            "Tour Mail Customer",
            env.ref("customer_care.care_loyalty_action_type_greeting"),
            0,
            email="tour.mail@example.com",
        )
        plan("Tour Later Customer", gift_type, 20)
        Partner.create({"name": "Tour Quick Customer"})
        env["care.service.standard"].search([]).active = False
        cls.standards = env["care.service.standard"].create(
            [
                {"name": "Tour answer within two rings"},
                {"name": "Tour smile on the phone"},
            ]
        )
        review = env["care.cascade.review"].create(
            {
                "team_id": cls.team.id,
                "user_id": cls.manager.id,
                "date_start": today.replace(day=1),
                "date_end": today.replace(day=1) + timedelta(days=27),
            }
        )
        review.action_start()

    def in_vietnamese(self, *users):
        self.env["res.lang"]._activate_lang("vi_VN")
        self.env["ir.module.module"]._load_module_terms(
            ["customer_care"], ["vi_VN"], overwrite=True
        )
        for user in users:
            user.lang = "vi_VN"

    def run_overview(self):
        self.start_tour("/odoo", "customer_care_overview", login=self.manager.login)

    def run_my_day(self):
        self.start_tour("/odoo", "customer_care_my_day", login=self.staff.login)
        self.assertEqual(self.late.state, "done")
        self.assertEqual(self.mail.state, "done")
        self.assertEqual(
            self.standards.with_user(self.staff).mapped("acknowledged"), [True, True]
        )
        quick = self.env["care.loyalty.action"].search(
            [("partner_id.name", "=", "Tour Quick Customer")]
        )
        self.assertEqual(quick.type_id.name, "Tour Gift Type")
        self.assertEqual(quick.user_id, self.staff)

    def test_overview_tour(self):
        self.run_overview()

    def test_overview_tour_in_vietnamese(self):
        self.in_vietnamese(self.manager)
        self.run_overview()

    def test_my_day_tour(self):
        self.run_my_day()

    def test_my_day_tour_in_vietnamese(self):
        self.in_vietnamese(self.staff)
        self.run_my_day()
