from odoo import api, fields, models


class CareComplaintCause(models.Model):
    """Root causes as a tree (the fishbone's bones and their causes)."""

    _name = "care.complaint.cause"
    _description = "Complaint Root Cause"
    _parent_store = True
    _check_company_auto = True
    _order = "parent_path, sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    parent_id = fields.Many2one(
        "care.complaint.cause",
        string="Parent Cause",
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("care.complaint.cause", "parent_id")
    description = fields.Text(string="Examples", translate=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", index=True)

    @api.depends("name", "parent_id.name")
    @api.depends_context("lang")
    def _compute_display_name(self):
        # Names are translated: the full name is made in the reader's language.
        for cause in self:
            names, node = [], cause
            while node:
                names.append(node.name or "")
                node = node.parent_id
            cause.display_name = " / ".join(reversed(names))
