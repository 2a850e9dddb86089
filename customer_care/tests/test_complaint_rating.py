from odoo import http
from odoo.tests import tagged

from .common import RatedComplaintCase


@tagged("post_install", "-at_install")
class TestComplaintRating(RatedComplaintCase):
    """The customer rates a closed complaint from the e-mail's link, and an
    unhappy customer ticks what was missing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.need_heard = cls.env.ref("customer_care.care_complaint_need_heard")
        cls.need_fix = cls.env.ref("customer_care.care_complaint_need_quick_fix")

    def submit(self, rate, needs):
        self.authenticate(None, None)
        return self.url_open(
            f"/rate/{self.token}/submit_feedback",
            data={
                "csrf_token": http.Request.csrf_token(self),
                "rate": rate,
                "feedback": "Took too long.",
                "care_missing_need_ids": [str(n.id) for n in needs],
            },
        )

    def test_page_offers_the_needs(self):
        response = self.url_open(f"/rate/{self.token}/1")
        self.assertEqual(response.status_code, 200)
        self.assertIn('name="care_missing_need_ids"', response.text)
        self.assertIn("To Be Heard", response.text)

    def test_unhappy_customer_ticks_what_was_missing(self):
        response = self.submit(1, self.need_heard | self.need_fix)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.complaint.rating_last_value, 1)
        self.assertEqual(self.complaint.rating_ids.feedback, "Took too long.")
        self.assertEqual(
            self.complaint.rating_missing_need_ids, self.need_heard | self.need_fix
        )
        # Changing the answer to satisfied keeps no reason.
        self.submit(5, self.need_heard)
        self.assertFalse(self.complaint.rating_missing_need_ids)

    def test_other_ratings_untouched(self):
        """The page of another model's rating shows no complaint reasons."""
        partner_rating = self.env["rating.rating"].create(
            {
                "res_model_id": self.env["ir.model"]._get_id("res.partner"),
                "res_id": self.customer.id,
                "partner_id": self.customer.id,
            }
        )
        response = self.url_open(f"/rate/{partner_rating.access_token}/1")
        self.assertNotIn("care_missing_need_ids", response.text)
