from datetime import date

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import CustomerCareCommon


@tagged("post_install", "-at_install")
class TestLoyaltyActionType(CustomerCareCommon):
    def test_shipped_types_cover_every_kind(self):
        types = self.env["care.loyalty.action.type"].search([])
        self.assertEqual(
            set(types.mapped("kind")),
            {
                "thank_you",
                "birthday",
                "gift",
                "greeting",
                "follow_up",
                "referral_reward",
            },
        )
        for action_type in types.filtered(lambda t: t.channel == "email"):
            self.assertTrue(action_type.mail_template_id, action_type.name)

    def test_email_type_needs_a_template_letter_a_layout(self):
        Type = self.env["care.loyalty.action.type"].with_user(self.user_care_admin)
        with self.assertRefused(ValidationError, "choose its mail template"):
            Type.create({"name": "Mail", "kind": "greeting", "channel": "email"})
        with self.assertRefused(ValidationError, "choose its printable layout"):
            Type.create({"name": "Letter", "kind": "thank_you", "channel": "letter"})
        visit = Type.create({"name": "Visit", "kind": "follow_up", "channel": "visit"})
        self.assertEqual(visit.company_id, self.company)

    def test_negative_lead_time_and_amount_are_refused_without_an_error_log(self):
        Type = self.env["care.loyalty.action.type"]
        gift = Type.create({"name": "Gift", "kind": "gift", "channel": "gift"})
        # A refusal the user is expected to meet is no server error.
        with self.assertNoLogs("odoo.sql_db", "ERROR"):
            with self.assertRefused(ValidationError, "lead time of Never cannot"):
                Type.create(
                    {
                        "name": "Never",
                        "kind": "gift",
                        "channel": "gift",
                        "lead_days": -1,
                    }
                )
            with self.assertRefused(ValidationError, "minimum amount of Gift cannot"):
                gift.min_amount = -5
                self.env.flush_all()
        self.assertEqual(gift.min_amount, 0.0)

    @freeze_time("2026-05-04")
    def test_birthdate_cannot_be_in_the_future(self):
        with self.assertRefused(ValidationError, "is in the future"):
            self.prospect.with_user(self.user_care).care_birthdate = date(2026, 5, 5)
        self.assertFalse(self.prospect.care_birthdate)
        self.prospect.care_birthdate = date(2026, 5, 4)
