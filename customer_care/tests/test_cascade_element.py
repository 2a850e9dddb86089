from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import convert_file

from .common import CascadeCommon


@tagged("post_install", "-at_install")
class TestCascadeElement(CascadeCommon):
    def test_shipped_elements(self):
        elements = self.env["care.cascade.element"].search([])
        self.assertEqual(
            [(e.letter, e.name) for e in elements[:7]],
            [
                ("C", "Commitment"),
                ("A", "Abilities"),
                ("S", "Standards"),
                ("C", "Communication"),
                ("A", "Attention"),
                ("D", "Detail"),
                ("E", "Excellence"),
            ],
        )
        self.assertEqual(elements.filtered("is_result"), self.element["excellence"])
        self.assertTrue(all(elements[:7].mapped("is_shipped")))
        shipped_items = (
            self.env["care.cascade.item"]
            .with_context(active_test=False)
            .search([("id", "in", [self.env.ref(x).id for x in self._shipped_items()])])
        )
        self.assertEqual(
            shipped_items.element_id, elements[:7], "every element has default items"
        )

    def _shipped_items(self):
        data = self.env["ir.model.data"].search(
            [("model", "=", "care.cascade.item"), ("module", "=", "customer_care")]
        )
        return [f"customer_care.{d.name}" for d in data]

    def test_shipped_element_cannot_be_deleted(self):
        element = self.element["detail"].with_user(self.user_care_admin)
        with self.assertRefused(UserError, "cannot be deleted: archive Detail"):
            element.unlink()
        self.assertTrue(element.exists())
        element.active = False
        self.assertFalse(element.active)

    def test_custom_element_deleted_unless_used(self):
        Element = self.env["care.cascade.element"].with_user(self.user_care_admin)
        element = Element.create({"name": "Empathy", "letter": "E"})
        self.assertFalse(element.is_shipped)
        element.unlink()
        self.assertFalse(element.exists())

        element = Element.create({"name": "Empathy", "letter": "E"})
        item = self.env["care.cascade.item"].create(
            {"name": "Listen first", "element_id": element.id}
        )
        self.make_review().action_start()
        with self.assertRefused(UserError, "used in reviews"):
            item.with_user(self.user_care_admin).unlink()
        with self.assertRefused(UserError, "used in reviews"):
            element.unlink()
        self.assertTrue(item.exists())

    def test_upgrade_keeps_administrator_edits(self):
        element = self.element["commitment"]
        item = self.env.ref("customer_care.care_cascade_item_commitment_top")
        standard = self.env.ref("customer_care.care_service_standard_phone_rings")
        element.with_user(self.user_care_admin).write(
            {"name": "Our Commitment", "description": "Signed by the board."}
        )
        item.with_user(self.user_care_admin).write(
            {"name": "The board signs", "weight": 3}
        )
        standard.with_user(self.user_care_admin).write({"target_value": 3})
        archived = self.env.ref("customer_care.care_cascade_item_detail_plans")
        # As -u customer_care loads them.
        for filename in (
            "data/care_cascade_element_data.xml",
            "data/care_cascade_item_data.xml",
            "data/care_service_standard_data.xml",
        ):
            convert_file(self.env, "customer_care", filename, {}, mode="update")
        self.env.invalidate_all()
        self.assertEqual(element.name, "Our Commitment")
        self.assertEqual(element.description, "Signed by the board.")
        self.assertEqual(item.name, "The board signs")
        self.assertEqual(item.weight, 3)
        self.assertFalse(archived.active, "archived in the fixture, stays archived")
        self.assertEqual(standard.target_value, 3)

    def test_labels_translatable_and_kept_by_translation_update(self):
        self.env["res.lang"]._activate_lang("vi_VN")
        Module = self.env["ir.module.module"]
        Module._load_module_terms(["customer_care"], ["vi_VN"], overwrite=True)
        element = self.element["commitment"]
        item = self.env.ref("customer_care.care_cascade_item_commitment_top")
        standard = self.env.ref("customer_care.care_service_standard_phone_rings")
        self.assertEqual(element.with_context(lang="vi_VN").name, "Cam kết")
        self.assertNotEqual(item.with_context(lang="vi_VN").name, item.name)
        self.assertNotEqual(standard.with_context(lang="vi_VN").name, standard.name)
        element.with_context(lang="vi_VN").name = "Cam kết của chúng tôi"
        Module._load_module_terms(["customer_care"], ["vi_VN"], overwrite=True)
        self.env.invalidate_all()
        self.assertEqual(
            element.with_context(lang="vi_VN").name, "Cam kết của chúng tôi"
        )
        self.assertEqual(element.with_context(lang="en_US").name, "Commitment")

    def test_only_administrators_configure(self):
        for user in (self.user_care, self.user_care_manager):
            with self.assertRefused(AccessError):
                self.element["detail"].with_user(user).name = "Details"
            with self.assertRefused(AccessError):
                self.env["care.cascade.item"].with_user(user).create(
                    {"name": "Mine", "element_id": self.element["detail"].id}
                )
            self.assertTrue(self.element["detail"].with_user(user).item_count >= 0)
        self.env["care.cascade.item"].with_user(self.user_care_admin).create(
            {"name": "Admin's item", "element_id": self.element["detail"].id}
        )
