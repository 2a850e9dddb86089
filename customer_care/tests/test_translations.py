from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import CustomerCareCommon


@tagged("post_install", "-at_install")
class TestTranslations(CustomerCareCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("vi_VN")
        cls.env["ir.module.module"]._load_module_terms(
            ["customer_care"], ["vi_VN"], overwrite=True
        )

    def test_labels_and_answers_in_vietnamese(self):
        Partner = (
            self.env["res.partner"].with_user(self.user_care).with_context(lang="vi_VN")
        )
        fields = Partner.fields_get(["man_money", "man_status", "care_customer_kind"])
        self.assertEqual(fields["man_money"]["string"], "Tài chính")
        self.assertIn(("yes", "Có"), fields["man_money"]["selection"])
        self.assertIn(("qualified", "Đạt MAN"), fields["man_status"]["selection"])
        self.assertIn(("internal", "Nội bộ"), fields["care_customer_kind"]["selection"])

    def test_words_do_not_collide_in_vietnamese(self):
        """Qualification, CASCADE review and rating were all "Đánh giá"."""
        env = self.env(context=dict(self.env.context, lang="vi_VN"))
        labels = {
            "qualification": env["res.partner"].fields_get(["man_status"])[
                "man_status"
            ]["string"],
            "review": env["ir.model"]._get("care.cascade.review").name,
            "rating": env["care.complaint"].fields_get(["rating_ids"])["rating_ids"][
                "string"
            ],
        }
        self.assertEqual(labels["qualification"], "Thẩm định MAN")
        self.assertEqual(labels["review"], "Rà soát CASCADE")
        self.assertEqual(len(set(labels.values())), 3, labels)

    def test_error_message_in_vietnamese(self):
        partner = self.customer_company.with_user(self.user_care).with_context(
            lang="vi_VN"
        )
        with self.assertRefused(ValidationError, "Lotus Trading là một công ty"):
            partner.care_buying_role = "user"
        with self.assertRefused(
            ValidationError, "không phải là giá trị hợp lệ của Nhu cầu"
        ):
            partner.man_need = "maybe"

    def test_loyalty_action_named_in_the_readers_language(self):
        action = self.env["care.loyalty.action"].create(
            {
                "partner_id": self.prospect.id,
                "type_id": self.env.ref(
                    "customer_care.care_loyalty_action_type_gift"
                ).id,
            }
        )
        self.assertEqual(action.name, "Small gift - Mai Prospect")
        self.assertEqual(
            action.with_context(lang="vi_VN").name, "Quà nhỏ - Mai Prospect"
        )
