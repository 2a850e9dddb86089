from datetime import datetime

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import CascadeCommon


@tagged("post_install", "-at_install")
class TestCascadeIndicator(CascadeCommon):
    """Checklist lines filled from the team's figures over the review's period."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.standard = env["care.service.standard"].create(
            {
                "name": "First reply within 4 business hours",
                "measure": "first_reply",
                "applies_to": "complaint",
                "target_value": 4,
                "target_unit": "business_hours",
                "company_id": False,
                "active": False,  # no clock of its own on the complaints below
            }
        )
        cls.customer = env["res.partner"].create({"name": "Lan Customer"})
        cls.complaint_a = env["care.complaint"].create(
            {
                "name": "Broken",
                "partner_id": cls.customer.id,
                "team_id": cls.team_a.id,
                "user_id": cls.user_care.id,
                "date_received": datetime(2026, 10, 5, 3, 0),
            }
        )
        cls.complaint_b = cls.complaint_a.copy(
            {"team_id": cls.team_b.id, "user_id": cls.user_care_2.id}
        )

    def _item(self, indicator, target, **vals):
        return self.env["care.cascade.item"].create(
            {
                "name": f"{indicator} target {target}",
                "element_id": self.element["standards"].id,
                "indicator": indicator,
                "indicator_target": target,
                "company_id": False,
                **vals,
            }
        )

    def _deadlines(self, complaint, rows, start=datetime(2026, 10, 6, 2, 0)):
        for hours, state in rows:
            self.reached_clock(self.standard, complaint, hours, state, start)

    def test_standards_met_fills_the_line(self):
        reached = self._item("standards_met", 75)
        missed = self._item("standards_met", 80)
        self._deadlines(
            self.complaint_a, [(1, "met"), (2, "met"), (3, "met"), (9, "breached")]
        )
        # Another team's, and the month after the period: not counted.
        self._deadlines(self.complaint_b, [(9, "breached")])
        self._deadlines(
            self.complaint_a, [(9, "breached")], start=datetime(2026, 11, 1, 2, 0)
        )
        review = self.make_review()
        review.with_user(self.user_care_manager).action_start()
        line = self.line_of(review, reached)
        self.assertEqual(line.status, "done")
        self.assertEqual(line.indicator_value, 75.0)
        self.assertEqual(line.indicator_sample, 4)
        self.assertIn("75.0", line.evidence_note)
        self.assertEqual(self.line_of(review, missed).status, "in_progress")

    def test_median_first_reply_lower_is_better(self):
        item = self._item("first_reply_median", 2.5)
        self._deadlines(self.complaint_a, [(1, "met"), (2, "met"), (6, "breached")])
        review = self.make_review()
        review.action_start()
        line = self.line_of(review, item)
        self.assertEqual(line.indicator_value, 2.0)
        self.assertEqual(line.status, "done")
        self._deadlines(self.complaint_a, [(5, "breached")])
        review.with_user(self.user_care_manager).action_refresh_indicators()
        self.assertEqual(line.indicator_value, 3.5)
        self.assertEqual(line.status, "in_progress")

    def test_no_figure_leaves_the_line_to_do(self):
        item = self._item("standards_met", 90)
        review = self.make_review()
        review.action_start()
        line = self.line_of(review, item)
        self.assertEqual((line.status, line.indicator_sample), ("todo", 0))
        self.assertEqual(
            line.evidence_note,
            "Service Standards Met (%): nothing to count in the period yet.",
        )

    def test_measured_evidence_reads_in_the_readers_language(self):
        self.env["res.lang"]._activate_lang("vi_VN")
        self.env["ir.module.module"]._load_module_terms(
            ["customer_care"], ["vi_VN"], overwrite=True
        )
        item = self._item("standards_met", 90)
        review = self.make_review()
        # Refreshed by an English-speaking manager...
        review.with_user(self.user_care_manager).with_context(
            lang="en_US"
        ).action_start()
        line = self.line_of(review, item)
        self.assertFalse(line.evidence_written, "nothing stored in one language")
        # ...read by a Vietnamese one.
        self.user_care.lang = "vi_VN"
        vi_line = line.with_user(self.user_care).with_context(lang="vi_VN")
        self.assertIn("chưa có gì để tính trong kỳ", vi_line.evidence_note)
        self.assertIn("nothing to count", line.with_context(lang="en_US").evidence_note)

    def test_clean_messages_and_complaints_per_orders(self):
        clean = self._item("clean_messages", 60)
        per_orders = self._item("complaints_per_100_orders", 40)
        Check = self.env["care.message.check"].sudo()
        phrase = self.env["care.phrase"].sudo().search([], limit=1)
        for index in range(3):
            note = self.complaint_a.message_post(
                body="Sample", subtype_xmlid="mail.mt_note"
            )
            Check.create(
                {
                    "message_id": note.id,
                    "model": "care.complaint",
                    "res_id": self.complaint_a.id,
                    "user_id": self.user_care.id,
                    "team_id": self.team_a.id,
                    "company_id": self.company.id,
                    "date": datetime(2026, 10, 10, 3, index),
                    "phrase_ids": [(6, 0, phrase.ids if index == 0 else [])],
                    "has_damaging": index == 0,
                }
            )
        for _index in range(4):
            order = self.env["sale.order"].create(
                {
                    "partner_id": self.customer.id,
                    "team_id": self.team_a.id,
                    "date_order": datetime(2026, 10, 12, 3, 0),
                }
            )
            order.state = "sale"
        review = self.make_review()
        review.action_start()
        line = self.line_of(review, clean)
        self.assertAlmostEqual(line.indicator_value, 66.7, places=1)
        self.assertEqual(line.status, "done")
        # One complaint for four orders: 25 per 100.
        line = self.line_of(review, per_orders)
        self.assertEqual(line.indicator_value, 25.0)
        self.assertEqual(line.status, "done")

    def test_satisfaction_from_the_complaint_ratings(self):
        item = self._item("satisfaction", 50)
        ratings = (
            self.env["rating.rating"]
            .sudo()
            .create(
                [
                    {
                        "res_model_id": self.env["ir.model"]._get_id("care.complaint"),
                        "res_id": self.complaint_a.id,
                        "rating": value,
                        "consumed": True,
                    }
                    for value in (5, 1, 1)
                ]
            )
        )
        self.env.flush_all()
        # Answered in the review's period (the ORM dates a write by the
        # transaction's clock).
        self.env.cr.execute(
            "UPDATE rating_rating SET write_date = %s WHERE id = ANY(%s)",
            [datetime(2026, 10, 20, 3, 0), ratings.ids],
        )
        review = self.make_review()
        review.action_start()
        line = self.line_of(review, item)
        self.assertAlmostEqual(line.indicator_value, 33.3, places=1)
        self.assertEqual(line.status, "in_progress")

    def test_a_measured_line_is_not_ticked_by_hand(self):
        item = self._item("standards_met", 90)
        review = self.make_review()
        review.action_start()
        line = self.line_of(review, item)
        line.user_id = self.user_care
        with self.assertRefused(UserError, "refresh the review"):
            line.with_user(self.user_care).write(
                {"status": "done", "evidence_note": "Trust me"}
            )
        with self.assertRefused(UserError, "refresh the review"):
            line.with_user(self.user_care_manager).status = "done"
        self.assertEqual(line.status, "todo")
        evidence = line.evidence_note
        with self.assertRefused(UserError, "writing their evidence"):
            line.with_user(self.user_care_manager).evidence_note = "We met, trust us"
        self.assertEqual(line.evidence_note, evidence)

    def test_share_targets_stay_within_a_hundred(self):
        with self.assertRaises(ValidationError):
            self._item("standards_met", 120)
        with self.assertRaises(ValidationError):
            self._item("overdue_loyalty", -1)

    def test_closing_keeps_the_last_figure(self):
        item = self._item("standards_met", 50)
        review = self.make_review()
        review.action_start()
        self._deadlines(self.complaint_a, [(1, "met")])
        review.action_close()
        line = self.line_of(review, item)
        self.assertEqual((line.status, line.indicator_value), ("done", 100.0))
        with self.assertRefused(UserError):
            review.action_refresh_indicators()
