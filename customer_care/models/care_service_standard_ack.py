from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class CareServiceStandardAck(models.Model):
    """Who acknowledged which version of a service standard, and when."""

    _name = "care.service.standard.ack"
    _description = "Service Standard Acknowledgement"
    _order = "date desc, id desc"
    _rec_name = "standard_id"
    _check_company_auto = True

    standard_id = fields.Many2one(
        "care.service.standard",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Acknowledged By",
        required=True,
        index=True,
        default=lambda self: self.env.user,
        ondelete="cascade",
    )
    version = fields.Integer(required=True)
    date = fields.Datetime(
        string="Acknowledged On", required=True, default=fields.Datetime.now
    )
    is_current = fields.Boolean(
        string="Current Version",
        compute="_compute_is_current",
        store=True,
        help="Acknowledges the standard as it reads now.",
    )
    company_id = fields.Many2one(related="standard_id.company_id", store=True)

    _sql_constraints = [
        (
            "standard_user_version_unique",
            "UNIQUE(standard_id, user_id, version)",
            "A version of a service standard is acknowledged once per person.",
        ),
    ]

    @api.depends("version", "standard_id.version")
    def _compute_is_current(self):
        for ack in self:
            ack.is_current = ack.version == ack.standard_id.version

    @api.constrains("version", "standard_id")
    def _check_version(self):
        for ack in self:
            if ack.version > ack.standard_id.version or ack.version < 1:
                raise ValidationError(
                    _(
                        "%(standard)s has no version %(version)s.",
                        standard=ack.standard_id.name,
                        version=ack.version,
                    )
                )
