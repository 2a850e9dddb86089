from odoo import api, fields, models

DISC_STYLES = [
    ("dominance", "Dominance"),
    ("influencing", "Influencing"),
    ("steadiness", "Steadiness"),
    ("compliance", "Compliance"),
]
DIFFICULT_TYPES = [
    ("talkative", "Talkative"),
    ("angry", "Angry"),
    ("know_it_all", "Know-It-All"),
    ("indecisive", "Indecisive"),
    ("suspicious", "Suspicious"),
]


class CareStyleAdvice(models.Model):
    """How to serve a customer of a behaviour style or a difficult type, shown
    where staff write to that customer."""

    _name = "care.style.advice"
    _description = "Customer Care: Advice per Customer Style"
    _order = "sequence, id"
    _rec_name = "style"

    style = fields.Selection(
        DISC_STYLES + DIFFICULT_TYPES, string="Style or Type", required=True
    )
    kind = fields.Selection(
        [("disc", "Behaviour Style"), ("difficult", "Difficult Customer")],
        compute="_compute_kind",
        store=True,
    )
    advice = fields.Text(
        required=True,
        translate=True,
        help="A sentence or two, to read while writing to the customer.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", help="Empty: the advice applies in every company."
    )

    _sql_constraints = [
        (
            "style_company_uniq",
            "unique(style, company_id)",
            "A style has one advice per company.",
        ),
    ]

    @api.depends("style")
    def _compute_kind(self):
        disc = {code for code, _label in DISC_STYLES}
        for advice in self:
            advice.kind = "disc" if advice.style in disc else "difficult"

    @api.model
    def _advice_lines(self, styles, company):
        """``{style: (label, advice)}`` for the given styles: the company's own
        advice, else the shared one (nothing to look up for no style)."""
        styles = set(styles) - {False, None}
        if not styles:
            return {}
        # sudo: advice is configuration, shown to any writer in the composer.
        records = self.sudo().search(
            [("style", "in", list(styles)), ("company_id", "in", [False, company.id])],
            order="company_id nulls first, sequence, id",
        )
        labels = dict(self._fields["style"]._description_selection(self.env))
        # The company's own advice comes last and wins.
        return {
            record.style: (labels[record.style], record.advice) for record in records
        }
