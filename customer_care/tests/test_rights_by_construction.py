"""Every public method of the addon, called over RPC by someone who may read a
record but not change it (or not even read it), is refused and changes nothing.

The methods come from the registry: every method without a leading underscore
that a class of this addon defines or extends, on every model. A method that
only opens a window or returns data (``READ_ONLY``) may answer, and then must
have changed nothing.
"""

import inspect

from odoo import Command, models
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.mail.tests.common import mail_new_test_user

from .common import ReferralCommon, make_team, make_user

ADDON = "odoo.addons.customer_care"
# Odoo's own columns of every model.
MAGIC_FIELDS = {*models.MAGIC_COLUMNS, "display_name"}
# Odoo's own CRUD and gateway entries on the models the addon extends: their
# rights are Odoo's (the addon's extensions add checks, tested in their files).
ODOO_ENTRIES = {
    "create",
    "write",
    "unlink",
    "message_route",
    "get_values",
    "set_values",
}
# Called by the ORM, never a button.
ORM_HOOKS = {"init"}
# Open a window, a wizard or a report, or return data the caller may read:
# they may answer anyone who reads the record, and change nothing.
READ_ONLY = {
    "action_view_items",
    "action_view_lines",
    "action_view_care_surveys",
    "action_view_actions",
    "action_view_care_loyalty_actions",
    "action_view_care_complaints",
    "action_view_care_referrals",
    "action_view_care_referral_commissions",
    "action_open_form",
    "action_open_document",
    "action_open_move",
    "action_open_payout",
    "action_open_deadlines",
    "action_open_report",
    "action_open",
    "action_print",
    "action_reject",
    "action_send_apology",
    "action_care_log_complaint",
    "action_care_send_survey",
    "get_library",
    "get_composer_data",
} | {
    # The overview's counters: each opens the records the reader may see.
    "action_care_complaints",
    "action_care_overdue_actions",
    "action_care_week_actions",
    "action_care_birthdays",
    "action_care_commissions",
    "action_care_late_complaints",
    "action_care_compensations",
    "action_care_review",
    "action_care_standards",
}
# A Customer Care user acknowledges a standard for themselves: reading it is
# all they need (the acknowledgement is their own row).
OWN_ACTIONS = {("care.service.standard", "action_acknowledge")}


def addon_public_methods(registry):
    """{model: [method names]} of the public methods the addon's classes define
    or extend."""
    methods = {}
    for name in sorted(registry):
        model_class = registry[name]
        if model_class._abstract:
            # Mixins have no records: their methods are found on the models
            # that inherit them.
            continue
        found = set()
        for cls in model_class.__mro__:
            if not cls.__module__.startswith(ADDON):
                continue
            for attr, value in vars(cls).items():
                if attr.startswith("_") or attr in ORM_HOOKS or not callable(value):
                    continue
                if inspect.isfunction(value):
                    found.add(attr)
        if found:
            methods[name] = sorted(found)
    return methods


