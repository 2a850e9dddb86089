from contextlib import nullcontext
from datetime import date, datetime
from unittest.mock import patch

from freezegun import freeze_time

from odoo.tests import tagged

from .common import CustomerCareCommon


@tagged("post_install", "-at_install")
class TestLoyaltySaleTrigger(CustomerCareCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.thank_you = cls.env.ref("customer_care.care_loyalty_action_type_thank_you")
        cls.gift = cls.env.ref("customer_care.care_loyalty_action_type_gift")
        cls.follow_up = cls.env.ref("customer_care.care_loyalty_action_type_follow_up")
        cls.gift.min_amount = 5000
        cls.product = cls.env["product.product"].create(
            {"name": "Printer", "list_price": 1000}
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "New Buyer", "email": "buyer@example.com"}
        )

    def order(self, quantity=1, **values):
        return self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "user_id": self.user_salesman.id,
                "order_line": [
                    (0, 0, {"product_id": self.product.id, "product_uom_qty": quantity})
                ],
            }
            | values
        )

    def actions(self, order, action_type):
        return self.env["care.loyalty.action"].search(
            [("sale_order_id", "=", order.id), ("type_id", "=", action_type.id)]
        )

    @freeze_time("2026-05-04")
    def test_first_order_is_thanked_once(self):
        first = self.order()
        first.action_confirm()
        thanks = self.actions(first, self.thank_you)
        self.assertEqual(len(thanks), 1)
        self.assertEqual(thanks.planned_date, date(2026, 5, 5), "lead time of one day")
        self.assertEqual(thanks.user_id, self.user_salesman)
        # The customer is the occasion: once per customer and type.
        customer = first.partner_id.commercial_partner_id
        self.assertEqual(thanks.occasion, f"first_order,{customer.id}")
        second = self.order()
        second.action_confirm()
        self.assertFalse(self.actions(second, self.thank_you), "not the first order")
        # Confirmed again after a cancel: still one thank-you.
        first._action_cancel()
        first.action_draft()
        first.action_confirm()
        self.assertEqual(len(self.actions(first, self.thank_you)), 1)

    @freeze_time("2026-05-04")
    def test_gift_over_an_amount(self):
        small, large = self.order(quantity=2), self.order(quantity=6)
        (small | large).action_confirm()
        self.assertFalse(self.actions(small, self.gift))
        gift = self.actions(large, self.gift)
        self.assertEqual(gift.channel, "gift")
        self.assertEqual(gift.planned_date, date(2026, 5, 7), "lead time of 3 days")
        self.assertFalse(gift.activity_ids, "the to-do comes on the planned day")
        with freeze_time("2026-05-07"):
            self.env["care.loyalty.action"]._cron_schedule_todos()
        self.assertEqual(gift.activity_ids.user_id, self.user_salesman)
        # Of two first orders confirmed together, only the first is thanked.
        self.assertTrue(self.actions(small, self.thank_you))
        self.assertFalse(self.actions(large, self.thank_you))

    @freeze_time("2026-05-04")
    def test_follow_up_after_the_delivery_date(self):
        order = self.order(commitment_date=datetime(2026, 5, 20, 10, 0))
        order.action_confirm()
        follow_up = self.actions(order, self.follow_up)
        self.assertEqual(follow_up.planned_date, date(2026, 5, 27))
        self.assertEqual(follow_up.channel, "phone")

    def test_a_type_given_an_order_trigger_plans_at_once(self):
        greeting = self.env.ref("customer_care.care_loyalty_action_type_greeting")
        first = self.order()
        first.action_confirm()  # the types of the order triggers are cached
        self.assertFalse(self.actions(first, greeting))
        greeting.trigger = "after_delivery"
        second = self.order()
        second.action_confirm()
        self.assertEqual(len(self.actions(second, greeting)), 1)
        greeting.active = False
        third = self.order()
        third.action_confirm()
        self.assertFalse(self.actions(third, greeting))

    def test_inactive_type_plans_nothing(self):
        self.thank_you.active = False
        order = self.order()
        order.action_confirm()
        self.assertFalse(self.actions(order, self.thank_you))

    # What confirming costs on top of Odoo's own confirmation: each request
    # measured as it ends (flushed, with the pre-commit work such as tracking).

    def confirm_queries(self, customers, plan=True):
        orders = self.env["sale.order"].create(
            [
                {
                    "partner_id": customer.id,
                    "user_id": self.user_salesman.id,
                    "order_line": [
                        (0, 0, {"product_id": self.product.id, "product_uom_qty": 6})
                    ],
                }
                for customer in customers
            ]
        )
        self.env.cr.flush()
        self.env.invalidate_all()
        skip = patch.object(
            type(self.env["sale.order"]), "_care_plan_loyalty_actions", lambda s: None
        )
        before = self.env.cr.sql_log_count
        with nullcontext() if plan else skip:
            orders.action_confirm()
            self.env.cr.flush()
        return self.env.cr.sql_log_count - before, orders

    def new_customers(self, count):
        return self.env["res.partner"].create(
            [{"name": f"Buyer {index}"} for index in range(count)]
        )

    @freeze_time("2026-05-04")
    def test_confirmation_costs_five_queries_more_per_batch(self):
        self.confirm_queries(self.new_customers(2))  # caches
        for size in (1, 4):
            without, _orders = self.confirm_queries(
                self.new_customers(size), plan=False
            )
            with_addon, orders = self.confirm_queries(self.new_customers(size))
            actions = self.env["care.loyalty.action"].search(
                [("sale_order_id", "in", orders.ids)]
            )
            self.assertEqual(len(actions), 3 * size, "thank-you, gift, follow-up")
            # The types' fields, one query for what the orders' customers have
            # and had, and the insert in its savepoint (three statements).
            self.assertEqual(with_addon - without, 5, f"{size} orders")
        # A customer's next order: no thank-you, the same cost.
        customers = orders.partner_id
        without, _orders = self.confirm_queries(customers, plan=False)
        with_addon, orders = self.confirm_queries(customers)
        self.assertEqual(with_addon - without, 5)
        self.assertEqual(
            set(
                self.env["care.loyalty.action"]
                .search([("sale_order_id", "in", orders.ids)])
                .type_id.mapped("trigger")
            ),
            {"order_amount", "after_delivery"},
        )

    @freeze_time("2026-05-04")
    def test_confirmation_costs_nothing_when_no_type_is_triggered(self):
        (self.thank_you | self.gift | self.follow_up).active = False
        self.confirm_queries(self.new_customers(1))
        without, _orders = self.confirm_queries(self.new_customers(1), plan=False)
        with_addon, orders = self.confirm_queries(self.new_customers(1))
        self.assertEqual(with_addon, without)
        self.assertFalse(
            self.env["care.loyalty.action"].search(
                [("sale_order_id", "in", orders.ids)]
            )
        )
