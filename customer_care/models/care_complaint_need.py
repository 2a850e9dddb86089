from odoo import fields, models


class CareComplaintNeed(models.Model):
    _name = "care.complaint.need"
    _description = "What a Complaining Customer Wants"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    color = fields.Integer()
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("name_unique", "UNIQUE(name)", "This need exists already."),
    ]
