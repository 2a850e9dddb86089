from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import ReferralCommon


@tagged("post_install", "-at_install")
class TestRetentionReport(ReferralCommon):
    """Who bought again after a complaint resolved quickly, slowly or not at all,
    and after a first purchase without complaint; the TARP estimates next to
    it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write(
            {
                "care_complaint_late_days": 2,
                "care_retention_months": 12,
                "care_tarp_silent_per_complaint": 25,
                "care_tarp_told_unhappy": 10,
                "care_tarp_told_resolved": 5,
                "care_tarp_sales_multiplier": 25,
            }
        )
        # "Slow" here is the company's delay: no measured standard applies
        # (the demo's standards would start clocks on these complaints).
        cls.env["care.service.standard"].search([]).active = False
        cls.team = cls.env["crm.team"].create(
            {"name": "Retention Team", "member_ids": [(4, cls.user_care.id)]}
        )
        Partner = cls.env["res.partner"]
        cls.quick, cls.slow, cls.unresolved, cls.loyal, cls.once, cls.late = (
            Partner.create({"name": name})
            for name in ("Quick", "Slow", "Unresolved", "Loyal", "Once", "Recent")
        )
        cls.customers = (
            cls.quick | cls.slow | cls.unresolved | cls.loyal | cls.once | cls.late
        )
        cls.Report = cls.env["care.retention.report"]

    def complaint(self, partner, received, resolved=None, **vals):
        complaint = self.env["care.complaint"].create(
            {
                "name": f"Complaint of {partner.name}",
                "partner_id": partner.id,
                "team_id": self.team.id,
                "user_id": self.user_care.id,
                "date_received": received,
                **vals,
            }
        )
        if resolved:
            complaint.sudo().date_resolved = resolved
        return complaint

    def invoices(self, partner, *rows):
        return [self.make_invoice(partner, amount, date) for date, amount in rows]

    def rows(self, user=None, **domain):
        self.Report._care_refresh()
        Report = self.Report.with_user(user) if user else self.Report
        return Report.search(
            [("partner_id", "in", self.customers.ids)]
            + [(key, "=", value) for key, value in domain.items()]
        )

    def make_history(self):
        self.complaint(self.quick, "2026-01-10 09:00:00", "2026-01-11 17:00:00")
        self.invoices(self.quick, ("2026-03-01", 1000))
        self.make_invoice(self.quick, 200, "2026-03-15", move_type="out_refund")
        self.complaint(self.slow, "2026-01-10 09:00:00", "2026-01-20 09:00:00")
        self.invoices(self.slow, ("2025-12-01", 500))
        self.complaint(self.unresolved, "2026-01-10 09:00:00")
        # Within the year before (at risk), older, and after the window.
        self.invoices(
            self.unresolved,
            ("2025-06-01", 400),
            ("2024-12-01", 300),
            ("2027-02-01", 900),
        )
        # Never complained: a second invoice the first's day does not count.
        self.invoices(
            self.loyal, ("2026-02-01", 100), ("2026-02-01", 50), ("2026-05-01", 70)
        )
        self.invoices(self.once, ("2026-02-01", 100))

    @freeze_time("2027-06-01")
    def test_segments_bought_again_and_invoiced_after(self):
        self.make_history()
        got = {
            row.partner_id: (row.segment, row.bought_again, row.revenue_after)
            for row in self.rows()
        }
        self.assertEqual(
            got,
            {
                self.quick: ("quick", 1, 800.0),
                self.slow: ("slow", 0, 0.0),
                self.unresolved: ("unresolved", 0, 0.0),
                self.loyal: ("never", 1, 70.0),
                self.once: ("never", 0, 0.0),
            },
        )
        loyal = self.rows(segment="never", bought_again=1)
        self.assertEqual(str(loyal.date_anchor), "2026-02-01")
        self.assertEqual(str(loyal.window_end), "2027-02-01")
        self.assertEqual(
            (loyal.team_id, loyal.complaint_id.id), (self.team.browse(), False)
        )
        # The pivot's figures per segment.
        shares = dict(
            self.Report._read_group(
                [("partner_id", "in", self.customers.ids)],
                ["segment"],
                ["repurchase_rate:avg"],
            )
        )
        self.assertEqual(
            shares, {"quick": 100.0, "slow": 0.0, "unresolved": 0.0, "never": 50.0}
        )

    @freeze_time("2027-06-01")
    def test_a_shorter_window_and_the_quick_threshold(self):
        self.make_history()
        self.company.care_retention_months = 1  # the quick one bought in March
        self.assertEqual(self.rows(partner_id=self.quick.id).bought_again, 0)
        self.company.care_complaint_late_days = 10  # the slow one was quick then
        self.assertEqual(self.rows(partner_id=self.slow.id).segment, "quick")

    @freeze_time("2027-06-01")
    def test_a_breached_standard_is_slow_within_the_delay(self):
        """Late has one meaning: resolved within the company's delay, but after
        a measured standard was breached, is resolved slowly."""
        self.make_history()
        self.assertEqual(self.rows(partner_id=self.quick.id).segment, "quick")
        standard = self.env["care.service.standard"].create(
            {
                "name": "Answer within 4 business hours",
                "measure": "first_reply",
                "applies_to": "complaint",
                "target_value": 4,
                "target_unit": "business_hours",
                "company_id": False,
            }
        )
        complaint = self.env["care.complaint"].search(
            [("partner_id", "=", self.quick.id)]
        )
        complaint._care_start_clocks(
            [
                {
                    "standard": standard,
                    "document": complaint,
                    "start": complaint.date_received,
                }
            ]
        )
        complaint.sudo().care_deadline_ids.state = "breached"
        self.assertTrue(complaint.care_deadline_breached)
        self.assertEqual(self.rows(partner_id=self.quick.id).segment, "slow")

    @freeze_time("2027-06-01")
    def test_recent_rows_wait_for_their_window(self):
        self.complaint(self.late, "2027-05-01 09:00:00", "2027-05-01 12:00:00")
        row = self.rows(partner_id=self.late.id)
        self.assertFalse(row.window_complete)
        action = self.env.ref("customer_care.care_retention_report_action")
        self.assertIn("search_default_window_complete", action.context)

    @freeze_time("2027-06-01")
    def test_estimates_from_the_real_complaints(self):
        self.make_history()
        self.Report._care_refresh()
        [(silent, told, at_risk)] = self.Report._read_group(
            [("partner_id", "in", self.customers.ids)],
            [],
            [
                "estimate_silent:sum",
                "estimate_people_told:sum",
                "estimate_sales_at_risk:sum",
            ],
        )
        # 3 complaints x 25 silent; 10 told by the unresolved one, 5 by each
        # resolved; the unresolved customer's 400 of the year before x 25.
        self.assertEqual((silent, told, at_risk), (75.0, 20.0, 10000.0))
        self.company.write(
            {"care_tarp_silent_per_complaint": 24, "care_tarp_told_unhappy": 9}
        )
        self.Report._care_refresh()
        [(silent, told)] = self.Report._read_group(
            [("partner_id", "in", self.customers.ids)],
            [],
            ["estimate_silent:sum", "estimate_people_told:sum"],
        )
        self.assertEqual((silent, told), (72.0, 19.0))

    def test_settings_refuse_what_cannot_be(self):
        with self.assertRaisesRegex(ValidationError, "at least one month"):
            self.company.care_retention_months = 0
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            self.company.care_tarp_sales_multiplier = -1

    @freeze_time("2027-06-01")
    def test_rights_follow_teams_and_companies(self):
        self.make_history()
        other_team = self.env["crm.team"].create({"name": "Other Retention Team"})
        mine = self.rows(user=self.user_care)
        self.assertEqual(mine.partner_id, self.quick | self.slow | self.unresolved)
        self.rows(partner_id=self.slow.id).complaint_id.team_id = other_team
        self.rows(partner_id=self.slow.id).complaint_id.user_id = self.user_care_2
        self.assertEqual(
            self.rows(user=self.user_care).partner_id, self.quick | self.unresolved
        )
        self.assertEqual(
            self.rows(user=self.user_care_manager).partner_id,
            self.quick | self.slow | self.unresolved | self.loyal | self.once,
        )
        company_2 = self.env["res.company"].create({"name": "Retention Company B"})
        self.complaint(
            self.late, "2026-01-10 09:00:00", company_id=company_2.id, team_id=False
        )
        self.assertNotIn(self.late, self.rows(user=self.user_care_manager).partner_id)
        self.assertIn(self.late, self.rows().partner_id)

    def test_opening_has_old_figures_recomputed_in_the_background(self):
        cron = self.env.ref("customer_care.ir_cron_care_refresh_retention")
        Trigger = self.env["ir.cron.trigger"].sudo()
        self.user_care.tz = "Asia/Ho_Chi_Minh"
        Report = self.Report.with_user(self.user_care)
        with freeze_time("2027-06-01 08:00:00"):
            self.Report._care_refresh()
            self.complaint(self.late, "2027-05-01 09:00:00")
            self.env.flush_all()
        with freeze_time("2027-06-01 08:30:00"):
            action = Report.action_open_report()
            self.assertEqual(action["res_model"], "care.retention.report")
            # The name says when the figures were computed, in the user's zone
            # (08:00 UTC is 15:00 in Ho Chi Minh City).
            self.assertRegex(
                action["name"], r"^Retention \(figures of 6/1/27, 3:00\sPM\)$"
            )
            self.assertFalse(Trigger.search([("cron_id", "=", cron.id)]))
        with freeze_time("2027-06-01 09:01:00"):
            Report.action_open_report()
            trigger = Trigger.search([("cron_id", "=", cron.id)])
            self.assertEqual(trigger.call_at, fields.Datetime.now())
            # Opening did not wait for the figures: the cron computes them.
            self.assertFalse(self.Report.search([("partner_id", "=", self.late.id)]))
            cron.method_direct_trigger()
            self.assertTrue(self.Report.search([("partner_id", "=", self.late.id)]))
