"""Complaints at volume: the work queue, the cause pivot and the mail gateway.

Usage: python benchmarks/complaints.py DB_WITH DB_WITHOUT ADDONS_PATH
       [--rounds 5] [--mail-rounds 3] [--complaints 100000] [--messages 5]
       [--customers 2000] [--teams 10] [--users 20] [--emails 1000]

DB_WITH has customer_care installed, DB_WITHOUT the same modules (contacts, mail,
crm, sale_management, account) but not customer_care; both without demo data
(scripts/bench.sh makes both: make bench BENCH=complaints). Each database gets its
fixture once, committed and kept between runs (found again by the "Bench
complaints" prefix of its customers, teams, users and records):

- in both: customers with e-mail addresses, sales teams, internal users, an alias
  domain on the company and an alias per team (DB_WITH: the team's complaint
  alias; DB_WITHOUT: the team's lead alias, Odoo's own way of turning an incoming
  e-mail into a record of a work queue);
- DB_WITH: complaints filled with SQL (bulk INSERT ... SELECT generate_series),
  spread over the customers, teams, users, the shipped categories and steps, dates
  over 24 months, nine in ten closed (at the last step), one in ten open over the
  steps, half with a root cause (one in six with two); then messages on them;
- DB_WITHOUT: as many opportunities, with the same spread (nine in ten won, one in
  ten open over the other stages; half with a tag, one in six with two), and as
  many messages.

Paths, each as the admin user (not superuser) through the calls the web client
makes, views read once with get_views:

- kanban: web_read_group on the step (stage) with the default filter (open
  complaints; open opportunities), then web_search_read of the first 40 cards of
  each unfolded column (and read_progress_bar for the lead kanban, which has one);
- team's list: web_search_read of the open records of one team, 80 rows, the
  model's default order, the fields of the list view;
- pivot: the read_group calls (lazy=False, __count) of the pivot view with its rows
  and columns expanded: root causes x category x month received; without the
  addon tags x stage x month created, the closest many2many group-by;
- mail gateway: --emails new e-mails, each from another known customer with its
  own Message-ID, to a team's alias (mail.thread's message_process, as the fetchmail
  cron does), then as many replies (In-Reply-To the first one); each e-mail is its
  own request (flushed, record cache emptied). The check prints how many records
  the new e-mails made, how many the replies made (none: threaded) and how many
  processing the same e-mail again makes (none).

Rounds alternate between the two databases (without first in even rounds, with
first in odd ones); every path is rolled back, so that each round starts from the
same fixture. Times are medians of the rounds (time.perf_counter), SQL queries
exact counts (the cursor's sql_log_count, after env.flush_all()).
"""

import argparse
import datetime
import statistics
import time
import uuid

from lxml import etree

import odoo
from odoo import api
from odoo.modules.registry import Registry

PREFIX = "Bench complaints"
CUSTOMER = f"{PREFIX} customer"
TEAM = f"{PREFIX} team"
USER = f"{PREFIX} user"
TAG = f"{PREFIX} tag"
REFERENCE = "BENCH/"
ALIAS_DOMAIN = "bench.example.com"
KANBAN_LIMIT = 40
LIST_LIMIT = 80
WARM_UP = 3
QUIET = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "no_reset_password": True,
}
CHANNELS = ["email", "phone", "portal", "in_person", "chat", "social", "letter"]


# ---------------------------------------------------------------------------
# Fixture: made once per database, committed
# ---------------------------------------------------------------------------


def by_name(env, model, prefix, count, make):
    Model = env[model].with_context(**QUIET)
    records = Model.search([("name", "=like", f"{prefix} %")], order="id")
    if len(records) < count:
        records |= Model.create([make(index) for index in range(len(records), count)])
    return records.sorted("id")[:count]


def email_of(index):
    return f"bench.complaints.{index}@example.com"


