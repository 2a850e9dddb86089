"""Service deadlines at volume: starting the clocks, the breach cron, the reports.

Usage: python benchmarks/service_deadlines.py DB ADDONS_PATH
       [--rounds 3] [--complaints 100000] [--leads 200000] [--batch 1000]
       [--sample 2000] [--pivot-rounds 5] [--users 10] [--customers 1000]
       [--cron-clocks 0] [--output FILE]

DB has customer_care installed, without demo data (make bench
BENCH=service_deadlines passes its database and the addons path, the generic
branch of scripts/bench.sh). It gets its fixture once, committed and kept between
runs (found again by the "Bench deadlines" prefix of its records):

- a working calendar, Monday to Friday 8-12 and 13-17 in Asia/Ho_Chi_Minh, with
  Vietnam's public holidays of 2024-2028 as calendar-wide resource.calendar.leaves;
  a sales team counting its deadlines on it (care_resource_calendar_id), its
  leader and --users internal users, --customers customers;
- measured standards: on complaints, a first reply in 8 business hours and a
  resolution in 5 days (of the calendar's hours per day); on leads, a first reply
  in 24 business hours; the company warns at its default share of the time;
- --complaints open complaints and --leads open opportunities of the team (SQL,
  INSERT ... SELECT generate_series), dates over the last 24 months, without
  clocks.

Paths, every round rolled back (each starts from the same fixture), in this order
because each works on what the previous made:

- complaints: the fixture's clocks deleted, then _care_sync_deadlines() on batches
  of --batch complaints, each flushed and its record cache emptied (one request
  of a batch job); the total time, the queries of each batch (min and max over
  all batches: they must not depend on the batch) and the time per 1,000;
- leads: the same on the opportunities;
- next to each, Odoo's own mechanism for the same job: resource.calendar's
  plan_hours(hours, start, compute_leaves=True) called for each clock the batch
  computes (its deadline and its warning) of --sample documents spread over the
  fixture, one document after another in one transaction (so its record cache
  kept: favourable to plan_hours); per document, then extrapolated to the
  fixture's size (labelled so); the check compares its moments with the clocks'
  (to the second);
- the breach cron: care.service.deadline._cron_check_deadlines() over all
  those clocks (most of them overdue: it marks them breached and plans one
  activity each), as superuser as ir.cron runs it, run again while it reports
  clocks left (a batch of 2,000 warned and 2,000 breached per run, as Odoo's
  cron progress reruns it); --cron-clocks N leaves every n-th clock running
  (about N) and stops the others in the rolled-back round;
- pivot: the read_group calls of the "Standards Met" pivot over the clocks (rows
  standard_id, columns date_start:month; measures met_count:sum,
  breached_count:sum, hours_used:avg, __count; lazy=False; the 4 calls of its
  row and column group-bys' prefixes), as the admin user (not superuser), run
  --pivot-rounds times per round (after one run not measured);
- the Service Standards Report (the SQL view with its medians and 90th
  percentiles), as its list reads it: grouped by standard, each group by person,
  80 rows of each read, as the admin user, after every clock of the round is set
  reached (four in five met), --pivot-rounds times; --report-only measures
  only the report, over reached clocks made by SQL on every fixture document
  (one per bench standard), in four paths: the first display grouped by
  standard and team with its groups folded, one standard opened to its teams,
  the pivot of standards by month, every standard opened to its people; next
  to them, Odoo's own
  read_group of the same clocks (counts and an average, no percentile).

Times are medians of the rounds (time.perf_counter), SQL queries exact counts
(the cursor's sql_log_count, after env.flush_all()).
"""

import argparse
import datetime
import statistics
import time
from datetime import timedelta

import odoo
from odoo import api
from odoo.modules.registry import Registry
from odoo.tools import SQL

