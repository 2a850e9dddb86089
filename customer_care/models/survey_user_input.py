from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.tools.misc import formatLang


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

    def _mark_done(self):
        result = super()._mark_done()
        self._care_log_on_complaints()
        return result

    def _care_log_on_complaints(self):
        """The customer's answer, summed up in the chatter of its complaint."""
        answers = self.filtered("care_complaint_id")
        if not answers:
            return
        self.env.flush_all()
        # sudo: the customer answering has no right on the report or the complaint; Odoo
        # checked their answer's token.
        rows = self.env["care.satisfaction.report"].sudo().browse(answers.ids)
        bodies = {}
        fair = {}
        for row in rows.filtered("complaint_id"):
            body = Markup("<p>%s</p>") % _(
                "The customer answered the satisfaction survey: RATER score "
                "%(score)s of 5, recommendation %(nps)s of 10.",
                score=formatLang(self.env, row.rater_score, digits=1),
                nps=row.nps_value,
            )
            if row.fair_answer:
                body += Markup("<p>%s</p>") % _(
                    "What would have been fair: %(answer)s", answer=row.fair_answer
                )
                fair.setdefault(row.complaint_id, []).append(row.fair_answer)
            bodies[row.complaint_id.id] = bodies.get(row.complaint_id.id, "") + body
        # sudo: as above, the note goes on the complaint for the customer.
        self.env["care.complaint"].sudo().browse(list(bodies))._message_log_batch(
            bodies=bodies
        )
        self._care_fair_to_complaints(fair)

    def _care_fair_to_complaints(self, fair):
        """What the customer would consider fair also lands in the complaint's
        field, after what staff already wrote there."""
        for complaint, answers in fair.items():
            known = complaint.fair_request or ""
            new = [answer for answer in answers if answer not in known]
            if new:
                # sudo: the customer answering has no right on the complaint; the
                # field takes their own words.
                complaint.sudo().fair_request = "\n\n".join(filter(None, [known, *new]))