def ensure_common(env, args, with_addon):
    company = env.company
    if not company.alias_domain_id:
        domain = env["mail.alias.domain"].search([("name", "=", ALIAS_DOMAIN)])
        company.alias_domain_id = domain or env["mail.alias.domain"].create(
            {"name": ALIAS_DOMAIN}
        )
    customers = by_name(
        env,
        "res.partner",
        CUSTOMER,
        args.customers,
        lambda i: {"name": f"{CUSTOMER} {i}", "email": email_of(i)},
    )
    users = env["res.users"].with_context(**QUIET)
    users = users.search([("login", "=like", "bench.complaints.user%")], order="id")
    if len(users) < args.users:
        users |= (
            env["res.users"]
            .with_context(**QUIET)
            .create(
                [
                    {
                        "name": f"{USER} {i}",
                        "login": f"bench.complaints.user{i}",
                        "email": f"bench.complaints.user{i}@example.com",
                    }
                    for i in range(len(users), args.users)
                ]
            )
        )
    teams = by_name(
        env,
        "crm.team",
        TEAM,
        args.teams,
        lambda i: {"name": f"{TEAM} {i}", "use_opportunities": True},
    )
    for index, team in enumerate(teams):
        if with_addon and not team.care_complaint_alias_name:
            team.care_complaint_alias_name = f"bench-complaints-{index}"
        if not with_addon and not team.alias_name:
            team.alias_name = f"bench-leads-{index}"
    return customers, users.sorted("id")[: args.users], teams


def fill_complaints(env, args, customers, users, teams):
    cr = env.cr
    cr.execute(
        "SELECT count(*) FROM care_complaint WHERE reference LIKE %s",
        [f"{REFERENCE}%"],
    )
    if cr.fetchone()[0] >= args.complaints:
        return False
    steps = env["care.complaint.step"].search([], order="sequence, id").ids
    categories = env["care.complaint.category"].search([], order="id").ids
    causes = env["care.complaint.cause"].search([], order="id").ids
    # Nine in ten closed at the last step; the others open over the steps.
    cr.execute(
        """
        INSERT INTO care_complaint (
            reference, name, partner_id, commercial_partner_id, email_from,
            customer_kind, channel, category_id, priority, team_id, user_id,
            company_id, step_id, state, date_received, date_resolved, date_closed,
            resolution_hours, reopen_count, compensation_amount, rating_last_value,
            create_uid, write_uid, create_date, write_date)
        SELECT %(ref)s || lpad(g::text, 7, '0'),
               'Bench complaint ' || g,
               p.id, p.commercial_partner_id, p.email, 'external',
               (%(channels)s::varchar[])[1 + g %% 7],
               (%(categories)s::int[])[1 + (g / 7) %% %(ncat)s],
               CASE WHEN g %% 20 = 0 THEN '2' WHEN g %% 5 = 0 THEN '1' ELSE '0' END,
               (%(teams)s::int[])[1 + (g / 11) %% %(nteams)s],
               (%(users)s::int[])[1 + (g / 13) %% %(nusers)s],
               %(company)s,
               CASE WHEN g %% 10 = 0
                    THEN (%(steps)s::int[])[1 + (g / 10) %% %(nsteps)s]
                    ELSE %(last)s END,
               CASE WHEN g %% 10 = 0 THEN 'open' ELSE 'closed' END,
               d.received,
               CASE WHEN g %% 10 = 0 THEN NULL ELSE d.received + interval '3 days'
               END,
               CASE WHEN g %% 10 = 0 THEN NULL ELSE d.received + interval '4 days'
               END,
               CASE WHEN g %% 10 = 0 THEN 0 ELSE 72 END,
               0, 0, 0, 1, 1, d.received, d.received
          FROM generate_series(1, %(count)s) g
          JOIN (SELECT row_number() OVER (ORDER BY id) - 1 AS k, id,
                       commercial_partner_id, email
                  FROM res_partner WHERE id = ANY(%(customers)s)) p
            ON p.k = (g + g / 3) %% %(ncust)s
         CROSS JOIN LATERAL (
               SELECT (now() AT TIME ZONE 'UTC')
                      - interval '1 day' * ((g * 7919 + g / 10) %% 730)
                      - interval '1 minute' * (g %% 1440) AS received) d
        """,
        {
            "ref": REFERENCE,
            "channels": CHANNELS,
            "categories": categories,
            "ncat": len(categories),
            "teams": teams.ids,
            "nteams": len(teams),
            "users": users.ids,
            "nusers": len(users),
            "company": env.company.id,
            "steps": steps,
            "nsteps": len(steps),
            "last": steps[-1],
            "count": args.complaints,
            "customers": customers.ids,
            "ncust": len(customers),
        },
    )
    cr.execute(
        """
        INSERT INTO care_complaint_care_complaint_cause_rel
               (care_complaint_id, care_complaint_cause_id)
        SELECT id, (%(causes)s::int[])[1 + id %% %(n)s]
          FROM care_complaint WHERE reference LIKE %(ref)s AND id %% 2 = 0
        UNION
        SELECT id, (%(causes)s::int[])[1 + (id + 3) %% %(n)s]
          FROM care_complaint WHERE reference LIKE %(ref)s AND id %% 6 = 0
        """,
        {"causes": causes, "n": len(causes), "ref": f"{REFERENCE}%"},
    )
    fill_messages(
        env,
        args,
        "care.complaint",
        "SELECT id, partner_id, user_id, date_received AS date, name FROM "
        "care_complaint WHERE reference LIKE 'BENCH/%%'",
    )
    return True