PREFIX = "Bench deadlines"
CUSTOMER = f"{PREFIX} customer"
TEAM = f"{PREFIX} team"
CALENDAR = f"{PREFIX} calendar"
STANDARD = f"{PREFIX} standard"
USER_LOGIN = "bench.deadlines.user"
REFERENCE = "BDL/"
LEAD = f"{PREFIX} lead"
TZ = "Asia/Ho_Chi_Minh"
QUIET = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "no_reset_password": True,
}
# Vietnam's public holidays (Tet and Hung Kings by the lunar calendar), first day
# and number of days.
HOLIDAYS = [
    ("2024-01-01", 1),
    ("2024-02-08", 7),
    ("2024-04-18", 1),
    ("2024-04-29", 3),
    ("2024-09-02", 2),
    ("2025-01-01", 1),
    ("2025-01-25", 9),
    ("2025-04-07", 1),
    ("2025-04-30", 2),
    ("2025-09-01", 2),
    ("2026-01-01", 1),
    ("2026-02-14", 9),
    ("2026-04-27", 1),
    ("2026-04-30", 2),
    ("2026-09-02", 1),
    ("2027-01-01", 1),
    ("2027-02-05", 7),
    ("2027-04-16", 1),
    ("2027-04-30", 2),
    ("2027-09-02", 2),
    ("2028-01-01", 1),
    ("2028-01-25", 7),
    ("2028-04-04", 1),
    ("2028-05-01", 1),
    ("2028-09-01", 2),
]
# (name, measure, applies_to, target_value, target_unit)
STANDARDS = [
    (
        f"{STANDARD} complaint first reply",
        "first_reply",
        "complaint",
        8,
        "business_hours",
    ),
    (f"{STANDARD} complaint resolution", "resolution", "complaint", 5, "days"),
    (f"{STANDARD} lead first reply", "first_reply", "lead", 24, "business_hours"),
]


# ---------------------------------------------------------------------------
# Fixture: made once, committed
# ---------------------------------------------------------------------------


def ensure_calendar(env):
    Calendar = env["resource.calendar"]
    calendar = Calendar.search([("name", "=", CALENDAR)], limit=1)
    if calendar:
        return calendar
    attendances = []
    for day in range(5):
        for hour_from, hour_to, period in ((8, 12, "morning"), (13, 17, "afternoon")):
            attendances.append(
                (
                    0,
                    0,
                    {
                        "name": f"Day {day} {period}",
                        "dayofweek": str(day),
                        "hour_from": hour_from,
                        "hour_to": hour_to,
                        "day_period": period,
                    },
                )
            )
    calendar = Calendar.create(
        {
            "name": CALENDAR,
            "tz": TZ,
            "hours_per_day": 8,
            "attendance_ids": [(5, 0, 0), *attendances],
        }
    )
    leaves = []
    for first, days in HOLIDAYS:
        start = datetime.datetime.fromisoformat(first)
        # Midnight to midnight in Asia/Ho_Chi_Minh (UTC+7), stored in UTC.
        leaves.append(
            {
                "name": f"{PREFIX} holiday {first}",
                "calendar_id": calendar.id,
                "resource_id": False,
                "date_from": start - timedelta(hours=7),
                "date_to": start + timedelta(days=days, hours=-7, seconds=-1),
                "time_type": "leave",
            }
        )
    env["resource.calendar.leaves"].create(leaves)
    return calendar


def ensure_common(env, args):
    calendar = ensure_calendar(env)
    Users = env["res.users"].with_context(**QUIET)
    users = Users.search([("login", "=like", f"{USER_LOGIN}%")], order="id")
    if len(users) < args.users + 1:
        users |= Users.create(
            [
                {
                    "name": f"{PREFIX} user {i}",
                    "login": f"{USER_LOGIN}{i}",
                    "email": f"{USER_LOGIN}{i}@example.com",
                }
                for i in range(len(users), args.users + 1)
            ]
        )
    users = users.sorted("id")
    leader, users = users[0], users[1 : args.users + 1]
    team = env["crm.team"].search([("name", "=", TEAM)], limit=1)
    if not team:
        team = env["crm.team"].create(
            {"name": TEAM, "use_opportunities": True, "user_id": leader.id}
        )
    if team.company_id != env.company:
        team.company_id = env.company
    if team.care_resource_calendar_id != calendar:
        team.care_resource_calendar_id = calendar
    Partner = env["res.partner"].with_context(**QUIET)
    customers = Partner.search([("name", "=like", f"{CUSTOMER} %")], order="id")
    if len(customers) < args.customers:
        customers |= Partner.create(
            [
                {"name": f"{CUSTOMER} {i}", "email": f"bench.deadlines.{i}@example.com"}
                for i in range(len(customers), args.customers)
            ]
        )
    Standard = env["care.service.standard"].with_context(**QUIET)
    for name, measure, applies_to, value, unit in STANDARDS:
        if not Standard.search([("name", "=", name)]):
            Standard.create(
                {
                    "name": name,
                    "customer_kind": "both",
                    "channel": "general",
                    "measure": measure,
                    "applies_to": applies_to,
                    "target_value": value,
                    "target_unit": unit,
                    "company_id": False,
                }
            )
    return calendar, team, users, customers.sorted("id")[: args.customers]


DATES = """
     CROSS JOIN LATERAL (
           SELECT (now() AT TIME ZONE 'UTC')
                  - interval '1 day' * ((g * 7919 + g / 10) %% 730)
                  - interval '1 minute' * ((g * 37) %% 1440) AS received) d
"""


