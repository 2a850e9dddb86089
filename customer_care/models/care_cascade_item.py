from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .care_cascade_indicator import INDICATOR_SELECTION, INDICATORS

# indicator: (lowest, highest target); the others are counts, 0 or more.
TARGET_RANGES = {
    "standards_met": (0, 100),
    "satisfaction": (0, 100),
    "clean_messages": (0, 100),
    "rater_score": (1, 5),
    "nps": (-100, 100),
}


class CareCascadeItem(models.Model):
    """A checklist item under a CASCADE element, copied into each review's lines."""

    _name = "care.cascade.item"
    _description = "CASCADE Checklist Item"
    _order = "element_id, sequence, id"

    name = fields.Char(required=True, translate=True)
    element_id = fields.Many2one(
        "care.cascade.element",
        required=True,
        index=True,
        ondelete="cascade",
    )
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    evidence = fields.Char(
        string="How It Is Evidenced",
        translate=True,
        help="What the team shows to mark the item done: a document, a record, "
        "an observation.",
    )
    evidence_required = fields.Boolean(
        default=True,
        help="A line of the item is marked done only with its evidence written or "
        "a file attached.",
    )
    weight = fields.Float(
        default=1.0,
        digits=(16, 2),
        help="How much the item counts in its element's progress.",
    )
    indicator = fields.Selection(
        INDICATOR_SELECTION,
        string="Measured Indicator",
        help="The line is filled from this figure of the review's team and "
        "period when the review starts or its figures are refreshed; nobody "
        "ticks it by hand.",
    )
    indicator_target = fields.Float(
        string="Target",
        digits=(16, 1),
        help="The line is done when the figure reaches the target: at least it "
        "for shares, at most it for delays and counts.",
    )
    indicator_higher_better = fields.Boolean(compute="_compute_indicator_higher_better")
    active = fields.Boolean(default=True)
    team_ids = fields.Many2many(
        "crm.team",
        string="Limited to Teams",
        help="Only reviews of these teams get the item. Empty: every team.",
    )
    company_id = fields.Many2one(
        "res.company",
        index=True,
        default=lambda self: self.env.company,
        help="Empty: the item applies in every company.",
    )
    color = fields.Integer(related="element_id.color")

    @api.constrains("company_id", "team_ids")
    def _check_teams_company(self):
        """An item of a company is limited to that company's teams; a shared item
        (no company) may be limited to teams of any company."""
        for item in self.filtered("company_id"):
            foreign = item.team_ids.filtered(
                lambda t, c=item.company_id: t.company_id and t.company_id != c
            )
            if foreign:
                raise ValidationError(
                    _(
                        "%(item)s belongs to %(company)s: it cannot be limited to "
                        "teams of another company (%(teams)s).",
                        item=item.name,
                        company=item.company_id.name,
                        teams=", ".join(foreign.mapped("name")),
                    )
                )

    @api.constrains("weight")
    def _check_weight(self):
        for item in self:
            if item.weight <= 0:
                raise ValidationError(
                    _(
                        "The weight of the checklist item %(item)s must be above "
                        "zero (it is %(weight)s). Archive the item to leave it out.",
                        item=item.name,
                        weight=item.weight,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        # sudo: lines of every team count as uses; unlink checked the right to delete
        # first.
        used = (
            self.env["care.cascade.review.line"]
            .sudo()
            ._read_group([("item_id", "in", self.ids)], ["item_id"])
        )
        if used:
            raise UserError(
                _(
                    "These checklist items are used in reviews: archive them instead "
                    "of deleting them: %(items)s",
                    items=", ".join(item.name for (item,) in used),
                )
            )

    @api.depends("indicator")
    def _compute_indicator_higher_better(self):
        for item in self:
            item.indicator_higher_better = bool(
                item.indicator and INDICATORS[item.indicator][1]
            )

    @api.constrains("indicator", "indicator_target")
    def _check_indicator_target(self):
        for item in self.filtered("indicator"):
            low, high = TARGET_RANGES.get(item.indicator, (0, None))
            if item.indicator_target < low or (
                high is not None and item.indicator_target > high
            ):
                raise ValidationError(
                    _(
                        "The target of %(item)s is from %(low)s to %(high)s.",
                        item=item.name,
                        low=low,
                        high=high,
                    )
                    if high is not None
                    else _("The target of %(item)s cannot be negative.", item=item.name)
                )

    def _care_applies_to(self, review):
        """The items of self that a review of its team and company gets."""
        return self.filtered(
            lambda item: (
                (not item.team_ids or review.team_id in item.team_ids)
                and (not item.company_id or item.company_id == review.company_id)
            )
        )
