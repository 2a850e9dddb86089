from contextlib import contextmanager

from odoo import Command
from odoo.tests import HttpCase, TransactionCase

from odoo.addons.account.tests.common import AccountTestInvoicingCommon
from odoo.addons.mail.tests.common import mail_new_test_user


def make_team(env, name, company, leader=None, members=()):
    """A sales team of ``company`` led by ``leader`` with ``members``."""
    return (
        env["crm.team"]
        .with_context(tracking_disable=True)
        .create(
            {
                "name": name,
                "user_id": leader.id if leader else False,
                "member_ids": [Command.link(user.id) for user in members],
                "company_id": company.id,
            }
        )
    )


def make_user(env, login, name, groups, company):
    """A user of ``groups`` working for ``company`` only."""
    return mail_new_test_user(
        env,
        login=login,
        name=name,
        groups=groups,
        company_id=company.id,
        company_ids=company.ids,
    )


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

    def reached_clock(self, standard, complaint, hours, state, start):
        """A clock of ``standard`` on ``complaint`` started and reached at
        ``start``, ``hours`` used: the figures that reports and indicators
        read, without the business time that made them."""
        return (
            self.env["care.service.deadline"]
            .sudo()
            .create(
                {
                    "standard_id": standard.id,
                    "complaint_id": complaint.id,
                    "company_id": complaint.company_id.id,
                    "date_start": start,
                    "date_run": start,
                    "deadline": start,
                    "date_reached": start,
                    "hours_used": hours,
                    "state": state,
                }
            )
        )

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


