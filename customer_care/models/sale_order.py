from datetime import timedelta

from odoo import fields, models
from odoo.tools import SQL

from .care_loyalty_action import FIRST_ORDER_OCCASION


class SaleOrder(models.Model):
    _name = "sale.order"
    _inherit = ["sale.order", "care.complaint.source.mixin"]

    def _action_confirm(self):
        result = super()._action_confirm()
        self._care_plan_loyalty_actions()
        return result

    def _care_plan_loyalty_actions(self):
        """Plan the loyalty actions whose type a confirmed order triggers, at most
        one per order and type (the action's occasion is the order)."""
        type_ids = self.env["care.loyalty.action.type"]._care_order_trigger_ids()
        if not type_ids or not self:
            return
        # sudo: loyalty types are configuration, read for any salesperson.
        types = self.env["care.loyalty.action.type"].sudo().browse(type_ids)
        facts = self._care_order_facts()
        # Of a customer's first orders confirmed together, the first one is thanked.
        first_of_batch = {}
        for order_id in sorted(facts):
            first_of_batch.setdefault(facts[order_id][0], order_id)
        vals_list = []
        # sudo: the orders' company, customer and salesperson, whatever the confirming
        # user may read; the confirmation was allowed.
        for order in self.sudo():
            customer_id, has_earlier, planned_type_ids = facts[order.id]
            is_first = not has_earlier and first_of_batch[customer_id] == order.id
            for action_type in types:
                if action_type.id in planned_type_ids or (
                    action_type.company_id
                    and action_type.company_id != order.company_id
                ):
                    continue  # already planned (confirmed again), or another company
                planned = order._care_planned_date(action_type, is_first)
                if not planned:
                    continue
                vals_list.append(
                    {
                        "partner_id": order.partner_id.id,
                        "type_id": action_type.id,
                        "sale_order_id": order.id,
                        "planned_date": planned,
                        "occasion": f"{FIRST_ORDER_OCCASION}{customer_id}"
                        if action_type.trigger == "first_order"
                        else f"sale.order,{order.id}",
                        "user_id": order.user_id.id or self.env.user.id,
                        "company_id": order.company_id.id,
                    }
                )
        self.env["care.loyalty.action"]._care_create_once(vals_list)

    def _care_order_facts(self):
        """{order id: (customer id, whether the customer has confirmed orders
        outside these ones, ids of the types already planned for the order)}, in
        one query, as superuser like the planning: the salesperson may not see the
        customer's other orders."""
        # Orders confirmed earlier in this transaction count; these ones are left
        # unflushed (their state is written with the rest of the confirmation).
        state = self._fields["state"]
        if self.env.cache.get_dirty_records(self, state) - self:
            self.flush_model(["state"])
        self.flush_model(["partner_id"])
        self.env["res.partner"].flush_model(["commercial_partner_id"])
        self.env["care.loyalty.action"].flush_model(["sale_order_id", "type_id"])
        self.env.cr.execute(
            SQL(
                """
                SELECT o.id, p.commercial_partner_id,
                       EXISTS(SELECT 1
                                FROM res_partner c
                                JOIN sale_order e ON e.partner_id = c.id
                               WHERE c.commercial_partner_id = p.commercial_partner_id
                                 AND e.state = 'sale' AND e.id <> ALL(%(ids)s)),
                       ARRAY(SELECT a.type_id FROM care_loyalty_action a
                              WHERE a.sale_order_id = o.id)
                  FROM sale_order o
                  JOIN res_partner p ON p.id = o.partner_id
                 WHERE o.id = ANY(%(ids)s)
                """,
                ids=self.ids,
            )
        )
        return {
            order_id: (customer_id, has_earlier, set(type_ids))
            for order_id, customer_id, has_earlier, type_ids in self.env.cr.fetchall()
        }

    def _care_planned_date(self, action_type, is_first):
        """The day this confirmed order plans an action of action_type, or None
        when the type's condition is not met."""
        today = fields.Date.context_today(self)
        if action_type.trigger == "first_order":
            return today + timedelta(days=action_type.lead_days) if is_first else None
        if action_type.trigger == "order_amount":
            amount = self.amount_untaxed
            if self.currency_id != action_type.currency_id:
                amount = self.currency_id._convert(
                    amount,
                    action_type.currency_id,
                    self.company_id,
                    self.date_order or today,
                )
            if amount < action_type.min_amount:
                return None
            return today + timedelta(days=action_type.lead_days)
        delivery = self.commitment_date or self.expected_date
        planned = fields.Date.to_date(delivery) if delivery else today
        return planned + timedelta(days=action_type.lead_days)
