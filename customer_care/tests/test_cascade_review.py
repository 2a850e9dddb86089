import importlib.util
import json

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger
from odoo.tools.misc import file_path

from .common import CascadeCommon

# Marked done with its evidence, as the checklist items ask by default.
DONE = {"status": "done", "evidence_note": "Checked at the team meeting"}


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
        self.line_of(review, self.item_commit_top).write(DONE)
        # Commitment: 2 of 3; overall: 2 of 6.
        self.assertEqual(self.progress_of(review, "commitment")["progress"], 66.7)
        self.assertEqual(review.progress, 33.3)
        self.line_of(review, self.item_commit_all).status = "in_progress"
        self.assertEqual(review.progress, 33.3, "in progress counts as not done")
        self.line_of(review, self.item_commit_all).write(DONE)
        self.assertEqual(self.progress_of(review, "commitment")["progress"], 100.0)
        self.assertEqual(review.progress, 50.0)
        self.assertTrue(self.progress_of(review, "commitment")["reached"])

    def test_not_applicable_lines_do_not_count(self):
        review = self.make_review()
        review.action_start()
        self.line_of(review, self.item_commit_top).status = "na"
        self.line_of(review, self.item_commit_all).write(DONE)
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
        self.line_of(review, self.item_commit_top).write(DONE)
        self.line_of(review, self.item_standards).write(DONE)
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
            self.item_commit_top
            + self.item_commit_all
            + self.item_abilities
            + self.item_standards
            + self.item_excellence,
            "every item that applies, closed or not in the previous review",
        )
        for item in (self.item_commit_top, self.item_abilities):
            fresh = self.line_of(review, item)
            self.assertEqual(fresh.status, "todo", "a fresh line, as Start makes")
            self.assertFalse(fresh.evidence_note)
        carried = self.line_of(review, self.item_standards)
        self.assertEqual(carried.status, "in_progress")
        self.assertEqual(carried.user_id, self.user_care)
        self.assertEqual(carried.evidence_note, "half of the team")
        self.assertEqual(str(carried.deadline), "2026-11-01", "not before the period")
        self.assertEqual(len(previous.line_ids), 5, "the previous review is untouched")

    def test_start_from_previous_keeps_every_element(self):
        """One done and one open line before: both items are in the new review,
        the open one carried with its status, the done one to do again."""
        previous = self.make_review()
        previous.action_start()
        self.line_of(previous, self.item_commit_top).write(DONE)
        self.line_of(previous, self.item_commit_all).write(
            {"status": "in_progress", "user_id": self.user_care.id}
        )
        self.line_of(previous, self.item_excellence).status = "na"
        previous.action_close()
        self.item_excellence.active = False
        review = self.make_review(start="2026-11-01", end="2026-11-30")
        review.action_start_from_previous()
        self.assertEqual(
            review.line_ids.item_id,
            self.item_commit_top
            + self.item_commit_all
            + self.item_abilities
            + self.item_standards,
            "active items only; each item once",
        )
        done_before = self.line_of(review, self.item_commit_top)
        self.assertEqual((done_before.status, done_before.weight), ("todo", 2))
        self.assertFalse(done_before.date_done)
        carried = self.line_of(review, self.item_commit_all)
        self.assertEqual(carried.status, "in_progress")
        self.assertEqual(carried.user_id, self.user_care)
        self.assertEqual(self.progress_of(review, "commitment")["progress"], 0.0)
        self.assertTrue(self.progress_of(review, "commitment")["applicable"])

    def test_done_needs_evidence(self):
        review = self.make_review()
        review.action_start()
        line = self.line_of(review, self.item_commit_top)
        with self.assertRefused(ValidationError, "Write the evidence or attach"):
            line.status = "done"
            line.flush_recordset()
        with self.assertRefused(ValidationError, "Managers sign the commitment"):
            line.write({"status": "done", "evidence_note": "  \n "})
            line.flush_recordset()
        self.assertEqual(line.status, "todo")
        line.write({"status": "done", "evidence_note": "Signed on 3 October"})
        with self.assertRefused(ValidationError, "Write the evidence"):
            line.evidence_note = False
            line.flush_recordset()

        attached = self.line_of(review, self.item_commit_all)
        attachment = self.env["ir.attachment"].create(
            {"name": "goals.pdf", "raw": b"goals", "res_model": attached._name}
        )
        attached.write({"status": "done", "attachment_ids": [(6, 0, attachment.ids)]})
        self.assertEqual(attached.status, "done", "a file is evidence too")
        with self.assertRefused(ValidationError, "Write the evidence"):
            attached.attachment_ids = False
            attached.flush_recordset()

        self.item_abilities.evidence_required = False
        self.line_of(review, self.item_abilities).status = "done"
        self.assertEqual(self.line_of(review, self.item_abilities).status, "done")
        self.assertTrue(self.env["care.cascade.item"].new().evidence_required)

    def test_created_done_needs_evidence(self):
        review = self.make_review()
        review.action_start()
        Line = self.env["care.cascade.review.line"]
        vals = {"review_id": review.id, "item_id": self.item_team_b_only.id}
        with self.assertRefused(ValidationError, "Team B's own item"):
            Line.create(dict(vals, status="done"))
        line = Line.create(dict(vals, **DONE))
        self.assertEqual(line.status, "done")

    def test_shipped_items_ask_for_evidence(self):
        def shipped(name):
            return self.env.ref(f"customer_care.care_cascade_item_{name}")

        self.assertFalse(
            shipped("abilities_workplace").evidence_required, "checked by observation"
        )
        for name in ("commitment_top", "standards_signed", "excellence_loyal"):
            self.assertTrue(shipped(name).evidence_required, name)
        self.assertEqual(
            shipped("excellence_differentiated").name,
            "Service stands out from that of competitors",
        )

    def test_migration_fixes_the_shipped_wording_only(self):
        path = file_path("customer_care/migrations/18.0.1.4.0/post-migrate.py")
        spec = importlib.util.spec_from_file_location("care_post_migrate", path)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        shipped = self.env.ref(
            "customer_care.care_cascade_item_excellence_differentiated"
        )
        custom = self.item_excellence

        def set_names(item, names):
            self.env.flush_all()
            self.env.cr.execute(
                "UPDATE care_cascade_item SET name = %s::jsonb WHERE id = %s",
                (json.dumps(names), item.id),
            )

        def names_of(item):
            self.env.cr.execute(
                "SELECT name FROM care_cascade_item WHERE id = %s", (item.id,)
            )
            return self.env.cr.fetchone()[0]

        old = {"en_US": migration.OLD_TEXT, "vi_VN": "Dịch vụ khác biệt"}
        set_names(shipped, old)
        set_names(custom, old)
        migration.migrate(self.env.cr, "18.0.1.3.0")
        self.assertEqual(
            names_of(shipped), dict(old, en_US=migration.NEW_TEXT), "English only"
        )
        self.assertEqual(names_of(custom), old, "not a shipped record")
        edited = {"en_US": "Our own wording"}
        set_names(shipped, edited)
        migration.migrate(self.env.cr, "18.0.1.3.0")
        self.assertEqual(names_of(shipped), edited, "an administrator's wording stays")
        self.env.invalidate_all()

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
            line.write(DONE)
        with self.assertRefused(UserError, "Care Team A, October 2026 is closed"):
            review.note = "<p>closed</p>"
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
        line.write(DONE)
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
    def test_activity_in_the_responsibles_language(self):
        self.env["res.lang"]._activate_lang("vi_VN")
        self.env["ir.module.module"]._load_module_terms(
            ["customer_care"], ["vi_VN"], overwrite=True
        )
        self.user_care.lang = "vi_VN"
        self.item_standards.with_context(lang="vi_VN").name = "Đã ký các tiêu chuẩn"
        review = self.make_review()
        review.with_context(lang="en_US").action_start()
        line = self.line_of(review, self.item_standards)
        line.with_context(lang="en_US").user_id = self.user_care
        self.assertEqual(line.activity_id.summary, "Việc CASCADE: Đã ký các tiêu chuẩn")

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
        line.write(DONE)
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
        ).write(DONE)
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
        # Debian's wkhtmltopdf (unpatched Qt) warns that it ignores the header
        # switches; the PDF is made all the same.
        with mute_logger("odoo.addons.base.models.ir_actions_report"):
            pdf, report_format = (
                self.env["ir.actions.report"]
                .with_context(force_report_rendering=True)
                ._render_qweb_pdf(
                    "customer_care.report_care_cascade_review", review.ids
                )
            )
        self.assertEqual(report_format, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))