def fill_leads(env, args, customers, users, teams):
    cr = env.cr
    cr.execute("SELECT count(*) FROM crm_lead WHERE name LIKE %s", [f"{PREFIX} lead %"])
    if cr.fetchone()[0] >= args.complaints:
        return False
    tags = by_name(env, "crm.tag", TAG, 7, lambda i: {"name": f"{TAG} {i}"})
    stages = env["crm.stage"].search([("team_id", "=", False)], order="sequence, id")
    won = stages.filtered("is_won")[:1]
    open_stages = (stages - won).ids
    cr.execute(
        """
        INSERT INTO crm_lead (
            name, type, active, stage_id, team_id, user_id, company_id, partner_id,
            email_from, email_normalized, email_domain_criterion, priority,
            probability, automated_probability, expected_revenue, prorated_revenue,
            date_open, date_last_stage_update, date_closed, color,
            create_uid, write_uid, create_date, write_date)
        SELECT %(prefix)s || ' lead ' || g, 'opportunity', true,
               CASE WHEN g %% 10 = 0
                    THEN (%(stages)s::int[])[1 + (g / 10) %% %(nstages)s]
                    ELSE %(won)s END,
               (%(teams)s::int[])[1 + (g / 11) %% %(nteams)s],
               (%(users)s::int[])[1 + (g / 13) %% %(nusers)s],
               %(company)s, p.id, p.email, p.email, '@example.com',
               CASE WHEN g %% 20 = 0 THEN '2' WHEN g %% 5 = 0 THEN '1' ELSE '0' END,
               CASE WHEN g %% 10 = 0 THEN 10 + g %% 50 ELSE 100 END,
               CASE WHEN g %% 10 = 0 THEN 10 + g %% 50 ELSE 100 END,
               0, 0, d.received, d.received,
               CASE WHEN g %% 10 = 0 THEN NULL ELSE d.received + interval '4 days'
               END,
               0, 1, 1, d.received, d.received
          FROM generate_series(1, %(count)s) g
          JOIN (SELECT row_number() OVER (ORDER BY id) - 1 AS k, id, email
                  FROM res_partner WHERE id = ANY(%(customers)s)) p
            ON p.k = (g + g / 3) %% %(ncust)s
         CROSS JOIN LATERAL (
               SELECT (now() AT TIME ZONE 'UTC')
                      - interval '1 day' * ((g * 7919 + g / 10) %% 730)
                      - interval '1 minute' * (g %% 1440) AS received) d
        """,
        {
            "prefix": PREFIX,
            "stages": open_stages,
            "nstages": len(open_stages),
            "won": won.id,
            "teams": teams.ids,
            "nteams": len(teams),
            "users": users.ids,
            "nusers": len(users),
            "company": env.company.id,
            "count": args.complaints,
            "customers": customers.ids,
            "ncust": len(customers),
        },
    )
    cr.execute(
        """
        INSERT INTO crm_tag_rel (lead_id, tag_id)
        SELECT id, (%(tags)s::int[])[1 + id %% %(n)s]
          FROM crm_lead WHERE name LIKE %(name)s AND id %% 2 = 0
        UNION
        SELECT id, (%(tags)s::int[])[1 + (id + 3) %% %(n)s]
          FROM crm_lead WHERE name LIKE %(name)s AND id %% 6 = 0
        """,
        {"tags": tags.ids, "n": len(tags), "name": f"{PREFIX} lead %"},
    )
    fill_messages(
        env,
        args,
        "crm.lead",
        "SELECT id, partner_id, user_id, create_date AS date, name FROM crm_lead "
        "WHERE name LIKE 'Bench complaints lead %%'",
    )
    return True


