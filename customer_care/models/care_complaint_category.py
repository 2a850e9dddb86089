from odoo import fields, models


class CareComplaintCategory(models.Model):
    _name = "care.complaint.category"
    _description = "Complaint Category"
    _order = "sequence, name, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    color = fields.Integer(groups="customer_care.group_care_user")
    document_required = fields.Boolean(
        string="Source Document Required",
        help="The facts of a complaint of this category are gathered from the order, "
        "invoice, lead or delivery it is about: the step cannot be passed without it.",
        groups="customer_care.group_care_user",
    )
    company_id = fields.Many2one("res.company", index=True)
