from contextlib import contextmanager

from odoo.tests import TransactionCase

from odoo.addons.mail.tests.common import mail_new_test_user


class CustomerCareCommon(TransactionCase):
    """Users of each group, two companies and a few partners to qualify."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False))
        cls.company = cls.env.ref("base.main_company")
        cls.company_2 = cls.env["res.company"].create({"name": "Care Company B"})
        companies = {"company_id": cls.company.id, "company_ids": cls.company.ids}
        cls.user_care = mail_new_test_user(
            cls.env,
            login="care_user",
            name="Care User",
            groups="base.group_user,customer_care.group_care_user",
            **companies,
        )
        cls.user_care_manager = mail_new_test_user(
            cls.env,
            login="care_manager",
            name="Care Manager",
            groups="base.group_user,customer_care.group_care_manager",
            **companies,
        )
        cls.user_care_admin = mail_new_test_user(
            cls.env,
            login="care_admin",
            name="Care Administrator",
            groups="base.group_user,customer_care.group_care_admin",
            **companies,
        )
        cls.user_salesman = mail_new_test_user(
            cls.env,
            login="care_salesman",
            name="Salesman",
            groups="sales_team.group_sale_salesman",
            **companies,
        )
        # Allowed to edit contacts, but not in the Customer Care groups.
        cls.user_employee = mail_new_test_user(
            cls.env,
            login="care_employee",
            name="Employee Without Customer Care",
            groups="base.group_user,base.group_partner_manager",
            **companies,
        )
        cls.user_portal = mail_new_test_user(
            cls.env,
            login="care_portal",
            name="Portal Customer",
            groups="base.group_portal",
            **companies,
        )
        cls.user_care_company_2 = mail_new_test_user(
            cls.env,
            login="care_user_b",
            name="Care User B",
            groups="base.group_user,customer_care.group_care_user",
            company_id=cls.company_2.id,
            company_ids=cls.company_2.ids,
        )
        Partner = cls.env["res.partner"]
        cls.customer_company = Partner.create(
            {"name": "Lotus Trading", "is_company": True, "company_id": False}
        )
        cls.customer_contact = Partner.create(
            {"name": "Hoa Lotus", "parent_id": cls.customer_company.id}
        )
        cls.prospect = Partner.create(
            {"name": "Mai Prospect", "email": "mai@example.com"}
        )
        cls.prospect_company_2 = Partner.create(
            {"name": "Company B Prospect", "company_id": cls.company_2.id}
        )

    def qualify(
        self, partner, money="yes", authority="yes", need="yes", access="unknown"
    ):
        partner.write(
            {
                "man_money": money,
                "man_authority": authority,
                "man_need": need,
                "man_access": access,
            }
        )
        return partner

    def flush_tracking(self):
        """Write the chatter's tracking messages, as the end of a request does."""
        self.env.flush_all()
        self.env.cr.precommit.run()

    @contextmanager
    def assertRefused(self, exception, message=None):
        """The operation raises ``exception`` (matching ``message``) and, as the
        request's transaction would be, what it wrote is rolled back."""
        with self.assertRaises(exception) as catcher:
            yield catcher
        if message:
            self.assertRegex(str(catcher.exception), message)
        self.env.invalidate_all()