def fill_messages(env, args, model, records_query):
    """args.messages messages per record: the customer's e-mail, answers, a note
    and a tracking notification, alternately."""
    comment = env.ref("mail.mt_comment").id
    note = env.ref("mail.mt_note").id
    env.cr.execute(
        f"""
        INSERT INTO mail_message (
            model, res_id, record_name, record_company_id, message_type, subtype_id,
            is_internal, body, subject, date, author_id, email_from, message_id,
            reply_to_force_new, create_uid, write_uid, create_date, write_date)
        SELECT %(model)s, r.id, r.name, %(company)s,
               CASE WHEN k = 1 THEN 'email'
                    WHEN k %% 4 = 0 THEN 'notification' ELSE 'comment' END,
               CASE WHEN k %% 3 = 0 OR k %% 4 = 0 THEN %(note)s ELSE %(comment)s END,
               k %% 3 = 0,
               '<p>Bench complaints message ' || k || ' on ' || r.name || '</p>',
               CASE WHEN k = 1 THEN r.name END,
               r.date + interval '1 hour' * k,
               CASE WHEN k %% 2 = 1 THEN r.partner_id ELSE u.partner_id END,
               CASE WHEN k %% 2 = 1 THEN p.email ELSE NULL END,
               '<bench-complaints-' || %(model)s || '-' || r.id || '-' || k
                   || '@example.com>',
               false, 1, 1, r.date + interval '1 hour' * k,
               r.date + interval '1 hour' * k
          FROM ({records_query}) r
          JOIN res_users u ON u.id = r.user_id
          JOIN res_partner p ON p.id = r.partner_id
         CROSS JOIN generate_series(1, %(messages)s) k
        """,
        {
            "model": model,
            "company": env.company.id,
            "note": note,
            "comment": comment,
            "messages": args.messages,
        },
    )


def fill(env, args, with_addon):
    customers, users, teams = ensure_common(env, args, with_addon)
    env.flush_all()
    if with_addon:
        made = fill_complaints(env, args, customers, users, teams)
    else:
        made = fill_leads(env, args, customers, users, teams)
    env.invalidate_all()
    return made


def sizes(env, with_addon):
    model = "care.complaint" if with_addon else "crm.lead"
    table = env[model]._table
    env.cr.execute(f"SELECT count(*) FROM {table}")
    records = env.cr.fetchone()[0]
    env.cr.execute("SELECT count(*) FROM mail_message WHERE model = %s", [model])
    messages = env.cr.fetchone()[0]
    return f"{records:,} {model}, {messages:,} messages on them"


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


