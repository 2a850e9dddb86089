from datetime import date, datetime

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

    def test_inactive_type_plans_nothing(self):
        self.thank_you.active = False
        order = self.order()
        order.action_confirm()
        self.assertFalse(self.actions(order, self.thank_you))
