from odoo import fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    care_compensation_limit = fields.Float(
        string="Compensation Approval Limit",
        help="Compensation up to this amount (company currency) is granted by the "
        "user without a manager; 0 uses the company's limit.",
        groups="customer_care.group_care_user",
    )
