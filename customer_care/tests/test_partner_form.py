from lxml import etree

from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common import ComplaintCommon

# The figures of the partner form's buttons, computed together.
BUTTON_FIELDS = (
    "care_loyalty_action_count",
    "care_complaint_count",
    "care_referral_count",
    "care_referral_commission_count",
)


@tagged("post_install", "-at_install")
class TestPartnerForm(ComplaintCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Complaint = cls.env["care.complaint"]
        # Lan (a contact of customer_company): one of team A, one of team B;
        # the prospect: one of team B.
        Complaint.create(
            [
                {
                    "name": "Team A",
                    "partner_id": cls.customer.id,
                    "team_id": cls.team_a.id,
                    "user_id": cls.user_care_manager.id,
                },
                {
                    "name": "Team B",
                    "partner_id": cls.customer.id,
                    "team_id": cls.team_b.id,
                    "user_id": cls.user_care_2.id,
                },
                {
                    "name": "Prospect",
                    "partner_id": cls.prospect.id,
                    "team_id": cls.team_b.id,
                    "user_id": cls.user_care_2.id,
                },
            ]
        )
        cls.env["care.loyalty.action"].create(
            [
                {
                    "partner_id": partner.id,
                    "type_id": cls.env.ref(
                        "customer_care.care_loyalty_action_type_greeting"
                    ).id,
                    "user_id": cls.user_care.id,
                    "occasion": f"test {index}",
                }
                for index, partner in enumerate(
                    [cls.customer, cls.customer, cls.customer, cls.prospect]
                )
            ]
        )
        cls.prospect.care_referred_by_id = cls.customer
        cls.partners = cls.customer | cls.prospect | cls.customer_company

    def figures(self, user, partners=None):
        partners = (partners or self.partners).with_user(user)
        return [tuple(partner[f] for f in BUTTON_FIELDS) for partner in partners]

    def test_buttons_count_what_the_reader_may_see(self):
        # Team B's member sees team B's complaints, the manager all of them; a
        # company counts its contacts' complaints.
        self.assertEqual(
            self.figures(self.user_care_2),
            [(3, 1, 1, 0), (1, 1, 0, 0), (0, 1, 0, 0)],
        )
        self.assertEqual(
            self.figures(self.user_care_manager),
            [(3, 2, 1, 0), (1, 1, 0, 0), (0, 2, 0, 0)],
        )
        self.assertEqual(
            self.figures(self.user_care_manager, self.env["res.partner"].new({})),
            [(0, 0, 0, 0)],
        )

    def test_buttons_cost_one_query_whatever_the_number_of_partners(self):
        for partners in (self.customer, self.partners):
            partners = partners.with_user(self.user_care_manager)
            self.figures(self.user_care_manager, partners)  # caches of the rules
            self.env.invalidate_all()
            partners.mapped("is_company")
            with self.assertQueryCount(1):
                self.figures(self.user_care_manager, partners)

    def form_arch(self, user):
        views = self.env["res.partner"].with_user(user).get_views([(False, "form")])
        return etree.fromstring(views["views"]["form"]["arch"])

    def test_care_buttons_come_first(self):
        # Odoo's own buttons (sales, invoices, meetings...) would otherwise push
        # them under "More".
        box = self.form_arch(self.user_care).xpath("//div[@name='button_box']")[0]
        self.assertEqual(
            [button.get("name") for button in box[:2]],
            ["action_view_care_loyalty_actions", "action_view_care_complaints"],
        )

    def test_internal_customers_hide_the_sales_blocks(self):
        arch = self.form_arch(self.user_care)
        for name in ("care_man", "care_referral", "care_qualification_status"):
            with self.subTest(block=name):
                group = arch.xpath(f"//group[@name='{name}']")[0]
                self.assertEqual(
                    group.get("invisible"), "care_customer_kind == 'internal'"
                )

    def test_qualification_analysis_counts_external_customers(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "customer_care.res_partner_action_qualification_analysis"
        )
        context = safe_eval(action["context"])
        self.assertEqual(context, {"search_default_care_external": 1})
        search = self.env["res.partner"].get_views([(False, "search")])
        arch = etree.fromstring(search["views"]["search"]["arch"])
        domain = arch.xpath("//filter[@name='care_external']")[0].get("domain")
        internal = self.env["res.partner"].create(
            {"name": "Accounting Department", "care_customer_kind": "internal"}
        )
        found = self.env["res.partner"].search(safe_eval(domain))
        self.assertNotIn(internal, found)
        self.assertIn(self.prospect, found)