def fill_complaints(env, args, team, users, customers):
    cr = env.cr
    cr.execute(
        "SELECT count(*) FROM care_complaint WHERE reference LIKE %s",
        [f"{REFERENCE}%"],
    )
    done = cr.fetchone()[0]
    if done >= args.complaints:
        return False
    steps = env["care.complaint.step"].search([], order="sequence, id").ids
    categories = env["care.complaint.category"].search([], order="id").ids
    cr.execute(
        f"""
        INSERT INTO care_complaint (
            reference, name, partner_id, commercial_partner_id, email_from,
            customer_kind, channel, category_id, priority, team_id, user_id,
            company_id, step_id, state, date_received, resolution_hours,
            reopen_count, compensation_amount, rating_last_value,
            create_uid, write_uid, create_date, write_date)
        SELECT %(ref)s || lpad(g::text, 7, '0'),
               'Bench deadlines complaint ' || g,
               p.id, p.commercial_partner_id, p.email, 'external',
               (%(channels)s::varchar[])[1 + g %% 3],
               (%(categories)s::int[])[1 + (g / 7) %% %(ncat)s],
               CASE WHEN g %% 20 = 0 THEN '2' WHEN g %% 5 = 0 THEN '1' ELSE '0' END,
               %(team)s,
               (%(users)s::int[])[1 + (g / 13) %% %(nusers)s],
               %(company)s,
               (%(steps)s::int[])[1 + g %% %(nsteps)s],
               'open', d.received, 0, 0, 0, 0, 1, 1, d.received, d.received
          FROM generate_series(%(first)s, %(count)s) g
          JOIN (SELECT row_number() OVER (ORDER BY id) - 1 AS k, id,
                       commercial_partner_id, email
                  FROM res_partner WHERE id = ANY(%(customers)s)) p
            ON p.k = (g + g / 3) %% %(ncust)s
        {DATES}
        """,
        {
            "ref": REFERENCE,
            "channels": ["email", "phone", "portal"],
            "categories": categories,
            "ncat": len(categories),
            "team": team.id,
            "users": users.ids,
            "nusers": len(users),
            "company": env.company.id,
            # Open complaints over the steps before the last (closing) one.
            "steps": steps[:-1] or steps,
            "nsteps": len(steps[:-1] or steps),
            "first": done + 1,
            "count": args.complaints,
            "customers": customers.ids,
            "ncust": len(customers),
        },
    )
    return True


def fill_leads(env, args, team, users, customers):
    cr = env.cr
    cr.execute("SELECT count(*) FROM crm_lead WHERE name LIKE %s", [f"{LEAD} %"])
    done = cr.fetchone()[0]
    if done >= args.leads:
        return False
    stages = env["crm.stage"].search([("team_id", "=", False)], order="sequence, id")
    open_stages = stages.filtered(lambda s: not s.is_won).ids
    cr.execute(
        f"""
        INSERT INTO crm_lead (
            name, type, active, stage_id, team_id, user_id, company_id, partner_id,
            email_from, email_normalized, email_domain_criterion, priority,
            probability, automated_probability, expected_revenue, prorated_revenue,
            date_open, date_last_stage_update, color,
            create_uid, write_uid, create_date, write_date)
        SELECT %(name)s || ' ' || g, 'opportunity', true,
               (%(stages)s::int[])[1 + g %% %(nstages)s],
               %(team)s,
               (%(users)s::int[])[1 + (g / 13) %% %(nusers)s],
               %(company)s, p.id, p.email, p.email, '@example.com',
               CASE WHEN g %% 20 = 0 THEN '2' WHEN g %% 5 = 0 THEN '1' ELSE '0' END,
               10 + g %% 50, 10 + g %% 50, 0, 0, d.received, d.received,
               0, 1, 1, d.received, d.received
          FROM generate_series(%(first)s, %(count)s) g
          JOIN (SELECT row_number() OVER (ORDER BY id) - 1 AS k, id, email
                  FROM res_partner WHERE id = ANY(%(customers)s)) p
            ON p.k = (g + g / 3) %% %(ncust)s
        {DATES}
        """,
        {
            "name": LEAD,
            "stages": open_stages,
            "nstages": len(open_stages),
            "team": team.id,
            "users": users.ids,
            "nusers": len(users),
            "company": env.company.id,
            "first": done + 1,
            "count": args.leads,
            "customers": customers.ids,
            "ncust": len(customers),
        },
    )
    return True