def view_spec(arch, fields_):
    """What the web client reads for a kanban or list view: each field of the
    view, display_name of relational ones."""
    spec = {}
    for node in etree.fromstring(arch).iter("field"):
        name = node.get("name")
        description = fields_.get(name)
        if description is None:
            continue
        if description["type"] in ("many2one", "many2many", "one2many"):
            spec[name] = {"fields": {"display_name": {}}}
        else:
            spec[name] = {}
    return spec


def admin(env):
    return env(user=env.ref("base.user_admin").id, su=False, context={"bin_size": True})


def views_of(Model, view_type):
    views = Model.get_views([(False, view_type)])
    view = views["views"][view_type]
    return view["arch"], views["models"][Model._name]["fields"]


def kanban(env, args, with_addon):
    admin_env = admin(env)
    if with_addon:
        Model = admin_env["care.complaint"]
        domain = [("state", "=", "open")]
        group_by = "step_id"
        progress = None
    else:
        Model = admin_env["crm.lead"]
        domain = [
            ("type", "=", "opportunity"),
            ("probability", "<", 100),
            ("active", "=", True),
        ]
        group_by = "stage_id"
        progress = {
            "field": "activity_state",
            "colors": {"planned": "success", "today": "warning", "overdue": "danger"},
        }
    arch, fields_ = views_of(Model, "kanban")
    spec = view_spec(arch, fields_)

    def run():
        admin_env.invalidate_all()
        groups = Model.web_read_group(domain, [], [group_by])
        if progress:
            Model.read_progress_bar(domain, group_by, progress)
        for group in groups["groups"]:
            if group.get("__fold") or not group[f"{group_by}_count"]:
                continue
            Model.web_search_read(
                group["__domain"], spec, limit=KANBAN_LIMIT, count_limit=None
            )

    return run, lambda: f"{len(spec)} fields per card"


def team_list(env, args, with_addon):
    admin_env = admin(env)
    team = env["crm.team"].search([("name", "=like", f"{TEAM} %")], order="id")[:1]
    if with_addon:
        Model = admin_env["care.complaint"]
        domain = [("team_id", "=", team.id), ("state", "=", "open")]
    else:
        Model = admin_env["crm.lead"]
        domain = [
            ("team_id", "=", team.id),
            ("type", "=", "opportunity"),
            ("probability", "<", 100),
            ("active", "=", True),
        ]
    arch, fields_ = views_of(Model, "list")
    spec = view_spec(arch, fields_)
    result = {}

    def run():
        admin_env.invalidate_all()
        result.update(
            Model.web_search_read(domain, spec, limit=LIST_LIMIT, count_limit=10001)
        )

    return (
        run,
        lambda: (
            f"{len(result['records'])} rows of {result['length']:,}, {len(spec)} fields"
        ),
    )


def pivot(env, args, with_addon):
    admin_env = admin(env)
    if with_addon:
        Model = admin_env["care.complaint"]
        rows = ["cause_ids", "category_id"]
        cols = ["date_received:month"]
    else:
        Model = admin_env["crm.lead"]
        rows = ["tag_ids", "stage_id"]
        cols = ["create_date:month"]
    result = {}

    def run():
        admin_env.invalidate_all()
        # The pivot view reads every combination of its row and column
        # group-bys' prefixes.
        cells = 0
        for row_depth in range(len(rows) + 1):
            for col_depth in range(len(cols) + 1):
                cells += len(
                    Model.read_group(
                        [],
                        ["__count"],
                        rows[:row_depth] + cols[:col_depth],
                        lazy=False,
                    )
                )
        result["cells"] = cells

    return run, lambda: f"{result['cells']:,} cells over 6 read_group calls"


def raw_email(sender, to, subject, message_id, in_reply_to=None):
    lines = [
        f"From: {sender}",
        f"To: {to}",
        f"Subject: {subject}",
        f"Message-ID: {message_id}",
        "Date: Mon, 16 Nov 2026 10:00:00 +0000",
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=utf-8",
    ]
    if in_reply_to:
        lines += [f"In-Reply-To: {in_reply_to}", f"References: {in_reply_to}"]
    lines += ["", f"{subject}: the parcel arrived broken, please help.", ""]
    return "\r\n".join(lines)


