from freezegun import freeze_time

from odoo import Command
from odoo.tests import tagged

from .common import ComplaintCommon, make_user
from .test_complaint_intake import MAIL

# 09:30 UTC: a Monday afternoon in Ho Chi Minh City, on the standard 40 hours.
MONDAY = "2026-11-23 09:30:00"
SATURDAY = "2026-11-28 09:30:00"


@tagged("post_install", "-at_install")
class TestComplaintAssignment(ComplaintCommon):
    """Complaints by e-mail or from the portal go to someone on arrival: the
    customer's salesperson, else a member of the team by its method; members
    away are skipped."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        domain = cls.env["mail.alias.domain"].create({"name": "assign.example.com"})
        cls.company.alias_domain_id = domain
        cls.team_a.care_complaint_alias_name = "complaints-assign"
        groups = "base.group_user,customer_care.group_care_user"
        cls.members = [
            make_user(cls.env, f"care_member_{i}", f"Member {i}", groups, cls.company)
            for i in range(4)
        ]
        for member in cls.members:
            member.tz = "Asia/Ho_Chi_Minh"
        cls.team_a.member_ids = [Command.set([m.id for m in cls.members])]
        cls.calendar = cls.company.resource_calendar_id
        cls.sent = 0

    def receive(self, sender):
        self.sent += 1
        raw = MAIL.format(
            sender=sender,
            sender_name="Someone",
            to="complaints-assign@assign.example.com",
            subject=f"Complaint {self.sent}",
            msg_id=f"<assign-{self.sent}@example.com>",
            extra="",
            body="Nothing works.",
        )
        complaint_id = self.env["mail.thread"].message_process(None, raw)
        return self.env["care.complaint"].browse(complaint_id)

    def unknown(self, count):
        return [self.receive(f"stranger{i}@example.net") for i in range(count)]

    def day_off(self, user, day="2026-11-23"):
        resource = self.env["resource.resource"].create(
            {
                "name": user.name,
                "user_id": user.id,
                "calendar_id": self.calendar.id,
                "company_id": self.company.id,
                "tz": user.tz,
            }
        )
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Day off",
                "resource_id": resource.id,
                "calendar_id": self.calendar.id,
                "date_from": f"{day} 00:00:00",
                "date_to": f"{day} 12:00:00",
                "time_type": "leave",
            }
        )

    @freeze_time(MONDAY)
    def test_round_robin(self):
        self.team_a.care_assignment_method = "round_robin"
        m0, m1, m2, m3 = self.members
        got = self.unknown(5)
        self.assertEqual([c.user_id for c in got], [m0, m1, m2, m3, m0])
        self.assertEqual({c.team_id for c in got}, {self.team_a})
        self.assertEqual(self.team_a.care_last_assigned_id, m0)

    @freeze_time(MONDAY)
    def test_fewest_open_complaints(self):
        self.team_a.care_assignment_method = "balanced"
        m0, m1, m2, m3 = self.members
        for user, count in ((m0, 2), (m1, 1), (m3, 3)):
            for _index in range(count):
                self.make_complaint(user_id=user.id, team_id=self.team_a.id)
        # An open complaint in another team counts too: the member's whole load
        # in the company.
        self.make_complaint(user_id=m2.id, team_id=self.team_b.id)
        got = self.unknown(4)
        # Loads 2/1/1/3, then 2/2/1/3, 2/2/2/3, 3/2/2/3: ties to the first member.
        self.assertEqual([c.user_id for c in got], [m1, m2, m0, m1])

    @freeze_time(MONDAY)
    def test_manual_leaves_it_to_the_leader(self):
        self.team_a.care_assignment_method = "manual"
        (complaint,) = self.unknown(1)
        self.assertEqual(complaint.team_id, self.team_a)
        self.assertFalse(complaint.user_id)

    @freeze_time(MONDAY)
    def test_members_away_are_skipped(self):
        self.team_a.care_assignment_method = "round_robin"
        m0, m1, m2, m3 = self.members
        m0.active = False
        m1.groups_id = [Command.set(self.env.ref("base.group_user").ids)]
        self.day_off(m2)
        self.assertEqual(
            self.env["res.users"]
            .browse([m.id for m in self.members])
            ._care_available_today(self.company),
            m3,
        )
        got = self.unknown(2)
        self.assertEqual([c.user_id for c in got], [m3, m3])
        # The day after the time off, the member is back.
        with freeze_time("2026-11-24 09:30:00"):
            (complaint,) = self.unknown(1)
        self.assertEqual(complaint.user_id, m2)

    @freeze_time(SATURDAY)
    def test_nobody_at_work_on_saturday(self):
        self.team_a.care_assignment_method = "balanced"
        (complaint,) = self.unknown(1)
        self.assertEqual(complaint.team_id, self.team_a)
        self.assertFalse(complaint.user_id)

    @freeze_time(MONDAY)
    def test_the_customers_salesperson_takes_it(self):
        self.team_a.care_assignment_method = "round_robin"
        (self.customer | self.customer_company).user_id = self.user_care_2
        complaint = self.receive(self.customer.email)
        self.assertEqual(complaint.partner_id, self.customer)
        self.assertEqual(complaint.user_id, self.user_care_2)
        self.assertEqual(complaint.team_id, self.team_b)
        # A salesperson outside Customer Care: the alias's team by its method.
        (self.customer | self.customer_company).user_id = self.user_employee
        complaint = self.receive(self.customer.email)
        self.assertEqual(complaint.user_id, self.members[0])
        self.assertEqual(complaint.team_id, self.team_a)
        # A salesperson of Customer Care on leave today: the same.
        (self.customer | self.customer_company).user_id = self.members[3]
        self.day_off(self.members[3])
        complaint = self.receive(self.customer.email)
        self.assertEqual(complaint.user_id, self.members[1])

    @freeze_time(MONDAY)
    def test_logged_complaints_keep_who_logs_them(self):
        self.team_a.care_assignment_method = "round_robin"
        complaint = (
            self.env["care.complaint"]
            .with_user(self.user_care_2)
            .create(
                {
                    "name": "Logged by phone",
                    "partner_id": self.customer.id,
                    "team_id": self.team_b.id,
                }
            )
        )
        self.assertEqual(complaint.user_id, self.user_care_2)
        self.assertFalse(self.team_a.care_last_assigned_id)