def fill(env, args):
    _calendar, team, users, customers = ensure_common(env, args)
    env.flush_all()
    made = fill_complaints(env, args, team, users, customers)
    made = fill_leads(env, args, team, users, customers) or made
    env.invalidate_all()
    return made


def documents(env, args):
    """{"complaint": ids, "lead": ids} of the fixture, in id order."""
    env.cr.execute(
        "SELECT id FROM care_complaint WHERE reference LIKE %s ORDER BY id LIMIT %s",
        [f"{REFERENCE}%", args.complaints],
    )
    complaints = [row[0] for row in env.cr.fetchall()]
    env.cr.execute(
        "SELECT id FROM crm_lead WHERE name LIKE %s ORDER BY id LIMIT %s",
        [f"{LEAD} %", args.leads],
    )
    leads = [row[0] for row in env.cr.fetchall()]
    return {"complaint": complaints, "lead": leads}


def sizes(env, args, ids):
    calendar = env["resource.calendar"].search([("name", "=", CALENDAR)], limit=1)
    holidays = env["resource.calendar.leaves"].search_count(
        [("calendar_id", "=", calendar.id), ("resource_id", "=", False)]
    )
    standards = env["care.service.standard"].search(
        [("measure", "!=", False), ("active", "=", True)]
    )
    return (
        f"{len(ids['complaint']):,} open care.complaint, {len(ids['lead']):,} open "
        f"crm.lead of one team; calendar '{CALENDAR}' ({calendar.tz}, Mon-Fri "
        f"8-12/13-17, {holidays} public holidays); measured standards: "
        + "; ".join(
            f"{s.name} ({s.applies_to}, {s.measure}, {s.target_value:g} "
            f"{s.target_unit}, {s.customer_kind}/{s.channel})"
            for s in standards
        )
        + f"; warning at {env.company.care_deadline_warning_percent} %"
    )


# ---------------------------------------------------------------------------
# Measuring
# ---------------------------------------------------------------------------


def measure(env, function):
    """(seconds, queries) of function(), its writes flushed."""
    env.flush_all()
    env.invalidate_all()
    queries_before = env.cr.sql_log_count
    started = time.perf_counter()
    function()
    env.flush_all()
    elapsed = time.perf_counter() - started
    return elapsed, env.cr.sql_log_count - queries_before


def admin(env):
    return env(user=env.ref("base.user_admin").id, su=False)


def sync_batches(env, args, model, ids):
    """[(seconds, queries)] of each batch's _care_sync_deadlines()."""
    Model = env[model]
    figures = []
    for start in range(0, len(ids), args.batch):
        batch = Model.browse(ids[start : start + args.batch])
        figures.append(measure(env, batch._care_sync_deadlines))
        env.invalidate_all()
    return figures


def sample_of(ids, size):
    if len(ids) <= size:
        return list(ids)
    step = len(ids) / size
    return [ids[int(index * step)] for index in range(size)]


def plan_hours_one_by_one(env, args, model, sample):
    """Odoo's resource.calendar.plan_hours per clock (deadline and warning) of
    each sampled document; (seconds, queries, calls, agreement text)."""
    Deadline = env["care.service.deadline"]
    Model = env[model]
    applies_to = Model._care_deadline_applies_to
    percent = env.company.care_deadline_warning_percent
    records = Model.browse(sample)
    # The standards that apply to each document, as the batch finds them.
    applicable = records._care_applicable(Model._care_measured_standards())
    starts = {r.id: r._care_deadline_start() for r in records}
    calendar = records[:1]._care_calendar()
    plan = []
    for record in records:
        for standard in applicable[record]:
            hours, business = Deadline._care_target(standard, calendar)
            assert business, standard.name
            plan.append((record.id, standard.id, hours, "deadline"))
            if percent:
                plan.append((record.id, standard.id, hours * percent / 100, "warning"))
    env.flush_all()
    env.invalidate_all()
    moments = {}

    def run():
        for record_id, standard_id, hours, kind in plan:
            moments[record_id, standard_id, kind] = calendar.plan_hours(
                hours, starts[record_id], compute_leaves=True
            )

    seconds, queries = measure(env, run)
    # The clocks the batch made for the same documents.
    clocks = Deadline.search(
        [
            (Model._care_deadline_inverse, "in", sample),
            ("standard_id.applies_to", "=", applies_to),
        ]
    )
    agree = differ = 0
    examples = []
    for clock in clocks:
        document = clock[Model._care_deadline_inverse].id
        for kind, value in (
            ("deadline", clock.deadline),
            ("warning", clock.date_warning),
        ):
            planned = moments.get((document, clock.standard_id.id, kind))
            if planned is None or not value:
                continue
            if abs((planned.replace(microsecond=0) - value).total_seconds()) <= 1:
                agree += 1
            else:
                differ += 1
                if len(examples) < 3:
                    examples.append(
                        f"{model} {document} {kind} from {starts[document]}: "
                        f"batch {value}, plan_hours {planned}"
                    )
    text = (
        f"{model}: {agree:,} of {agree + differ:,} moments agree with plan_hours "
        f"to the second"
    )
    if examples:
        text += " (differ: " + "; ".join(examples) + ")"
    return seconds, queries, len(plan), text


