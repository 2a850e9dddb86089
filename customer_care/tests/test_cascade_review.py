from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import CascadeCommon


@tagged("post_install", "-at_install")
class TestCascadeReview(CascadeCommon):
    def test_start_copies_the_items_that_apply(self):
        review = self.make_review()
        self.assertFalse(review.line_ids)
        review.action_start()
        self.assertEqual(review.state, "in_progress")
        self.assertEqual(
            review.line_ids.item_id,
            self.item_commit_top
            + self.item_commit_all
            + self.item_abilities
            + self.item_standards
            + self.item_excellence,
            "archived items, another team's and another company's items are left out",
        )
        line = self.line_of(review, self.item_commit_top)
        self.assertEqual(line.weight, 2)
        self.assertEqual(line.element_id, self.element["commitment"])
        self.assertEqual(line.status, "todo")

        review_b = self.make_review(self.team_b)
        review_b.action_start()
        self.assertIn(self.item_team_b_only, review_b.line_ids.item_id)

        review_c2 = self.make_review(self.team_company_2)
        self.assertEqual(review_c2.company_id, self.company_2)
        review_c2.action_start()
        self.assertIn(self.item_company_2, review_c2.line_ids.item_id)
        self.assertNotIn(self.item_team_b_only, review_c2.line_ids.item_id)

    def test_archived_element_items_left_out(self):
        self.element["abilities"].active = False
        review = self.make_review()
        review.action_start()
        self.assertNotIn(self.item_abilities, review.line_ids.item_id)

    def test_progress_is_weighted(self):
        review = self.make_review()
        review.action_start()
        self.assertEqual(review.progress, 0.0)
        self.line_of(review, self.item_commit_top).status = "done"
        # Commitment: 2 of 3; overall: 2 of 6.
        self.assertEqual(self.progress_of(review, "commitment")["progress"], 66.7)
        self.assertEqual(review.progress, 33.3)
        self.line_of(review, self.item_commit_all).status = "in_progress"
        self.assertEqual(review.progress, 33.3, "in progress counts as not done")
        self.line_of(review, self.item_commit_all).status = "done"
        self.assertEqual(self.progress_of(review, "commitment")["progress"], 100.0)
        self.assertEqual(review.progress, 50.0)
        self.assertTrue(self.progress_of(review, "commitment")["reached"])

    def test_not_applicable_lines_do_not_count(self):
        review = self.make_review()
        review.action_start()
        self.line_of(review, self.item_commit_top).status = "na"
        self.line_of(review, self.item_commit_all).status = "done"
        self.assertEqual(self.progress_of(review, "commitment")["progress"], 100.0)
        # 1 done of 4 applicable (2 + 1 + 1 + 1 - 2 not applicable).
        self.assertEqual(review.progress, 25.0)

    def test_empty_element(self):
        review = self.make_review()
        self.assertFalse(review.element_progress)
        self.assertEqual(review.progress, 0.0)
        self.assertFalse(review.excellence_reached)
        review.action_start()
        self.line_of(review, self.item_abilities).status = "na"
        abilities = self.progress_of(review, "abilities")
        self.assertFalse(abilities["applicable"])
        self.assertEqual(abilities["progress"], 0.0)
        self.assertIsNone(self.progress_of(review, "detail"), "no line, no entry")

    def test_excellence_threshold(self):
        self.company.care_excellence_threshold = 60
        review = self.make_review()
        review.action_start()
        # Commitment 2/3 (66.7%), standards done, abilities not applicable.
        self.line_of(review, self.item_commit_top).status = "done"
        self.line_of(review, self.item_standards).status = "done"
        self.line_of(review, self.item_abilities).status = "na"
        self.assertTrue(
            review.excellence_reached,
            "Excellence's own open line does not decide it; an element without "
            "applicable lines is left out",
        )
        self.assertTrue(self.progress_of(review, "commitment")["reached"])
        self.company.care_excellence_threshold = 70
        self.assertFalse(review.excellence_reached)
        self.assertFalse(self.progress_of(review, "commitment")["reached"])

    def test_threshold_range(self):
        for value in (0, -5, 100.5):
            with self.assertRefused(ValidationError, "percentage above 0"):
                self.company.care_excellence_threshold = value
                self.company.flush_recordset()
        self.assertEqual(self.company.care_excellence_threshold, 80)

    def test_start_from_previous_open_lines(self):
        previous = self.make_review()
        previous.action_start()
        self.line_of(previous, self.item_commit_top).write(
            {"status": "done", "evidence_note": "signed"}
        )
        self.line_of(previous, self.item_abilities).status = "na"
        self.line_of(previous, self.item_standards).write(
            {
                "status": "in_progress",
                "user_id": self.user_care.id,
                "deadline": "2026-10-20",
                "evidence_note": "half of the team",
            }
        )
        previous.action_close()
        review = self.make_review(start="2026-11-01", end="2026-11-30")
        self.assertEqual(review.previous_review_id, previous)
        review.action_start_from_previous()
        self.assertEqual(
            review.line_ids.item_id,
            self.item_commit_all + self.item_standards + self.item_excellence,
        )
        carried = self.line_of(review, self.item_standards)
        self.assertEqual(carried.status, "in_progress")
        self.assertEqual(carried.user_id, self.user_care)
        self.assertEqual(carried.evidence_note, "half of the team")
        self.assertEqual(str(carried.deadline), "2026-11-01", "not before the period")
        self.assertEqual(len(previous.line_ids), 5, "the previous review is untouched")

    def test_start_from_previous_needs_one(self):
        review = self.make_review()
        self.assertFalse(review.previous_review_id)
        with self.assertRefused(UserError, "no previous review"):
            review.action_start_from_previous()
        self.assertEqual(review.state, "draft")

    def test_previous_review_of_another_team(self):
        other = self.make_review(self.team_b)
        with self.assertRefused(ValidationError, "earlier review of the same team"):
            self.make_review(
                start="2026-11-01", end="2026-11-30", previous_review_id=other.id
            )

    def test_closing_locks(self):
        review = self.make_review()
        review.action_start()
        line = self.line_of(review, self.item_commit_top)
        review.action_close()
        self.assertEqual(review.state, "done")
        with self.assertRefused(UserError, "is closed"):
            line.status = "done"
        with self.assertRefused(UserError, "is closed"):
            review.note = "<p>late conclusions</p>"
        with self.assertRefused(UserError, "is closed"):
            line.unlink()
        with self.assertRefused(UserError, "is closed"):
            self.env["care.cascade.review.line"].create(
                {"review_id": review.id, "item_id": self.item_team_b_only.id}
            )
        with self.assertRefused(UserError, "Only draft reviews"):
            review.unlink()
        self.assertEqual(line.status, "todo")
        self.assertEqual(len(review.line_ids), 5)
        review.action_reopen()
        line.status = "done"
        self.assertEqual(line.status, "done")

    def test_wrong_state_transitions(self):
        review = self.make_review()
        with self.assertRefused(UserError, "Only reviews in progress can be closed"):
            review.action_close()
        review.action_start()
        with self.assertRefused(UserError, "Only draft reviews can be started"):
            review.action_start()
        review.action_reset_draft()
        self.assertFalse(review.line_ids)
        self.assertEqual(review.state, "draft")

    def test_period_ends_before_it_starts(self):
        with self.assertRefused(ValidationError, "ends .* before it starts"):
            self.make_review(start="2026-10-31", end="2026-10-01")
        self.assertFalse(
            self.env["care.cascade.review"].search([("team_id", "=", self.team_a.id)])
        )

    def test_overlapping_open_reviews(self):
        first = self.make_review()
        with self.assertRefused(ValidationError, "overlapping period"):
            self.make_review(start="2026-10-15", end="2026-11-15")
        self.make_review(self.team_b, start="2026-10-15", end="2026-11-15")
        self.make_review(start="2026-11-01", end="2026-11-30")
        first.action_start()
        first.action_close()
        # A closed review no longer blocks, but reopening it would.
        clash = self.make_review(start="2026-10-20", end="2026-10-25")
        with self.assertRefused(ValidationError, "overlapping period"):
            first.action_reopen()
        clash.unlink()
        first.action_reopen()

    def test_an_item_appears_once_in_a_review_without_an_error_log(self):
        review = self.make_review()
        review.action_start()
        Line = self.env["care.cascade.review.line"].with_user(self.user_care_manager)
        with (
            self.assertNoLogs("odoo.sql_db", "ERROR"),
            self.assertRefused(ValidationError, "Standards signed is there already"),
        ):
            Line.create({"review_id": review.id, "item_id": self.item_standards.id})
        with self.assertRefused(ValidationError, "appears once"):
            Line.create(
                [
                    {"review_id": review.id, "item_id": self.item_team_b_only.id},
                    {"review_id": review.id, "item_id": self.item_team_b_only.id},
                ]
            )
        self.assertEqual(
            len(review.line_ids.filtered(lambda l: l.item_id == self.item_standards)),
            1,
        )

    def test_weight_above_zero(self):
        with self.assertRefused(ValidationError, "must be above zero"):
            self.item_abilities.weight = 0
        with self.assertRefused(ValidationError, "must be above zero"):
            self.env["care.cascade.item"].create(
                {"name": "Bad", "element_id": self.element["detail"].id, "weight": -1}
            )
        review = self.make_review()
        review.action_start()
        with self.assertRefused(ValidationError, "must be above zero"):
            self.line_of(review, self.item_abilities).weight = 0
        self.assertEqual(self.item_abilities.weight, 1)

    def test_line_weight_and_element_kept_when_item_changes(self):
        review = self.make_review()
        review.action_start()
        self.item_commit_top.write(
            {"weight": 5, "element_id": self.element["detail"].id}
        )
        line = self.line_of(review, self.item_commit_top)
        self.assertEqual(line.weight, 2)
        self.assertEqual(line.element_id, self.element["commitment"])

    @freeze_time("2026-10-10")
    def test_responsible_gets_an_activity(self):
        review = self.make_review()
        review.action_start()
        line = self.line_of(review, self.item_standards)
        self.assertFalse(line.activity_id)
        line.write({"user_id": self.user_care.id, "deadline": "2026-10-20"})
        activity = line.activity_id
        self.assertEqual(activity.user_id, self.user_care)
        self.assertEqual(str(activity.date_deadline), "2026-10-20")
        self.assertEqual(activity.res_model, "care.cascade.review")
        self.assertEqual(activity.res_id, review.id)
        self.assertIn("Standards signed", activity.summary)
        line.deadline = "2026-10-25"
        self.assertEqual(str(activity.date_deadline), "2026-10-25")
        self.assertFalse(line.is_late)
        with freeze_time("2026-10-26"):
            line.invalidate_recordset(["is_late"])
            self.assertTrue(line.is_late)
            self.assertEqual(review.late_line_count, 1)
            self.assertIn(line, line.search([("is_late", "=", True)]))
        line.status = "done"
        self.assertFalse(line.activity_id)
        self.assertFalse(activity.exists(), "marked done")
        self.assertEqual(str(line.date_done), "2026-10-10")
        other = self.line_of(review, self.item_abilities)
        other.user_id = self.user_care
        self.assertEqual(str(other.activity_id.date_deadline), "2026-10-31")
        review.action_close()
        self.assertFalse(other.activity_id)

    def test_progress_computed_per_batch(self):
        """Progress and element progress: the same queries for 1 or 8 reviews."""
        teams = self.env["crm.team"].create(
            [
                {"name": f"Batch Team {i}", "company_id": self.company.id}
                for i in range(8)
            ]
        )
        reviews = self.env["care.cascade.review"].create(
            [
                {
                    "team_id": team.id,
                    "user_id": self.user_care_manager.id,
                    "date_start": "2026-10-01",
                    "date_end": "2026-10-31",
                }
                for team in teams
            ]
        )
        reviews.action_start()
        reviews.line_ids.filtered(
            lambda line: line.element_id == self.element["commitment"]
        ).status = "done"
        self.env.flush_all()

        Review = self.env["care.cascade.review"]

        def queries(records):
            self.env.invalidate_all()
            for fname in ("progress", "excellence_reached"):
                self.env.add_to_compute(Review._fields[fname], records)
            before = self.cr.sql_log_count
            records.flush_recordset()
            records.mapped("element_progress")
            records.mapped("late_line_count")
            return self.cr.sql_log_count - before

        queries(reviews[:1])
        self.assertEqual(queries(reviews[:1]), queries(reviews))
        self.assertEqual(reviews.mapped("progress"), [50.0] * 8)

    def test_printed_summary(self):
        review = self.make_review(note="<p>Good month for the team</p>")
        review.action_start()
        self.line_of(review, self.item_commit_top).write(
            {"status": "done", "evidence_note": "Signed on 3 October"}
        )
        self.line_of(review, self.item_abilities).status = "na"
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("customer_care.report_care_cascade_review", review.ids)[
                0
            ]
            .decode()
        )
        self.assertIn("Care Team A", html)
        self.assertIn("Managers sign the commitment", html)
        self.assertIn("Signed on 3 October", html)
        self.assertIn("66.7", html, "Commitment's progress")
        self.assertIn("Not applicable", html, "Abilities has no applicable line")
        self.assertIn("Good month for the team", html)
        self.env["ir.config_parameter"].sudo().set_param(
            "report.url", "http://127.0.0.1:9"
        )
        pdf, report_format = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf("customer_care.report_care_cascade_review", review.ids)
        )
        self.assertEqual(report_format, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
