"""The Retention report (TARP) at volume, next to Odoo's own invoice list.

Usage: python benchmarks/retention.py DB ADDONS_PATH [--rounds 5]
       [--complaints 100000] [--invoices 1000000] [--customers 50000]
       [--complainers 20000] [--output FILE]

DB has customer_care installed, without demo data (make bench BENCH=retention
makes customer_care_bench_retention, a database of its own, and passes it with
the addons path; not in the default list of make bench). It gets its fixture
once, committed and kept between runs (found again by the "Bench retention"
prefix of its records), made by SQL (INSERT ... SELECT generate_series):

- --customers companies (res.partner), the first --complainers of them with
  --complaints complaints over the last 36 months: two in five resolved within
  a day (quick), three in ten after ten days (slow), the others not resolved;
- --invoices posted customer invoices (one in twenty a refund) of the company's
  sales journal over the same customers and months, without journal items (the
  report reads the invoices' header: the partner, the date, the untaxed amount).

Paths, each as the admin user (not superuser), run --rounds times after one not
measured, in one transaction rolled back:

- opening the menu (the server action's action_open_report) on figures over an
  hour old: it triggers the cron and returns the window action;
- recomputing the report (REFRESH MATERIALIZED VIEW CONCURRENTLY: the nightly
  cron, also run in the background when the menu is opened on figures over an
  hour old), and the same query read as a plain view would be (the report's
  SELECT, grouped by segment), which is what every pivot reading would cost
  without the materialized view;
- the Retention pivot as it opens (rows by segment, the "Window Elapsed"
  filter, its seven measures): the read_group of the total and of the rows;
- the same, its rows also split by the anchor's year;
- the Retention list's first page (80 rows, newest first) and its count;
- next to them, Odoo's own reading of the same invoices: the Invoices list
  (account.move, posted customer invoices and refunds) grouped by customer, the
  sum of the untaxed amounts and the count (read_group), and grouped by month.

Times are medians (time.perf_counter), with min-max when they differ; SQL
queries are exact counts (the cursor's sql_log_count).
"""

import argparse
import datetime
import statistics
import time

import odoo
from odoo import api
from odoo.modules.registry import Registry
from odoo.tools import SQL

PREFIX = "Bench retention"
REFERENCE = "BRT/"
MEASURES = [
    "__count",
    "bought_again:sum",
    "repurchase_rate:avg",
    "revenue_after:sum",
    "estimate_silent:sum",
    "estimate_people_told:sum",
    "estimate_sales_at_risk:sum",
]
ELAPSED = [("window_complete", "=", True)]
INVOICES = [
    ("move_type", "in", ("out_invoice", "out_refund")),
    ("state", "=", "posted"),
]


def fill_customers(cr, args):
    cr.execute("SELECT count(*) FROM res_partner WHERE name LIKE %s", [f"{PREFIX} %"])
    done = cr.fetchone()[0]
    if done >= args.customers:
        return
    cr.execute(
        """
        INSERT INTO res_partner (name, complete_name, active, is_company, type,
                                 care_customer_kind, autopost_bills, man_money,
                                 man_authority, man_need, man_access,
                                 create_date, write_date, create_uid, write_uid)
        SELECT %(prefix)s || ' customer ' || g, %(prefix)s || ' customer ' || g,
               TRUE, TRUE, 'contact', 'external', 'ask', FALSE, FALSE, FALSE,
               FALSE, now(), now(), 1, 1
          FROM generate_series(%(first)s, %(count)s) g
        """,
        {"prefix": PREFIX, "first": done + 1, "count": args.customers},
    )
    cr.execute(
        "UPDATE res_partner SET commercial_partner_id = id "
        "WHERE name LIKE %s AND commercial_partner_id IS NULL",
        [f"{PREFIX} %"],
    )


def customers(cr):
    cr.execute(
        "SELECT array_agg(id ORDER BY id) FROM res_partner WHERE name LIKE %s",
        [f"{PREFIX} %"],
    )
    return cr.fetchone()[0]