def cron_check(env):
    cr = env.cr
    Deadline = env["care.service.deadline"]
    before = {
        "activities": env["mail.activity"].search_count([]),
        "mails": env["mail.mail"].search_count([]),
    }
    counts = {
        "clocks": Deadline.search_count([]),
        "running": Deadline.search_count([("state", "=", "running")]),
    }
    runs = []

    def until_done():
        # As ir.cron runs it: again at once while it reports clocks left.
        while True:
            runs.append(1)
            if not Deadline._cron_check_deadlines():
                return

    seconds, queries = measure(env, until_done)
    counts["runs"] = len(runs)
    cr.execute(
        "SELECT state, warned, count(*) FROM care_service_deadline GROUP BY 1, 2"
    )
    states = {}
    for state, warned, count in cr.fetchall():
        key = f"{state}{' (warned)' if warned else ''}"
        states[key] = states.get(key, 0) + count
    counts["activities"] = env["mail.activity"].search_count([]) - before["activities"]
    counts["mails"] = env["mail.mail"].search_count([]) - before["mails"]
    text = (
        f"{counts['clocks']:,} clocks: "
        + ", ".join(f"{count:,} {state}" for state, count in sorted(states.items()))
        + f"; {counts['activities']:,} activities planned, {counts['mails']:,} "
        "mail.mail queued"
    )
    return seconds, queries, counts, text


def pivot_run(env):
    Model = admin(env)["care.service.deadline"]
    rows, cols = ["standard_id"], ["date_start:month"]
    measures = ["met_count:sum", "breached_count:sum", "hours_used:avg", "__count"]
    result = {}

    def run():
        Model.env.invalidate_all()
        cells = 0
        for row_depth in range(len(rows) + 1):
            for col_depth in range(len(cols) + 1):
                cells += len(
                    Model.read_group(
                        [], measures, rows[:row_depth] + cols[:col_depth], lazy=False
                    )
                )
        result["cells"] = cells

    return run, result


def reached_distribution(env):
    """Every clock reached: four in five met, the others breached, business
    hours spread up to twice the target (inside the rolled-back round)."""
    env.cr.execute(
        """
        UPDATE care_service_deadline
           SET state = CASE WHEN id % 5 = 0 THEN 'breached' ELSE 'met' END,
               date_reached = deadline,
               hours_used = target_hours * ((id % 200) / 100.0)
        """
    )
    env.invalidate_all()


def reached_clocks_by_sql(env):
    """Clocks of the bench standards on every fixture document, all reached
    (four in five met, hours spread up to twice the target), spread over the
    fixture's users: the report's input, made by SQL in the rolled-back round."""
    cr = env.cr
    standards = env["care.service.standard"].search(
        [("name", "=like", f"{STANDARD} %")]
    )
    team = env["crm.team"].search([("name", "=like", "Bench deadlines%")], limit=1)
    users = env["res.users"].search([("login", "=like", "bench_deadlines%")]).ids
    users = users or [env.ref("base.user_admin").id]
    for table, column, applies_to in (
        ("care_complaint", "complaint_id", "complaint"),
        ("crm_lead", "lead_id", "lead"),
    ):
        cr.execute(
            SQL(
                """
                INSERT INTO care_service_deadline (
                    standard_id, measure, applies_to, %(column)s, company_id,
                    team_id, user_id, date_start, date_run, deadline, date_reached,
                    target_hours, hours_used, state, met_count, breached_count,
                    warned)
                SELECT s.id, s.measure, s.applies_to, d.id, d.company_id,
                       d.team_id, (%(users)s::int[])[1 + mod(d.id, %(count)s)],
                       d.create_date, d.create_date, d.create_date, d.create_date,
                       8, 8 * (mod(d.id, 200) / 100.0),
                       CASE WHEN mod(d.id, 5) = 0 THEN 'breached' ELSE 'met' END,
                       (mod(d.id, 5) != 0)::int, (mod(d.id, 5) = 0)::int, false
                  FROM %(table)s d
                  JOIN care_service_standard s
                    ON s.id = ANY(%(standards)s) AND s.applies_to = %(applies_to)s
                 WHERE d.team_id = %(team)s
                """,
                column=SQL.identifier(column),
                table=SQL.identifier(table),
                users=users,
                count=len(users),
                standards=standards.ids,
                applies_to=applies_to,
                team=team.id,
            )
        )
    cr.execute("ANALYZE care_service_deadline")
    env.invalidate_all()
    return env["care.service.deadline"].search_count([])


