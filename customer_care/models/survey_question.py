from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

RATER_DIMENSIONS = [
    "reliability",
    "assurance",
    "tangibles",
    "empathy",
    "responsiveness",
]
# The quality grid's two axes (the material's procedural and personal sides).
PROCEDURAL_DIMENSIONS = ["reliability", "responsiveness", "tangibles"]
PERSONAL_DIMENSIONS = ["assurance", "empathy"]
CARE_MEASURES = [
    ("reliability", "Reliability"),
    ("assurance", "Assurance"),
    ("tangibles", "Tangibles"),
    ("empathy", "Empathy"),
    ("responsiveness", "Responsiveness"),
    ("nps", "Net Promoter Score"),
    ("fair", "What Would Be Fair"),
]


class SurveyQuestion(models.Model):
    _inherit = "survey.question"

    care_measure = fields.Selection(
        CARE_MEASURES,
        string="Customer Care Measure",
        help="What the answers measure in the Customer Satisfaction report: a "
        "RATER dimension (a statement scored 1 to 5), the Net Promoter Score (0 to "
        "10) or what the customer would consider fair (free text).",
    )

    @api.constrains("care_measure", "question_type", "scale_min", "scale_max")
    def _check_care_measure(self):
        for question in self.filtered("care_measure"):
            if question.care_measure in RATER_DIMENSIONS:
                valid = question.question_type == "scale" and (
                    question.scale_min,
                    question.scale_max,
                ) == (1, 5)
                expected = _("a scale from 1 to 5")
            elif question.care_measure == "nps":
                valid = question.question_type == "scale" and (
                    question.scale_min,
                    question.scale_max,
                ) == (0, 10)
                expected = _("a scale from 0 to 10")
            else:
                valid = question.question_type in ("text_box", "char_box")
                expected = _("a text answer")
            if not valid:
                raise ValidationError(
                    _(
                        "Question %(question)s measures %(measure)s: it must be "
                        "%(expected)s.",
                        question=question.title,
                        measure=dict(
                            self._fields["care_measure"]._description_selection(
                                self.env
                            )
                        )[question.care_measure],
                        expected=expected,
                    )
                )
