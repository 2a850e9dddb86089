from odoo import api, fields, models

# Settings fields prefix -> the shipped loyalty action type they switch and time.
SHIPPED_TYPES = {
    "care_birthday": "customer_care.care_loyalty_action_type_birthday",
    "care_thank_you": "customer_care.care_loyalty_action_type_thank_you",
    "care_follow_up": "customer_care.care_loyalty_action_type_follow_up",
}


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    care_letter_signature = fields.Html(
        related="company_id.care_letter_signature", readonly=False
    )
    care_confirm_damaging_complaints = fields.Boolean(
        related="company_id.care_confirm_damaging_complaints", readonly=False
    )
    care_excellence_threshold = fields.Float(
        related="company_id.care_excellence_threshold", readonly=False
    )
    care_currency_id = fields.Many2one(
        related="company_id.currency_id", string="Referral Currency"
    )
    care_referral_rate = fields.Float(
        related="company_id.care_referral_rate", readonly=False
    )
    care_referral_first_order_amount = fields.Monetary(
        related="company_id.care_referral_first_order_amount",
        readonly=False,
        currency_field="care_currency_id",
    )
    care_referral_months = fields.Integer(
        related="company_id.care_referral_months", readonly=False
    )
    care_referral_min_payout = fields.Monetary(
        related="company_id.care_referral_min_payout",
        readonly=False,
        currency_field="care_currency_id",
    )
    care_referral_payout_method = fields.Selection(
        related="company_id.care_referral_payout_method", readonly=False
    )
    care_referral_payout_post = fields.Boolean(
        related="company_id.care_referral_payout_post", readonly=False
    )
    care_referral_product_id = fields.Many2one(
        related="company_id.care_referral_product_id", readonly=False
    )
    care_referral_account_id = fields.Many2one(
        related="company_id.care_referral_account_id", readonly=False
    )
    care_complaint_follow_up_days = fields.Integer(
        related="company_id.care_complaint_follow_up_days", readonly=False
    )
    care_complaint_late_days = fields.Integer(
        related="company_id.care_complaint_late_days", readonly=False
    )
    care_deadline_warning_percent = fields.Integer(
        related="company_id.care_deadline_warning_percent", readonly=False
    )
    care_rater_survey_id = fields.Many2one(
        related="company_id.care_rater_survey_id", readonly=False
    )
    care_rater_good_score = fields.Float(
        related="company_id.care_rater_good_score", readonly=False
    )
    care_retention_months = fields.Integer(
        related="company_id.care_retention_months", readonly=False
    )
    care_tarp_silent_per_complaint = fields.Float(
        related="company_id.care_tarp_silent_per_complaint", readonly=False
    )
    care_tarp_told_unhappy = fields.Float(
        related="company_id.care_tarp_told_unhappy", readonly=False
    )
    care_tarp_told_resolved = fields.Float(
        related="company_id.care_tarp_told_resolved", readonly=False
    )
    care_tarp_sales_multiplier = fields.Float(
        related="company_id.care_tarp_sales_multiplier", readonly=False
    )
    care_compensation_limit = fields.Monetary(
        related="company_id.care_compensation_limit",
        readonly=False,
        currency_field="care_currency_id",
    )
    care_birthday_active = fields.Boolean(string="Birthday Cards")
    care_birthday_lead_days = fields.Integer(string="Birthday Card Lead Time")
    care_thank_you_active = fields.Boolean(string="Thank-you Letters")
    care_thank_you_lead_days = fields.Integer(string="Thank-you Letter Delay")
    care_follow_up_active = fields.Boolean(string="Follow-up Calls")
    care_follow_up_lead_days = fields.Integer(string="Follow-up Delay")

    @api.model
    def _care_shipped_types(self):
        """{prefix: type} of the shipped types that still exist."""
        types = {}
        for prefix, xmlid in SHIPPED_TYPES.items():
            action_type = self.env.ref(xmlid, raise_if_not_found=False)
            if action_type:
                types[prefix] = action_type.with_context(active_test=False)
        return types

    @api.model
    def get_values(self):
        values = super().get_values()
        for prefix, action_type in self._care_shipped_types().items():
            values[f"{prefix}_active"] = action_type.active
            values[f"{prefix}_lead_days"] = action_type.lead_days
        return values

    def set_values(self):
        result = super().set_values()
        for prefix, action_type in self._care_shipped_types().items():
            action_type.write(
                {
                    "active": self[f"{prefix}_active"],
                    "lead_days": self[f"{prefix}_lead_days"],
                }
            )
        return result