def report_paths(env):
    """The Service Standards Report as the web client reads it: the list grouped
    by standard, then team (the action's default), groups folded; one standard
    opened to its teams; the pivot of standards by month; every standard opened
    to its people and their rows (admin). Every group carries its counts, share
    met, median and 90th percentile, computed by PostgreSQL over its clocks."""
    Report = admin(env)["care.service.deadline.report"]
    aggregates = [
        "deadline_count:sum",
        "met_count:sum",
        "breached_count:sum",
        "met_rate:avg",
        "hours_median:median",
        "hours_p90:p90",
    ]
    fields_ = [
        "date",
        "standard_id",
        "team_id",
        "user_id",
        "deadline_count",
        "met_count",
        "breached_count",
        "met_rate",
        "hours_median",
        "hours_p90",
    ]

    def first():
        Report.env.invalidate_all()
        Report.web_read_group([], aggregates, ["standard_id", "team_id"], lazy=True)

    def one():
        Report.env.invalidate_all()
        (standard,) = Report.read_group([], aggregates, ["standard_id"])[:1]
        Report.read_group(standard["__domain"], aggregates, ["team_id"])

    def pivot():
        Report.env.invalidate_all()
        Report.read_group([], aggregates, ["standard_id", "date:month"], lazy=False)

    def every():
        Report.env.invalidate_all()
        rows = 0
        for standard in Report.read_group([], aggregates, ["standard_id"]):
            for person in Report.read_group(
                standard["__domain"], aggregates, ["user_id"]
            ):
                rows += len(Report.search_read(person["__domain"], fields_, limit=80))
        return rows

    Deadline = admin(env)["care.service.deadline"]

    def odoo_grouping():
        # The ORM's own grouping of the same clocks (what a pivot on them reads):
        # counts and an average, no median, no percentile.
        Deadline.env.invalidate_all()
        for groupby in (
            ["standard_id"],
            ["standard_id", "team_id", "date_start:month"],
        ):
            Deadline.read_group(
                [("state", "in", ("met", "breached"))],
                ["__count", "met_count:sum", "breached_count:sum", "hours_used:avg"],
                groupby,
                lazy=False,
            )

    return [
        ("first display, grouped by standard and team, groups folded", first),
        ("one standard opened to its teams", one),
        ("pivot: standards by month", pivot),
        ("every standard opened to its people, 80 rows of each", every),
        (
            "Odoo: read_group of the same clocks (counts, average hours)",
            odoo_grouping,
        ),
    ]


def report_only(registry, args):
    """--report-only: the report's three paths over clocks made by SQL."""
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        clocks = reached_clocks_by_sql(env)
        rows = env["care.service.deadline.report"].search_count([])
        title = (
            f"Service Standards Report over {clocks:,} reached clocks (4 in 5 met), "
            f"{rows:,} report rows; median of {args.pivot_rounds} runs after one "
            "not measured; exact queries"
        )
        lines = [
            title,
            "",
            "| Report path (admin) | time | queries |",
            "|---|---|---|",
        ]
        for name, function in report_paths(env):
            function()
            runs = [measure(env, function) for _index in range(args.pivot_rounds)]
            lines.append(
                f"| {name} | {spread((1000 * t for t, _q in runs), '{:.0f} ms')} | "
                f"{spread((q for _t, q in runs), '{:.0f}')} |"
            )
        cr.rollback()
    return lines


