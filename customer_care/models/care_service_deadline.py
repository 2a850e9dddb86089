import logging
import math
from collections import defaultdict
from datetime import timedelta

import pytz

from odoo import _, api, fields, models

from ..business_time import BusinessTime
from ..tools import in_readers_lang

_logger = logging.getLogger(__name__)

DEADLINE_STATES = [
    ("running", "Running"),
    ("paused", "Paused"),
    ("met", "Met"),
    ("breached", "Breached"),
    ("stopped", "Stopped"),
]
# Not reached yet: the clock may still be reached by a reply or a resolution.
OPEN_STATES = ("running", "paused", "breached")
# The longest span read from a calendar when it has no working hours at all.
MAX_SPAN_DAYS = 5 * 366


class CareServiceDeadline(models.Model):
    """One clock of a measured service standard on a complaint or a lead: when it
    started, when it falls due in business time, when a real message reached it.
    Only the documents' events and the deadline cron write it (as superuser)."""

    _name = "care.service.deadline"
    _description = "Service Deadline"
    _order = "deadline, id"
    _check_company_auto = True
    _rec_name = "standard_id"
    # Clocks warned, and clocks breached, per run of the deadline cron.
    _care_cron_batch = 2000

    standard_id = fields.Many2one(
        "care.service.standard",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    measure = fields.Selection(related="standard_id.measure", store=True)
    applies_to = fields.Selection(related="standard_id.applies_to", store=True)
    complaint_id = fields.Many2one(
        "care.complaint", index=True, ondelete="cascade", check_company=True
    )
    lead_id = fields.Many2one(
        "crm.lead", index=True, ondelete="cascade", check_company=True
    )
    company_id = fields.Many2one("res.company", required=True, index=True)
    team_id = fields.Many2one(
        "crm.team",
        string="Sales Team",
        compute="_compute_owner",
        store=True,
        index=True,
        check_company=True,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        compute="_compute_owner",
        store=True,
        index=True,
    )
    message_id = fields.Many2one(
        "mail.message",
        string="Customer Message",
        ondelete="set null",
        help="The customer's message this clock answers.",
    )
    reply_id = fields.Many2one(
        "mail.message",
        string="Reached By",
        ondelete="set null",
        help="The message to the customer that reached the clock.",
    )
    calendar_id = fields.Many2one(
        "resource.calendar",
        string="Working Hours",
        ondelete="set null",
        check_company=True,
        help="The calendar business time is counted on; empty: round the clock.",
    )
    date_start = fields.Datetime(string="Started", required=True, index=True)
    date_run = fields.Datetime(
        string="Running Since", help="The start, or the end of the latest pause."
    )
    deadline = fields.Datetime(index=True)
    date_warning = fields.Datetime(string="Warning At", index=True)
    date_reached = fields.Datetime(string="Reached", index=True)
    paused_since = fields.Datetime()
    target_hours = fields.Float(
        string="Target (Hours)",
        digits=(16, 2),
        aggregator=False,
        help="The standard's target when the clock started, in hours: business "
        "hours when counted on working hours.",
    )
    hours_used = fields.Float(
        digits=(16, 2),
        aggregator="avg",
        help="Business hours counted until the clock was reached (or paused), "
        "pauses left out.",
    )
    state = fields.Selection(
        DEADLINE_STATES, string="Status", required=True, default="running", index=True
    )
    warned = fields.Boolean(help="The responsible was warned before the deadline.")
    met_count = fields.Integer(
        string="Met", compute="_compute_counts", store=True, aggregator="sum"
    )
    breached_count = fields.Integer(
        string="Breached", compute="_compute_counts", store=True, aggregator="sum"
    )

    _sql_constraints = [
        (
            "one_document",
            "CHECK((complaint_id IS NULL) != (lead_id IS NULL))",
            "A service deadline belongs to one complaint or one lead.",
        ),
    ]

    @api.depends(
        "complaint_id.team_id",
        "complaint_id.user_id",
        "lead_id.team_id",
        "lead_id.user_id",
    )
    def _compute_owner(self):
        for deadline in self:
            document = deadline.complaint_id or deadline.lead_id
            deadline.team_id = document.team_id
            deadline.user_id = document.user_id

    @api.depends("state")
    def _compute_counts(self):
        for deadline in self:
            deadline.met_count = int(deadline.state == "met")
            deadline.breached_count = int(deadline.state == "breached")

    @api.depends("standard_id", "complaint_id", "lead_id")
    def _compute_display_name(self):
        for deadline in self:
            document = deadline.complaint_id or deadline.lead_id
            deadline.display_name = _(
                "%(standard)s: %(document)s",
                standard=deadline.standard_id.name,
                document=document.display_name,
            )

    # ------------------------------------------------------------
    # Business time
    # ------------------------------------------------------------

    @api.model
    def _care_business_time(self, calendar, start, end):
        """The working time of ``calendar`` from ``start`` to ``end`` (naive UTC),
        public holidays and other calendar-wide leaves left out."""
        if not calendar:
            return BusinessTime()
        intervals = calendar._work_intervals_batch(
            pytz.utc.localize(start), pytz.utc.localize(end)
        )[False]
        return BusinessTime(
            (
                begin.astimezone(pytz.utc).replace(tzinfo=None),
                stop.astimezone(pytz.utc).replace(tzinfo=None),
            )
            for begin, stop, _records in intervals
        )

    @api.model
    def _care_plan(self, calendar, requests):
        """For ``requests`` of (start, hours), the moments those business hours
        of ``calendar`` are done, reading the calendar once for the batch."""
        if not requests:
            return []
        first = min(start for start, _hours in requests)
        last = max(start for start, _hours in requests)
        week = max((calendar.hours_per_day if calendar else 24) * 5, 1)
        longest = max(hours for _start, hours in requests)
        # Enough weeks for the longest target, a month of holidays besides.
        days = math.ceil(longest / week * 7) + 31
        while True:
            time = self._care_business_time(
                calendar, first, last + timedelta(days=days)
            )
            moments = [time.add_hours(start, hours) for start, hours in requests]
            if all(moments) or days > MAX_SPAN_DAYS:
                break
            days *= 4
        if not all(moments):
            _logger.warning(
                "Working hours %s have too few hours for service deadlines: they "
                "are counted round the clock",
                calendar.display_name,
            )
            time = BusinessTime()
            moments = [time.add_hours(start, hours) for start, hours in requests]
        return moments

    @api.model
    def _care_hours_used(self, pairs):
        """Business hours between each (deadline, end) pair's run and ``end``, one
        reading of each calendar."""
        by_calendar = defaultdict(list)
        for deadline, end in pairs:
            by_calendar[deadline.calendar_id].append((deadline, end))
        used = {}
        for calendar, items in by_calendar.items():
            time = self._care_business_time(
                calendar,
                min(deadline.date_run for deadline, _end in items),
                max(end for _deadline, end in items) + timedelta(days=1),
            )
            for deadline, end in items:
                used[deadline] = time.hours_between(deadline.date_run, end)
        return used

    @api.model
    def _care_target(self, standard, calendar):
        """The standard's target in hours, and whether they are business hours."""
        value, unit = standard.target_value, standard.target_unit
        if unit == "minutes":
            return value / 60, False
        if unit == "hours":
            return value, False
        if unit == "days":
            per_day = (calendar.hours_per_day or 8) if calendar else 24
            return value * per_day, True
        return value, True

    @api.model
    def _care_start(self, requests):
        """Start clocks: ``requests`` are dicts of standard, document (a complaint
        or a lead), start and message. One calendar reading per calendar, one
        insert."""
        percent = {}
        plans = defaultdict(list)
        for index, request in enumerate(requests):
            document = request["document"]
            calendar = document._care_calendar()
            hours, business = self._care_target(request["standard"], calendar)
            if not business:
                calendar = calendar.browse()
            request.update(hours=hours, calendar=calendar)
            company = document._care_deadline_company()
            if company not in percent:
                percent[company] = company.care_deadline_warning_percent
            plans[request["calendar"]].append((index, request["start"], hours))
            if percent[company]:
                warn = hours * percent[company] / 100
                plans[request["calendar"]].append((-index - 1, request["start"], warn))
        moments = {}
        for calendar, items in plans.items():
            planned = self._care_plan(calendar, [(s, h) for _i, s, h in items])
            moments.update(zip([i for i, _s, _h in items], planned, strict=True))
        vals_list = []
        for index, request in enumerate(requests):
            document = request["document"]
            vals_list.append(
                {
                    "standard_id": request["standard"].id,
                    document._care_deadline_inverse: document.id,
                    "company_id": document._care_deadline_company().id,
                    "calendar_id": request["calendar"].id,
                    "message_id": request.get("message_id") or False,
                    "date_start": request["start"],
                    "date_run": request["start"],
                    "target_hours": request["hours"],
                    "deadline": moments[index],
                    "date_warning": moments.get(-index - 1),
                }
            )
        # sudo: nobody creates clocks; the document's create or write that starts them
        # was allowed.
        return self.sudo().create(vals_list)

    # ------------------------------------------------------------
    # Events
    # ------------------------------------------------------------

    def _care_reach(self, moment, reply=None):
        """A reply or the resolution reached these clocks at ``moment``."""
        todo = self.filtered(lambda d: d.state in OPEN_STATES)
        # A paused clock, breached or not, stood still since its pause.
        counting = todo.filtered(lambda d: not d.paused_since)
        used = self._care_hours_used([(d, moment) for d in counting])
        for deadline in todo:
            # Answered while paused, a clock is not late: its time stood still.
            met = deadline.state == "paused" or (
                deadline.state == "running" and moment <= deadline.deadline
            )
            # sudo: nobody writes clocks; the reply or resolution that reaches them was
            # allowed.
            deadline.sudo().write(
                {
                    "state": "met" if met else "breached",
                    "date_reached": moment,
                    "reply_id": reply.id if reply else False,
                    "hours_used": deadline.hours_used + used.get(deadline, 0.0),
                    "paused_since": False,
                }
            )
        return todo

    def _care_pause(self, moment):
        """The document waits on the customer: its clocks stop counting, the
        breached ones too (they stay breached, their hours stand still)."""
        counting = self.filtered(
            lambda d: d.state in ("running", "breached") and not d.paused_since
        )
        used = self._care_hours_used([(d, moment) for d in counting])
        for deadline in counting:
            # sudo: as when reaching, the pause follows a write the caller was allowed.
            deadline.sudo().write(
                {
                    "state": "paused" if deadline.state == "running" else "breached",
                    "paused_since": moment,
                    "hours_used": deadline.hours_used + used[deadline],
                }
            )

    def _care_resume(self, moment):
        """The customer answered: the paused clocks count on from ``moment``, the
        deadline pushed back by the time they waited."""
        # A breached clock counts its hours on from ``moment``; its deadline
        # has passed already.
        self.filtered(lambda d: d.state == "breached" and d.paused_since).sudo().write(
            {"date_run": moment, "paused_since": False}
        )
        paused = self.filtered(lambda d: d.state == "paused")
        by_calendar = defaultdict(list)
        for deadline in paused:
            left = deadline.target_hours - deadline.hours_used
            by_calendar[deadline.calendar_id].append((deadline, left))
        for calendar, items in by_calendar.items():
            percent = {d: d.company_id.care_deadline_warning_percent for d, _l in items}
            due = self._care_plan(calendar, [(moment, left) for _d, left in items])
            warn = self._care_plan(
                calendar,
                [
                    (moment, d.target_hours * percent[d] / 100 - d.hours_used)
                    for d, _left in items
                ],
            )
            for (deadline, _left), deadline_at, warning_at in zip(
                items, due, warn, strict=True
            ):
                # sudo: as when pausing.
                deadline.sudo().write(
                    {
                        "state": "running",
                        "date_run": moment,
                        "paused_since": False,
                        "deadline": deadline_at,
                        "date_warning": warning_at if percent[deadline] else False,
                    }
                )

    def _care_stop(self):
        """The document closed before the clock was reached: not counted."""
        # sudo: nobody writes clocks; the document's closing write was allowed.
        self.filtered(lambda d: d.state in ("running", "paused")).sudo().write(
            {"state": "stopped", "paused_since": False}
        )

    # ------------------------------------------------------------
    # Cron
    # ------------------------------------------------------------

    @api.model
    def _cron_check_deadlines(self):
        """Warn the responsible when a share of the time is used; on a breach,
        mark the clock and tell the team leader. A batch per run: the cron runs
        again at once while clocks are left (Odoo's cron progress)."""
        now = fields.Datetime.now()
        # sudo: the cron checks the clocks of every company and team.
        Deadline = self.sudo()
        warn_domain = [
            ("state", "=", "running"),
            ("warned", "=", False),
            ("date_warning", "<=", now),
            ("deadline", ">", now),
        ]
        breach_domain = [("state", "=", "running"), ("deadline", "<=", now)]
        to_warn = Deadline.search(warn_domain, limit=self._care_cron_batch)
        to_warn._care_schedule_activities(warning=True)
        to_warn.warned = True
        breached = Deadline.search(breach_domain, limit=self._care_cron_batch)
        breached.state = "breached"
        breached._care_schedule_activities(warning=False)
        remaining = Deadline.search_count(warn_domain) + Deadline.search_count(
            breach_domain
        )
        self.env["ir.cron"]._notify_progress(
            done=len(to_warn) + len(breached), remaining=remaining
        )
        return remaining

    def _care_activity_user(self, warning):
        """Who is told: the responsible before the deadline, the team leader
        (else the responsible) after it."""
        document = self.complaint_id or self.lead_id
        user = document.user_id if warning else document.team_id.user_id
        return user or document.user_id

    def _care_schedule_activities(self, warning):
        """One activity per clock: to the responsible before the deadline, to the
        team leader (else the responsible) after it; one insert."""
        activity_type = self.env.ref(
            "customer_care.mail_activity_type_care_deadline", raise_if_not_found=False
        )
        # sudo: ir.model is configuration; only the models' ids are read.
        models_ = self.env["ir.model"].sudo()
        vals_list = []
        if not activity_type:
            return self.env["mail.activity"]
        for deadline in in_readers_lang(self, lambda d: d._care_activity_user(warning)):
            user = deadline._care_activity_user(warning)
            if not user:
                continue
            document = deadline.complaint_id or deadline.lead_id
            standard = deadline.standard_id.name
            vals_list.append(
                {
                    "res_model_id": models_._get_id(document._name),
                    "res_id": document.id,
                    "activity_type_id": activity_type.id,
                    "user_id": user.id,
                    # In the language of the user who gets it.
                    "summary": deadline.env._(
                        "Deadline near: %(standard)s", standard=standard
                    )
                    if warning
                    else deadline.env._(
                        "Deadline breached: %(standard)s", standard=standard
                    ),
                    "date_deadline": fields.Date.context_today(
                        deadline, deadline.deadline
                    ),
                }
            )
        # Activities, not one e-mail per activity: a team leader with a hundred
        # breaches finds them in the activity menu, not in a hundred e-mails.
        # sudo: the cron gives activities to others, on documents of any team.
        return (
            self.env["mail.activity"]
            .sudo()
            .with_context(mail_activity_quick_update=True)
            .create(vals_list)
        )
