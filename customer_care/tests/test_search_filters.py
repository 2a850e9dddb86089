import ast

from lxml import etree

from odoo.tests import tagged

from .common import CustomerCareCommon

FILTERS = (
    "care_qualified",
    "care_in_progress",
    "care_disqualified",
    "care_internal",
    "care_external",
    "care_decision_makers",
)


@tagged("post_install", "-at_install")
class TestSearchFilters(CustomerCareCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.qualified = cls.prospect
        cls.env["res.partner"].browse(cls.qualified.id).write(
            {"man_money": "yes", "man_authority": "yes", "man_need": "yes"}
        )
        cls.customer_company.write({"man_need": "no"})
        cls.customer_contact.write(
            {"man_money": "yes", "care_buying_role": "decision_maker"}
        )

    def search_view_filters(self, user):
        """The partner search view's filters as the user gets them, by name."""
        views = self.env["res.partner"].with_user(user).get_views([(False, "search")])
        arch = etree.fromstring(views["views"]["search"]["arch"])
        return {node.get("name"): node for node in arch.iter("filter")}

    def filter_search(self, name, user=None):
        user = user or self.user_care
        node = self.search_view_filters(user)[name]
        domain = ast.literal_eval(node.get("domain"))
        return self.env["res.partner"].with_user(user).search(domain)

    def test_qualification_filters(self):
        qualified = self.filter_search("care_qualified")
        in_progress = self.filter_search("care_in_progress")
        disqualified = self.filter_search("care_disqualified")
        self.assertIn(self.qualified, qualified)
        self.assertNotIn(self.customer_company, qualified)
        self.assertIn(self.customer_contact, in_progress)
        self.assertIn(self.customer_company, disqualified)
        self.assertNotIn(self.qualified, disqualified | in_progress)
        self.assertFalse(qualified & in_progress & disqualified)

    def test_customer_kind_filters(self):
        internal = self.filter_search("care_internal")
        external = self.filter_search("care_external")
        self.assertIn(self.user_care.partner_id, internal)
        self.assertIn(self.company.partner_id, internal)
        self.assertIn(self.prospect, external)
        self.assertIn(self.user_portal.partner_id, external)
        self.assertFalse(internal & external)

    def test_decision_maker_filter(self):
        self.assertEqual(
            self.filter_search("care_decision_makers")
            & self.customer_company.child_ids,
            self.customer_contact,
        )

    def test_group_bys(self):
        filters = self.search_view_filters(self.user_care)
        for name, fname in (
            ("care_group_customer_kind", "care_customer_kind"),
            ("care_group_man_status", "man_status"),
            ("care_group_buying_role", "care_buying_role"),
        ):
            context = ast.literal_eval(filters[name].get("context"))
            self.assertEqual(context["group_by"], fname)
            groups = (
                self.env["res.partner"]
                .with_user(self.user_care)
                .read_group([], [fname], [fname])
            )
            self.assertTrue(groups)

    def test_filters_hidden_without_customer_care(self):
        filters = self.search_view_filters(self.user_employee)
        for name in FILTERS:
            self.assertNotIn(name, filters)
        self.assertIn("type_company", filters)