@tagged("post_install", "-at_install")
class TestCascadeReviewName(CascadeCommon):
    """The review's name is read in the reader's language and date format."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("vi_VN")
        cls.env["ir.module.module"]._load_module_terms(
            ["customer_care"], ["vi_VN"], overwrite=True
        )

    def name_in(self, review, lang):
        return review.with_user(self.user_care).with_context(lang=lang).display_name

    def test_month_in_the_readers_language(self):
        review = self.make_review()
        self.assertEqual(self.name_in(review, "en_US"), "Care Team A, October 2026")
        self.assertEqual(
            self.name_in(review, "vi_VN"), "Care Team A, tháng 10 năm 2026"
        )
        self.assertEqual(
            self.name_in(review, "en_US"), "Care Team A, October 2026", "not cached"
        )

    def test_days_in_the_readers_date_format(self):
        review = self.make_review(start="2026-10-05", end="2026-11-20")
        self.assertEqual(
            self.name_in(review, "en_US"), "Care Team A, 10/05/2026 - 11/20/2026"
        )
        self.assertEqual(
            self.name_in(review, "vi_VN"), "Care Team A, 05/10/2026 - 20/11/2026"
        )
        part = self.make_review(start="2026-12-01", end="2026-12-15")
        self.assertEqual(
            self.name_in(part, "en_US"),
            "Care Team A, 12/01/2026 - 12/15/2026",
            "half a month is not the month",
        )

    def test_new_review_without_dangling_comma(self):
        Review = self.env["care.cascade.review"]
        self.assertEqual(Review.new({"date_end": False}).name, "New Review")
        self.assertEqual(
            Review.with_context(lang="vi_VN").new({"date_end": False}).name,
            "Rà soát mới",
        )
        self.assertEqual(
            Review.new({"team_id": self.team_a.id, "date_end": False}).name,
            "Care Team A",
        )
        form = Review.new({"date_start": "2026-10-01", "date_end": "2026-10-31"})
        self.assertEqual(form.name, "October 2026")

    def test_search_by_name(self):
        review_a = self.make_review()
        review_b = self.make_review(self.team_b)
        Review = self.env["care.cascade.review"]
        teams = [("team_id", "in", (self.team_a + self.team_b).ids)]
        self.assertEqual(Review.search([*teams, ("name", "ilike", "Team A")]), review_a)
        self.assertEqual(
            Review.search([*teams, ("name", "not ilike", "Team A")]), review_b
        )
        found = Review.name_search("Care Team B", args=teams)
        self.assertEqual([review_id for review_id, _name in found], review_b.ids)
        self.assertEqual(found[0][1], "Care Team B, October 2026")

    def test_messages_and_report_name_the_review(self):
        review = self.make_review()
        review.action_start()
        with self.assertRefused(UserError, "Care Team A, tháng 10 năm 2026"):
            review.with_context(lang="vi_VN").unlink()
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("customer_care.report_care_cascade_review", review.ids)[
                0
            ]
            .decode()
        )
        self.assertIn("Care Team A, October 2026", html)