def fill_complaints(env, args, ids):
    cr = env.cr
    cr.execute(
        "SELECT count(*) FROM care_complaint WHERE reference LIKE %s",
        [f"{REFERENCE}%"],
    )
    if cr.fetchone()[0] >= args.complaints:
        return
    step = env["care.complaint.step"].search([], order="sequence, id", limit=1)
    cr.execute(
        """
        INSERT INTO care_complaint (
            reference, name, partner_id, commercial_partner_id, customer_kind,
            channel, priority, company_id, step_id, state, date_received,
            date_resolved, resolution_hours, reopen_count, compensation_amount,
            rating_last_value, create_uid, write_uid, create_date, write_date)
        SELECT %(ref)s || lpad(g::text, 7, '0'), %(prefix)s || ' complaint ' || g,
               c.id, c.id, 'external', 'email', '0', %(company)s, %(step)s,
               CASE WHEN g %% 10 < 7 THEN 'closed' ELSE 'open' END,
               d.received,
               CASE WHEN g %% 10 < 4 THEN d.received + interval '1 day'
                    WHEN g %% 10 < 7 THEN d.received + interval '10 days' END,
               0, 0, 0, 0, 1, 1, d.received, d.received
          FROM generate_series(1, %(count)s) g
          CROSS JOIN LATERAL (
                SELECT (%(customers)s::int[])[1 + (g * 7) %% %(ncust)s] AS id) c
          CROSS JOIN LATERAL (
                SELECT (now() AT TIME ZONE 'UTC')
                       - interval '1 day' * ((g * 7919) %% 1095) AS received) d
        """,
        {
            "ref": REFERENCE,
            "prefix": PREFIX,
            "company": env.company.id,
            "step": step.id,
            "count": args.complaints,
            "customers": ids[: args.complainers],
            "ncust": min(args.complainers, len(ids)),
        },
    )


def fill_invoices(env, args, ids):
    cr = env.cr
    cr.execute("SELECT count(*) FROM account_move WHERE ref LIKE %s", [f"{REFERENCE}%"])
    done = cr.fetchone()[0]
    if done >= args.invoices:
        return
    journal = env["account.journal"].search(
        [("type", "=", "sale"), ("company_id", "=", env.company.id)], limit=1
    )
    assert journal, "the company needs a sales journal"
    cr.execute(
        """
        INSERT INTO account_move (
            name, ref, journal_id, company_id, currency_id, partner_id,
            commercial_partner_id, move_type, state, auto_post, date,
            invoice_date, amount_untaxed, amount_untaxed_signed, amount_total,
            amount_total_signed, amount_residual, amount_residual_signed,
            create_uid, write_uid, create_date, write_date)
        SELECT 'BRT/' || g, %(ref)s || g, %(journal)s, %(company)s,
               %(currency)s, c.id, c.id, t.move_type, 'posted', 'no', d.day,
               d.day, a.amount, t.sign * a.amount, a.amount, t.sign * a.amount,
               0, 0, 1, 1, now(), now()
          FROM generate_series(%(first)s, %(count)s) g
          CROSS JOIN LATERAL (
                SELECT (%(customers)s::int[])[1 + (g * 13) %% %(ncust)s] AS id) c
          CROSS JOIN LATERAL (
                SELECT CASE WHEN g %% 20 = 0 THEN 'out_refund'
                            ELSE 'out_invoice' END AS move_type,
                       CASE WHEN g %% 20 = 0 THEN -1 ELSE 1 END AS sign) t
          CROSS JOIN LATERAL (SELECT 100 + (g * 31) %% 9900 AS amount) a
          CROSS JOIN LATERAL (
                SELECT (now() - interval '1 day' * ((g::bigint * 104729) %% 1095))::date
                       AS day) d
        """,
        {
            "ref": REFERENCE,
            "journal": journal.id,
            "company": env.company.id,
            "currency": env.company.currency_id.id,
            "first": done + 1,
            "count": args.invoices,
            "customers": ids,
            "ncust": len(ids),
        },
    )


def fill(env, args):
    fill_customers(env.cr, args)
    ids = customers(env.cr)
    fill_complaints(env, args, ids)
    fill_invoices(env, args, ids)


def measure(env, function):
    env.flush_all()
    env.invalidate_all()
    before = env.cr.sql_log_count
    started = time.perf_counter()
    function()
    return time.perf_counter() - started, env.cr.sql_log_count - before


