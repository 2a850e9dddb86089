from lxml import etree

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import Form, new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

from odoo.addons.customer_care.models.care_cascade_review_line import ASSIGNEE_FIELDS

from .common import CascadeCommon

# Marked done with its evidence, as the checklist items ask by default.
DONE = {"status": "done", "evidence_note": "Checked at the team meeting"}


@tagged("post_install", "-at_install")
class TestCascadeAccess(CascadeCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.review_a = cls.env["care.cascade.review"].create(
            {
                "team_id": cls.team_a.id,
                "user_id": cls.user_care_manager.id,
                "date_start": "2026-10-01",
                "date_end": "2026-10-31",
            }
        )
        cls.review_b = cls.env["care.cascade.review"].create(
            {
                "team_id": cls.team_b.id,
                "user_id": cls.user_care_manager_2.id,
                "date_start": "2026-10-01",
                "date_end": "2026-10-31",
            }
        )
        (cls.review_a + cls.review_b).action_start()
        cls.mine = cls.review_a.line_ids.filtered(
            lambda line: line.item_id == cls.item_standards
        )
        cls.mine.user_id = cls.user_care
        cls.not_mine = cls.review_a.line_ids - cls.mine
        cls.user_care_manager_company_2 = new_test_user(
            cls.env,
            login="care_manager_b",
            name="Care Manager B",
            groups="base.group_user,customer_care.group_care_manager",
            company_id=cls.company_2.id,
            company_ids=cls.company_2.ids,
        )
        cls.review_c2 = cls.env["care.cascade.review"].create(
            {
                "team_id": cls.team_company_2.id,
                "user_id": cls.user_care_manager_company_2.id,
                "date_start": "2026-10-01",
                "date_end": "2026-10-31",
            }
        )
        cls.review_c2.action_start()
        # Searches run on every review of the database: the demo data's, if any,
        # are of other teams and must stay out of the users' reach too.

    def test_user_reads_own_teams_reviews(self):
        Review = self.env["care.cascade.review"].with_user(self.user_care)
        self.assertEqual(Review.search([]), self.review_a)
        self.assertEqual(
            self.env["care.cascade.review.line"].with_user(self.user_care).search([]),
            self.review_a.line_ids,
        )
        with self.assertRefused(AccessError):
            self.review_b.with_user(self.user_care).read(["name"])
        # A user with a line in another team's review sees that review.
        line_b = self.review_b.line_ids[0]
        line_b.user_id = self.user_care
        self.assertEqual(Review.search([]), self.review_a + self.review_b)

    def test_user_fills_in_own_lines_only(self):
        mine = self.mine.with_user(self.user_care)
        mine.write({"status": "done", "evidence_note": "all signed"})
        mine.invalidate_recordset()
        self.assertEqual(
            (mine.status, mine.evidence_note), ("done", "all signed"), "written"
        )
        # The weight is copied from the checklist: nobody but an administrator
        # writes it, whatever the line.
        with self.assertRefused(AccessError, "Weight of CASCADE Review Line change"):
            mine.weight = 5
        with self.assertRefused(AccessError, "not: Responsible"):
            mine.user_id = self.user_care_2
        with self.assertRefused(AccessError):
            self.not_mine[0].with_user(self.user_care).write(DONE)
        with self.assertRefused(AccessError):
            self.review_a.with_user(self.user_care).note = "<p>mine</p>"
        with self.assertRefused(AccessError):
            self.mine.with_user(self.user_care).unlink()
        with self.assertRefused(AccessError):
            self.env["care.cascade.review"].with_user(self.user_care).create(
                {
                    "team_id": self.team_a.id,
                    "date_start": "2026-12-01",
                    "date_end": "2026-12-31",
                }
            )
        self.assertEqual(self.mine.weight, 1)
        self.assertEqual(self.review_a.progress, 16.7)

    def test_staff_sees_the_checklist_fields_readonly(self):
        """My Checklist Lines: a user changes the status and the evidence, and
        sees the responsible, the deadline and the weight as read only."""
        form = Form(self.mine.with_user(self.user_care))
        for fname, value in (
            ("user_id", self.user_care_2),
            ("deadline", "2026-10-20"),
            ("weight", 5),
        ):
            with self.assertRaises(AssertionError, msg=fname):
                setattr(form, fname, value)
        form.status = "done"
        form.evidence_note = "all signed"
        form.save()
        self.assertEqual(self.mine.status, "done")
        self.assertEqual(self.mine.user_id, self.user_care)

        form = Form(self.not_mine[0].with_user(self.user_care_manager))
        form.user_id = self.user_care
        form.deadline = "2026-10-20"
        form.save()
        self.assertEqual(self.not_mine[0].user_id, self.user_care)

    def test_line_views_follow_the_assignee_rule(self):
        Line = self.env["care.cascade.review.line"]
        self.assertFalse(self.mine.with_user(self.user_care).can_manage)
        self.assertTrue(self.mine.with_user(self.user_care_manager).can_manage)
        for view_type in ("list", "form"):
            arch = etree.fromstring(
                Line.with_user(self.user_care).get_views([(False, view_type)])["views"][
                    view_type
                ]["arch"]
            )
            for node in arch.xpath("//field[@name]"):
                readonly = node.get("readonly", "False")
                name = node.get("name")
                if name not in Line._fields or Line._fields[name].readonly:
                    continue
                values = {
                    "can_manage": False,
                    "review_state": "in_progress",
                    "id": 1,
                    "indicator": False,
                }
                editable = not safe_eval(readonly, values)
                self.assertEqual(
                    editable,
                    name in ASSIGNEE_FIELDS,
                    f"{view_type} view: {name} editable for a user",
                )
                if name in ("user_id", "deadline"):
                    self.assertFalse(
                        safe_eval(readonly, dict(values, can_manage=True)),
                        f"{view_type} view: managers change {name}",
                    )

    def test_progress_counts_lines_the_user_cannot_read(self):
        """A user of team A with one line in team B's review sees and moves the
        whole review's progress, not the progress of the lines they can read."""
        line_b = self.review_b.line_ids.filtered(
            lambda line: line.item_id == self.item_standards
        )
        line_b.user_id = self.user_care
        self.review_b.line_ids.filtered(
            lambda line: line.element_id == self.element["commitment"]
        ).write(DONE)
        self.env.flush_all()
        line_b.with_user(self.user_care).write(DONE)
        self.env.flush_all()
        self.env.invalidate_all()
        # Team B's review: commitment 3 + standards 1 done of 7 (team B's item too).
        self.assertEqual(self.review_b.progress, 57.1)
        review_as_user = self.review_b.with_user(self.user_care)
        self.assertEqual(review_as_user.progress, 57.1)
        self.assertEqual(review_as_user.line_count, 6)
        self.assertEqual(
            [e["progress"] for e in review_as_user.element_progress][:3],
            [100.0, 0.0, 100.0],
        )

    def test_manager_runs_own_teams_reviews(self):
        Review = self.env["care.cascade.review"].with_user(self.user_care_manager)
        every_review = Review.search([])
        self.assertEqual(
            every_review,
            self.env["care.cascade.review"].search(
                [("company_id", "=", self.company.id)]
            ),
            "reads all the reviews of the company",
        )
        self.assertIn(self.review_b, every_review, "another team's too")
        self.assertNotIn(self.review_c2, every_review, "not another company's")
        review = Review.create(
            {
                "team_id": self.team_a.id,
                "date_start": "2026-11-01",
                "date_end": "2026-11-30",
            }
        )
        review.action_start()
        review.line_ids[0].write({"user_id": self.user_care.id, **DONE})
        with self.assertRefused(AccessError, "buttons only"):
            review.line_ids[0].weight = 3
        review.action_close()
        self.assertEqual(review.state, "done")
        with self.assertRefused(AccessError):
            Review.create(
                {
                    "team_id": self.team_b.id,
                    "date_start": "2026-11-01",
                    "date_end": "2026-11-30",
                }
            )
        with self.assertRefused(AccessError):
            self.review_b.with_user(self.user_care_manager).action_close()
        with self.assertRefused(AccessError):
            self.review_b.line_ids[0].with_user(self.user_care_manager).write(DONE)
        self.assertEqual(self.review_b.state, "in_progress")

    def test_administrator_runs_every_review(self):
        self.review_b.with_user(self.user_care_admin).action_close()
        self.assertEqual(self.review_b.state, "done")

    def test_other_company(self):
        Review = self.env["care.cascade.review"].with_user(self.user_care_company_2)
        self.assertFalse(Review.search([]), "not of the company's team")
        # A member of the team does see it. (A new user: the rules' domains are
        # cached per user, and joining a team does not clear that cache.)
        member = new_test_user(
            self.env,
            login="care_member_b",
            groups="base.group_user,customer_care.group_care_user",
            company_id=self.company_2.id,
            company_ids=self.company_2.ids,
        )
        self.team_company_2.member_ids = [Command.link(member.id)]
        self.assertEqual(Review.with_user(member).search([]), self.review_c2)
        self.assertEqual(
            Review.with_user(self.user_care_manager_company_2).search([]),
            self.review_c2,
        )
        self.assertFalse(
            self.env["care.cascade.review"]
            .with_user(self.user_care_admin)
            .search([("id", "=", self.review_c2.id)])
        )

    def test_outsiders_see_nothing(self):
        for user in (self.user_employee, self.user_portal):
            with self.assertRefused(AccessError):
                self.env["care.cascade.review"].with_user(user).search([])
            with self.assertRefused(AccessError):
                self.env["care.cascade.item"].with_user(user).search([])
            with self.assertRefused(AccessError):
                self.env["care.service.standard"].with_user(user).search([])
