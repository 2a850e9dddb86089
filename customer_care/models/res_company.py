from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..tools import check_percentage


class ResCompany(models.Model):
    _inherit = "res.company"

    care_letter_signature = fields.Html(
        string="Letter Signature",
        translate=True,
        help="Closes the printed loyalty letters, under the responsible's name.",
        groups="base.group_user",
    )
    care_confirm_damaging_complaints = fields.Boolean(
        string="Confirm Damaging Replies to Complaints",
        default=True,
        help="A reply to a complaint that still holds damaging phrases is sent only "
        'after its writer confirms "Send anyway".',
        groups="base.group_user",
    )
    care_excellence_threshold = fields.Float(
        string="Excellence Threshold (%)",
        default=80.0,
        help="A CASCADE review reaches Excellence when every other element is at "
        "least this far along.",
        groups="base.group_user",
    )

    care_referral_rate = fields.Float(
        string="Referral Commission Rate (%)",
        default=5.0,
        digits=(16, 2),
        help="The share of a referred customer's untaxed invoices its referrer earns, "
        "unless the referrer has a rate of its own.",
        groups="base.group_user",
    )
    care_referral_first_order_amount = fields.Monetary(
        string="First Order Bonus",
        currency_field="currency_id",
        help="A fixed amount the referrer also earns on the referred customer's "
        "first invoice.",
        groups="base.group_user",
    )
    care_referral_months = fields.Integer(
        string="Earning Window (months)",
        default=12,
        help="How long after the referral date the referred customer's invoices "
        "earn a commission; 0 for no end.",
        groups="base.group_user",
    )
    care_referral_min_payout = fields.Monetary(
        string="Minimum Payout",
        currency_field="currency_id",
        help="A referrer is paid once the approved commissions reach this total.",
        groups="base.group_user",
    )
    care_referral_payout_method = fields.Selection(
        [("vendor_bill", "Vendor Bill"), ("customer_credit", "Customer Credit Note")],
        string="Pay Referrers With",
        default="vendor_bill",
        required=True,
        groups="base.group_user",
    )
    care_referral_product_id = fields.Many2one(
        "product.product",
        string="Commission Product",
        help="The product on the payout lines; its accounts and not its taxes apply. "
        "Empty: the shipped Referral Commission product.",
        groups="base.group_user",
    )
    care_referral_payout_post = fields.Boolean(
        string="Post Payouts at Once",
        help="Off (the default): Pay makes draft payouts that accounting checks and "
        "posts. On: Pay posts them at once.",
        groups="base.group_user",
    )
    care_referral_account_id = fields.Many2one(
        "account.account",
        string="Commission Account",
        help="The account of the payout lines, when it is not the product's.",
        groups="base.group_user",
    )

    care_complaint_follow_up_days = fields.Integer(
        string="Follow-up Call After",
        default=7,
        help="Days after a complaint closes when the follow-up call is planned; 0 "
        "plans none.",
        groups="base.group_user",
    )
    care_complaint_late_days = fields.Integer(
        string="Complaint Late After",
        default=2,
        help="Days after receipt when an unresolved complaint shows as late.",
        groups="base.group_user",
    )
    care_deadline_warning_percent = fields.Integer(
        string="Warn at (% of the Time)",
        default=80,
        help="Share of a service deadline's business time after which the "
        "responsible gets an activity; 0 warns nobody.",
        groups="base.group_user",
    )
    care_rater_survey_id = fields.Many2one(
        "survey.survey",
        string="Satisfaction Survey after Closing",
        help="Sent to the customer when a complaint closes, instead of the "
        "smiley rating request; empty, the rating request is sent.",
        groups="base.group_user",
    )
    care_rater_good_score = fields.Float(
        string="Good Quality Score",
        default=4.0,
        help="A side of the quality grid (procedural: reliability, "
        "responsiveness, tangibles; personal: assurance, empathy) is good when "
        "its average score from 1 to 5 reaches this.",
        groups="base.group_user",
    )
    care_retention_months = fields.Integer(
        string="Repurchase Window",
        default=12,
        help="Months after a complaint (or a first invoice) in which an invoice "
        "counts as buying again, in the Retention report.",
        groups="base.group_user",
    )
    care_tarp_silent_per_complaint = fields.Float(
        string="Estimate: Silent Unhappy Customers per Complaint",
        default=25.0,
        help="TARP: for each complaint, about 25 unhappy customers say nothing.",
        groups="base.group_user",
    )
    care_tarp_told_unhappy = fields.Float(
        string="Estimate: People an Unhappy Customer Tells",
        default=10.0,
        help="TARP: an unhappy customer tells 9 to 10 people.",
        groups="base.group_user",
    )
    care_tarp_told_resolved = fields.Float(
        string="Estimate: People a Customer Resolved Tells",
        default=5.0,
        help="TARP: a customer whose complaint was resolved tells 5 people.",
        groups="base.group_user",
    )
    care_tarp_sales_multiplier = fields.Float(
        string="Estimate: Yearly Purchases Lost per Unhappy Customer",
        default=25.0,
        help="TARP: the yearly sales lost behind one unhappy customer are about "
        "their yearly purchases times 25.",
        groups="base.group_user",
    )
    care_compensation_limit = fields.Monetary(
        string="Compensation Approval Limit",
        help="Compensation a user grants without a manager, unless the user has a "
        "limit of their own.",
        groups="base.group_user",
    )

    @api.constrains(
        "care_complaint_follow_up_days",
        "care_complaint_late_days",
        "care_compensation_limit",
    )
    def _check_care_complaint_settings(self):
        for company in self:
            if (
                company.care_complaint_follow_up_days < 0
                or company.care_complaint_late_days < 0
                or company.care_compensation_limit < 0
            ):
                raise ValidationError(
                    _(
                        "Complaint delays and the compensation limit of %(company)s "
                        "cannot be negative.",
                        company=company.name,
                    )
                )

    @api.constrains("care_deadline_warning_percent")
    def _check_care_deadline_warning_percent(self):
        for company in self:
            if not 0 <= company.care_deadline_warning_percent < 100:
                raise ValidationError(
                    _(
                        "Deadline warnings come at a share of the time from 0 "
                        "(none) to 99 %%, not %(value)s.",
                        value=company.care_deadline_warning_percent,
                    )
                )

    @api.constrains(
        "care_retention_months",
        "care_tarp_silent_per_complaint",
        "care_tarp_told_unhappy",
        "care_tarp_told_resolved",
        "care_tarp_sales_multiplier",
    )
    def _check_care_retention_settings(self):
        for company in self:
            if (
                company.care_retention_months < 1
                or min(
                    company.care_tarp_silent_per_complaint,
                    company.care_tarp_told_unhappy,
                    company.care_tarp_told_resolved,
                    company.care_tarp_sales_multiplier,
                )
                < 0
            ):
                raise ValidationError(
                    _(
                        "The repurchase window of %(company)s is at least one "
                        "month, and its retention estimates cannot be negative.",
                        company=company.name,
                    )
                )

    @api.constrains("care_rater_good_score")
    def _check_care_rater_good_score(self):
        for company in self:
            if not 1 <= company.care_rater_good_score <= 5:
                raise ValidationError(
                    _(
                        "The good quality score of %(company)s is a score from 1 "
                        "to 5, not %(value)s.",
                        company=company.name,
                        value=company.care_rater_good_score,
                    )
                )

    @api.constrains("care_excellence_threshold")
    def _check_care_excellence_threshold(self):
        for company in self:
            if not 0 < company.care_excellence_threshold <= 100:
                raise ValidationError(
                    _(
                        "The Excellence threshold is a percentage above 0 and at "
                        "most 100, not %(value)s.",
                        value=company.care_excellence_threshold,
                    )
                )

    @api.constrains(
        "care_referral_rate",
        "care_referral_months",
        "care_referral_min_payout",
        "care_referral_first_order_amount",
    )
    def _check_care_referral_settings(self):
        check_percentage(self, "care_referral_rate")
        for company in self:
            if company.care_referral_months < 0:
                raise ValidationError(_("The earning window cannot be negative."))
            if company.care_referral_min_payout < 0:
                raise ValidationError(_("The minimum payout cannot be negative."))
            if company.care_referral_first_order_amount < 0:
                raise ValidationError(_("The first order bonus cannot be negative."))

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        self.env["care.complaint"]._complaint_sequences(companies)
        # The company's partner exists before the company does, so it was defaulted
        # to external: its partner and contacts are the company's own, internal.
        # sudo: the company's contacts, whoever may create companies; the create was
        # allowed.
        own_partners = (
            self.env["res.partner"]
            .sudo()
            .search(
                [
                    (
                        "commercial_partner_id",
                        "in",
                        companies.partner_id.commercial_partner_id.ids,
                    )
                ]
            )
        )
        self.env.add_to_compute(
            self.env["res.partner"]._fields["care_customer_kind"], own_partners
        )
        return companies
