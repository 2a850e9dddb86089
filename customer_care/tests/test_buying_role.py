from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import CustomerCareCommon


@tagged("post_install", "-at_install")
class TestBuyingRole(CustomerCareCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.director = Partner.create(
            {
                "name": "Director",
                "parent_id": cls.customer_company.id,
                "care_buying_role": "decision_maker",
            }
        )
        cls.cfo = Partner.create(
            {
                "name": "CFO",
                "parent_id": cls.customer_company.id,
                "care_buying_role": "decision_maker",
            }
        )
        cls.engineer = Partner.create(
            {
                "name": "Engineer",
                "parent_id": cls.customer_company.id,
                "care_buying_role": "user",
            }
        )

    def test_company_shows_its_decision_makers(self):
        self.assertEqual(
            self.customer_company.care_decision_maker_ids, self.director | self.cfo
        )
        self.customer_contact.with_user(
            self.user_care
        ).care_buying_role = "decision_maker"
        self.assertIn(
            self.customer_contact, self.customer_company.care_decision_maker_ids
        )
        self.cfo.care_buying_role = "beneficiary"
        self.assertNotIn(self.cfo, self.customer_company.care_decision_maker_ids)

    def test_company_cannot_have_a_buying_role(self):
        with self.assertRefused(ValidationError, "Lotus Trading is a company"):
            self.customer_company.with_user(
                self.user_care
            ).care_buying_role = "decision_maker"
        self.assertFalse(self.customer_company.care_buying_role)
        with self.assertRefused(ValidationError):
            self.env["res.partner"].create(
                {"name": "Role Corp", "is_company": True, "care_buying_role": "user"}
            )
        self.assertFalse(self.env["res.partner"].search([("name", "=", "Role Corp")]))
        # Turning a contact that has a role into a company is refused as well.
        with self.assertRefused(ValidationError):
            self.engineer.write({"is_company": True, "parent_id": False})
        self.assertFalse(self.engineer.is_company)

    def test_invalid_role_is_refused(self):
        with self.assertRefused(ValidationError, "not a valid value for Buying Role"):
            self.engineer.care_buying_role = "sponsor"
        self.assertEqual(self.engineer.care_buying_role, "user")