@tagged("post_install", "-at_install")
class TestRightsByConstruction(ReferralCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.company_b = env["res.company"].create({"name": "Rights Company B"})
        cls.team_a = make_team(
            env, "Rights Team A", cls.company, cls.user_care_manager, [cls.user_care]
        )
        cls.team_b = make_team(
            env, "Rights Team B", cls.company, members=[cls.user_care_2]
        )
        cls.customer = env["res.partner"].create(
            {"name": "Rights Customer Ltd", "is_company": True, "email": "c@x.example"}
        )
        cls.user_portal = make_user(
            env,
            "rights_portal",
            "Rights Portal Customer",
            "base.group_portal",
            cls.company,
        )
        cls.user_portal.partner_id.write(
            {"parent_id": cls.customer.id, "email": "portal@x.example"}
        )
        cls.user_employee = make_user(
            env,
            "rights_employee",
            "Employee Outside Customer Care",
            "base.group_user,base.group_partner_manager",
            cls.company,
        )
        cls.user_company_b = make_user(
            env,
            "rights_company_b",
            "Care User of Company B",
            "base.group_user,customer_care.group_care_user",
            cls.company_b,
        )
        cls.outsiders = {
            "portal customer": cls.user_portal,
            "employee outside Customer Care": cls.user_employee,
            "Customer Care user of another team": cls.user_care_2,
            "user of another company": cls.user_company_b,
        }
        cls.company.care_rater_survey_id = False
        cls.samples = cls._make_samples()

    @classmethod
    def _make_samples(cls):
        """Records of team A's user in each state an action starts from."""
        env = cls.env
        Complaint = env["care.complaint"].with_context(mail_notrack=True)
        base = {
            "partner_id": cls.user_portal.partner_id.id,
            "team_id": cls.team_a.id,
            "user_id": cls.user_care.id,
            "customer_words": "It broke.",
            "customer_feeling": "angry",
            "apology_note": "Apologised on the phone.",
            "facts": "Broken on arrival.",
            "solution": "A new one.",
            "agreement": "accepted",
            "follow_up_note": "Called.",
            "follow_up_answer": "Fine now.",
        }
        follow_up = env.ref("customer_care.care_complaint_step_follow_up")
        complaint = Complaint.create(dict(base, name="Open complaint"))
        at_last_step = Complaint.create(
            dict(base, name="At its last step", step_id=follow_up.id)
        )
        closed = Complaint.create(
            dict(base, name="Closed complaint", step_id=follow_up.id)
        )
        closed.with_user(cls.user_care).action_close()
        waiting = Complaint.create(dict(base, name="Waiting complaint"))
        waiting.with_user(cls.user_care).action_wait_customer()
        complaints = complaint | at_last_step | closed | waiting
        Compensation = env["care.complaint.compensation"]
        draft_line = Compensation.create(
            {"complaint_id": complaint.id, "name": "Voucher", "amount": 10}
        )
        waiting_line = Compensation.create(
            {"complaint_id": complaint.id, "name": "Big voucher", "amount": 10**6}
        )
        waiting_line.with_user(cls.user_care).action_submit()
        Measure = env["care.complaint.measure"]
        measure = Measure.create(
            {"complaint_id": complaint.id, "name": "Train", "user_id": cls.user_care.id}
        )
        measure_done = Measure.create(
            {"complaint_id": complaint.id, "name": "Check", "user_id": cls.user_care.id}
        )
        measure_done.with_user(cls.user_care).action_done()
        action_type = env["care.loyalty.action.type"].create(
            {
                "name": "Rights letter",
                "channel": "email",
                "kind": "follow_up",
                "mail_template_id": env.ref(
                    "customer_care.mail_template_care_thank_you"
                ).id,
            }
        )
        Action = env["care.loyalty.action"]
        planned = Action.create(
            {
                "partner_id": cls.customer.id,
                "type_id": action_type.id,
                "user_id": cls.user_care.id,
                "channel": "email",
            }
        )
        cancelled = Action.create(
            {
                "partner_id": cls.customer.id,
                "type_id": action_type.id,
                "user_id": cls.user_care.id,
                "channel": "email",
            }
        )
        cancelled.action_cancel()
        Review = env["care.cascade.review"]
        review_vals = {
            "team_id": cls.team_a.id,
            "user_id": cls.user_care_manager.id,
            "date_start": "2026-01-01",
            "date_end": "2026-01-31",
        }
        draft_review = Review.create(review_vals)
        running_review = Review.create(
            dict(review_vals, date_start="2026-02-01", date_end="2026-02-28")
        )
        running_review.action_start()
        closed_review = Review.create(
            dict(review_vals, date_start="2026-03-01", date_end="2026-03-31")
        )
        closed_review.action_start()
        closed_review.action_close()
        invoice = cls.make_invoice(cls.referred, 1000.0)
        commission = cls.env["care.referral.commission"].search(
            [("move_id", "=", invoice.id)]
        )
        approved_invoice = cls.make_invoice(cls.referred, 500.0)
        approved = cls.env["care.referral.commission"].search(
            [("move_id", "=", approved_invoice.id)]
        )
        approved.action_approve()
        standard = env["care.service.standard"].search([], limit=1)
        message = complaint.message_post(
            body="We cannot do that.",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=cls.user_portal.partner_id.ids,
        )
        # The message's hook made its check (the checks are the system's).
        check = env["care.message.check"].search([("message_id", "=", message.id)])
        env.flush_all()
        my_day = (
            env["care.my.day"].sudo().search([("user_id", "=", cls.user_care.id)])
        ).with_env(env)
        return {
            "care.complaint": complaints,
            "care.complaint.compensation": draft_line | waiting_line,
            "care.complaint.measure": measure | measure_done,
            "care.complaint.reject": env["care.complaint.reject"].create(
                {"complaint_ids": [Command.set(complaint.ids)], "reason": "No."}
            ),
            "care.loyalty.action": planned | cancelled,
            "care.loyalty.action.type": action_type,
            "care.cascade.element": env["care.cascade.element"].search([], limit=1),
            "care.cascade.review": draft_review | running_review | closed_review,
            "care.cascade.review.line": running_review.line_ids[:1],
            "care.referral.commission": commission | approved,
            "care.referral.payout": env["care.referral.payout"].create(
                {"commission_ids": [Command.set(approved.ids)]}
            ),
            "care.service.standard": standard,
            "care.message.check": check,
            "care.my.day": my_day,
            "care.retention.report": env["care.retention.report"],
            "care.phrase": env["care.phrase"].search([], limit=1),
            "crm.team": cls.team_a,
            "res.partner": cls.customer,
            "crm.lead": env["crm.lead"].create(
                {"name": "Rights lead", "team_id": cls.team_a.id}
            ),
            "sale.order": env["sale.order"].create({"partner_id": cls.customer.id}),
            "account.move": invoice,
            "mail.compose.message": env["mail.compose.message"].create(
                {
                    "model": "care.complaint",
                    "res_ids": complaint.ids,
                    "body": "Hello",
                    "composition_mode": "comment",
                }
            ),
        }

    # ------------------------------------------------------------------

    def snapshot(self):
        """What any call could change: every row of the addon's tables (their
        last write) and the messages, e-mails and activities, in one query."""
        self.env.flush_all()
        cr = self.env.cr
        if not hasattr(type(self), "_snapshot_query"):
            cr.execute(
                "SELECT t.table_name, bool_or(c.column_name = 'write_date') "
                "FROM information_schema.tables t "
                "JOIN information_schema.columns c USING (table_schema, table_name) "
                "WHERE t.table_schema = 'public' AND t.table_type = 'BASE TABLE' "
                "AND (t.table_name LIKE 'care\\_%%' OR t.table_name IN "
                "('mail_message', 'mail_mail', 'mail_activity')) "
                "GROUP BY t.table_name ORDER BY t.table_name"
            )
            type(self)._snapshot_query = " UNION ALL ".join(
                f"SELECT '{table}', count(*), "
                f"{'max(write_date)' if stamped else 'NULL::timestamp'} "
                f'FROM "{table}"'
                for table, stamped in cr.fetchall()
            )
        cr.execute(self._snapshot_query)
        return {table: (count, stamp) for table, count, stamp in cr.fetchall()}

    def arguments(self, model, method, records):
        if method == "write":
            return (self.write_values(model),)
        if method == "create":
            return ([records[:1].copy_data()[0]] if records else [{}],)
        if method == "get_composer_data":
            complaint = self.samples["care.complaint"][:1]
            return (complaint._name, complaint.id)
        if method == "message_new":
            return ({"email_from": "x@x.example", "subject": "Hi", "body": "Hi"},)
        return ()

    def write_values(self, model):
        """A plain field the form lets staff edit, to write something."""
        for name, field in self.env[model]._fields.items():
            if (
                field.store
                and field.type in ("char", "text")
                and not field.readonly
                and not field.related
                and not field.compute
                and name not in ("access_token", "email_from")
            ):
                return {name: "Changed from outside"}
        return {"active": False}

    def refused(self, user, model, method, records):
        """Whether the rights say this user may not do what ``method`` does."""
        Model = self.env[model].with_user(user)
        if (model, method) in OWN_ACTIONS:
            return not records.with_user(user).has_access("read")
        if method in ("create", "message_new") or not records:
            return not Model.has_access("create")
        return not records.with_user(user).has_access("write")

    def test_every_public_method_is_found(self):
        methods = addon_public_methods(self.registry)
        self.assertIn("action_reopen", methods["care.complaint"])
        self.assertIn("button_draft", methods["account.move"])
        missing = [
            model
            for model, names in methods.items()
            if set(names) - ODOO_ENTRIES
            and model not in self.samples
            and model != "res.config.settings"
            and model != "res.company"
        ]
        self.assertEqual(missing, [], "every model with public methods has samples")

    @mute_logger("odoo.models", "odoo.addons.base.models.ir_rule", "odoo.http")
    def test_outsiders_are_refused_by_every_public_method(self):
        methods = addon_public_methods(self.registry)
        failures = []
        for model, names in methods.items():
            samples = self.samples.get(model)
            if samples is None:
                continue
            extended = not model.startswith("care.")
            for method in names:
                if extended and method in ODOO_ENTRIES:
                    continue
                if method == "message_route":
                    continue  # the mail gateway's entry, run by the gateway
                if method in ("message_post",):
                    continue  # who a customer's message reaches: its own test
                targets = [samples[i : i + 1] for i in range(len(samples))] or [samples]
                for user_label, user in self.outsiders.items():
                    for records in targets:
                        failure = self.call_as(user, model, method, records)
                        if failure:
                            failures.append(
                                f"{model}.{method} as {user_label}: {failure}"
                            )
        self.assertEqual(failures, [])

    def call_as(self, user, model, method, records):
        """Call ``method`` as ``user`` on ``records``; say what went wrong."""
        may_not = self.refused(user, model, method, records)
        read_only = method in READ_ONLY
        if not may_not and not read_only:
            return None  # the user may change these records: nothing to refuse
        before = self.snapshot()
        args = self.arguments(model, method, records)
        target = records.with_user(user) if records else self.env[model].with_user(user)
        try:
            with self.env.cr.savepoint():
                getattr(target, method)(*args)
                after = self.snapshot()
                raise _Answered(after)
        except _Answered as answered:
            if not read_only:
                return "answered instead of refusing"
            changed = {
                t: (before[t], answered.state[t])
                for t in before
                if before[t] != answered.state.get(t)
            }
            return f"changed {changed}" if changed else None
        except (AccessError, UserError):
            return None
        except Exception as error:  # noqa: BLE001 - any other answer is a failure
            return f"{type(error).__name__}: {error}"
        finally:
            self.env.invalidate_all()

    def test_a_broken_check_is_found(self):
        """The matrix sees a public method that writes as superuser."""
        complaint = self.samples["care.complaint"].filtered(
            lambda c: c.state == "closed"
        )
        Complaint = type(self.env["care.complaint"])

        def action_reopen_broken(self):
            self.sudo().write({"state": "open"})
            return True

        original = Complaint.action_reopen
        Complaint.action_reopen = action_reopen_broken
        try:
            failure = self.call_as(
                self.user_portal, "care.complaint", "action_reopen", complaint
            )
        finally:
            Complaint.action_reopen = original
        self.assertEqual(failure, "answered instead of refusing")


class _Answered(Exception):
    """The call returned: roll its savepoint back, keep what it changed."""

    def __init__(self, state):
        super().__init__()
        self.state = state


# What a customer reads of the addon's fields (README, "What customers can
# read"): their complaint's page, nothing of staff's work.
PORTAL_FIELDS = {
    "care.complaint": {
        "reference",
        "name",
        "partner_id",
        "commercial_partner_id",
        "company_id",
        "category_id",
        "description",
        "state",
        "date_received",
        "date_resolved",
        "date_closed",
        # Whether the company keeps its promise: late, a standard breached, by
        # when the next answer is due.
        "is_late",
        "care_deadline_breached",
        "care_next_deadline",
    },
    "care.complaint.category": {"name", "company_id", "sequence", "active"},
    "care.complaint.step": {"name", "sequence"},
}


@tagged("post_install", "-at_install")
class TestPortalFields(ReferralCommon):
    def test_customers_read_only_the_documented_fields(self):
        portal = mail_new_test_user(
            self.env,
            login="fields_portal",
            name="Fields Portal",
            groups="base.group_portal",
        )
        readable = {}
        for name in sorted(self.registry):
            Model = self.env[name]
            ours = [
                fname
                for fname, field in Model._fields.items()
                if "customer_care" in (field._modules or ())
                and fname not in MAGIC_FIELDS
            ]
            if not ours or Model._abstract:
                continue
            if not Model.with_user(portal).has_access("read"):
                continue
            seen = {
                fname
                for fname in ours
                if Model._fields[fname].is_accessible(Model.with_user(portal).env)
            }
            if seen:
                readable[name] = seen
        self.assertEqual(readable, PORTAL_FIELDS)
