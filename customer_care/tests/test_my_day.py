from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import CascadeCommon


@tagged("post_install", "-at_install")
class TestMyDay(CascadeCommon):
    """My Day lists a person's own work, oldest first, and its buttons act on the
    records with the person's own rights."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["care.service.standard"].search([]).active = False
        cls.gift = cls.env.ref("customer_care.care_loyalty_action_type_gift")
        cls.greeting = cls.env.ref("customer_care.care_loyalty_action_type_greeting")
        cls.prospect.email = "mai@example.com"

    def plan(self, action_type, planned_date, user=None):
        return self.env["care.loyalty.action"].create(
            {
                "partner_id": self.prospect.id,
                "type_id": action_type.id,
                "planned_date": planned_date,
                "user_id": (user or self.user_care).id,
            }
        )

    def my_day(self, user=None, tz="Asia/Ho_Chi_Minh"):
        return (
            self.env["care.my.day"]
            .with_user(user or self.user_care)
            .with_context(tz=tz)
            .search([])
        )

    @freeze_time("2026-12-01 18:00:00")  # 2 December in Ho Chi Minh City
    def test_own_work_of_each_kind_oldest_first(self):
        late = self.plan(self.gift, "2026-11-20")
        today_vn = self.plan(self.gift, "2026-12-01")
        later = self.plan(self.greeting, "2026-12-05")
        self.plan(self.gift, "2026-11-01", user=self.user_care_2)
        done = self.plan(self.gift, "2026-11-02")
        done.action_done()
        review = self.make_review(start="2026-11-01", end="2026-11-30")
        review.action_start()
        line = self.line_of(review, self.item_standards)
        line.write({"user_id": self.user_care.id, "deadline": "2026-11-28"})
        self.line_of(review, self.item_abilities).user_id = self.user_care_2
        complaint = self.env["care.complaint"].create(
            {
                "name": "Slow delivery",
                "partner_id": self.prospect.id,
                "user_id": self.user_care.id,
                "team_id": self.team_a.id,
                "date_received": datetime(2026, 11, 30, 9),
            }
        )
        standards = self.env["care.service.standard"].create(
            [{"name": "Smile"}, {"name": "Answer in two rings"}]
        )
        self.env["care.service.standard"].create(
            {"name": "Company B only", "company_id": self.company_2.id}
        )
        work = self.my_day()
        self.assertEqual(
            [(w.kind, w._care_source()) for w in work],
            [
                ("loyalty", late),
                ("line", line),
                ("loyalty", today_vn),
                ("complaint", complaint),
                ("loyalty", later),
                ("standard", standards),
            ],
        )
        self.assertEqual(
            work.mapped("is_overdue"), [True, True, True, False, False, False]
        )
        # In UTC it is still 1 December: the action of the day is not overdue.
        self.assertFalse(self.my_day(tz="UTC")[2].is_overdue)
        self.assertEqual(work[1].name, f"Standards signed ({review.display_name})")
        # One row for the standards to read, in the person's company.
        self.assertEqual(
            (work[5].name, work[5].standard_count, work[5].company_id),
            ("2 service standards to read", 2, self.company),
        )
        # Complaints fall due when they become late (2 days after receipt).
        self.assertEqual(str(work[3].date), "2026-12-02")
        self.assertEqual(
            self.my_day(self.user_care_2).mapped("kind"),
            ["loyalty", "line", "standard"],
        )

    def test_buttons_act_on_the_records(self):
        call = self.plan(self.gift, "2026-11-20")
        mail = self.plan(self.greeting, "2026-11-21")
        standard = self.env["care.service.standard"].create({"name": "Smile"})
        work = {w._care_source(): w for w in self.my_day()}
        self.assertEqual(work[standard].name, "A service standard to read")
        with self.assertRefused(UserError, "Only loyalty actions"):
            work[standard].action_done()
        with self.assertRefused(UserError, "Only service standards"):
            work[call].action_acknowledge()
        opened = work[call].action_open()
        self.assertEqual((opened["res_model"], opened["res_id"]), (call._name, call.id))
        opened = work[standard].action_open()
        self.assertEqual(
            (opened["res_model"], opened["domain"]),
            ("care.service.standard", [("id", "in", standard.ids)]),
        )
        work[call].action_done()
        self.assertEqual(call.state, "done")
        work[mail].action_send()
        self.assertEqual(mail.state, "done")
        work[standard].action_acknowledge()
        self.assertTrue(standard.with_user(self.user_care).acknowledged)
        self.assertFalse(self.my_day())

    def test_only_ones_own_rows_and_companies(self):
        self.plan(self.gift, "2026-11-20", user=self.user_care_2)
        self.env["care.service.standard"].create(
            {"name": "Company B only", "company_id": self.company_2.id}
        )
        self.assertFalse(self.my_day())
        # Even searching for another person's rows finds nothing.
        self.assertFalse(
            self.env["care.my.day"]
            .with_user(self.user_care)
            .search([("user_id", "=", self.user_care_2.id)])
        )
        other = self.my_day(self.user_care_company_2)
        self.assertEqual(other._care_source().name, "Company B only")

    def test_a_row_per_person_and_company(self):
        self.env["care.service.standard"].create([{"name": "Smile"}, {"name": "Nod"}])
        rows = self.env["care.my.day"].sudo().search([("kind", "=", "standard")])
        users = self.user_care | self.user_care_2
        mine = rows.filtered(lambda w: w.user_id in users)
        self.assertEqual(mine.user_id, users)
        self.assertEqual(mine.mapped("standard_count"), [2, 2])
        self.assertEqual(len(set(rows.ids)), len(rows))

    def test_acknowledge_all_signs_each_standard_once(self):
        standards = self.env["care.service.standard"].create(
            [{"name": "Smile"}, {"name": "Nod"}, {"name": "Listen"}]
        )
        standards[0].with_user(self.user_care).action_acknowledge()
        row = self.my_day().filtered(lambda w: w.kind == "standard")
        self.assertEqual(row.standard_count, 2)
        row.action_acknowledge()
        self.assertEqual(
            standards.with_user(self.user_care).mapped("acknowledged"),
            [True, True, True],
        )
        acks = self.env["care.service.standard.ack"].search(
            [("standard_id", "in", standards.ids), ("user_id", "=", self.user_care.id)]
        )
        self.assertEqual(len(acks), 3)
        # Nobody else signed: the other person's row is still there.
        self.assertEqual(
            self.my_day(self.user_care_2)
            .filtered(lambda w: w.kind == "standard")
            .standard_count,
            3,
        )

    def test_reads_the_changes_not_yet_written(self):
        # The view reads the tables: pending changes are flushed before it does.
        action = self.plan(self.gift, "2026-11-20")
        self.env.flush_all()
        action.planned_date = "2026-11-25"
        # Starting the review leaves its lines' stored state to recompute.
        review = self.make_review(start="2026-11-01", end="2026-11-30")
        review.action_start()
        line = self.line_of(review, self.item_standards)
        line.user_id = self.user_care
        work = self.my_day()
        self.assertEqual(str(work.loyalty_action_id.planned_date), "2026-11-25")
        self.assertEqual(
            work.filtered(lambda w: w.loyalty_action_id).date.isoformat(), "2026-11-25"
        )
        self.assertEqual(work.review_line_id, line)
