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
        Partner = cls.env["res.partner"]
        # Everything answered "yes" but the optional access: disqualified.
        cls.no_access = Partner.create(
            {
                "name": "Unreachable Buyer",
                "man_money": "yes",
                "man_authority": "yes",
                "man_need": "yes",
                "man_access": "no",
            }
        )
        cls.beneficiary = Partner.create(
            {
                "name": "Lan Lotus",
                "parent_id": cls.customer_company.id,
                "care_buying_role": "beneficiary",
            }
        )
        # Qualified decision maker of the other company: out of the user's reach.
        cls.prospect_company_2.write(
            {
                "man_money": "yes",
                "man_authority": "yes",
                "man_need": "yes",
                "care_buying_role": "decision_maker",
            }
        )
        cls.internal = (
            cls.company.partner_id
            | cls.user_care.partner_id
            | cls.user_employee.partner_id
        )
        cls.external = (
            cls.customer_company
            | cls.customer_contact
            | cls.prospect
            | cls.no_access
            | cls.beneficiary
            | cls.user_portal.partner_id
        )
        # The partners made here, as the user may read them.
        cls.fixture = cls.internal | cls.external | cls.prospect_company_2

    def search_view_filters(self, user):
        """The partner search view's filters as the user gets them, by name."""
        views = self.env["res.partner"].with_user(user).get_views([(False, "search")])
        arch = etree.fromstring(views["views"]["search"]["arch"])
        return {node.get("name"): node for node in arch.iter("filter")}

    def filter_search(self, name, user=None):
        """The fixture's partners the filter finds for the user."""
        user = user or self.user_care
        node = self.search_view_filters(user)[name]
        domain = ast.literal_eval(node.get("domain"))
        return (
            self.env["res.partner"]
            .with_user(user)
            .search([("id", "in", self.fixture.ids), *domain])
        )

    def test_qualification_filters(self):
        self.assertEqual(self.filter_search("care_qualified"), self.qualified)
        self.assertEqual(self.filter_search("care_in_progress"), self.customer_contact)
        self.assertEqual(
            self.filter_search("care_disqualified"),
            self.customer_company | self.no_access,
        )
        # The qualified partner of the other company is found in that company only.
        self.assertEqual(
            self.filter_search("care_qualified", self.user_care_company_2),
            self.qualified | self.prospect_company_2,
        )

    def test_customer_kind_filters(self):
        self.assertEqual(self.filter_search("care_internal"), self.internal)
        self.assertEqual(self.filter_search("care_external"), self.external)

    def test_decision_maker_filter(self):
        self.assertEqual(
            self.filter_search("care_decision_makers"), self.customer_contact
        )
        self.assertEqual(
            self.filter_search("care_decision_makers", self.user_care_company_2),
            self.customer_contact | self.prospect_company_2,
        )

    def test_group_bys(self):
        filters = self.search_view_filters(self.user_care)
        # The users' partners and the beneficiary have no answer yet.
        not_started = len(self.internal) + 2
        for name, fname, expected in (
            (
                "care_group_customer_kind",
                "care_customer_kind",
                {"internal": len(self.internal), "external": len(self.external)},
            ),
            (
                "care_group_man_status",
                "man_status",
                {
                    "qualified": 1,
                    "in_progress": 1,
                    "disqualified": 2,
                    "not_started": not_started,
                },
            ),
            (
                "care_group_buying_role",
                "care_buying_role",
                {
                    "decision_maker": 1,
                    "beneficiary": 1,
                    False: len(self.internal | self.external) - 2,
                },
            ),
        ):
            context = ast.literal_eval(filters[name].get("context"))
            self.assertEqual(context["group_by"], fname)
            groups = (
                self.env["res.partner"]
                .with_user(self.user_care)
                .read_group([("id", "in", self.fixture.ids)], [fname], [fname])
            )
            self.assertEqual(
                {group[fname]: group[f"{fname}_count"] for group in groups},
                expected,
                name,
            )

    def test_filters_hidden_without_customer_care(self):
        filters = self.search_view_filters(self.user_employee)
        for name in FILTERS:
            self.assertNotIn(name, filters)
        self.assertIn("type_company", filters)
