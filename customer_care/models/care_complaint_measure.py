from odoo import _, api, fields, models
from odoo.exceptions import UserError


class CareComplaintMeasure(models.Model):
    """A corrective action (removes the cause of this complaint) or a preventive
    one (keeps it from happening again), checked for effectiveness later."""

    _name = "care.complaint.measure"
    _description = "Corrective or Preventive Action"
    _inherit = ["mail.activity.mixin"]
    _order = "date_deadline, id"
    _check_company_auto = True

    complaint_id = fields.Many2one(
        "care.complaint",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    company_id = fields.Many2one(
        related="complaint_id.company_id", store=True, index=True, precompute=True
    )
    kind = fields.Selection(
        [("corrective", "Corrective"), ("preventive", "Preventive")],
        required=True,
        default="corrective",
    )
    name = fields.Char(string="Action", required=True)
    cause_id = fields.Many2one(
        "care.complaint.cause", string="Root Cause", check_company=True
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        domain=[("share", "=", False)],
        index=True,
    )
    date_deadline = fields.Date(string="Deadline")
    date_done = fields.Date(string="Done On", copy=False)
    effectiveness_date = fields.Date(
        string="Check Effectiveness On",
        help="When to check that the cause did not come back.",
    )
    effectiveness = fields.Selection(
        [("effective", "Effective"), ("not_effective", "Not Effective")],
        copy=False,
    )
    is_overdue = fields.Boolean(compute="_compute_is_overdue")

    @api.depends("date_deadline", "date_done")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for measure in self:
            measure.is_overdue = bool(
                not measure.date_done
                and measure.date_deadline
                and measure.date_deadline < today
            )

    def action_done(self):
        if self.filtered("date_done"):
            raise UserError(_("This action is done already."))
        self.write({"date_done": fields.Date.context_today(self)})
        return True

    def action_effective(self):
        return self._set_effectiveness("effective")

    def action_not_effective(self):
        return self._set_effectiveness("not_effective")

    def _set_effectiveness(self, value):
        if self.filtered(lambda m: not m.date_done):
            raise UserError(
                _("The effectiveness of an action is checked once it is done.")
            )
        self.write({"effectiveness": value})
        return True
