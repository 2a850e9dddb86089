"""Benchmark of the birthday cron on a database of many contacts.

Usage: python benchmarks/birthday_cron.py DBNAME ADDONS_PATH [--partners N] [--due N]

Fills DBNAME (which has customer_care installed) with N contacts with birthdates,
none of them due, then measures the planning cron (wall time, SQL queries, peak
Python memory) with no card due and with --due cards due, and the sending cron for
one batch of the due e-mails. Nothing of the measured runs is committed: the
contacts stay for the next run, the cards do not.
"""

import argparse
import time
import tracemalloc
from datetime import date, timedelta

import odoo
from odoo import api
from odoo.modules.registry import Registry

NAME_PREFIX = "Benchmark contact"


def measure(env, label, function):
    env.flush_all()
    env.invalidate_all()
    queries_before = odoo.sql_db.sql_counter
    tracemalloc.start()
    started = time.perf_counter()
    function()
    env.flush_all()
    elapsed = time.perf_counter() - started
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    queries = odoo.sql_db.sql_counter - queries_before
    print(
        f"| {label} | {elapsed:.2f} s | {queries} | {peak / 1024 / 1024:.1f} MiB |",
        flush=True,
    )
    return queries


def fill(env, count, today, lead_days):
    """Contacts whose birthdays are all outside the cron's window."""
    Partner = env["res.partner"].with_context(
        tracking_disable=True, mail_create_nolog=True, mail_create_nosubscribe=True
    )
    existing = Partner.search_count([("name", "=like", f"{NAME_PREFIX}%")])
    batch = 5000
    for start in range(existing, count, batch):
        vals_list = []
        for index in range(start, min(start + batch, count)):
            # Spread over the year, skipping the window (today .. today + lead + 30).
            offset = lead_days + 31 + index % (365 - lead_days - 62)
            birthday = today + timedelta(days=offset)
            vals_list.append(
                {
                    "name": f"{NAME_PREFIX} {index}",
                    "email": f"bench{index}@example.com",
                    # 1980 is a leap year: every birthday exists in it.
                    "care_birthdate": birthday.replace(year=1980),
                }
            )
        Partner.create(vals_list)
        env.cr.commit()
        print(f"  {min(start + batch, count)} contacts", flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("addons_path")
    parser.add_argument("--partners", type=int, default=100_000)
    parser.add_argument("--due", type=int, default=1_000)
    args = parser.parse_args()
    odoo.tools.config.parse_config(["--addons-path", args.addons_path, "-d", args.db])
    registry = Registry(args.db)
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        birthday_type = env.ref("customer_care.care_loyalty_action_type_birthday")
        today = date.today()
        print(f"Filling {args.db} up to {args.partners} contacts (kept between runs)")
        fill(env, args.partners, today, birthday_type.lead_days)
        Action = env["care.loyalty.action"]
        total = env["res.partner"].search_count([("care_birthdate", "!=", False)])
        lead = birthday_type.lead_days
        print(f"\n{total} contacts with a birthdate; lead time {lead} days\n")
        print("| run | wall time | SQL queries | peak Python memory |")
        print("| --- | --- | --- | --- |")
        measure(env, "plan birthdays, no card due", Action._cron_plan_birthdays)
        due = env["res.partner"].search(
            [("name", "=like", f"{NAME_PREFIX}%")], limit=args.due, order="id"
        )
        # Their birthday is today: due now, within any lead time.
        due.write({"care_birthdate": today.replace(year=1980)})
        measure(
            env, f"plan birthdays, {len(due)} cards due", Action._cron_plan_birthdays
        )
        measure(env, "plan birthdays again, nothing new", Action._cron_plan_birthdays)
        planned = Action.search_count([("partner_id", "in", due.ids)])
        measure(env, "send due e-mails, one batch", Action._cron_send_due)
        sent = Action.search_count(
            [("partner_id", "in", due.ids), ("state", "=", "done")]
        )
        print(
            f"\n{planned} cards planned, {sent} sent in one batch of the sending cron"
        )
        cr.rollback()


if __name__ == "__main__":
    main()