class CascadeCommon(CustomerCareCommon):
    """Two sales teams and a small checklist with known weights.

    The shipped checklist items are archived so that progress figures depend only
    on the items made here; the shipped elements are kept.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.user_care_manager_2 = mail_new_test_user(
            env,
            login="care_manager_2",
            name="Other Team Manager",
            groups="base.group_user,customer_care.group_care_manager",
            company_id=cls.company.id,
            company_ids=cls.company.ids,
        )
        cls.user_care_2 = mail_new_test_user(
            env,
            login="care_user_2",
            name="Care User of the Other Team",
            groups="base.group_user,customer_care.group_care_user",
            company_id=cls.company.id,
            company_ids=cls.company.ids,
        )
        cls.team_a = make_team(
            env, "Care Team A", cls.company, cls.user_care_manager, [cls.user_care]
        )
        cls.team_b = make_team(
            env, "Care Team B", cls.company, cls.user_care_manager_2, [cls.user_care_2]
        )
        cls.team_company_2 = make_team(env, "Care Team of Company B", cls.company_2)
        env["care.cascade.item"].search([]).active = False
        cls.element = {
            code: env.ref(f"customer_care.care_cascade_element_{code}")
            for code in (
                "commitment",
                "abilities",
                "standards",
                "communication",
                "attention",
                "detail",
                "excellence",
            )
        }
        Item = env["care.cascade.item"]

        def item(name, code, weight, **vals):
            return Item.create(
                dict(
                    name=name,
                    element_id=cls.element[code].id,
                    weight=weight,
                    company_id=False,
                    **vals,
                )
            )

        cls.item_commit_top = item("Managers sign the commitment", "commitment", 2)
        cls.item_commit_all = item("Everyone set the goals", "commitment", 1)
        cls.item_abilities = item("Complaint handling training", "abilities", 1)
        cls.item_standards = item("Standards signed", "standards", 1)
        cls.item_excellence = item("Loyal customers", "excellence", 1)
        cls.item_team_b_only = item(
            "Team B's own item", "detail", 1, team_ids=[Command.link(cls.team_b.id)]
        )
        cls.item_company_2 = Item.create(
            {
                "name": "Company B's own item",
                "element_id": cls.element["detail"].id,
                "weight": 1,
                "company_id": cls.company_2.id,
            }
        )

    def make_review(self, team=None, start="2026-10-01", end="2026-10-31", **vals):
        return self.env["care.cascade.review"].create(
            dict(
                team_id=(team or self.team_a).id,
                user_id=self.user_care_manager.id,
                date_start=start,
                date_end=end,
                **vals,
            )
        )

    def line_of(self, review, item):
        return review.line_ids.filtered(lambda line: line.item_id == item)

    def progress_of(self, review, code):
        """The element's entry in the review's element_progress."""
        review.invalidate_recordset(["element_progress"])
        for entry in review.element_progress:
            if entry["id"] == self.element[code].id:
                return entry
        return None


class ReferralCommon(AccountTestInvoicingCommon):
    """A company with a chart of accounts, a referrer and the customers it brought,
    and users of each Customer Care group in that company."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        # The accounting user of the base class runs the programme too.
        cls.env.user.groups_id |= cls.env.ref("customer_care.group_care_admin")
        cls.company = cls.env.company
        cls.company.write(
            {
                "care_referral_rate": 5.0,
                "care_referral_months": 12,
                "care_referral_first_order_amount": 0.0,
                "care_referral_min_payout": 0.0,
                "care_referral_payout_method": "vendor_bill",
            }
        )
        # attribute: (login, name, groups); the accountant posts invoices and knows
        # nothing of Customer Care.
        users = {
            "user_care": ("ref_user", "Referral User", "group_care_user"),
            "user_care_2": ("ref_user_2", "Other Referral User", "group_care_user"),
            "user_care_manager": (
                "ref_manager",
                "Referral Manager",
                "group_care_manager",
            ),
            "user_care_admin": ("ref_admin", "Referral Admin", "group_care_admin"),
            "user_accountant": ("ref_accountant", "Accountant", None),
            # Pays: manages customer care and makes vendor bills.
            "user_care_payer": (
                "ref_payer",
                "Referral Manager With Billing",
                "group_care_manager,account.group_account_invoice",
            ),
            # A sales administrator (so a Customer Care manager) without accounting.
            "user_sales_admin": (
                "ref_sales_admin",
                "Sales Administrator",
                "sales_team.group_sale_manager",
            ),
        }
        for attribute, (login, name, group) in users.items():
            if not group:
                groups = "base.group_user,account.group_account_invoice"
            elif "." in group.split(",")[0]:
                groups = f"base.group_user,{group}"
            else:
                groups = f"base.group_user,customer_care.{group}"
            user = mail_new_test_user(
                cls.env,
                login=login,
                name=name,
                groups=groups,
                company_id=cls.company.id,
                company_ids=cls.company.ids,
            )
            setattr(cls, attribute, user)
        Partner = cls.env["res.partner"]
        cls.referrer = Partner.create(
            {"name": "Referrer Lan", "user_id": cls.user_care.id}
        )
        cls.referrer_2 = Partner.create({"name": "Referrer Minh"})
        cls.referred = Partner.create(
            {
                "name": "Referred Phuong Ltd",
                "is_company": True,
                "care_referred_by_id": cls.referrer.id,
                "care_referral_date": "2026-01-15",
            }
        )
        cls.referred_2 = Partner.create(
            {
                "name": "Referred Quang",
                "care_referred_by_id": cls.referrer_2.id,
                "care_referral_date": "2026-01-15",
            }
        )
        cls.stranger = Partner.create({"name": "Walk-in Customer"})

    def pay(self, commissions, user=None):
        """Press Pay, then confirm the dialog; return what the client shows next."""
        if user:
            commissions = commissions.with_user(user)
        action = commissions.action_pay()
        self.assertEqual(action["res_model"], "care.referral.payout")
        wizard = commissions.env["care.referral.payout"].browse(action["res_id"])
        return wizard.action_confirm()

    @classmethod
    def make_invoice(
        cls,
        partner,
        amount,
        date="2026-03-10",
        move_type="out_invoice",
        post=True,
        currency=None,
        company=None,
        taxes=None,
    ):
        company = company or cls.company
        move = (
            cls.env["account.move"]
            .with_company(company)
            .create(
                {
                    "move_type": move_type,
                    "partner_id": partner.id,
                    "invoice_date": date,
                    "company_id": company.id,
                    "currency_id": (currency or company.currency_id).id,
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "name": "Service",
                                "quantity": 1,
                                "price_unit": amount,
                                "tax_ids": [
                                    Command.set((taxes or cls.env["account.tax"]).ids)
                                ],
                            }
                        )
                    ],
                }
            )
        )
        if post:
            move.action_post()
        return move

    def refund(self, invoice, date="2026-04-01", post=True):
        credit_note = invoice._reverse_moves([{"invoice_date": date, "date": date}])
        if post:
            credit_note.action_post()
        return credit_note

    def commission_of(self, move):
        return self.env["care.referral.commission"].search([("move_id", "=", move.id)])

    @contextmanager
    def assertRefused(self, exception, message=None):
        with self.assertRaises(exception) as catcher:
            yield catcher
        if message:
            self.assertRegex(str(catcher.exception), message)
        self.env.invalidate_all()


