from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import CustomerCareCommon

MAN_VALUES = {"man_money": "yes", "man_authority": "yes", "man_need": "yes"}


@tagged("post_install", "-at_install")
class TestAccess(CustomerCareCommon):
    def test_group_chain(self):
        self.assertTrue(
            self.user_care_admin.has_group("customer_care.group_care_manager")
        )
        self.assertTrue(self.user_care_admin.has_group("customer_care.group_care_user"))
        self.assertTrue(
            self.user_care_manager.has_group("customer_care.group_care_user")
        )
        self.assertFalse(
            self.user_care_manager.has_group("customer_care.group_care_admin")
        )
        self.assertFalse(self.user_care.has_group("customer_care.group_care_manager"))

    def test_salespeople_are_customer_care_users(self):
        self.assertTrue(self.user_salesman.has_group("customer_care.group_care_user"))
        self.assertFalse(
            self.user_salesman.has_group("customer_care.group_care_manager")
        )
        for user in self.env.ref("sales_team.group_sale_salesman").users:
            self.assertTrue(user.has_group("customer_care.group_care_user"), user.login)
        for user in self.env.ref("sales_team.group_sale_manager").users:
            self.assertTrue(
                user.has_group("customer_care.group_care_manager"), user.login
            )

    def test_each_group_qualifies_partners(self):
        for user in (
            self.user_care,
            self.user_care_manager,
            self.user_care_admin,
            self.user_salesman,
        ):
            with self.subTest(user=user.login):
                partner = (
                    self.env["res.partner"]
                    .with_user(user)
                    .create({"name": f"P {user.login}"})
                )
                partner.write(MAN_VALUES)
                self.assertEqual(partner.man_status, "qualified")
                partner.care_customer_kind = "internal"
                self.assertEqual(
                    partner.read(["care_customer_kind"])[0]["care_customer_kind"],
                    "internal",
                )

    def test_employee_without_customer_care(self):
        prospect = self.prospect.with_user(self.user_employee)
        self.assertNotIn("man_status", prospect.fields_get())
        with self.assertRaises(AccessError):
            prospect.read(["man_status"])
        with self.assertRefused(AccessError):
            prospect.write({"man_money": "yes", "phone": "+84 90 111"})
        self.assertEqual(self.prospect.man_money, "unknown")
        self.assertFalse(self.prospect.phone)
        # The rest of the partner stays theirs to edit.
        prospect.write({"phone": "+84 90 000"})
        self.assertEqual(self.prospect.phone, "+84 90 000")
        self.assertFalse(self.prospect.man_user_id)

    def test_portal_user_sees_none_of_it(self):
        own = self.user_portal.partner_id.with_user(self.user_portal)
        fields = own.fields_get()
        for fname in (
            "man_status",
            "man_money",
            "care_customer_kind",
            "care_buying_role",
        ):
            self.assertNotIn(fname, fields)
        with self.assertRaises(AccessError):
            own.read(["care_customer_kind"])
        with self.assertRaises(AccessError):
            own.search([("man_status", "=", "qualified")])
        with self.assertRefused(AccessError):
            own.write({"man_need": "yes"})
        self.assertEqual(self.user_portal.partner_id.man_need, "unknown")
        with self.assertRaises(AccessError):
            self.env["crm.lead"].with_user(self.user_portal).search([])

    def test_menus(self):
        root = self.env.ref("customer_care.customer_care_menu_root")
        config = self.env.ref("customer_care.customer_care_menu_config")
        Menu = self.env["ir.ui.menu"]
        for user, sees_root, sees_config in (
            (self.user_care, True, False),
            (self.user_care_manager, True, False),
            (self.user_care_admin, True, True),
            (self.user_salesman, True, False),
            (self.user_employee, False, False),
        ):
            with self.subTest(user=user.login):
                visible = Menu.with_user(user)._visible_menu_ids()
                self.assertEqual(root.id in visible, sees_root)
                self.assertEqual(config.id in visible, sees_config)

    def test_multi_company_isolation(self):
        Partner = self.env["res.partner"]
        self.assertFalse(
            Partner.with_user(self.user_care).search(
                [("id", "=", self.prospect_company_2.id)]
            )
        )
        with self.assertRefused(AccessError):
            self.prospect_company_2.with_user(self.user_care).write(MAN_VALUES)
        self.assertEqual(self.prospect_company_2.man_status, "not_started")
        # A customer care user of company B qualifies it; company A does not see it.
        self.prospect_company_2.with_user(self.user_care_company_2).write(MAN_VALUES)
        self.assertEqual(self.prospect_company_2.man_status, "qualified")
        self.assertNotIn(
            self.prospect_company_2,
            Partner.with_user(self.user_care).search(
                [("man_status", "=", "qualified")]
            ),
        )
