from odoo import _, api, fields, models
from odoo.exceptions import UserError


class CareCascadeElement(models.Model):
    """One letter of CASCADE: Commitment + Abilities + Standards + Communication +
    Attention + Detail = Excellence."""

    _name = "care.cascade.element"
    _description = "CASCADE Element"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    letter = fields.Char(required=True, size=2)
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    color = fields.Integer()
    active = fields.Boolean(default=True)
    is_result = fields.Boolean(
        string="Result of the Others",
        help="Excellence: reached in a review when every other element reaches the "
        "threshold set in the settings. Its own items are tracked like any other.",
    )
    item_ids = fields.One2many("care.cascade.item", "element_id", string="Items")
    item_count = fields.Integer(compute="_compute_item_count", string="Items Count")
    is_shipped = fields.Boolean(
        compute="_compute_is_shipped",
        help="Shipped with the addon: it can be archived, not deleted.",
    )

    def _compute_item_count(self):
        counts = dict(
            self.env["care.cascade.item"]._read_group(
                [("element_id", "in", self.ids)], ["element_id"], ["__count"]
            )
        )
        for element in self:
            element.item_count = counts.get(element, 0)

    def _compute_is_shipped(self):
        shipped = self._care_shipped_ids()
        for element in self:
            element.is_shipped = element.id in shipped

    def _care_shipped_ids(self):
        """Ids of the elements among self that the addon's data created."""
        # sudo: ir.model.data is configuration.
        data = (
            self.env["ir.model.data"]
            .sudo()
            .search_fetch(
                [
                    ("model", "=", self._name),
                    ("module", "=", "customer_care"),
                    ("res_id", "in", self.ids),
                ],
                ["res_id"],
            )
        )
        return set(data.mapped("res_id"))

    @api.ondelete(at_uninstall=False)
    def _unlink_except_shipped_or_used(self):
        shipped = self.filtered(lambda e: e.id in self._care_shipped_ids())
        if shipped:
            raise UserError(
                _(
                    "The CASCADE elements shipped with Customer Care cannot be "
                    "deleted: archive %(elements)s instead.",
                    elements=", ".join(shipped.mapped("name")),
                )
            )
        # sudo: lines of every team count as uses; unlink checked the right to delete
        # first.
        used = (
            self.env["care.cascade.review.line"]
            .sudo()
            ._read_group([("element_id", "in", self.ids)], ["element_id"])
        )
        if used:
            raise UserError(
                _(
                    "%(elements)s is used in reviews: archive it instead of "
                    "deleting it.",
                    elements=", ".join(element.name for (element,) in used),
                )
            )

    def action_view_items(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "customer_care.care_cascade_item_action"
        )
        action["domain"] = [("element_id", "=", self.id)]
        action["context"] = {"default_element_id": self.id}
        return action
