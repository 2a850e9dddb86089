from freezegun import freeze_time
from lxml import etree

from odoo.tests import tagged

from .common import CascadeCommon

# Marked done with its evidence, as the checklist items ask by default.
DONE = {"status": "done", "evidence_note": "Checked at the team meeting"}


@tagged("post_install", "-at_install")
class TestCascadeReport(CascadeCommon):
    @freeze_time("2026-11-10")
    def test_progress_by_team_element_and_period(self):
        october = self.make_review()
        october.action_start()
        self.line_of(october, self.item_commit_top).write(DONE)
        self.line_of(october, self.item_abilities).status = "na"
        october.action_close()
        november = self.make_review(start="2026-11-01", end="2026-11-30")
        november.action_start()
        (
            self.line_of(november, self.item_commit_top)
            + self.line_of(november, self.item_commit_all)
        ).write(DONE)
        self.line_of(november, self.item_standards).write(
            {"deadline": "2026-11-05", "user_id": self.user_care.id}
        )
        other_team = self.make_review(self.team_b, start="2026-11-01", end="2026-11-30")
        other_team.action_start()
        self.env.flush_all()

        Report = self.env["care.cascade.report"]
        rows = Report.search([("review_id", "=", october.id)])
        self.assertEqual(len(rows), 4, "one row per element of the review")
        commitment = rows.filtered(lambda r: r.element_id == self.element["commitment"])
        self.assertEqual(
            (commitment.weight_total, commitment.weight_done, commitment.progress),
            (3, 2, 66.7),
        )
        abilities = rows.filtered(lambda r: r.element_id == self.element["abilities"])
        self.assertEqual((abilities.weight_total, abilities.progress), (0, 0.0))

        groups = Report._read_group(
            [
                ("team_id", "=", self.team_a.id),
                ("element_id", "=", self.element["commitment"].id),
            ],
            ["date_start:month"],
            ["progress:avg"],
        )
        self.assertEqual([round(p, 1) for _month, p in groups], [66.7, 100.0])

        teams = [("team_id", "in", (self.team_a + self.team_b).ids)]
        late = Report.search([("late_count", ">", 0), *teams])
        self.assertEqual(late.review_id, november)
        self.assertEqual(late.element_id, self.element["standards"])

        by_team = dict(
            Report._read_group(
                [
                    *teams,
                    ("date_start", "=", "2026-11-01"),
                    ("element_id", "=", self.element["commitment"].id),
                ],
                ["team_id"],
                ["progress:avg"],
            )
        )
        self.assertEqual(by_team, {self.team_a: 100.0, self.team_b: 0.0})

        self.assertEqual(
            Report.with_user(self.user_care).search(teams).team_id, self.team_a
        )
        self.assertEqual(
            Report.with_user(self.user_care_manager).search(teams).team_id,
            self.team_a + self.team_b,
        )
        self.assertFalse(Report.with_user(self.user_care_company_2).search([]))

    def test_trends_average_the_progress(self):
        """Grouped by month, the progress is the reviews' average, not their sum."""
        review_a = self.make_review()
        (review_a + self.make_review(self.team_b)).action_start()
        # Team A: commitment 100 %, review 50 %; team B: nothing done.
        review_a.line_ids.filtered(
            lambda line: line.element_id == self.element["commitment"]
        ).write(DONE)
        self.env.flush_all()
        teams = [("team_id", "in", (self.team_a + self.team_b).ids)]
        for model, expected in (
            ("care.cascade.report", [{"progress": 50.0}]),
            ("care.cascade.review", [{"progress": 25.0}]),
        ):
            Model = self.env[model]
            self.assertEqual(
                Model.fields_get(["progress"])["progress"]["aggregator"], "avg"
            )
            domain = (
                [*teams, ("element_id", "=", self.element["commitment"].id)]
                if model == "care.cascade.report"
                else teams
            )
            groups = Model.read_group(domain, ["progress"], ["date_start:month"])
            self.assertEqual(
                [{"progress": round(g["progress"], 1)} for g in groups], expected, model
            )
        for xmlid in (
            "customer_care.care_cascade_report_view_graph",
            "customer_care.care_cascade_review_view_graph",
        ):
            graph = etree.fromstring(self.env.ref(xmlid).arch)
            self.assertEqual(graph.get("stacked"), "0", f"{xmlid}: percentages stack")
            self.assertTrue(graph.xpath("//field[@name='progress'][@type='measure']"))