def gateway(env, args, with_addon, count):
    """(new e-mails function, replies function, check)."""
    customers = env["res.partner"].search(
        [("name", "=like", f"{CUSTOMER} %")], order="id", limit=count
    )
    teams = env["crm.team"].search([("name", "=like", f"{TEAM} %")], order="id")
    model = "care.complaint" if with_addon else "crm.lead"
    domain_name = env.company.alias_domain_id.name
    tag = uuid.uuid4().hex[:12]
    firsts, replies = [], []
    for index, customer in enumerate(customers):
        team_index = index % len(teams)
        alias = (
            f"bench-complaints-{team_index}"
            if with_addon
            else f"bench-leads-{team_index}"
        )
        to = f"{alias}@{domain_name}"
        message_id = f"<bench-{tag}-{index}@example.com>"
        subject = f"Broken parcel {tag} {index}"
        firsts.append(raw_email(customer.email, to, subject, message_id))
        replies.append(
            raw_email(
                customer.email,
                to,
                f"Re: {subject}",
                f"<bench-{tag}-{index}-re@example.com>",
                in_reply_to=message_id,
            )
        )
    Model = env[model].with_context(active_test=False)
    counts = {"before": Model.search_count([])}
    Thread = env["mail.thread"]

    def process(raws, key):
        def run():
            for raw in raws:
                Thread.message_process(None, raw)
                env.flush_all()
                env.invalidate_all()
            counts[key] = Model.search_count([])

        return run

    def check():
        new = counts["firsts"] - counts["before"]
        from_replies = counts["replies"] - counts["firsts"]
        Thread.message_process(None, firsts[0])
        again = Model.search_count([]) - counts["replies"]
        threaded = env["mail.message"].search_count(
            [("message_id", "=like", f"<bench-{tag}-%-re@example.com>")]
        )
        ok = new == len(firsts) and from_replies == 0 and again == 0
        return (
            f"{new} new {model} from {len(firsts)} e-mails, {from_replies} from "
            f"{len(replies)} replies ({threaded} replies threaded), {again} from "
            f"the same e-mail again: {'OK' if ok else 'DUPLICATES OR MISSING'}"
        )

    return process(firsts, "firsts"), process(replies, "replies"), check


def run_views(registry, args, with_addon, results, verbose):
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        for key, prepare in (("kanban", kanban), ("list", team_list), ("pivot", pivot)):
            function, check = prepare(env, args, with_addon)
            for _index in range(WARM_UP if verbose else 1):
                function()
            results.setdefault(key, []).append(measure(env, function))
            if verbose:
                print(f"    {key}: {check()}", flush=True)
            cr.rollback()


def run_mail(registry, args, with_addon, results, verbose):
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        warm_firsts, warm_replies, _check = gateway(env, args, with_addon, WARM_UP)
        warm_firsts()
        warm_replies()
        cr.rollback()
        env.invalidate_all()
        firsts, replies, check = gateway(env, args, with_addon, args.emails)
        results.setdefault("mail_new", []).append(measure(env, firsts))
        results.setdefault("mail_reply", []).append(measure(env, replies))
        text = check()
        results.setdefault("mail_check", []).append(text)
        if verbose:
            print(f"    mail: {text}", flush=True)
        cr.rollback()


# ---------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------

PATHS = [
    ("kanban", "kanban open (web_read_group on step/stage + 40 cards per column)", 1),
    ("list", "team's list (web_search_read, 80 rows, open)", 1),
    ("pivot", "cause pivot (causes/tags x category/stage x month, 6 read_group)", 1),
    ("mail_new", "incoming e-mail, new thread (per e-mail)", None),
    ("mail_reply", "incoming e-mail, reply In-Reply-To (per e-mail)", None),
]