def run_round(registry, args, results, verbose):
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        ids = documents(env, args)
        standards = env["care.service.standard"].search(
            [("name", "=like", f"{STANDARD} %")]
        )
        cr.execute(
            "DELETE FROM care_service_deadline WHERE standard_id = ANY(%s)",
            [standards.ids],
        )
        env.invalidate_all()
        for applies_to, model in (
            ("complaint", "care.complaint"),
            ("lead", "crm.lead"),
        ):
            started = time.perf_counter()
            batches = sync_batches(env, args, model, ids[applies_to])
            total = time.perf_counter() - started
            cr.execute(
                "SELECT count(*) FROM care_service_deadline WHERE applies_to = %s",
                [applies_to],
            )
            clocks = cr.fetchone()[0]
            results.setdefault(f"sync_{applies_to}", []).append(
                {"total": total, "batches": batches, "clocks": clocks}
            )
            if verbose:
                queries = [q for _t, q in batches]
                print(
                    f"    {model}: {len(ids[applies_to]):,} documents, {clocks:,} "
                    f"clocks in {total:.1f} s, {len(batches)} batches, "
                    f"{min(queries)}-{max(queries)} queries per batch",
                    flush=True,
                )
            sample = sample_of(ids[applies_to], args.sample)
            seconds, queries, calls, text = plan_hours_one_by_one(
                env, args, model, sample
            )
            results.setdefault(f"plan_{applies_to}", []).append(
                {
                    "seconds": seconds,
                    "queries": queries,
                    "calls": calls,
                    "docs": len(sample),
                }
            )
            results.setdefault("checks", []).append(text)
            if verbose:
                print(f"    plan_hours: {text}", flush=True)
        cr.execute("SELECT count(*) FROM care_service_deadline")
        results["clocks"] = cr.fetchone()[0]
        if args.cron_clocks:
            # Only every n-th clock left running for the cron, the others
            # stopped (not picked by the cron), in this rolled-back round.
            cr.execute("SELECT count(*) FROM care_service_deadline")
            step = max(cr.fetchone()[0] // args.cron_clocks, 1)
            cr.execute(
                """
                UPDATE care_service_deadline d SET state = 'stopped'
                  FROM (SELECT id, row_number() OVER (ORDER BY id) AS k
                          FROM care_service_deadline) n
                 WHERE n.id = d.id AND n.k %% %s != 0
                """,
                [step],
            )
            env.invalidate_all()
        seconds, queries, counts, text = cron_check(env)
        results.setdefault("cron", []).append((seconds, queries, counts))
        results.setdefault("checks", []).append(f"cron: {text}")
        if verbose:
            print(f"    cron: {text} in {seconds:.1f} s", flush=True)
        run, result = pivot_run(env)
        run()
        for _index in range(args.pivot_rounds):
            results.setdefault("pivot", []).append(measure(env, run))
        results["pivot_cells"] = result["cells"]
        reached_distribution(env)
        _name, every_group = report_paths(env)[-2]
        every_group()
        for _index in range(args.pivot_rounds):
            results.setdefault("report", []).append(measure(env, every_group))
        results["report_rows"] = env["care.service.deadline.report"].search_count([])
        cr.rollback()


# ---------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------


def spread(values, fmt):
    values = list(values)
    text = fmt.format(statistics.median(values))
    if len({round(v, 6) for v in values}) > 1:
        text += f" ({fmt.format(min(values))}–{fmt.format(max(values))})"
    return text


def report(args, results, fixture, header, ids):
    lines = [
        header,
        (
            f"Rounds: {args.rounds} (pivot: {args.pivot_rounds} runs per round); "
            f"batches of {args.batch:,}; plan_hours on {args.sample:,} documents "
            "per model; median time / exact queries."
        ),
        f"Fixture: {fixture}",
        "",
        "| Path | Size | customer_care batch | Odoo plan_hours one by one |",
        "|---|---|---|---|",
    ]
    for applies_to, model in (("complaint", "care.complaint"), ("lead", "crm.lead")):
        syncs = results[f"sync_{applies_to}"]
        plans = results[f"plan_{applies_to}"]
        documents_ = len(ids[applies_to])
        # The first batch of a transaction also fills the registry's caches.
        firsts = [sync["batches"][0][1] for sync in syncs]
        batch_queries = [q for sync in syncs for _t, q in sync["batches"][1:]]
        batch_times = [t for sync in syncs for t, _q in sync["batches"]]
        total = statistics.median(s["total"] for s in syncs)
        clocks = syncs[0]["clocks"]
        per_1000 = 1000 * statistics.median(
            s["total"] / max(documents_, 1) for s in syncs
        )
        if batch_queries:
            constant = (
                "constant"
                if min(batch_queries) == max(batch_queries)
                else "NOT constant"
            )
            rest = (
                f"{min(batch_queries)}–{max(batch_queries)} q per batch (min–max "
                f"of the {len(batch_queries)} other batches, {constant}; the "
                f"first of the transaction {max(firsts)})"
            )
        else:
            rest = f"{max(firsts)} q in its one batch"
        ours = (
            f"total {total:.1f} s; {rest}; {per_1000:.2f} s per 1,000 documents "
            f"(batch median {statistics.median(batch_times):.2f} s)"
        )
        docs = plans[0]["docs"]
        calls = plans[0]["calls"]
        per_doc = statistics.median(p["seconds"] / docs for p in plans)
        q_doc = statistics.median(p["queries"] / docs for p in plans)
        odoo_ = (
            f"measured on {docs:,} documents ({calls:,} calls, deadline + warning of "
            f"each clock): {1000 * per_doc:.2f} ms / {q_doc:.1f} q per document, "
            f"{per_doc * 1000:.2f} s per 1,000; **extrapolated** to "
            f"{documents_:,}: {per_doc * documents_:.0f} s, "
            f"{q_doc * documents_:,.0f} q"
        )
        lines.append(
            f"| deadlines of {model} (_care_sync_deadlines, batches of "
            f"{args.batch:,}) | {documents_:,} documents, {clocks:,} clocks | "
            f"{ours} | {odoo_} |"
        )
    cron = results["cron"]
    counts = cron[0][2]
    cap = (
        f" (--cron-clocks: every n-th of the {results['clocks']:,}, the others stopped)"
        if args.cron_clocks
        else ""
    )
    lines.append(
        f"| breach cron (_cron_check_deadlines, {counts['runs']} runs) | "
        f"{counts['running']:,} running clocks{cap}, {counts['activities']:,} "
        "activities planned | "
        f"{spread((c[0] for c in cron), '{:.1f} s')} / "
        f"{spread((c[1] for c in cron), '{:,.0f}')} q | — (no such cron in Odoo "
        "Community) |"
    )
    pivot = results["pivot"]
    lines.append(
        f"| Standards Met pivot (4 read_group, admin) | {results['clocks']:,} "
        "clocks, "
        f"{results['pivot_cells']:,} cells | "
        f"{spread((1000 * t for t, _q in pivot), '{:.0f} ms')} / "
        f"{spread((q for _t, q in pivot), '{:.0f}')} q | — |"
    )
    report = results["report"]
    lines.append(
        "| Service Standards Report (SQL view; read_group by standard, then by "
        f"person, 80 rows of each read; admin) | {results['clocks']:,} clocks "
        f"reached (4 in 5 met), {results['report_rows']:,} rows | "
        f"{spread((1000 * t for t, _q in report), '{:.0f} ms')} / "
        f"{spread((q for _t, q in report), '{:.0f}')} q | — |"
    )
    lines.append("")
    for text in sorted(set(results.get("checks", []))):
        lines.append(f"Check: {text}")
    return lines


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("addons_path")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--pivot-rounds", type=int, default=5)
    parser.add_argument("--complaints", type=int, default=100000)
    parser.add_argument("--leads", type=int, default=200000)
    parser.add_argument(
        "--cron-clocks",
        type=int,
        default=0,
        help="run the cron over about this many of the clocks (every n-th; the "
        "others stopped in the rolled-back round); 0: all of them",
    )
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--sample", type=int, default=2000)
    parser.add_argument("--users", type=int, default=10)
    parser.add_argument("--customers", type=int, default=1000)
    parser.add_argument("--output", help="also write the table to this file")
    parser.add_argument(
        "--report-only",
        action="store_true",
        help="only the Service Standards Report, over reached clocks made by SQL "
        "on the fixture's documents",
    )
    args = parser.parse_args()
    odoo.tools.config.parse_config(
        ["--addons-path", args.addons_path, "--log-level", "warn"]
    )
    registry = Registry(args.db)
    if args.report_only:
        with registry.cursor() as cr:
            fill(api.Environment(cr, odoo.SUPERUSER_ID, {}), args)
            cr.commit()
        lines = report_only(registry, args)
        print("\n".join(lines))
        if args.output:
            with open(args.output, "w") as file:
                file.write("\n".join(lines) + "\n")
        return
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        assert "care.service.deadline" in env, args.db
        started = time.perf_counter()
        made = fill(env, args)
        cr.commit()
        if made:
            cr._cnx.autocommit = True
            cr.execute("VACUUM ANALYZE")
            cr._cnx.autocommit = False
            print(
                f"{args.db}: fixture made in {time.perf_counter() - started:.0f} s",
                flush=True,
            )
        ids = documents(env, args)
        fixture = f"{sizes(env, args, ids)} ({args.db})"
        cr.execute("SHOW server_version")
        header = (
            f"Date: {datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}; "
            f"PostgreSQL {cr.fetchone()[0]}; Odoo {odoo.release.version}"
        )
    results = {}
    for round_index in range(args.rounds):
        started = time.perf_counter()
        run_round(registry, args, results, round_index == 0)
        print(
            f"  round {round_index + 1} ({time.perf_counter() - started:.0f} s)",
            flush=True,
        )
    lines = report(args, results, fixture, header, ids)
    print()
    print("\n".join(lines))
    if args.output:
        with open(args.output, "w") as file:
            file.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
