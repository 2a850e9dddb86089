import json
from datetime import datetime

from freezegun import freeze_time

from odoo import Command
from odoo.tests import tagged

from .common import ReferralCommon


@tagged("post_install", "-at_install")
class TestCareOverview(ReferralCommon):
    """The managers' team dashboard: each counter counts the team's work and
    opens the records it counts."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Team = cls.env["crm.team"]
        cls.team = Team.create(
            {
                "name": "Overview Team",
                "user_id": cls.user_care_manager.id,
                "member_ids": [Command.link(cls.user_care.id)],
                "company_id": cls.company.id,
            }
        )
        cls.other_team = Team.create(
            {
                "name": "Overview Other Team",
                "member_ids": [Command.link(cls.user_care_2.id)],
                "company_id": cls.company.id,
            }
        )
        cls.gift = cls.env.ref("customer_care.care_loyalty_action_type_gift")
        # Figures of this test's data only.
        cls.env["care.service.standard"].search([]).active = False
        cls.env["care.cascade.item"].search([]).active = False

    def plan(self, planned_date, user, state="planned"):
        action = self.env["care.loyalty.action"].create(
            {
                "partner_id": self.stranger.id,
                "type_id": self.gift.id,
                "planned_date": planned_date,
                "user_id": user.id,
            }
        )
        if state == "done":
            action.action_done()
        return action

    def overview(self, team=None, user=None):
        team = (team or self.team).with_user(user or self.user_care_manager)
        team.invalidate_recordset()
        return team

    @freeze_time("2026-12-01 10:00:00")
    def test_loyalty_counters_are_the_members_actions(self):
        overdue = self.plan("2026-11-20", self.user_care)
        self.plan("2026-11-25", self.user_care_manager)
        self.plan("2026-11-30", self.user_care, state="done")
        week = self.plan("2026-12-01", self.user_care)
        self.plan("2026-12-07", self.user_care)
        self.plan("2026-12-08", self.user_care)  # after the 7 days
        self.plan("2026-11-01", self.user_care_2)  # the other team's
        team = self.overview()
        self.assertEqual(team.care_action_overdue_count, 2)
        self.assertEqual(team.care_action_week_count, 2)
        self.assertEqual(self.overview(self.other_team).care_action_overdue_count, 1)
        action = team.action_care_overdue_actions()
        found = self.env["care.loyalty.action"].search(action["domain"])
        self.assertIn(overdue, found)
        self.assertEqual(len(found), 2)
        found = self.env["care.loyalty.action"].search(
            team.action_care_week_actions()["domain"]
        )
        self.assertIn(week, found)
        self.assertEqual(len(found), 2)

    @freeze_time("2026-12-29 10:00:00")
    def test_birthdays_over_the_year_end(self):
        Partner = self.env["res.partner"]
        soon = Partner.create(
            {
                "name": "New Year Baby",
                "care_birthdate": "1990-01-04",
                "user_id": self.user_care.id,
            }
        )
        Partner.create(
            {
                "name": "Too Late",
                "care_birthdate": "1990-01-05",
                "user_id": self.user_care.id,
            }
        )
        Partner.create(
            {
                "name": "Yesterday",
                "care_birthdate": "1990-12-28",
                "user_id": self.user_care.id,
            }
        )
        Partner.create(
            {
                "name": "Not the team's",
                "care_birthdate": "1990-12-30",
                "user_id": self.user_care_2.id,
            }
        )
        team = self.overview()
        self.assertEqual(team.care_birthday_count, 1)
        found = Partner.search(team.action_care_birthdays()["domain"])
        self.assertEqual(found, soon)
        self.assertNotIn(soon, Partner.search([("care_birthday_soon", "=", False)]))

    def test_commissions_to_approve_count_and_total(self):
        # The referrer's salesperson is a member of the team.
        self.make_invoice(self.referred, 1000.0)
        self.make_invoice(self.referred, 400.0)
        approved = self.commission_of(self.make_invoice(self.referred, 200.0))
        approved.with_user(self.user_care_manager).action_approve()
        team = self.overview()
        self.assertEqual(team.care_commission_count, 2)
        self.assertEqual(team.care_commission_amount, 70.0)
        found = self.env["care.referral.commission"].search(
            team.action_care_commissions()["domain"]
        )
        self.assertEqual(len(found), 2)
        self.assertEqual(self.overview(self.other_team).care_commission_count, 0)

    @freeze_time("2026-12-10 10:00:00")
    def test_complaint_counters_per_team(self):
        self.company.care_complaint_late_days = 2
        Complaint = self.env["care.complaint"]
        values = {"partner_id": self.stranger.id, "team_id": self.team.id}
        late = Complaint.create(
            dict(values, name="Late one", date_received=datetime(2026, 12, 1, 9))
        )
        Complaint.create(
            dict(values, name="Recent one", date_received=datetime(2026, 12, 9, 9))
        )
        Complaint.create(
            dict(
                values,
                name="Other team",
                team_id=self.other_team.id,
                date_received=datetime(2026, 12, 1, 9),
            )
        )
        self.company.care_compensation_limit = 10.0
        compensation = self.env["care.complaint.compensation"].create(
            {"complaint_id": late.id, "name": "Discount", "amount": 50.0}
        )
        compensation.with_user(self.user_care).action_submit()
        self.assertEqual(compensation.state, "to_approve")
        team = self.overview()
        self.assertEqual(team.care_complaint_count, 2)
        self.assertEqual(team.care_complaint_late_count, 1)
        self.assertEqual(team.care_compensation_count, 1)
        self.assertEqual(
            Complaint.search(team.action_care_late_complaints()["domain"]), late
        )
        self.assertEqual(self.overview(self.other_team).care_compensation_count, 0)
        graph = json.loads(team.care_dashboard_graph_data)[0]["values"]
        self.assertEqual(len(graph), 12)
        self.assertEqual(graph[-1]["value"], 2)
        self.assertEqual(graph[-1]["label"], "Dec 26")
        self.assertEqual(sum(v["value"] for v in graph[:-1]), 0)

    def test_current_review_and_standards_not_acknowledged(self):
        Review = self.env["care.cascade.review"]
        closed = Review.create(
            {
                "team_id": self.team.id,
                "date_start": "2026-10-01",
                "date_end": "2026-10-31",
            }
        )
        closed.action_start()
        closed.action_close()
        self.assertEqual(self.overview().care_review_id, closed)
        current = Review.create(
            {
                "team_id": self.team.id,
                "date_start": "2026-11-01",
                "date_end": "2026-11-30",
            }
        )
        current.action_start()
        Review.create(
            {
                "team_id": self.team.id,
                "date_start": "2026-12-01",
                "date_end": "2026-12-31",
            }
        )  # a draft is not worked on yet
        self.assertEqual(self.overview().care_review_id, current)
        standard = self.env["care.service.standard"].create(
            {"name": "Answer within two rings", "company_id": False}
        )
        team = self.overview()
        self.assertEqual(
            team.care_pending_ack_user_ids, self.user_care | self.user_care_manager
        )
        standard.with_user(self.user_care).action_acknowledge()
        self.assertEqual(
            self.overview().care_pending_ack_user_ids, self.user_care_manager
        )
        # A new version must be acknowledged again.
        standard.name = "Answer within three rings"
        self.assertEqual(
            self.overview().care_pending_ack_user_ids,
            self.user_care | self.user_care_manager,
        )

    def test_queries_do_not_grow_with_teams(self):
        Team = self.env["crm.team"]
        teams = Team.create(
            [
                {
                    "name": f"Team {n}",
                    "member_ids": [Command.link(self.user_care.id)],
                    "company_id": self.company.id,
                }
                for n in range(2)
            ]
        )
        more = teams | Team.create(
            [
                {
                    "name": f"More {n}",
                    "member_ids": [Command.link(self.user_care_2.id)],
                    "company_id": self.company.id,
                }
                for n in range(6)
            ]
        )
        fields = [
            "care_action_overdue_count",
            "care_birthday_count",
            "care_commission_count",
            "care_complaint_count",
            "care_complaint_late_count",
            "care_compensation_count",
            "care_review_element_progress",
            "care_pending_ack_user_ids",
            "care_dashboard_graph_data",
        ]

        def count_queries(records):
            records = records.with_user(self.user_care_manager)
            records.invalidate_recordset()
            self.env.flush_all()
            before = self.env.cr.sql_log_count
            records.read(fields)
            return self.env.cr.sql_log_count - before

        count_queries(teams)  # warm the caches
        self.assertEqual(count_queries(teams), count_queries(more))
