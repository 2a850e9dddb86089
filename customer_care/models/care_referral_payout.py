from odoo import api, fields, models


class CareReferralPayout(models.TransientModel):
    """The confirmation of a payout: who gets what, before any bill is made."""

    _name = "care.referral.payout"
    _description = "Pay Referral Commissions"

    commission_ids = fields.Many2many(
        "care.referral.commission", string="Commissions", required=True
    )
    company_id = fields.Many2one("res.company", compute="_compute_summary")
    currency_id = fields.Many2one("res.currency", compute="_compute_summary")
    total = fields.Monetary(
        string="Total Paid",
        compute="_compute_summary",
        help="The total of the referrers at or above the minimum payout.",
    )
    document_count = fields.Integer(string="Documents", compute="_compute_summary")
    summary = fields.Html(compute="_compute_summary", sanitize=False)
    post = fields.Boolean(
        string="Posted at Once",
        compute="_compute_summary",
        help="The company posts payouts at once; otherwise they are drafts that "
        "accounting validates.",
    )

    @api.depends("commission_ids")
    def _compute_summary(self):
        for wizard in self:
            commissions = wizard.commission_ids
            company = commissions.company_id[:1] or self.env.company
            groups = commissions._payout_groups()
            wizard.company_id = company
            wizard.currency_id = company.currency_id
            wizard.post = company.care_referral_payout_post
            wizard.total = sum(total for _r, _c, total, payable in groups if payable)
            wizard.document_count = sum(1 for group in groups if group[3])
            wizard.summary = self.env["ir.qweb"]._render(
                "customer_care.care_referral_payout_summary",
                {
                    "groups": groups,
                    "company": company,
                    "currency": company.currency_id,
                    "vendor_bill": company.care_referral_payout_method == "vendor_bill",
                },
            )

    def action_confirm(self):
        self.ensure_one()
        return self.commission_ids._pay()
