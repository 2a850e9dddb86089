from datetime import timedelta

from odoo import Command, fields
from odoo.tests import HttpCase, tagged

from odoo.addons.mail.tests.common import mail_new_test_user


@tagged("post_install", "-at_install")
class TestUiServiceStandards(HttpCase):
    """A manager reads the service standards report and starts a review whose
    line bound to "standards met" fills itself, in English and in Vietnamese."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.manager = mail_new_test_user(
            env,
            login="care_tour_standards_manager",
            name="Standards Manager",
            groups="base.group_user,customer_care.group_care_manager",
        )
        cls.team = env["crm.team"].create(
            {
                "name": "Tour Standards Team",
                "user_id": cls.manager.id,
                "member_ids": [Command.link(cls.manager.id)],
            }
        )
        standard = env["care.service.standard"].create(
            {
                "name": "Tour reply standard",
                "measure": "first_reply",
                "applies_to": "complaint",
                "target_value": 4,
                "target_unit": "business_hours",
                "company_id": False,
                "active": False,
            }
        )
        complaint = env["care.complaint"].create(
            {
                "name": "Tour complaint",
                "partner_id": env["res.partner"].create({"name": "Tour Customer"}).id,
                "team_id": cls.team.id,
                "user_id": cls.manager.id,
            }
        )
        now = fields.Datetime.now()
        start = now.replace(day=1, hour=2, minute=0, second=0, microsecond=0)
        env["care.service.deadline"].sudo().create(
            [
                {
                    "standard_id": standard.id,
                    "complaint_id": complaint.id,
                    "company_id": complaint.company_id.id,
                    "date_start": start,
                    "date_run": start,
                    "deadline": start + timedelta(hours=4),
                    "date_reached": start + timedelta(hours=hours),
                    "hours_used": hours,
                    "state": state,
                }
                for hours, state in ((1, "met"), (2, "met"), (6, "breached"))
            ]
        )
        env["care.cascade.item"].search([]).active = False
        env["care.cascade.item"].create(
            {
                "name": "Tour standards are met",
                "element_id": env.ref(
                    "customer_care.care_cascade_element_standards"
                ).id,
                "indicator": "standards_met",
                "indicator_target": 60,
                "company_id": False,
            }
        )
        today = fields.Date.context_today(cls.manager)
        cls.review = env["care.cascade.review"].create(
            {
                "team_id": cls.team.id,
                "user_id": cls.manager.id,
                "date_start": today.replace(day=1),
                "date_end": today.replace(day=28),
            }
        )

    def _run(self, lang):
        if lang != "en_US":
            self.env["res.lang"]._activate_lang(lang)
        self.manager.lang = lang
        self.start_tour(
            "/odoo", "customer_care_service_standards", login=self.manager.login
        )
        line = self.review.line_ids
        self.assertEqual(line.status, "done")
        self.assertAlmostEqual(line.indicator_value, 66.7, places=1)
        self.assertEqual(line.indicator_sample, 3)

    def test_service_standards_en(self):
        self._run("en_US")

    def test_service_standards_vi(self):
        self._run("vi_VN")
