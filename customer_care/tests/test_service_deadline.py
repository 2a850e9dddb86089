from datetime import datetime
from unittest.mock import patch

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from odoo.addons.customer_care.business_time import BusinessTime

from .common import CascadeCommon

# 2026-12-04 is a Friday. The calendar works 8:00-12:00 and 13:00-17:00 in
# Ho Chi Minh City (UTC+7), Monday to Friday; the server counts in UTC.
FRIDAY_16H_LOCAL = datetime(2026, 12, 4, 9, 0)


@tagged("post_install", "-at_install")
class TestServiceDeadline(CascadeCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        # The shipped measured standards are archived: each test makes its own.
        env["care.service.standard"].search([("measure", "!=", False)]).active = False
        # The demo data's clocks are left out of the crons run here.
        env["care.service.deadline"].search([]).state = "stopped"
        cls.calendar = env["resource.calendar"].create(
            {
                "name": "Ho Chi Minh City office",
                "tz": "Asia/Ho_Chi_Minh",
                "company_id": cls.company.id,
                "attendance_ids": [Command.clear()]
                + [
                    Command.create(
                        {
                            "name": f"{day} {period}",
                            "dayofweek": str(day),
                            "hour_from": start,
                            "hour_to": stop,
                            "day_period": period,
                        }
                    )
                    for day in range(5)
                    for period, start, stop in (
                        ("morning", 8, 12),
                        ("afternoon", 13, 17),
                    )
                ],
            }
        )
        cls.team_a.care_resource_calendar_id = cls.calendar
        cls.company.care_deadline_warning_percent = 75
        cls.customer = env["res.partner"].create(
            {"name": "Minh Customer", "email": "minh@example.com"}
        )

    def _standard(self, measure="first_reply", value=4, unit="business_hours", **vals):
        return self.env["care.service.standard"].create(
            {
                "name": f"{measure} within {value} {unit}",
                "measure": measure,
                "applies_to": "complaint",
                "target_value": value,
                "target_unit": unit,
                "company_id": False,
                **vals,
            }
        )

    def _complaint(self, received=FRIDAY_16H_LOCAL, **vals):
        # Received now: a complaint is never received in the future.
        with freeze_time(received):
            return self._create_complaint(received, **vals)

    def _create_complaint(self, received, **vals):
        return self.env["care.complaint"].create(
            {
                "name": "Late delivery",
                "partner_id": self.customer.id,
                "team_id": self.team_a.id,
                "user_id": self.user_care.id,
                "channel": "phone",
                "date_received": received,
                **vals,
            }
        )

    def _reply(self, record, user=None):
        return record.with_user(user or self.user_care).message_post(
            body="We are on it.",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )

    def _customer_writes(self, record):
        return record.message_post(
            body="Any news?",
            author_id=self.customer.id,
            message_type="email",
            subtype_xmlid="mail.mt_comment",
        )

    # ------------------------------------------------------------
    # Business time
    # ------------------------------------------------------------

    def test_business_time_counts_worked_hours_only(self):
        time = BusinessTime(
            [
                (datetime(2026, 12, 7, 1), datetime(2026, 12, 7, 5)),
                (datetime(2026, 12, 7, 6), datetime(2026, 12, 7, 10)),
            ]
        )
        self.assertEqual(
            time.hours_between(datetime(2026, 12, 7, 0), datetime(2026, 12, 7, 7)), 5
        )
        self.assertEqual(
            time.add_hours(datetime(2026, 12, 7, 4), 2), datetime(2026, 12, 7, 7)
        )
        self.assertEqual(
            time.add_hours(datetime(2026, 12, 7, 5, 30), 4), datetime(2026, 12, 7, 10)
        )
        self.assertIsNone(time.add_hours(datetime(2026, 12, 7, 4), 8))
        self.assertEqual(
            BusinessTime().add_hours(datetime(2026, 12, 7, 4), 30),
            datetime(2026, 12, 8, 10),
        )

    def test_deadline_across_the_weekend(self):
        self._standard()
        deadline = self._complaint().care_deadline_ids
        # One hour on Friday, three on Monday morning: 11:00 local is 04:00 UTC.
        self.assertEqual(deadline.deadline, datetime(2026, 12, 7, 4, 0))
        self.assertEqual(deadline.state, "running")
        self.assertEqual(deadline.calendar_id, self.calendar)
        self.assertEqual(deadline.target_hours, 4)
        # 75 % of 4 hours: the third hour ends on Monday at 10:00 local.
        self.assertEqual(deadline.date_warning, datetime(2026, 12, 7, 3, 0))

    def test_deadline_skips_a_public_holiday(self):
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Public holiday",
                "calendar_id": self.calendar.id,
                # Monday 7 December, the whole local day.
                "date_from": datetime(2026, 12, 6, 17, 0),
                "date_to": datetime(2026, 12, 7, 16, 59, 59),
            }
        )
        self._standard()
        deadline = self._complaint().care_deadline_ids
        self.assertEqual(deadline.deadline, datetime(2026, 12, 8, 4, 0))

    def test_deadline_received_at_night_and_over_lunch(self):
        self._standard(value=5)
        # Wednesday 22:00 local: counting starts on Thursday at 8:00; four hours
        # in the morning, the fifth after lunch, until 14:00 local.
        deadline = self._complaint(received=datetime(2026, 12, 2, 15, 0))
        self.assertEqual(
            deadline.care_deadline_ids.deadline, datetime(2026, 12, 3, 7, 0)
        )

    def test_days_are_working_days_and_hours_run_round_the_clock(self):
        self._standard(measure="resolution", value=2, unit="days")
        self._standard(measure="first_reply", value=30, unit="minutes")
        deadlines = self._complaint().care_deadline_ids
        by_measure = {d.measure: d for d in deadlines}
        # Two days of 8 hours: 1 hour Friday, 8 Monday, 7 Tuesday (16:00 local).
        self.assertEqual(by_measure["resolution"].deadline, datetime(2026, 12, 8, 9, 0))
        self.assertEqual(
            by_measure["first_reply"].deadline, datetime(2026, 12, 4, 9, 30)
        )
        self.assertFalse(by_measure["first_reply"].calendar_id)

    def test_company_hours_without_team_hours(self):
        self.company.resource_calendar_id = self.calendar
        self.team_a.care_resource_calendar_id = False
        self._standard()
        self.assertEqual(self._complaint().care_deadline_ids.calendar_id, self.calendar)

    # ------------------------------------------------------------
    # What applies
    # ------------------------------------------------------------

    def test_filters_of_the_standard(self):
        urgent = self._standard(priority="2")
        by_email = self._standard(channel="email")
        internal = self._standard(customer_kind="internal")
        complaint = self._complaint()
        self.assertFalse(complaint.care_deadline_ids)
        complaint.priority = "2"
        self.assertEqual(complaint.care_deadline_ids.standard_id, urgent)
        complaint.priority = "0"
        self.assertEqual(complaint.care_deadline_ids.state, "stopped")
        email = self._complaint(channel="email")
        self.assertEqual(email.care_deadline_ids.standard_id, by_email)
        colleague = self.env["res.partner"].create(
            {"name": "Warehouse", "care_customer_kind": "internal"}
        )
        inside = self._complaint(partner_id=colleague.id)
        self.assertEqual(inside.care_deadline_ids.standard_id, internal)

    def test_measured_standard_needs_a_measurable_target(self):
        with self.assertRaises(ValidationError):
            self._standard(value=2, unit="rings")
        with self.assertRaises(ValidationError):
            self._standard(value=0)
        with self.assertRaises(ValidationError):
            self._standard(measure="resolution", applies_to="lead")

    # ------------------------------------------------------------
    # Reached by real messages
    # ------------------------------------------------------------

    def test_reply_reaches_the_first_reply_and_a_note_does_not(self):
        self._standard()
        complaint = self._complaint()
        deadline = complaint.care_deadline_ids
        with freeze_time("2026-12-07 02:00:00"):
            complaint.with_user(self.user_care).message_post(
                body="Called the warehouse.",
                message_type="comment",
                subtype_xmlid="mail.mt_note",
            )
            self._customer_writes(complaint)
            self.assertEqual(deadline.state, "running")
            reply = self._reply(complaint)
        self.assertEqual(deadline.state, "met")
        self.assertEqual(deadline.reply_id, reply)
        self.assertEqual(deadline.date_reached, datetime(2026, 12, 7, 2, 0))
        # Friday 16:00-17:00 and Monday 8:00-9:00 local.
        self.assertAlmostEqual(deadline.hours_used, 2.0, places=4)
        self.assertFalse(complaint.care_deadline_breached)

    def test_every_reply_opens_a_clock_per_customer_message(self):
        standard = self._standard(measure="next_reply", value=8)
        complaint = self._complaint()
        with freeze_time("2026-12-07 02:00:00"):
            self._reply(complaint)
        with freeze_time("2026-12-07 03:00:00"):
            question = self._customer_writes(complaint)
        with freeze_time("2026-12-07 03:30:00"):
            self._customer_writes(complaint)
        clocks = complaint.care_deadline_ids.sorted("date_start")
        self.assertEqual(clocks.standard_id, standard)
        self.assertEqual(clocks.mapped("state"), ["met", "running"])
        self.assertEqual(clocks[1].message_id, question)
        # Monday 10:00 local plus 8 business hours: Tuesday 10:00 local.
        self.assertEqual(clocks[1].deadline, datetime(2026, 12, 8, 3, 0))
        with freeze_time("2026-12-07 04:00:00"):
            self._reply(complaint)
        self.assertEqual(clocks[1].state, "met")

    def test_update_interval_restarts_at_each_update(self):
        self._standard(measure="update", value=1, unit="days")
        complaint = self._complaint()
        with freeze_time("2026-12-07 02:00:00"):
            self._reply(complaint)
        clocks = complaint.care_deadline_ids.sorted("date_start")
        self.assertEqual(clocks.mapped("state"), ["met", "running"])
        self.assertEqual(clocks[1].date_start, datetime(2026, 12, 7, 2, 0))
        # Eight business hours from Monday 9:00 local: Tuesday 9:00 local.
        self.assertEqual(clocks[1].deadline, datetime(2026, 12, 8, 2, 0))

    def test_resolution_and_closing(self):
        self._standard(measure="resolution", value=16)
        self._standard()
        complaint = self._complaint()
        with freeze_time("2026-12-07 09:00:00"):
            complaint.sudo().date_resolved = datetime(2026, 12, 7, 9, 0)
        by_measure = {d.measure: d for d in complaint.care_deadline_ids}
        self.assertEqual(by_measure["resolution"].state, "met")
        self.assertAlmostEqual(by_measure["resolution"].hours_used, 8.0, places=4)
        self.assertEqual(by_measure["first_reply"].state, "running")
        complaint._reject("A duplicate of another complaint.")
        self.assertEqual(by_measure["first_reply"].state, "stopped")
        self.assertEqual(by_measure["resolution"].state, "met")

    def test_reopening_measures_the_resolution_again(self):
        self._standard(measure="resolution", value=16)
        complaint = self._complaint()
        with freeze_time("2026-12-07 09:00:00"):
            complaint.sudo().date_resolved = datetime(2026, 12, 7, 9, 0)
            complaint._reject("Resolved on the phone.")
        first = complaint.care_deadline_ids
        self.assertEqual(first.state, "met")
        with freeze_time("2026-12-08 02:00:00"):
            complaint.with_user(self.user_care).action_reopen()
        self.assertFalse(complaint.date_resolved)
        second = complaint.care_deadline_ids - first
        self.assertEqual(
            (second.state, second.date_start), ("running", datetime(2026, 12, 8, 2, 0))
        )
        # The first resolution keeps its figures; the new one is measured anew.
        self.assertEqual((first.state, first.hours_used), ("met", 8.0))
        self.assertEqual(complaint.care_due_date, second.deadline)
        with freeze_time("2026-12-08 04:00:00"):
            complaint.sudo().date_resolved = datetime(2026, 12, 8, 4, 0)
        self.assertEqual((second.state, second.hours_used), ("met", 2.0))

    # ------------------------------------------------------------
    # Pauses
    # ------------------------------------------------------------

    def test_waiting_on_the_customer_pauses_the_clock(self):
        self._standard(value=8)
        complaint = self._complaint().with_user(self.user_care)
        deadline = complaint.care_deadline_ids
        # Due Monday 16:00 local; paused on Monday at 10:00 local (3 hours used).
        self.assertEqual(deadline.deadline, datetime(2026, 12, 7, 9, 0))
        with freeze_time("2026-12-07 03:00:00"):
            complaint.action_wait_customer()
        self.assertEqual(deadline.state, "paused")
        self.assertAlmostEqual(deadline.hours_used, 3.0, places=4)
        self.assertTrue(complaint.care_waiting_customer)
        # The customer answers on Wednesday at 9:00 local: five hours are left.
        with freeze_time("2026-12-09 02:00:00"):
            self._customer_writes(complaint.sudo())
        self.assertFalse(complaint.care_waiting_customer)
        self.assertEqual(deadline.state, "running")
        self.assertEqual(deadline.deadline, datetime(2026, 12, 9, 8, 0))
        with freeze_time("2026-12-09 03:00:00"):
            self._reply(complaint)
        self.assertEqual(deadline.state, "met")
        self.assertAlmostEqual(deadline.hours_used, 4.0, places=4)

    def test_resume_by_hand(self):
        self._standard(value=8)
        complaint = self._complaint().with_user(self.user_care)
        with freeze_time("2026-12-07 03:00:00"):
            complaint.action_wait_customer()
        with freeze_time("2026-12-07 06:00:00"):
            complaint.action_resume()
        deadline = complaint.care_deadline_ids
        # Resumed Monday 13:00 local with five hours left: Tuesday 9:00 local.
        self.assertEqual(deadline.deadline, datetime(2026, 12, 8, 2, 0))
        self.assertEqual(deadline.state, "running")

    def test_a_breached_clock_stands_still_while_waiting(self):
        self._standard()
        complaint = self._complaint().with_user(self.user_care)
        deadline = complaint.care_deadline_ids
        with freeze_time("2026-12-07 05:00:00"):
            self.env["care.service.deadline"]._cron_check_deadlines()
        self.assertEqual(deadline.state, "breached")
        # Waits on the customer from Monday 13:00 local to Tuesday 9:00 local.
        with freeze_time("2026-12-07 06:00:00"):
            complaint.action_wait_customer()
        self.assertEqual((deadline.state, deadline.hours_used), ("breached", 5.0))
        self.assertTrue(complaint.care_deadline_breached)
        with freeze_time("2026-12-08 02:00:00"):
            complaint.action_resume()
        with freeze_time("2026-12-08 03:00:00"):
            self._reply(complaint)
        # Friday 16-17, Monday 8-12, Tuesday 9-10: six hours, not the eleven
        # from Friday 16:00 to Tuesday 10:00.
        self.assertEqual(deadline.state, "breached")
        self.assertAlmostEqual(deadline.hours_used, 6.0)

    def test_pauses_and_resumes_in_batches(self):
        self._standard(value=8)
        self._standard(measure="resolution", value=16)

        def queries(count):
            complaints = self.env["care.complaint"].browse(
                [self._complaint(name=f"Batch {i}").id for i in range(count)]
            )
            complaints = complaints.with_user(self.user_care)
            self.env.flush_all()
            self.env.invalidate_all()
            counts = []
            for action, moment in (
                ("action_wait_customer", "2026-12-07 03:00:00"),
                ("action_resume", "2026-12-07 06:00:00"),
            ):
                with freeze_time(moment):
                    before = self.env.cr.sql_log_count
                    getattr(complaints, action)()
                    self.env.flush_all()
                    counts.append(self.env.cr.sql_log_count - before)
            states = set(complaints.care_deadline_ids.mapped("state"))
            self.assertEqual(states, {"running"})
            return counts

        queries(1)  # the caches warm
        # One complaint or six (two clocks each): the same queries, the clocks'
        # writes flushed together.
        self.assertEqual(queries(1), queries(6))

    # ------------------------------------------------------------
    # Warnings and breaches
    # ------------------------------------------------------------

    def _deadline_activities(self, complaint):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "care.complaint"),
                ("res_id", "=", complaint.id),
                (
                    "activity_type_id",
                    "=",
                    self.env.ref("customer_care.mail_activity_type_care_deadline").id,
                ),
            ]
        )

    def test_warning_then_breach_then_late_reply(self):
        self._standard()
        complaint = self._complaint()
        deadline = complaint.care_deadline_ids
        Deadline = self.env["care.service.deadline"]
        with freeze_time("2026-12-07 02:59:00"):
            Deadline._cron_check_deadlines()
        self.assertFalse(self._deadline_activities(complaint))
        with freeze_time("2026-12-07 03:00:00"):
            Deadline._cron_check_deadlines()
            Deadline._cron_check_deadlines()
        warning = self._deadline_activities(complaint)
        self.assertEqual(len(warning), 1)
        self.assertEqual(warning.user_id, self.user_care)
        self.assertTrue(deadline.warned)
        self.assertEqual(deadline.state, "running")
        with freeze_time("2026-12-07 04:01:00"):
            Deadline._cron_check_deadlines()
        self.assertEqual(deadline.state, "breached")
        self.assertTrue(complaint.care_deadline_breached)
        breach = self._deadline_activities(complaint) - warning
        self.assertEqual(breach.user_id, self.team_a.user_id)
        self.assertIn(deadline.standard_id.name, breach.summary)
        with freeze_time("2026-12-07 05:00:00"):
            self._reply(complaint)
        self.assertEqual(deadline.state, "breached")
        self.assertEqual(deadline.date_reached, datetime(2026, 12, 7, 5, 0))
        self.assertAlmostEqual(deadline.hours_used, 5.0, places=4)

    def test_activity_summary_in_its_readers_language(self):
        self.env["res.lang"]._activate_lang("vi_VN")
        self.env["ir.module.module"]._load_module_terms(
            ["customer_care"], ["vi_VN"], overwrite=True
        )
        self.user_care.lang = "vi_VN"
        self._standard()
        complaint = self._complaint()
        with freeze_time("2026-12-07 03:00:00"):
            # The cron runs in English; the responsible reads Vietnamese.
            self.env["care.service.deadline"].with_context(
                lang="en_US"
            )._cron_check_deadlines()
        warning = self._deadline_activities(complaint)
        self.assertEqual(warning.user_id, self.user_care)
        self.assertEqual(
            warning.summary, "Sắp đến hạn: first_reply within 4 business_hours"
        )
        with freeze_time("2026-12-07 04:01:00"):
            self.env["care.service.deadline"]._cron_check_deadlines()
        breach = self._deadline_activities(complaint) - warning
        self.assertEqual(breach.user_id, self.team_a.user_id)
        self.assertEqual(
            breach.summary, "Deadline breached: first_reply within 4 business_hours"
        )

    def test_late_reply_before_the_cron_is_breached(self):
        self._standard()
        complaint = self._complaint()
        with freeze_time("2026-12-07 04:30:00"):
            self._reply(complaint)
        self.assertEqual(complaint.care_deadline_ids.state, "breached")

    # ------------------------------------------------------------
    # Leads
    # ------------------------------------------------------------

    def test_first_reply_to_a_web_lead(self):
        self._standard(applies_to="lead", channel="web", value=24)
        Lead = self.env["crm.lead"]
        with freeze_time(FRIDAY_16H_LOCAL):
            web = Lead.create(
                {
                    "name": "Question from the website",
                    "partner_id": self.customer.id,
                    "team_id": self.team_a.id,
                    "user_id": self.user_care.id,
                    "medium_id": self.env.ref("utm.utm_medium_website").id,
                }
            )
            phoned = Lead.create({"name": "Phoned in", "team_id": self.team_a.id})
        self.assertFalse(phoned.care_deadline_ids)
        deadline = web.care_deadline_ids
        # 1 hour Friday, 8 Monday, 8 Tuesday, 7 Wednesday: 16:00 local.
        self.assertEqual(deadline.deadline, datetime(2026, 12, 9, 9, 0))
        with freeze_time("2026-12-07 02:00:00"):
            self._reply(web)
        self.assertEqual(deadline.state, "met")
        self.assertEqual(web.care_next_deadline, False)

    def test_lead_of_no_company(self):
        self._standard(applies_to="lead", unit="hours")
        lead = self.env["crm.lead"].create(
            {
                "name": "No company",
                "partner_id": self.customer.id,
                "user_id": False,
                "team_id": False,
                "company_id": False,
            }
        )
        self.assertFalse(lead.company_id)
        self.assertEqual(lead.care_deadline_ids.company_id, self.env.company)

    def test_lost_lead_stops_its_clock(self):
        self._standard(applies_to="lead")
        lead = self.env["crm.lead"].create(
            {"name": "Lost", "partner_id": self.customer.id, "team_id": self.team_a.id}
        )
        lead.action_set_lost()
        self.assertEqual(lead.care_deadline_ids.state, "stopped")

    # ------------------------------------------------------------
    # Rights and cost
    # ------------------------------------------------------------

    def test_rights(self):
        self._standard()
        complaint = self._complaint()
        deadline = complaint.care_deadline_ids
        for user in (self.user_care, self.user_care_manager):
            with self.assertRaises(AccessError):
                deadline.with_user(user).write({"state": "met"})
            with self.assertRaises(AccessError):
                complaint.with_user(user).write({"care_waiting_customer": True})
        Deadline = self.env["care.service.deadline"]
        self.assertEqual(
            Deadline.with_user(self.user_care).search([("id", "=", deadline.id)]),
            deadline,
        )
        self.assertFalse(
            Deadline.with_user(self.user_care_2).search([("id", "=", deadline.id)])
        )
        self.assertEqual(
            Deadline.with_user(self.user_care_manager_2).search(
                [("id", "=", deadline.id)]
            ),
            deadline,
        )
        self.assertFalse(
            Deadline.with_user(self.user_care_company_2).search(
                [("id", "=", deadline.id)]
            )
        )

    def test_starting_clocks_stays_flat(self):
        self._standard()
        self._standard(measure="resolution", value=40)
        complaints = self.env["care.complaint"]
        for index in range(30):
            complaints |= self._complaint(name=f"Complaint {index}")
        complaints.sudo().care_deadline_ids.unlink()
        complaints.invalidate_recordset()

        def queries(batch):
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            batch._care_sync_deadlines()
            self.env.flush_all()
            return self.env.cr.sql_log_count - before

        small, large = queries(complaints[:3]), queries(complaints[3:])
        self.assertEqual(small, large)
        self.assertEqual(len(complaints.care_deadline_ids), 60)

    def test_standard_shows_its_share_met(self):
        standard = self._standard()
        first, second = self._complaint(), self._complaint()
        with freeze_time("2026-12-07 02:00:00"):
            self._reply(first)
        with freeze_time("2026-12-07 05:00:00"):
            self._reply(second)
        standard.invalidate_recordset()
        self.assertEqual(standard.deadline_met_rate, 50.0)
        self.assertEqual(standard.deadline_breached_count, 1)

    def test_report_figures_for_any_grouping(self):
        standard = self._standard()
        ours = self._complaint()
        theirs = self._complaint(team_id=self.team_b.id, user_id=self.user_care_2.id)
        start = datetime(2026, 11, 2, 2, 0)
        for hours, state, complaint in (
            (1, "met", ours),
            (2, "met", ours),
            (3, "met", theirs),
            (10, "breached", theirs),
        ):
            self.reached_clock(standard, complaint, hours, state, start)
        self.env.flush_all()
        Report = self.env["care.service.deadline.report"]
        Clock = self.env["care.service.deadline"]
        measures = [
            "deadline_count:sum",
            "met_count:sum",
            "breached_count:sum",
            "met_rate:avg",
            "hours_median:median",
            "hours_p90:p90",
        ]
        domain = [("standard_id", "=", standard.id)]

        def expected(clocks):
            """The group's figures, computed directly over its clocks."""
            hours = sorted(clocks.mapped("hours_used"))

            def percentile(share):
                # PostgreSQL's percentile_cont: linear between the two ranks.
                rank = share * (len(hours) - 1)
                low = int(rank)
                high = min(low + 1, len(hours) - 1)
                return hours[low] + (rank - low) * (hours[high] - hours[low])

            met = len(clocks.filtered(lambda c: c.state == "met"))
            return (
                len(clocks),
                met,
                len(clocks) - met,
                round(100.0 * met / len(clocks), 1),
                round(percentile(0.5), 2),
                round(percentile(0.9), 2),
            )

        groupings = (
            ["standard_id"],
            ["team_id"],
            ["user_id"],
            ["standard_id", "team_id"],
            ["date:month", "user_id"],
            ["customer_kind", "channel"],
        )
        for groupby in groupings:
            groups = Report._read_group(domain, groupby, measures)
            self.assertTrue(groups)
            for *keys, count, met, breached, rate, median, p90 in groups:
                clock_domain = list(domain)
                for spec, key in zip(groupby, keys, strict=True):
                    if spec == "date:month":
                        clock_domain.append(("date_start", ">=", key))
                    else:
                        value = key.id if hasattr(key, "id") else key
                        clock_domain.append((spec, "=", value))
                if "customer_kind" in groupby:
                    clock_domain = [
                        t
                        for t in clock_domain
                        if t[0] not in ("customer_kind", "channel")
                    ]
                clocks = Clock.search(
                    [*clock_domain, ("state", "in", ("met", "breached"))]
                )
                got = (count, met, breached, round(rate, 1), round(median, 2))
                self.assertEqual(
                    (*got, round(p90, 2)), expected(clocks), f"{groupby} {keys}"
                )
        # The figures of the whole standard: each clock once, whatever the
        # levels opened under it.
        (whole,) = Report._read_group(domain, [], measures)
        # Between 3 and 10, seven tenths of the way: 3 + 0.7 * 7.
        self.assertEqual(whole[:4], (4, 3, 1, 75.0))
        self.assertAlmostEqual(whole[4], 2.5)
        self.assertAlmostEqual(whole[5], 7.9)
        # The web client's grouped list asks the same through read_group.
        (team_b,) = Report.read_group(
            [*domain, ("team_id", "=", self.team_b.id)],
            ["met_rate", "hours_median", "hours_p90", "deadline_count"],
            ["team_id"],
        )
        self.assertEqual(team_b["deadline_count"], 2)
        self.assertEqual(team_b["met_rate"], 50.0)
        self.assertAlmostEqual(team_b["hours_median"], 6.5)
        # A user sees the clocks of their team and their own, not the company's.
        mine = Report.with_user(self.user_care).search(domain)
        self.assertEqual(mine.team_id, self.team_a)
        self.assertEqual(mine.user_id, self.user_care)
        self.assertEqual(len(mine), 2)
        # A clock reached with no hours stored used none: it counts as 0.
        empty = self.reached_clock(standard, ours, 0, "met", start)
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE care_service_deadline SET hours_used = NULL WHERE id = %s",
            [empty.id],
        )
        self.env.invalidate_all()
        (whole,) = Report._read_group(domain, [], measures)
        self.assertEqual(whole[:4], (5, 4, 1, 80.0))
        self.assertAlmostEqual(whole[4], 2.0)

    def test_late_means_a_breached_clock_or_the_delay(self):
        """One meaning of "late" everywhere: a standard's deadline breached, or,
        where no standard applies, the company's delay passed. A complaint
        falls due at its earliest deadline not yet reached."""
        self.company.care_complaint_late_days = 10
        standard = self._standard()
        complaint = self._complaint()
        # Friday 16:00 local: one hour on Friday, three on Monday morning.
        monday_11h_local = datetime(2026, 12, 7, 4, 0)
        self.assertEqual(complaint.care_due_date, monday_11h_local)
        Complaint = self.env["care.complaint"]
        MyDay = self.env["care.my.day"].with_user(self.user_care)
        with freeze_time("2026-12-07 05:00:00"):
            self.env["care.service.deadline"]._cron_check_deadlines()
            complaint.invalidate_recordset(["is_late"])
            # Breached a day after its receipt, with a delay of ten days.
            self.assertTrue(complaint.care_deadline_breached)
            self.assertTrue(complaint.is_late)
            self.assertIn(complaint, Complaint.search([("is_late", "=", True)]))
            self.assertNotIn(complaint, Complaint.search([("is_late", "=", False)]))
            work = MyDay.search([("complaint_id", "=", complaint.id)])
            self.assertEqual(work.date, monday_11h_local.date())
            self.assertTrue(work.is_overdue)
            self.team_a.invalidate_recordset()
            self.assertEqual(self.team_a.care_complaint_late_count, 1)
        # Where no standard applies, the company's delay.
        standard.active = False
        unmeasured = self._complaint(name="No standard applies")
        self.assertFalse(unmeasured.care_deadline_ids)
        self.assertEqual(unmeasured.care_due_date, datetime(2026, 12, 14, 9, 0))
        for moment, late in (
            ("2026-12-14 08:59:00", False),
            ("2026-12-14 09:01:00", True),
        ):
            with freeze_time(moment):
                self.env.invalidate_all()
                self.assertEqual(unmeasured.is_late, late, moment)
                work = MyDay.search([("complaint_id", "=", unmeasured.id)])
                self.assertEqual(work.is_overdue, late, moment)

    def test_portal_customer_reopens_the_reply_clock(self):
        self._standard(measure="next_reply", value=8)
        complaint = self._complaint(partner_id=self.user_portal.partner_id.id)
        complaint.with_user(self.user_care).action_wait_customer()
        with freeze_time("2026-12-07 03:00:00"):
            message = complaint.with_user(self.user_portal).message_post(
                body="Here is the photo you asked for.",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        self.assertFalse(complaint.care_waiting_customer)
        clock = complaint.care_deadline_ids
        self.assertEqual(clock.state, "running")
        # Not a second clock: the opening one still waits for its answer.
        self.assertEqual(len(clock), 1)
        self.assertNotEqual(clock.message_id, message)
        with freeze_time("2026-12-07 04:00:00"):
            self._reply(complaint)
        self.assertEqual(clock.state, "met")

    def test_breach_cron_works_in_batches(self):
        self._standard()
        complaints = [self._complaint(name=f"Batch {index}") for index in range(3)]
        Deadline = self.env["care.service.deadline"]
        Message = self.env["mail.message"]
        on_complaints = [
            ("model", "=", "care.complaint"),
            ("res_id", "in", [c.id for c in complaints]),
        ]
        messages_before = Message.search_count(on_complaints)
        with (
            patch.object(type(Deadline), "_care_cron_batch", 2),
            freeze_time("2026-12-07 05:00:00"),
        ):
            self.assertEqual(Deadline._cron_check_deadlines(), 1)
            self.assertEqual(Deadline._cron_check_deadlines(), 0)
        deadlines = Deadline.browse([c.care_deadline_ids.id for c in complaints])
        self.assertEqual(set(deadlines.mapped("state")), {"breached"})
        # One activity each for the team leader, and no message (no e-mail) per
        # activity.
        self.assertEqual(sum(len(self._deadline_activities(c)) for c in complaints), 3)
        self.assertEqual(Message.search_count(on_complaints), messages_before)
