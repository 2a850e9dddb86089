from odoo.tests import tagged

from odoo.addons.mail.tests.common import mail_new_test_user

from .common import CustomerCareCommon


@tagged("post_install", "-at_install")
class TestCustomerKind(CustomerCareCommon):
    def test_outside_partners_are_external(self):
        for partner in (self.prospect, self.customer_company, self.customer_contact):
            self.assertEqual(partner.care_customer_kind, "external", partner.name)

    def test_own_users_are_internal_portal_users_are_not(self):
        self.assertEqual(self.user_care.partner_id.care_customer_kind, "internal")
        self.assertEqual(self.user_employee.partner_id.care_customer_kind, "internal")
        self.assertEqual(self.user_portal.partner_id.care_customer_kind, "external")

    def test_partner_becomes_internal_when_given_a_user(self):
        colleague = self.env["res.partner"].create(
            {"name": "New Colleague", "email": "colleague@example.com"}
        )
        self.assertEqual(colleague.care_customer_kind, "external")
        mail_new_test_user(
            self.env,
            login="new_colleague",
            groups="base.group_user",
            partner_id=colleague.id,
        )
        self.assertEqual(colleague.care_customer_kind, "internal")

    def test_employees_and_own_company_contacts_are_internal(self):
        Partner = self.env["res.partner"]
        accountant = Partner.create({"name": "Accountant", "employee": True})
        it_department = Partner.create(
            {"name": "IT Department", "parent_id": self.company.partner_id.id}
        )
        self.assertEqual(accountant.care_customer_kind, "internal")
        self.assertEqual(it_department.care_customer_kind, "internal")
        self.assertEqual(self.company.partner_id.care_customer_kind, "internal")
        self.assertEqual(self.company_2.partner_id.care_customer_kind, "internal")

    def test_manual_choice_is_kept(self):
        self.prospect.care_customer_kind = "internal"
        self.prospect.write({"phone": "+84 24 5555"})
        self.assertEqual(self.prospect.care_customer_kind, "internal")
        # A contact under our own company would default to internal.
        franchisee = self.env["res.partner"].create(
            {
                "name": "Franchisee",
                "parent_id": self.company.partner_id.id,
                "care_customer_kind": "external",
            }
        )
        self.assertEqual(franchisee.care_customer_kind, "external")

    def test_default_is_computed_per_batch(self):
        """The compute's query count does not grow with the number of partners."""
        Partner = self.env["res.partner"]

        def queries_to_compute(count):
            partners = Partner.create(
                [{"name": f"Batch {count}-{index}"} for index in range(count)]
            )
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            partners._compute_care_customer_kind()
            return self.env.cr.sql_log_count - before

        self.assertEqual(queries_to_compute(5), queries_to_compute(60))
