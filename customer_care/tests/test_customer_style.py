from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import CustomerCareCommon


@tagged("post_install", "-at_install")
class TestCustomerStyle(CustomerCareCommon):
    """The style staff observe on a customer, who observed it and when, and the
    advice shown where they write to that customer."""

    @freeze_time("2026-12-02 10:00:00")
    def test_observation_is_recorded_by_the_change(self):
        partner = self.prospect.with_user(self.user_care)
        partner.care_disc_style = "compliance"
        self.assertEqual(partner.care_style_user_id, self.user_care)
        self.assertEqual(str(partner.care_style_date), "2026-12-02")
        # Writing the same style again (a merge, an import) changes nothing.
        partner.with_user(self.user_care_manager).care_disc_style = "compliance"
        self.assertEqual(partner.care_style_user_id, self.user_care)
        partner.with_user(self.user_care_manager).care_difficult_type = "indecisive"
        self.assertEqual(partner.care_style_user_id, self.user_care_manager)

    def test_observer_cannot_be_written_directly(self):
        partner = self.prospect.with_user(self.user_care)
        with self.assertRaises(AccessError):
            partner.write({"care_style_user_id": self.user_care_manager.id})
        with self.assertRaises(AccessError):
            partner.write({"care_style_date": "2026-01-01"})

    def test_advice_per_style_and_type_in_each_language(self):
        self.env["res.lang"]._activate_lang("vi_VN")
        self.prospect.write(
            {"care_disc_style": "dominance", "care_difficult_type": "angry"}
        )
        advice = self.prospect.with_user(self.user_care).care_style_advice
        self.assertEqual(advice.count("\n"), 1)
        self.assertTrue(advice.startswith("Dominance: "))
        self.assertIn("Angry: ", advice)
        shipped = self.env.ref("customer_care.care_style_advice_dominance")
        shipped.with_context(lang="vi_VN").advice = "Hiệu quả, nói thẳng vào việc."
        vi_advice = self.prospect.with_user(self.user_care).with_context(lang="vi_VN")
        self.assertIn("Hiệu quả, nói thẳng vào việc.", vi_advice.care_style_advice)

    def test_company_advice_wins_over_the_shared_one(self):
        self.env["care.style.advice"].create(
            {
                "style": "steadiness",
                "advice": "Our own words.",
                "company_id": self.company.id,
            }
        )
        self.prospect.care_disc_style = "steadiness"
        self.assertEqual(
            self.prospect.with_user(self.user_care).care_style_advice,
            "Steadiness: Our own words.",
        )

    def test_advice_on_lead_and_complaint(self):
        self.prospect.care_difficult_type = "suspicious"
        lead = self.env["crm.lead"].create(
            {"name": "Style lead", "partner_id": self.prospect.id}
        )
        complaint = self.env["care.complaint"].create(
            {"name": "Style complaint", "partner_id": self.prospect.id}
        )
        expected = self.prospect.care_style_advice
        self.assertTrue(expected.startswith("Suspicious: "))
        self.assertEqual(lead.with_user(self.user_care).care_style_advice, expected)
        self.assertEqual(
            complaint.with_user(self.user_care).care_style_advice, expected
        )

    def test_composer_data(self):
        self.prospect.write({"care_disc_style": "influencing", "lang": "en_US"})
        Phrase = self.env["care.phrase"].with_user(self.user_care)
        data = Phrase.get_composer_data("res.partner", self.prospect.id)
        self.assertEqual(data["langs"], ["en"])
        self.assertFalse(data["confirm"])
        self.assertEqual([line["style"] for line in data["advice"]], ["influencing"])
        complaint = self.env["care.complaint"].create(
            {
                "name": "Composer",
                "partner_id": self.prospect.id,
                "user_id": self.user_care.id,
            }
        )
        self.company.care_confirm_damaging_complaints = True
        self.assertTrue(
            Phrase.get_composer_data("care.complaint", complaint.id)["confirm"]
        )
        self.company.care_confirm_damaging_complaints = False
        self.assertFalse(
            Phrase.get_composer_data("care.complaint", complaint.id)["confirm"]
        )
        # Not a checked document, an unknown record, or no Customer Care rights.
        self.assertEqual(
            Phrase.get_composer_data("res.users", self.user_care.id), {"check": False}
        )
        self.assertEqual(Phrase.get_composer_data("res.partner", 0), {"check": False})
        outsider = self.env["care.phrase"].with_user(self.user_employee)
        self.assertEqual(
            outsider.get_composer_data("res.partner", self.prospect.id),
            {"check": False},
        )
        self.assertEqual(outsider.get_library(), [])
        self.assertTrue(Phrase.get_library())
