from collections import Counter
from datetime import timedelta

from odoo import _, fields, models
from odoo.exceptions import UserError

from .care_loyalty_action import FIRST_ORDER_OCCASION


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _action_confirm(self):
        result = super()._action_confirm()
        self._care_plan_loyalty_actions()
        return result

    def _care_plan_loyalty_actions(self):
        """Plan the loyalty actions whose type a confirmed order triggers, at most
        one per order and type (the action's occasion is the order)."""
        types = (
            self.env["care.loyalty.action.type"]
            .sudo()
            .search(
                [("trigger", "in", ("first_order", "order_amount", "after_delivery"))]
            )
        )
        if not types or not self:
            return
        orders = self.sudo()
        customers = orders.partner_id.commercial_partner_id
        # Confirmed orders per customer, these included: one query for the batch.
        order_counts = dict(
            self.env["sale.order"]
            .sudo()
            ._read_group(
                [
                    ("partner_id.commercial_partner_id", "in", customers.ids),
                    ("state", "=", "sale"),
                ],
                ["partner_id"],
                ["__count"],
            )
        )
        earlier = Counter()  # confirmed orders per customer, outside this batch
        for partner, count in order_counts.items():
            earlier[partner.commercial_partner_id] += count
        first_orders = {}
        for order in orders.sorted("id"):
            customer = order.partner_id.commercial_partner_id
            earlier[customer] -= 1
            first_orders.setdefault(customer, order)
        # An order confirmed again (after a cancel) is not thanked twice.
        already = {
            (action.sale_order_id, action.type_id)
            for action in self.env["care.loyalty.action"]
            .sudo()
            .with_context(active_test=False)
            .search([("sale_order_id", "in", orders.ids), ("type_id", "in", types.ids)])
        }
        vals_list = []
        for order in orders:
            customer = order.partner_id.commercial_partner_id
            today = fields.Date.context_today(order)
            for action_type in types:
                if (order, action_type) in already:
                    continue
                if (
                    action_type.company_id
                    and action_type.company_id != order.company_id
                ):
                    continue
                if action_type.trigger == "first_order":
                    # No confirmed order before, and the first of this batch.
                    if earlier[customer] > 0 or first_orders[customer] != order:
                        continue
                    planned = today + timedelta(days=action_type.lead_days)
                elif action_type.trigger == "order_amount":
                    amount = order.currency_id._convert(
                        order.amount_untaxed,
                        action_type.currency_id,
                        order.company_id,
                        order.date_order or today,
                    )
                    if amount < action_type.min_amount:
                        continue
                    planned = today + timedelta(days=action_type.lead_days)
                else:
                    delivery = order.commitment_date or order.expected_date
                    planned = (
                        fields.Date.to_date(delivery) if delivery else today
                    ) + timedelta(days=action_type.lead_days)
                vals_list.append(
                    {
                        "partner_id": order.partner_id.id,
                        "type_id": action_type.id,
                        "sale_order_id": order.id,
                        "planned_date": planned,
                        "occasion": f"{FIRST_ORDER_OCCASION}{customer.id}"
                        if action_type.trigger == "first_order"
                        else f"sale.order,{order.id}",
                        "user_id": order.user_id.id or self.env.user.id,
                        "company_id": order.company_id.id,
                    }
                )
        self.env["care.loyalty.action"]._care_create_once(vals_list)

    def action_care_log_complaint(self):
        self.ensure_one()
        if not self.partner_id:
            raise UserError(
                _("Set the customer first: a complaint is about a customer.")
            )
        return self.env["care.complaint"]._action_log_complaint(
            self.partner_id, source=self, team=self.team_id
        )
