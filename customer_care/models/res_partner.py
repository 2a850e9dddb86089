from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression
from odoo.tools import SQL

from ..tools import check_percentage
from .care_style_advice import DIFFICULT_TYPES, DISC_STYLES

# The customer care overview counts the birthdays of today and the next six days.
BIRTHDAY_SOON_DAYS = 7

MAN_ANSWERS = [
    ("unknown", "Unknown"),
    ("yes", "Yes"),
    ("no", "No"),
]
# Money, Authority and Need decide the status; Access is optional: it only
# counts once somebody answered it.
MAN_CRITERIA = ("man_money", "man_authority", "man_need")
MAN_OPTIONAL_CRITERIA = ("man_access",)
MAN_FIELDS = MAN_CRITERIA + MAN_OPTIONAL_CRITERIA
STYLE_FIELDS = ("care_disc_style", "care_difficult_type")
# Points per criterion answered "yes"; they add up to 100.
MAN_SCORE_WEIGHTS = {
    "man_money": 30,
    "man_authority": 30,
    "man_need": 30,
    "man_access": 10,
}


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = ["res.partner", "care.action.fields.mixin"]
    # Who qualified and when is set by the change of the answers; the status and
    # score follow them. A referrer's own rate is the managers' to set.
    _care_action_fields = (
        "man_status",
        "man_score",
        "man_user_id",
        "man_date",
        "care_referral_rate",
        "care_style_user_id",
        "care_style_date",
    )
    _care_action_field_groups = {
        "care_referral_rate": "customer_care.group_care_manager",
    }

    care_customer_kind = fields.Selection(
        selection=[("external", "External"), ("internal", "Internal")],
        string="Customer Kind",
        compute="_compute_care_customer_kind",
        store=True,
        readonly=False,
        index=True,
        tracking=True,
        groups="customer_care.group_care_user",
        help="Internal: a colleague or department of your own company that depends on "
        "your work. External: a customer outside the company that pays. Contacts of "
        "your own users, employees and companies default to internal.",
    )
    man_money = fields.Selection(
        MAN_ANSWERS,
        string="Money",
        default="unknown",
        required=True,
        tracking=True,
        groups="customer_care.group_care_user",
        help="Has the prospect the means to pay?",
    )
    man_money_note = fields.Char(
        string="Money Note",
        groups="customer_care.group_care_user",
        help="e.g. budget 20k approved",
    )
    man_authority = fields.Selection(
        MAN_ANSWERS,
        string="Authority",
        default="unknown",
        required=True,
        tracking=True,
        groups="customer_care.group_care_user",
        help="Has the prospect the right to decide the purchase?",
    )
    man_authority_note = fields.Char(
        string="Authority Note",
        groups="customer_care.group_care_user",
        help="e.g. the CFO signs above 10k",
    )
    man_need = fields.Selection(
        MAN_ANSWERS,
        string="Need",
        default="unknown",
        required=True,
        tracking=True,
        groups="customer_care.group_care_user",
        help="Does the prospect need the product or service?",
    )
    man_need_note = fields.Char(
        string="Need Note",
        groups="customer_care.group_care_user",
        help="e.g. replaces their printers in Q3",
    )
    man_access = fields.Selection(
        MAN_ANSWERS,
        string="Access",
        default="unknown",
        required=True,
        tracking=True,
        groups="customer_care.group_care_user",
        help="Optional: can we reach the prospect? A 'No' disqualifies; 'Unknown' "
        "does not block the qualification.",
    )
    man_access_note = fields.Char(
        string="Access Note",
        groups="customer_care.group_care_user",
        help="e.g. introduced by their purchasing manager",
    )
    man_status = fields.Selection(
        selection=[
            ("not_started", "Not Started"),
            ("in_progress", "In Progress"),
            ("qualified", "MAN Qualified"),
            ("disqualified", "MAN Disqualified"),
        ],
        string="MAN Qualification",
        compute="_compute_man_status",
        store=True,
        index=True,
        tracking=True,
        groups="customer_care.group_care_user",
        help="Qualified: money, authority and need are all 'Yes'. Disqualified: any "
        "criterion is 'No'. Not started: nothing answered yet.",
    )
    man_score = fields.Integer(
        string="Qualification Score",
        compute="_compute_man_status",
        store=True,
        aggregator="avg",
        groups="customer_care.group_care_user",
        help="Money, authority and need count 30 points each, access 10, when "
        "answered 'Yes'.",
    )
    man_user_id = fields.Many2one(
        "res.users",
        string="Qualified By",
        readonly=True,
        copy=False,
        groups="customer_care.group_care_user",
        help="Who last changed the MAN answers.",
    )
    man_date = fields.Datetime(
        string="Qualified On",
        readonly=True,
        copy=False,
        groups="customer_care.group_care_user",
        help="When the MAN answers last changed.",
    )
    care_buying_role = fields.Selection(
        selection=[
            ("decision_maker", "Decision Maker"),
            ("beneficiary", "Beneficiary"),
            ("user", "User"),
        ],
        string="Buying Role",
        index=True,
        tracking=True,
        groups="customer_care.group_care_user",
        help="The part this person plays in a purchase: the decision maker decides, "
        "the beneficiary benefits, the user uses it.",
    )
    care_birthdate = fields.Date(
        string="Birthdate",
        index=True,
        groups="customer_care.group_care_user",
    )
    care_birthday_soon = fields.Boolean(
        string="Birthday in 7 Days",
        compute="_compute_care_birthday_soon",
        search="_search_care_birthday_soon",
        groups="customer_care.group_care_user",
    )
    care_greetings_opt_out = fields.Boolean(
        string="No Greetings",
        groups="customer_care.group_care_user",
        help="The customer asked not to receive birthday cards and greetings.",
    )
    care_disc_style = fields.Selection(
        DISC_STYLES,
        string="Behaviour Style",
        groups="customer_care.group_care_user",
        tracking=True,
        help="The style staff observed (DISC): its advice shows where they write "
        "to this customer.",
    )
    care_difficult_type = fields.Selection(
        DIFFICULT_TYPES,
        string="Difficult Customer",
        groups="customer_care.group_care_user",
        tracking=True,
        help="Optionally, the kind of difficult customer staff met, with the "
        "tactics that help.",
    )
    care_style_user_id = fields.Many2one(
        "res.users",
        string="Style Observed By",
        readonly=True,
        groups="customer_care.group_care_user",
    )
    care_style_date = fields.Date(
        string="Style Observed On",
        readonly=True,
        groups="customer_care.group_care_user",
    )
    care_style_advice = fields.Text(
        string="Advice for This Customer",
        compute="_compute_care_style_advice",
        groups="customer_care.group_care_user",
    )
    care_loyalty_action_ids = fields.One2many(
        "care.loyalty.action",
        "partner_id",
        string="Loyalty Actions",
        groups="customer_care.group_care_user",
    )
    care_complaint_ids = fields.One2many(
        "care.complaint",
        "partner_id",
        string="Complaints",
        groups="customer_care.group_care_user",
    )
    care_loyalty_action_count = fields.Integer(
        compute="_compute_care_counts",
        string="Loyalty Action Count",
        groups="customer_care.group_care_user",
    )
    care_complaint_count = fields.Integer(
        compute="_compute_care_counts",
        string="Complaint Count",
        groups="customer_care.group_care_user",
    )
    care_decision_maker_ids = fields.One2many(
        "res.partner",
        "parent_id",
        string="Decision Makers",
        domain=[("care_buying_role", "=", "decision_maker")],
        groups="customer_care.group_care_user",
    )

    care_referred_by_id = fields.Many2one(
        "res.partner",
        string="Referred By",
        index="btree_not_null",
        tracking=True,
        ondelete="set null",
        groups="customer_care.group_care_user",
        help="The customer who brought this one: they earn a commission on this "
        "customer's invoices during the earning window.",
    )
    care_referral_date = fields.Date(
        string="Referral Date",
        compute="_compute_care_referral_date",
        store=True,
        readonly=False,
        tracking=True,
        groups="customer_care.group_care_user",
        help="The earning window of the referrer starts on this day.",
    )
    care_referral_ids = fields.One2many(
        "res.partner",
        "care_referred_by_id",
        string="Referrals",
        groups="customer_care.group_care_user",
    )
    care_referral_count = fields.Integer(
        string="Referral Count",
        compute="_compute_care_counts",
        groups="customer_care.group_care_user",
    )
    care_referral_revenue = fields.Monetary(
        string="Revenue Brought",
        compute="_compute_care_counts",
        currency_field="currency_id",
        groups="account.group_account_invoice,account.group_account_readonly",
        help="Untaxed amount of the posted invoices (less credit notes) of the "
        "customers this one referred, in the current company.",
    )
    care_referral_rate = fields.Float(
        string="Commission Rate Override (%)",
        digits=(16, 2),
        copy=False,
        tracking=True,
        groups="customer_care.group_care_user",
        help="The commission rate this referrer earns; 0 uses the company's "
        "default rate.",
    )
    care_referral_commission_count = fields.Integer(
        string="Commission Count",
        compute="_compute_care_counts",
        groups="customer_care.group_care_user",
    )

    @api.depends("care_referred_by_id")
    def _compute_care_referral_date(self):
        today = fields.Date.context_today(self)
        for partner in self:
            if not partner.care_referred_by_id:
                partner.care_referral_date = False
            elif not partner.care_referral_date:
                partner.care_referral_date = today

    @api.depends_context("company", "uid")
    def _compute_care_counts(self):
        """The figures of the form's buttons, all in one query: the counts with
        the reader's record rules (referrals: every contact), the revenue brought
        for accounting's groups only."""
        figures = defaultdict(float)
        ids = self.filtered("id").ids
        queries = self._care_count_queries(ids) if ids else []
        if queries:
            self.env.cr.execute(SQL(" UNION ALL ").join(queries))
            for figure, partner_id, value in self.env.cr.fetchall():
                figures[figure, partner_id] += value
        for partner in self:
            pid = partner.id
            partner.care_loyalty_action_count = figures["loyalty", pid]
            partner.care_complaint_count = figures["complaint", pid]
            partner.care_referral_count = figures["referral", pid]
            partner.care_referral_commission_count = figures["commission", pid]
            partner.care_referral_revenue = figures["revenue", pid]

    def _care_count_queries(self, ids):
        """The SQL of the (figure, partner id, value) rows of _compute_care_counts."""
        queries = []

        def count(figure, model, key, key_ids):
            if not key_ids:
                return
            query = model._search([(key, "in", key_ids)])
            query.groupby = model._field_to_sql(model._table, key, query)
            queries.append(
                SQL(
                    "(%s)",
                    query.select(SQL("%s", figure), query.groupby, "COUNT(*)::float8"),
                )
            )

        if self.env.user.has_group("customer_care.group_care_user"):
            # A company counts its contacts' complaints; a person their own.
            company_ids = self.browse(ids).filtered("is_company").ids
            person_ids = [pid for pid in ids if pid not in company_ids]
            Complaint = self.env["care.complaint"]
            count("loyalty", self.env["care.loyalty.action"], "partner_id", ids)
            count("complaint", Complaint, "commercial_partner_id", company_ids)
            count("complaint", Complaint, "partner_id", person_ids)
            # sudo: the referral count covers contacts the user cannot read.
            count("referral", self.sudo(), "care_referred_by_id", ids)
            commissions = self.env["care.referral.commission"]
            count("commission", commissions, "referrer_id", ids)
        if self.env.user.has_groups(
            "account.group_account_invoice,account.group_account_readonly"
        ):
            queries.append(self._care_revenue_query(ids))
        return queries

    def _care_revenue_query(self, ids):
        """Untaxed amount of the posted invoices, less credit notes, of the
        current company that the reader may read, of the customers these ones
        referred (any contact of them)."""
        invoices = self.env["account.move"]._search(
            [
                ("move_type", "in", ("out_invoice", "out_refund")),
                ("state", "=", "posted"),
                ("company_id", "=", self.env.company.id),
            ]
        )
        self.env["account.move"].flush_model(
            ["commercial_partner_id", "amount_untaxed_signed"]
        )
        self.flush_model(["care_referred_by_id"])
        return SQL(
            """(SELECT 'revenue', p.care_referred_by_id,
                       SUM(m.amount_untaxed_signed)::float8
                  FROM account_move m
                  JOIN res_partner p ON p.id = m.commercial_partner_id
                 WHERE p.care_referred_by_id = ANY(%s) AND m.id IN %s
                 GROUP BY p.care_referred_by_id)""",
            ids,
            invoices.subselect(),
        )

    @api.constrains("care_referral_rate")
    def _check_care_referral_rate(self):
        check_percentage(self, "care_referral_rate")

    @api.constrains("care_referred_by_id")
    def _check_care_referred_by(self):
        for partner in self:
            referrer = partner.care_referred_by_id
            if not referrer:
                continue
            if referrer.commercial_partner_id == partner.commercial_partner_id:
                raise ValidationError(
                    _(
                        "%(partner)s cannot be referred by %(referrer)s: a customer "
                        "does not refer itself.",
                        partner=partner.display_name,
                        referrer=referrer.display_name,
                    )
                )
        if self._has_cycle("care_referred_by_id"):
            raise ValidationError(
                _(
                    "These referrals make a loop (%(partners)s): a customer cannot be "
                    "referred, directly or not, by a customer it referred.",
                    partners=", ".join(self.mapped("display_name")),
                )
            )

    @api.depends(lambda self: self._care_customer_kind_depends())
    def _compute_care_customer_kind(self):
        # sudo: companies are configuration; their partners are internal.
        company_partners = self.env["res.company"].sudo().search([]).partner_id
        with_hr = "employee_ids" in self._fields
        for partner in self:
            internal = (
                partner.employee
                or any(not user.share for user in partner.user_ids)
                or partner.commercial_partner_id in company_partners
                or (with_hr and bool(partner.employee_ids))
            )
            partner.care_customer_kind = "internal" if internal else "external"

    @api.model
    def _care_customer_kind_depends(self):
        depends = ["employee", "user_ids.share", "commercial_partner_id"]
        # With hr installed, employees' work contacts are internal customers too.
        if "employee_ids" in self._fields:
            depends.append("employee_ids")
        return depends

    @api.depends(*MAN_FIELDS)
    def _compute_man_status(self):
        for partner in self:
            answers = [partner[fname] for fname in MAN_CRITERIA]
            optional = [partner[fname] for fname in MAN_OPTIONAL_CRITERIA]
            if "no" in answers or "no" in optional:
                status = "disqualified"
            elif all(answer == "yes" for answer in answers):
                status = "qualified"
            elif all(answer == "unknown" for answer in answers + optional):
                status = "not_started"
            else:
                status = "in_progress"
            partner.man_status = status
            partner.man_score = sum(
                weight
                for fname, weight in MAN_SCORE_WEIGHTS.items()
                if partner[fname] == "yes"
            )

    @api.constrains("care_buying_role", "is_company")
    def _check_care_buying_role(self):
        for partner in self:
            if partner.is_company and partner.care_buying_role:
                raise ValidationError(
                    _(
                        "%(partner)s is a company: a buying role (decision maker, "
                        "beneficiary, user) belongs to a person. Set it on one of its "
                        "contacts instead.",
                        partner=partner.display_name,
                    )
                )

    @api.constrains("care_birthdate")
    def _check_care_birthdate(self):
        today = fields.Date.context_today(self)
        for partner in self:
            if partner.care_birthdate and partner.care_birthdate > today:
                raise ValidationError(
                    _(
                        "The birthdate of %(partner)s (%(date)s) is in the future.",
                        partner=partner.display_name,
                        date=partner.care_birthdate,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        corrected = self._care_check_action_fields(vals_list, creating=True)
        for vals in vals_list:
            self._care_check_selection_values(vals)
            if any(vals.get(fname, "unknown") != "unknown" for fname in MAN_FIELDS):
                vals.update(self._care_man_assessment_vals())
            if any(vals.get(fname) for fname in STYLE_FIELDS):
                vals.update(self._care_style_observation_vals())
        partners = super().create(vals_list)
        partners._care_log_corrections(corrected)
        return partners

    def write(self, vals):
        corrected = self._care_check_action_fields([vals])
        self._care_check_selection_values(vals)
        # Who qualified and when follow a change of the answers, not a write of
        # the answers a partner already has (a contact merge writes them all).
        if any(
            fname in vals and any(partner[fname] != vals[fname] for partner in self)
            for fname in MAN_FIELDS
        ):
            vals = {**vals, **self._care_man_assessment_vals()}
        if any(
            fname in vals and any(partner[fname] != vals[fname] for partner in self)
            for fname in STYLE_FIELDS
        ):
            vals = {**vals, **self._care_style_observation_vals()}
        result = super().write(vals)
        self._care_log_corrections(corrected)
        return result

    @api.model
    def _care_birthday_window(self):
        return self.env["care.loyalty.action"]._birthday_window(
            fields.Date.context_today(self), BIRTHDAY_SOON_DAYS - 1
        )

    @api.depends("care_birthdate")
    @api.depends_context("tz")
    def _compute_care_birthday_soon(self):
        window = self._care_birthday_window()
        for partner in self:
            birthdate = partner.care_birthdate
            partner.care_birthday_soon = bool(
                birthdate and (birthdate.month, birthdate.day) in window
            )

    def _search_care_birthday_soon(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Search on coming birthdays with = or != only."))
        domain = expression.OR(
            [
                [
                    ("care_birthdate.month_number", "=", month),
                    ("care_birthdate.day_of_month", "=", day),
                ]
                for month, day in self._care_birthday_window()
            ]
        )
        positive = (operator == "=") == value
        return (
            domain if positive else ["|", ("care_birthdate", "=", False), "!", *domain]
        )

    def _care_man_assessment_vals(self):
        # Set here rather than in a compute: a stored compute runs lazily, in the
        # environment of whoever reads it first, not of whoever changed the answers.
        return {"man_user_id": self.env.uid, "man_date": fields.Datetime.now()}

    def _care_style_observation_vals(self):
        return {
            "care_style_user_id": self.env.uid,
            "care_style_date": fields.Date.context_today(self),
        }

    @api.depends("care_disc_style", "care_difficult_type")
    @api.depends_context("lang", "company")
    def _compute_care_style_advice(self):
        lines = self.env["care.style.advice"]._advice_lines(
            set(self.mapped("care_disc_style") + self.mapped("care_difficult_type")),
            self.env.company,
        )
        for partner in self:
            partner.care_style_advice = "\n".join(
                f"{label}: {advice}"
                for _style, label, advice in partner._care_style_advice_found(lines)
            )

    def _care_style_advice_found(self, lines):
        """(style, label, advice) of the partner's style and type, from the
        ``{style: (label, advice)}`` of ``care.style.advice._advice_lines``."""
        self.ensure_one()
        styles = (self.care_disc_style, self.care_difficult_type)
        return [(style, *lines[style]) for style in styles if style in lines]

    def _care_style_advice_lines(self):
        """The advice for the partner's style and type, for the composer."""
        self.ensure_one()
        # sudo: the composer shows the style to writers who cannot read its fields.
        partner = self.sudo()
        lines = self.env["care.style.advice"]._advice_lines(
            {partner.care_disc_style, partner.care_difficult_type} - {False},
            self.env.company,
        )
        return [
            {"style": style, "label": label, "advice": advice}
            for style, label, advice in partner._care_style_advice_found(lines)
        ]

    def action_view_care_loyalty_actions(self):
        self.ensure_one()
        return self.env["care.loyalty.action"]._care_action_for(
            [("partner_id", "=", self.id)], {"default_partner_id": self.id}
        )

    def action_view_care_complaints(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "customer_care.care_complaint_action"
        )
        field = "commercial_partner_id" if self.is_company else "partner_id"
        action["domain"] = [(field, "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action

    def action_care_send_survey(self):
        """Odoo's survey sharing, with the company's satisfaction survey and the
        selected customers filled in."""
        survey = self.env.company.care_rater_survey_id or self.env.ref(
            "customer_care.care_survey_rater", raise_if_not_found=False
        )
        if not survey or not survey.active:
            raise UserError(
                _(
                    "No satisfaction survey is set: choose one in Settings, "
                    "Customer Care, Survey after Closing."
                )
            )
        action = survey.action_send_survey()
        action["context"] = {
            **action["context"],
            "default_partner_ids": self.filtered("email").ids,
        }
        return action

    def action_care_log_complaint(self):
        self.ensure_one()
        return self.env["care.complaint"]._action_log_complaint(self)

    def action_view_care_referrals(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Referrals of %(partner)s", partner=self.display_name),
            "res_model": "res.partner",
            "view_mode": "list,form",
            "domain": [("care_referred_by_id", "=", self.id)],
            "context": {"default_care_referred_by_id": self.id},
        }

    def _care_referral_statement_commissions(self):
        """The commissions of the referrer's statement: the current company's,
        cancelled ones left out, oldest first."""
        self.ensure_one()
        return self.env["care.referral.commission"].search(
            [
                ("referrer_id", "=", self.id),
                ("state", "!=", "cancelled"),
                ("company_id", "=", self.env.company.id),
            ],
            order="date, id",
        )

    def _care_referral_statement_totals(self, commissions):
        states = dict(
            self.env["care.referral.commission"]
            ._fields["state"]
            ._description_selection(self.env)
        )
        totals = []
        for state in ("draft", "approved", "billed", "paid"):
            amount = sum(
                commissions.filtered(lambda c, s=state: c.state == s).mapped("amount")
            )
            if amount:
                totals.append(
                    {
                        "label": states[state],
                        "amount": amount,
                        "currency": self.env.company.currency_id,
                    }
                )
        totals.append(
            {
                "label": _("Total Earned"),
                "amount": sum(commissions.mapped("amount")),
                "currency": self.env.company.currency_id,
            }
        )
        return totals

    def action_view_care_referral_commissions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "customer_care.care_referral_commission_action"
        )
        action["domain"] = [("referrer_id", "=", self.id)]
        action["context"] = {"search_default_group_by_state": 1}
        return action

    @api.model
    def _care_check_selection_values(self, vals):
        """Refuse unknown selection values with a readable message.

        The ORM would raise a bare ValueError, which the web client shows as a
        server traceback.
        """
        for fname in self._care_selection_fields():
            value = vals.get(fname)
            if not value:
                continue
            field = self._fields[fname]
            allowed = dict(field._description_selection(self.env))
            if value not in allowed:
                raise ValidationError(
                    _(
                        "'%(value)s' is not a valid value for %(field)s. "
                        "Choose one of: %(allowed)s.",
                        value=value,
                        field=field._description_string(self.env),
                        allowed=", ".join(allowed.values()),
                    )
                )

    @api.model
    def _care_selection_fields(self):
        return (
            "care_customer_kind",
            "care_buying_role",
            *MAN_FIELDS,
        )
