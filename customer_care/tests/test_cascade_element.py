from odoo import Command
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
        self.env.invalidate_all()
        Element = self.env["care.cascade.element"].with_user(self.user_care_admin)
        self.assertNotIn(element, Element.search([]), "archived")
        self.assertIn(element, Element.with_context(active_test=False).search([]))

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
        detail = self.element["detail"]
        # Detail's items: the shipped ones are archived by the fixture, which adds
        # Team B's item (every company) and Company B's item.
        for user in (self.user_care, self.user_care_manager):
            with self.assertRefused(AccessError):
                detail.with_user(user).name = "Details"
            with self.assertRefused(AccessError):
                self.env["care.cascade.item"].with_user(user).create(
                    {"name": "Mine", "element_id": detail.id}
                )
            detail.invalidate_recordset(["item_count"])
            self.assertEqual(
                detail.with_user(user).item_count,
                1,
                "Team B's item; not Company B's, nor the archived shipped ones",
            )
        self.env["care.cascade.item"].with_user(self.user_care_admin).create(
            {"name": "Admin's item", "element_id": detail.id}
        )
        detail.invalidate_recordset(["item_count"])
        self.assertEqual(detail.with_user(self.user_care).item_count, 2)
        self.assertEqual(
            detail.with_user(self.user_care_company_2).item_count,
            2,
            "Team B's item and Company B's; the administrator's is of company A",
        )

    def test_item_count(self):
        """Active items of the element in the user's companies, whatever the team."""
        Element = self.env["care.cascade.element"].with_user(self.user_care_admin)
        empathy = Element.create({"name": "Empathy", "letter": "E"})
        patience = Element.create({"name": "Patience", "letter": "P"})
        Item = self.env["care.cascade.item"]

        def item(name, element, **vals):
            return Item.create(dict(name=name, element_id=element.id, **vals))

        item("Listen first", empathy, company_id=False)
        item("Name the feeling", empathy, company_id=self.company.id)
        item("Team B listens", empathy, team_ids=[Command.link(self.team_b.id)])
        item("Old habit", empathy, active=False)
        item("Company B listens", empathy, company_id=self.company_2.id)
        item("Wait", patience, company_id=False)
        self.assertEqual(
            (empathy + patience).with_user(self.user_care).mapped("item_count"),
            [3, 1],
        )
        (empathy + patience).invalidate_recordset(["item_count"])
        self.assertEqual(
            (empathy + patience)
            .with_user(self.user_care_company_2)
            .mapped("item_count"),
            [2, 1],
        )
        self.assertEqual(Element.create({"name": "Calm", "letter": "C"}).item_count, 0)