def paths(env):
    admin = env(user=env.ref("base.user_admin").id, su=False)
    Report = admin["care.retention.report"]
    Move = admin["account.move"]

    def pivot(rows):
        def run():
            for depth in range(len(rows) + 1):
                Report.read_group(ELAPSED, MEASURES, rows[:depth], lazy=False)

        return run

    def page():
        Report.search_fetch(
            ELAPSED,
            ["date_anchor", "partner_id", "segment", "bought_again", "revenue_after"],
            limit=80,
        )
        Report.search_count(ELAPSED)

    def invoices(groupby):
        def run():
            Move.read_group(
                INVOICES,
                ["amount_untaxed_signed:sum", "__count"],
                [groupby],
                lazy=False,
            )

        return run

    def plain_view():
        env.cr.execute(
            SQL(
                "SELECT segment, count(*), sum(revenue_after) FROM (%s) r "
                "WHERE window_end <= CURRENT_DATE GROUP BY segment",
                Report._query(),
            )
        )
        env.cr.fetchall()

    def open_stale():
        Report.action_open_report()

    # First: the recomputation marks the figures fresh.
    return [
        ("Open the menu, figures over an hour old (cron triggered)", open_stale),
        ("Recompute the report (the cron)", Report._care_refresh),
        (
            "Its query read live, grouped by segment (what a plain view costs)",
            plain_view,
        ),
        ("Retention pivot: by segment (total + rows)", pivot(["segment"])),
        (
            "Retention pivot: by segment and year",
            pivot(["segment", "date_anchor:year"]),
        ),
        ("Retention list: first page and count", page),
        ("Odoo: Invoices grouped by customer", invoices("partner_id")),
        ("Odoo: Invoices grouped by month", invoices("invoice_date:month")),
    ]


def spread(values, fmt):
    values = list(values)
    text = fmt.format(statistics.median(values))
    if len({round(v, 6) for v in values}) > 1:
        text += f" ({fmt.format(min(values))}–{fmt.format(max(values))})"
    return text


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("addons_path")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--complaints", type=int, default=100000)
    parser.add_argument("--invoices", type=int, default=1000000)
    parser.add_argument("--customers", type=int, default=50000)
    parser.add_argument("--complainers", type=int, default=20000)
    parser.add_argument("--output", help="also write the table to this file")
    args = parser.parse_args()
    odoo.tools.config.parse_config(
        ["--addons-path", args.addons_path, "--log-level", "warn"]
    )
    registry = Registry(args.db)
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        started = time.perf_counter()
        fill(env, args)
        cr.commit()
        cr._cnx.autocommit = True
        cr.execute("VACUUM ANALYZE account_move, care_complaint, res_partner")
        cr._cnx.autocommit = False
        print(f"fixture ready in {time.perf_counter() - started:.0f} s", flush=True)
        env["care.retention.report"]._care_refresh()
        # Over an hour old, for the opening path (each run triggers the cron).
        env["ir.config_parameter"].set_param(
            "customer_care.retention_refreshed", "2000-01-01 00:00:00"
        )
        cr.execute(
            "SELECT (SELECT count(*) FROM care_complaint), "
            "(SELECT count(*) FROM account_move WHERE state = 'posted' "
            "AND move_type IN ('out_invoice', 'out_refund')), "
            "(SELECT count(*) FROM care_retention_report), "
            "(SELECT count(*) FROM care_retention_report WHERE window_complete)"
        )
        complaints, invoices, rows, elapsed = cr.fetchone()
        cr.execute("SHOW server_version")
        version = cr.fetchone()[0]
        lines = [
            (
                f"Date: {datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}; "
                f"PostgreSQL {version}; Odoo {odoo.release.version}; {args.db}"
            ),
            (
                f"{complaints:,} complaints, {invoices:,} posted customer invoices and "
                f"refunds, {rows:,} report rows ({elapsed:,} with their window "
                f"elapsed); median of {args.rounds} runs after one not measured"
            ),
            "",
            "| Path (admin) | time | queries |",
            "|---|---|---|",
        ]
        for name, function in paths(env):
            function()
            runs = [measure(env, function) for _index in range(args.rounds)]
            lines.append(
                f"| {name} | {spread((1000 * t for t, _q in runs), '{:.0f} ms')} | "
                f"{spread((q for _t, q in runs), '{:.0f}')} |"
            )
        cr.rollback()
    print("\n".join(lines))
    if args.output:
        with open(args.output, "w") as file:
            file.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
