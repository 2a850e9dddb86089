from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import ComplaintCommon


@tagged("post_install", "-at_install")
class TestComplaintCauses(ComplaintCommon):
    def test_cause_tree(self):
        people = self.env.ref("customer_care.care_complaint_cause_people")
        attitude = self.env.ref("customer_care.care_complaint_cause_people_attitude")
        self.assertEqual(attitude.display_name, "People / Indifferent or Poor Attitude")
        with self.assertRaisesRegex(UserError, "Recursion"):
            people.parent_id = attitude

    def test_recurring_causes_by_category_and_month(self):
        cause = {
            code: self.env.ref(f"customer_care.care_complaint_cause_{code}")
            for code in ("people", "process", "training")
        }
        rows = [
            ("2026-09-03", self.category_staff, ["people", "training"]),
            ("2026-09-20", self.category_staff, ["people"]),
            ("2026-10-05", self.category_delivery, ["process"]),
            ("2026-10-06", self.category_staff, ["people"]),
        ]
        complaints = self.env["care.complaint"]
        for day, category, codes in rows:
            complaints |= self.make_complaint(
                date_received=f"{day} 10:00:00",
                category_id=category.id,
                cause_ids=[Command.set([cause[c].id for c in codes])],
            )
        groups = self.env["care.complaint"]._read_group(
            [("id", "in", complaints.ids)],
            ["cause_ids", "category_id", "date_received:month"],
            ["__count"],
        )
        table = {
            (c.name, cat.name, month.strftime("%Y-%m")): count
            for c, cat, month, count in groups
        }
        self.assertEqual(
            table,
            {
                ("People", "Staff Attitude", "2026-09"): 2,
                ("People", "Staff Attitude", "2026-10"): 1,
                ("Training", "Staff Attitude", "2026-09"): 1,
                ("Process", "Delivery", "2026-10"): 1,
            },
        )

    @freeze_time("2026-11-10")
    def test_measures(self):
        complaint = self.make_complaint()
        measure = self.env["care.complaint.measure"].create(
            {
                "complaint_id": complaint.id,
                "name": "Phone etiquette training",
                "kind": "preventive",
                "cause_id": self.env.ref(
                    "customer_care.care_complaint_cause_training"
                ).id,
                "date_deadline": "2026-11-09",
                "effectiveness_date": "2027-02-01",
            }
        )
        self.assertTrue(measure.is_overdue)
        with self.assertRaisesRegex(UserError, "once it is done"):
            measure.action_effective()
        measure.with_user(self.user_care).action_done()
        self.assertEqual(str(measure.date_done), "2026-11-10")
        self.assertFalse(measure.is_overdue)
        measure.action_not_effective()
        self.assertEqual(measure.effectiveness, "not_effective")
        self.assertEqual(measure.company_id, complaint.company_id)