class ComplaintCommon(CustomerCareCommon):
    """Two teams, a customer with an e-mail address and helpers to take a complaint
    through the six recovery steps."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.user_care_2 = mail_new_test_user(
            env,
            login="care_user_2",
            name="Care User of Team B",
            groups="base.group_user,customer_care.group_care_user",
            company_id=cls.company.id,
            company_ids=cls.company.ids,
        )
        Team = env["crm.team"].with_context(tracking_disable=True)
        cls.team_a = Team.create(
            {
                "name": "Complaints Team A",
                "user_id": cls.user_care_manager.id,
                "member_ids": [Command.link(cls.user_care.id)],
                "company_id": cls.company.id,
            }
        )
        cls.team_b = Team.create(
            {
                "name": "Complaints Team B",
                "member_ids": [Command.link(cls.user_care_2.id)],
                "company_id": cls.company.id,
            }
        )
        cls.customer = env["res.partner"].create(
            {
                "name": "Lan Customer",
                "email": "lan.customer@example.com",
                "parent_id": cls.customer_company.id,
            }
        )
        cls.step = {
            code: env.ref(f"customer_care.care_complaint_step_{code}")
            for code in ("vent", "apology", "facts", "solution", "fair", "follow_up")
        }
        # Closing asks for the smiley rating, unless a test sends the survey.
        cls.company.care_rater_survey_id = False
        cls.category_staff = env.ref("customer_care.care_complaint_category_staff")
        cls.category_delivery = env.ref(
            "customer_care.care_complaint_category_delivery"
        )

    def make_complaint(self, user=None, **vals):
        Complaint = self.env["care.complaint"]
        if user:
            Complaint = Complaint.with_user(user)
        values = {
            "name": "Rude answer on the phone",
            "partner_id": self.customer.id,
            "category_id": self.category_staff.id,
            "team_id": self.team_a.id,
            "user_id": self.user_care.id,
        }
        values.update(vals)
        return Complaint.create(values)

    # What each step needs, as a user fills it in.
    STEP_CONTENT = {
        "vent": {
            "customer_words": "Nobody listens to me!",
            "customer_feeling": "angry",
        },
        "apology": {"apology_note": "Apologised by phone."},
        "facts": {"facts": "The agent hung up after 2 minutes."},
        "solution": {"solution": "A call from the team leader today."},
        "fair": {"agreement": "accepted"},
        "follow_up": {
            "follow_up_note": "Called back on Friday.",
            "follow_up_answer": "Happy with the call.",
        },
    }

    def take_to(self, complaint, code):
        """Fill in each step before ``code`` and move the complaint there."""
        codes = list(self.STEP_CONTENT)
        for step_code in codes[: codes.index(code)]:
            complaint.write(self.STEP_CONTENT[step_code])
            complaint.action_next_step()
        self.assertEqual(complaint.step_id, self.step[code])
        return complaint


class RatedComplaintCase(HttpCase):
    """A customer's complaint handled by a Customer Care user, with the token of
    its rating link."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user = mail_new_test_user(
            cls.env,
            login="care_rating_user",
            groups="base.group_user,customer_care.group_care_user",
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "Rating Customer", "email": "rating.customer@example.com"}
        )
        cls.complaint = cls.env["care.complaint"].create(
            {
                "name": "Slow answer",
                "partner_id": cls.customer.id,
                "user_id": cls.user.id,
            }
        )
        cls.token = cls.complaint._rating_get_access_token()