def cell(figures, units):
    if not figures:
        return "—"
    seconds = statistics.median(time_ for time_, _q in figures)
    queries = [count / units for _t, count in figures]
    text = f"{1000 * seconds / units:.1f} ms / {statistics.median(queries):.1f} q"
    if len(set(queries)) > 1:
        text += f" ({min(queries):.1f}–{max(queries):.1f})"
    return text


def report(args, results, fixture, header):
    print()
    print(header)
    print(
        f"Rounds: {args.rounds} for the views, {args.mail_rounds} for the mail "
        f"gateway ({args.emails:,} e-mails and {args.emails:,} replies per round); "
        "median time / exact queries per unit."
    )
    for label, text in fixture.items():
        print(f"Fixture {label}: {text}")
    print()
    print("| Path | without the addon | with customer_care | time ratio |")
    print("|---|---|---|---|")
    for key, label, units in PATHS:
        units = units or args.emails
        without = results["without"].get(key)
        with_ = results["with"].get(key)
        if without and with_:
            ratio = statistics.median(t for t, _q in with_) / statistics.median(
                t for t, _q in without
            )
            ratio = f"{ratio:.2f}"
        else:
            ratio = "—"
        print(f"| {label} | {cell(without, units)} | {cell(with_, units)} | {ratio} |")
    print()
    for label in ("without", "with"):
        checks = sorted(set(results[label].get("mail_check", [])))
        for text in checks:
            print(f"Mail check, {label} the addon: {text}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("db_with")
    parser.add_argument("db_without")
    parser.add_argument("addons_path")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--mail-rounds", type=int, default=3)
    parser.add_argument("--complaints", type=int, default=100000)
    parser.add_argument("--messages", type=int, default=5)
    parser.add_argument("--customers", type=int, default=2000)
    parser.add_argument("--teams", type=int, default=10)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--emails", type=int, default=1000)
    args = parser.parse_args()
    assert args.emails <= args.customers, "one known customer per e-mail"
    odoo.tools.config.parse_config(
        ["--addons-path", args.addons_path, "--log-level", "warn"]
    )
    databases = {"without": (args.db_without, False), "with": (args.db_with, True)}
    registries, fixture = {}, {}
    for label, (dbname, with_addon) in databases.items():
        registry = registries[label] = Registry(dbname)
        with registry.cursor() as cr:
            env = api.Environment(cr, odoo.SUPERUSER_ID, {})
            assert ("care.complaint" in env) == with_addon, dbname
            started = time.perf_counter()
            made = fill(env, args, with_addon)
            cr.commit()
            if made:
                cr._cnx.autocommit = True
                cr.execute("VACUUM ANALYZE")
                cr._cnx.autocommit = False
                print(
                    f"{dbname}: fixture made in {time.perf_counter() - started:.0f} s",
                    flush=True,
                )
            fixture[label] = f"{sizes(env, with_addon)} ({dbname})"
    with registries["with"].cursor() as cr:
        cr.execute("SHOW server_version")
        header = (
            f"Date: {datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}; "
            f"PostgreSQL {cr.fetchone()[0]}; Odoo {odoo.release.version}"
        )
    results = {"without": {}, "with": {}}
    for round_index in range(max(args.rounds, args.mail_rounds)):
        order = ("without", "with") if round_index % 2 == 0 else ("with", "without")
        for label in order:
            started = time.perf_counter()
            with_addon = databases[label][1]
            verbose = round_index == 0
            if round_index < args.rounds:
                run_views(registries[label], args, with_addon, results[label], verbose)
            if round_index < args.mail_rounds:
                run_mail(registries[label], args, with_addon, results[label], verbose)
            print(
                f"  round {round_index + 1}: {label} "
                f"({time.perf_counter() - started:.0f} s)",
                flush=True,
            )
    report(args, results, fixture, header)


if __name__ == "__main__":
    main()
