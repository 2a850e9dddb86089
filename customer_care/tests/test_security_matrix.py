from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import ReferralCommon

# Rights per model and group: r(ead), w(rite), c(reate), u(nlink). The README's
# table is this one. A model of the addon missing here fails the test.
GROUPS = ("portal", "employee", "user", "manager", "sales_admin", "admin")
EXPECTED_ACCESS = {
    "care.cascade.element": ("", "", "r", "r", "r", "rwcu"),
    "care.cascade.item": ("", "", "r", "r", "r", "rwcu"),
    "care.cascade.report": ("", "", "r", "r", "r", "r"),
    "care.cascade.review": ("", "", "r", "rwcu", "rwcu", "rwcu"),
    "care.cascade.review.line": ("", "", "rw", "rwcu", "rwcu", "rwcu"),
    "care.loyalty.action": ("", "", "rwc", "rwcu", "rwcu", "rwcu"),
    "care.loyalty.action.type": ("", "", "r", "r", "r", "rwcu"),
    "care.referral.commission": ("", "", "r", "r", "r", "rwcu"),
    "care.referral.payout": ("", "", "", "rwc", "rwc", "rwc"),
    "care.service.standard": ("", "", "r", "r", "r", "rwcu"),
    "care.service.standard.ack": ("", "", "r", "r", "r", "rwcu"),
}
# Fields only actions change that a group below the administrators may write.
DIRECT_WRITERS = {("res.partner", "care_referral_rate"): {"manager", "sales_admin"}}


@tagged("post_install", "-at_install")
class TestSecurityMatrix(ReferralCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        groups = {
            "portal": "base.group_portal",
            "employee": "base.group_user,base.group_partner_manager",
            "user": "base.group_user,customer_care.group_care_user",
            "manager": "base.group_user,customer_care.group_care_manager",
            # Sales administrators are Customer Care managers, without accounting.
            "sales_admin": "sales_team.group_sale_manager",
            "admin": "base.group_user,customer_care.group_care_admin",
        }
        cls.matrix_users = {
            key: new_test_user(
                cls.env,
                login=f"matrix_{key}",
                groups=group,
                company_id=cls.company.id,
                company_ids=cls.company.ids,
            )
            for key, group in groups.items()
        }
        cls.records = cls._make_records()

    @classmethod
    def _make_records(cls):
        """One record of each model that has fields only actions change."""
        env = cls.env
        team = env["crm.team"].create(
            {
                "name": "Matrix Team",
                "user_id": cls.matrix_users["manager"].id,
                "member_ids": [
                    Command.link(cls.matrix_users[key].id)
                    for key in ("user", "sales_admin")
                ],
                "company_id": cls.company.id,
            }
        )
        item = env["care.cascade.item"].create(
            {
                "name": "Matrix item",
                "element_id": env.ref("customer_care.care_cascade_element_detail").id,
                "weight": 2,
                "company_id": False,
            }
        )
        review = env["care.cascade.review"].create(
            {"team_id": team.id, "date_start": "2026-03-01", "date_end": "2026-03-31"}
        )
        line = env["care.cascade.review.line"].create(
            {
                "review_id": review.id,
                "item_id": item.id,
                "user_id": cls.matrix_users["user"].id,
            }
        )
        action_type = env["care.loyalty.action.type"].create(
            {"name": "Matrix call", "channel": "phone", "company_id": False}
        )
        action = env["care.loyalty.action"].create(
            {"partner_id": cls.referred.id, "type_id": action_type.id}
        )
        invoice = cls.make_invoice(cls.referred, 1000.0)
        commission = env["care.referral.commission"].search(
            [("move_id", "=", invoice.id)]
        )
        return {
            "res.partner": cls.referred_2,
            "care.cascade.review": review,
            "care.cascade.review.line": line,
            "care.loyalty.action": action,
            "care.referral.commission": commission,
        }

    def addon_models(self):
        return {
            name
            for name, model in self.registry.items()
            if model._original_module == "customer_care" and not model._abstract
        }

    def test_every_model_has_its_expected_rights(self):
        self.assertEqual(self.addon_models(), set(EXPECTED_ACCESS))
        Access = self.env["ir.model.access"]
        for model, rights in EXPECTED_ACCESS.items():
            for key, expected in zip(GROUPS, rights, strict=True):
                user = self.matrix_users[key]
                for letter, operation in zip(
                    "rwcu", ("read", "write", "create", "unlink"), strict=True
                ):
                    with self.subTest(model=model, group=key, operation=operation):
                        allowed = Access.with_user(user).check(
                            model, operation, raise_exception=False
                        )
                        self.assertEqual(allowed, letter in expected)

    def test_no_direct_write_of_fields_only_actions_change(self):
        models = {
            name
            for name, model in self.registry.items()
            if getattr(model, "_care_action_fields", ())
        }
        self.assertEqual(models, set(self.records))
        for model in sorted(models):
            record = self.records[model]
            for fname in record._care_action_fields:
                vals = record._convert_to_write({fname: record[fname]})
                for key in GROUPS[:-1]:
                    if key in DIRECT_WRITERS.get((model, fname), ()):
                        continue
                    with (
                        self.subTest(model=model, field=fname, group=key),
                        self.assertRaises(AccessError),
                    ):
                        record.with_user(self.matrix_users[key]).write(vals)

    def test_the_refusal_names_the_buttons_when_the_acl_allows_writing(self):
        action = self.records["care.loyalty.action"]
        user = self.matrix_users["user"]
        action.with_user(user).write({"note": "<p>Call in the morning</p>"})
        with self.assertRaisesRegex(AccessError, "buttons"):
            action.with_user(user).write({"state": "done"})
        with self.assertRaisesRegex(AccessError, "buttons"):
            self.env["care.loyalty.action"].with_user(user).create(
                {
                    "partner_id": self.referred.id,
                    "type_id": action.type_id.id,
                    "state": "done",
                    "occasion": "2026",
                }
            )
        self.assertEqual(action.state, "planned")

    def test_an_administrator_correction_is_written_and_logged(self):
        commission = self.records["care.referral.commission"]
        admin = self.matrix_users["admin"]
        before = len(commission.message_ids)
        commission.with_user(admin).write({"rate": 10.0})
        self.assertEqual(commission.amount, 100.0)
        log = commission.message_ids[: len(commission.message_ids) - before]
        self.assertIn("corrected", log[:1].body)
        self.assertIn("Rate", log[:1].body)

    def test_managers_set_a_referrer_rate_users_do_not(self):
        partner = self.records["res.partner"]
        partner.with_user(self.matrix_users["sales_admin"]).care_referral_rate = 7.5
        self.assertEqual(partner.care_referral_rate, 7.5)
        with self.assertRaises(AccessError):
            partner.with_user(self.matrix_users["user"]).care_referral_rate = 9.0
        self.assertEqual(partner.care_referral_rate, 7.5)

    def test_every_model_with_a_company_has_a_company_rule(self):
        for model in sorted(self.addon_models()):
            field = self.env[model]._fields.get("company_id")
            if not field or not field.store:
                continue
            with self.subTest(model=model):
                rules = self.env["ir.rule"].search(
                    [("model_id.model", "=", model), ("groups", "=", False)]
                )
                self.assertTrue(
                    any("company_ids" in rule.domain_force for rule in rules),
                    f"{model} has no global company rule",
                )
