from odoo.tests import tagged

from .common import CustomerCareCommon


@tagged("post_install", "-at_install")
class TestSettings(CustomerCareCommon):
    def test_switch_and_time_the_shipped_types(self):
        birthday = self.env.ref("customer_care.care_loyalty_action_type_birthday")
        follow_up = self.env.ref("customer_care.care_loyalty_action_type_follow_up")
        settings = self.env["res.config.settings"].create({})
        self.assertTrue(settings.care_birthday_active)
        self.assertEqual(settings.care_birthday_lead_days, birthday.lead_days)
        settings.care_birthday_lead_days = 3
        settings.care_follow_up_active = False
        settings.care_letter_signature = "<p>The care team</p>"
        settings.execute()
        self.assertEqual(birthday.lead_days, 3)
        self.assertFalse(follow_up.active)
        self.assertIn("The care team", str(self.env.company.care_letter_signature))
        settings = self.env["res.config.settings"].create({})
        self.assertFalse(settings.care_follow_up_active)
        self.assertEqual(settings.care_birthday_lead_days, 3)

    def test_signature_on_the_letter(self):
        self.env.company.care_letter_signature = "<p>Hotline 1900 1234</p>"
        action = self.env["care.loyalty.action"].create(
            {
                "partner_id": self.prospect.id,
                "type_id": self.env.ref(
                    "customer_care.care_loyalty_action_type_thank_you"
                ).id,
            }
        )
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("customer_care.report_care_loyalty_letter", action.ids)[
                0
            ]
            .decode()
        )
        self.assertIn("Hotline 1900 1234", html)
