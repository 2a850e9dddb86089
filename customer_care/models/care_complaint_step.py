from odoo import fields, models

# The six recovery steps of the material, in their order. Their labels and
# guidance are edited by administrators; what each step asks for is fixed here.
COMPLAINT_STEPS = [
    ("vent", "Let the Customer Vent"),
    ("apology", "Apologise"),
    ("facts", "Gather Information"),
    ("solution", "Offer a Solution"),
    ("fair", "Agree What Is Fair"),
    ("follow_up", "Follow Up"),
]


class CareComplaintStep(models.Model):
    _name = "care.complaint.step"
    _description = "Complaint Recovery Step"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Selection(
        COMPLAINT_STEPS,
        required=True,
        readonly=True,
        groups="customer_care.group_care_user",
    )
    sequence = fields.Integer(required=True, readonly=True)
    description = fields.Html(
        string="Guidance",
        translate=True,
        help="What staff do in this step, shown on the complaint.",
        groups="customer_care.group_care_user",
    )
    fold = fields.Boolean(
        help="Folded in the kanban view.", groups="customer_care.group_care_user"
    )

    _sql_constraints = [
        ("code_unique", "UNIQUE(code)", "Each recovery step exists once."),
    ]
