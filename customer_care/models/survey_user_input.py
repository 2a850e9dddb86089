from odoo import api, fields, models


class SurveyUserInput(models.Model):
    """A survey's answer, linked to the complaint it was sent after and to the
    company that sent it (the Customer Satisfaction report's rows)."""

    _inherit = ["survey.user_input", "care.action.fields.mixin"]
    _name = "survey.user_input"
    _care_action_fields = ("care_complaint_id", "care_company_id")

    care_complaint_id = fields.Many2one(
        "care.complaint",
        string="Complaint",
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
        help="The complaint after whose closing the survey was sent.",
    )
    care_company_id = fields.Many2one(
        "res.company",
        string="Sent by Company",
        readonly=True,
        index=True,
        default=lambda self: self.env.company,
    )

    @api.model_create_multi
    def create(self, vals_list):
        corrected = self._care_check_action_fields(vals_list, creating=True)
        answers = super().create(vals_list)
        answers._care_log_corrections(corrected)
        return answers

    def write(self, vals):
        corrected = self._care_check_action_fields([vals])
        result = super().write(vals)
        self._care_log_corrections(corrected)
        return result
