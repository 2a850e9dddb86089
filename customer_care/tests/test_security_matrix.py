from odoo import Command
from odoo.exceptions import AccessError, UserError
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
    "care.complaint": ("r", "", "rwc", "rwcu", "rwcu", "rwcu"),
    "care.complaint.category": ("r", "", "r", "r", "r", "rwcu"),
    "care.complaint.cause": ("", "", "r", "r", "r", "rwcu"),
    "care.complaint.compensation": ("", "", "rwcu", "rwcu", "rwcu", "rwcu"),
    "care.complaint.measure": ("", "", "rwc", "rwcu", "rwcu", "rwcu"),
    "care.complaint.need": ("", "", "r", "r", "r", "rwcu"),
    "care.complaint.reject": ("", "", "rwc", "rwc", "rwc", "rwc"),
    "care.complaint.step": ("r", "", "r", "r", "r", "rw"),
    "care.loyalty.action": ("", "", "rwc", "rwcu", "rwcu", "rwcu"),
    "care.loyalty.action.type": ("", "", "r", "r", "r", "rwcu"),
    "care.message.check": ("", "", "r", "r", "r", "ru"),
    "care.my.day": ("", "", "r", "r", "r", "r"),
    "care.phrase": ("", "", "r", "r", "r", "rwcu"),
    "care.referral.commission": ("", "", "r", "rw", "rw", "rwcu"),
    "care.referral.payout": ("", "", "", "rwc", "rwc", "rwc"),
    "care.service.deadline": ("", "", "r", "r", "r", "ru"),
    "care.retention.report": ("", "", "r", "r", "r", "r"),
    "care.satisfaction.report": ("", "", "r", "r", "r", "r"),
    "care.service.deadline.report": ("", "", "r", "r", "r", "r"),
    "care.service.standard": ("", "", "r", "r", "r", "rwcu"),
    "care.service.standard.ack": ("", "", "r", "r", "r", "rwcu"),
    "care.style.advice": ("", "", "r", "r", "r", "rwcu"),
}
# Fields only actions change (the README's table), per model.
EXPECTED_ACTION_FIELDS = {
    "care.referral.commission": {
        "referrer_id",
        "partner_id",
        "move_id",
        "move_name",
        "move_type",
        "date",
        "company_id",
        "currency_id",
        "invoice_currency_id",
        "invoice_amount_untaxed",
        "base_amount",
        "rate",
        "fixed_amount",
        "amount",
        "approval_state",
        "state",
        "approved_by_id",
        "approved_date",
        "payout_move_id",
        "paid_date",
    },
    "care.loyalty.action": {
        "state",
        "done_date",
        "occasion",
        "sale_order_id",
        "send_error",
        "message_sent_id",
        "skip_reason",
        "todo_created",
    },
    "care.cascade.review": {"state", "date_closed"},
    "care.complaint": {
        "reference",
        "state",
        "apology_date",
        "date_first_answer",
        "date_resolved",
        "date_closed",
        "reopen_count",
        "follow_up_action_id",
        "rating_missing_need_ids",
        "care_waiting_customer",
        "reject_reason",
        "date_received",
    },
    "care.complaint.compensation": {
        "state",
        "requested_by_id",
        "approved_by_id",
        "approved_date",
        "move_id",
        "loyalty_action_id",
    },
    "care.cascade.review.line": {
        "element_id",
        "weight",
        "date_done",
        "activity_id",
        "indicator_value",
        "indicator_sample",
        "indicator_date",
    },
    "survey.user_input": {"care_complaint_id", "care_company_id"},
    "res.partner": {
        "man_status",
        "man_score",
        "man_user_id",
        "man_date",
        "care_referral_rate",
        "care_style_user_id",
        "care_style_date",
    },
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
        # Other records of the kinds the fields link to, to write instead.
        env["sale.order"].create({"partner_id": cls.referred.id})
        cls.make_invoice(cls.stranger, 10.0, post=False)
        env["care.complaint"].create({"name": "Other", "partner_id": cls.stranger.id})
        review.activity_schedule(
            "mail.mail_activity_data_todo", user_id=cls.matrix_users["manager"].id
        )
        complaint = env["care.complaint"].create(
            {
                "name": "Matrix complaint",
                "partner_id": cls.referred.id,
                "team_id": team.id,
                "user_id": cls.matrix_users["user"].id,
            }
        )
        compensation = env["care.complaint.compensation"].create(
            {"complaint_id": complaint.id, "name": "Matrix voucher", "amount": 5.0}
        )
        answer = env.ref("customer_care.care_survey_rater")._create_answer(
            partner=cls.referred,
            check_attempts=False,
            care_complaint_id=complaint.id,
        )
        return {
            "survey.user_input": answer,
            "res.partner": cls.referred_2,
            "care.complaint": complaint,
            "care.complaint.compensation": compensation,
            "care.cascade.review": review,
            "care.cascade.review.line": line,
            "care.loyalty.action": action,
            "care.referral.commission": commission,
        }

    def other_value(self, record, fname):
        """A value of the field that differs from the record's."""
        field = record._fields[fname]
        current = record[fname]
        if field.type == "many2one":
            other = (
                self.env[field.comodel_name]
                .sudo()
                .with_context(active_test=False)
                .search([("id", "!=", current.id)], limit=1)
            )
            self.assertTrue(other, f"no other {field.comodel_name} for {fname}")
            return other.id
        if field.type == "selection":
            values = [v for v, _label in field._description_selection(self.env)]
            return next(v for v in values if v != current)
        if field.type in ("date", "datetime"):
            return "2020-02-02"
        if field.type == "boolean":
            return not current
        if field.type in ("float", "monetary", "integer"):
            return (current or 0) + 1
        return f"{current or ''}-changed"

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
        declared = {
            name: set(model._care_action_fields)
            for name, model in self.registry.items()
            if getattr(model, "_care_action_fields", ())
        }
        self.assertEqual(declared, EXPECTED_ACTION_FIELDS)
        for model, fnames in sorted(EXPECTED_ACTION_FIELDS.items()):
            record = self.records[model]
            for fname in sorted(fnames):
                vals = {fname: self.other_value(record, fname)}
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

    def test_every_link_to_a_company_record_is_checked(self):
        """A relational field of the addon to a model with a company refuses a
        record of another company (``check_company``), but for records that are
        shared across companies by design."""
        shared = {
            "res.partner",
            "res.users",
            "res.company",
            "res.currency",
            "ir.attachment",
        }
        # A shared checklist item (no company) may be limited to teams of any
        # company; an item of a company is checked by _check_teams_company.
        by_constraint = {"care.cascade.item.team_ids"}
        # Message checks are made by _check_messages only, which keeps the team
        # and the phrases to the message's company (no check reads them back).
        by_constraint |= {
            "care.message.check.team_id",
            "care.message.check.phrase_ids",
            "care.message.check.taken_ids",
        }
        unchecked = []
        for model_name in sorted(self.addon_models()):
            model = self.env[model_name]
            if model._transient or not model._auto:
                continue
            for field in model._fields.values():
                if (
                    field.type in ("many2one", "many2many")
                    and field.store
                    and not field.related
                    and field.comodel_name not in shared
                    and "company_id" in self.env[field.comodel_name]._fields
                    and not (field.check_company and model._check_company_auto)
                ):
                    unchecked.append(f"{model_name}.{field.name}")
        self.assertEqual(sorted(set(unchecked) - by_constraint), [])

    def test_cross_company_links_are_refused(self):
        other = self.setup_other_company(name="Matrix Company B")["company"]
        self.env.user.company_ids |= other
        foreign_type = self.env["care.loyalty.action.type"].create(
            {"name": "Company B call", "channel": "phone", "company_id": other.id}
        )
        with self.assertRefused(
            UserError, "belong to different companies|Incompatible"
        ):
            self.env["care.loyalty.action"].create(
                {
                    "partner_id": self.referred.id,
                    "type_id": foreign_type.id,
                    "company_id": self.company.id,
                }
            )
        foreign_team = self.env["crm.team"].create(
            {"name": "Company B team", "company_id": other.id}
        )
        review = self.records["care.cascade.review"]
        with self.assertRefused(
            UserError, "belong to different companies|Incompatible"
        ):
            review.write({"team_id": foreign_team.id, "company_id": self.company.id})
        foreign_bill = self.make_invoice(
            self.referrer, 10.0, move_type="in_invoice", company=other
        )
        commission = self.records["care.referral.commission"]
        with self.assertRefused(
            UserError, "belong to different companies|Incompatible"
        ):
            commission.payout_move_id = foreign_bill

    def test_merging_contacts_is_not_refused_by_the_qualification_audit(self):
        merger = new_test_user(
            self.env,
            login="matrix_merger",
            # Odoo's merge reads accounting fields of the contacts (credit limit).
            groups="base.group_user,base.group_partner_manager,"
            "account.group_account_invoice,customer_care.group_care_user",
            company_id=self.company.id,
            company_ids=self.company.ids,
        )
        duplicate = self.env["res.partner"].create(
            {"name": "Lan (duplicate)", "man_money": "yes", "care_referral_rate": 4.0}
        )
        kept = self.env["res.partner"].create({"name": "Lan"})
        self.assertTrue(duplicate.man_user_id)
        self.env["base.partner.merge.automatic.wizard"].with_user(merger)._merge(
            (duplicate | kept).ids, kept
        )
        self.assertFalse(duplicate.exists())
        # Odoo keeps the kept contact's own values and fills in the empty ones;
        # the audit of who qualified comes along, a referrer's rate only when a
        # manager merges.
        self.assertRecordValues(
            kept,
            [
                {
                    "man_money": "unknown",
                    "man_user_id": self.env.user.id,
                    "care_referral_rate": 0.0,
                }
            ],
        )
        # Writing a field's own value is no change, whoever writes it.
        kept.with_user(merger).write({"care_referral_rate": 0.0})

    def test_users_duplicate_records_that_hold_action_fields(self):
        """Duplicating copies no field only actions change: users may duplicate."""
        user = self.matrix_users["user"]
        partner = self.env["res.partner"].create(
            {"name": "Qualified Lan", "man_money": "yes", "care_referral_rate": 3.0}
        )
        duplicate = partner.with_user(user).copy()
        # The answers are copied; who gave them is the one who copied them.
        self.assertRecordValues(
            duplicate,
            [{"man_money": "yes", "man_user_id": user.id, "care_referral_rate": 0.0}],
        )
        action = self.records["care.loyalty.action"]
        action.sudo().write(
            {
                "sale_order_id": self.env["sale.order"].search([], limit=1).id,
                "occasion": "sale.order,1",
            }
        )
        copied = action.with_user(user).copy()
        self.assertRecordValues(
            copied, [{"state": "planned", "sale_order_id": False, "occasion": False}]
        )
