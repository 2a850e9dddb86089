"""Benchmark of CASCADE reviews: many teams, periods and checklist items.

Usage: python benchmarks/cascade_reviews.py DBNAME ADDONS_PATH
       [--teams 200] [--periods 12] [--items 40]

Fills DBNAME (which has customer_care installed) with --teams sales teams, a
checklist of --items active items, and one started review per team and monthly
period, its lines set to a spread of statuses (kept between runs). Then measures
(wall time, SQL queries) what the managers' screens do: the CASCADE Progress pivot
(teams x elements, periods x elements), the review kanban (its first page as the
web client reads it, and the progress of every review at once), and a
recomputation of every review's stored progress.
"""

import argparse
import time
from datetime import date

from dateutil.relativedelta import relativedelta

import odoo
from odoo import api
from odoo.modules.registry import Registry

TEAM_PREFIX = "Benchmark team"
ITEM_PREFIX = "Benchmark item"
STATUSES = ["done", "in_progress", "todo", "done", "na"]
KANBAN_SPEC = {
    name: {}
    for name in (
        "name",
        "date_start",
        "date_end",
        "state",
        "color",
        "progress",
        "excellence_reached",
        "element_progress",
        "late_line_count",
    )
}
KANBAN_SPEC["user_id"] = {"fields": {"display_name": {}}}
KANBAN_SPEC["activity_ids"] = {"fields": {}}


def measure(env, label, function):
    env.flush_all()
    env.invalidate_all()
    env.registry.clear_cache()
    queries_before = odoo.sql_db.sql_counter
    started = time.perf_counter()
    result = function()
    env.flush_all()
    elapsed = time.perf_counter() - started
    queries = odoo.sql_db.sql_counter - queries_before
    print(f"| {label} | {elapsed:.2f} s | {queries} |", flush=True)
    return result


def fill(env, teams_count, periods, items_count):
    Item = env["care.cascade.item"]
    active = Item.search_count([])
    elements = env["care.cascade.element"].search([])
    missing = items_count - active
    if missing > 0:
        Item.create(
            [
                {
                    "name": f"{ITEM_PREFIX} {index}",
                    "element_id": elements[index % len(elements)].id,
                    "weight": 1 + index % 3,
                    "company_id": False,
                }
                for index in range(missing)
            ]
        )
    Team = env["crm.team"].with_context(tracking_disable=True)
    existing = Team.search([("name", "=like", f"{TEAM_PREFIX}%")])
    teams = existing + Team.create(
        [
            {"name": f"{TEAM_PREFIX} {index}"}
            for index in range(len(existing), teams_count)
        ]
    )
    env.cr.commit()
    Review = env["care.cascade.review"].with_context(
        tracking_disable=True, mail_create_nolog=True, mail_create_nosubscribe=True
    )
    first = date(2025, 1, 1)
    for period in range(periods):
        start = first + relativedelta(months=period)
        done = Review.search(
            [("team_id", "in", teams.ids), ("date_start", "=", start)]
        ).team_id
        todo = teams - done
        if not todo:
            continue
        reviews = Review.create(
            [
                {
                    "team_id": team.id,
                    "date_start": start,
                    "date_end": start + relativedelta(months=1, days=-1),
                }
                for team in todo
            ]
        )
        reviews.action_start()
        lines = reviews.line_ids
        # A spread of statuses that moves with the period: trends to show.
        for shift, status in enumerate(STATUSES):
            lines.filtered(
                lambda line, s=shift, p=period: (line.id + p) % len(STATUSES) == s
            ).status = status
        env.cr.commit()
        print(f"  period {start:%Y-%m}: {len(reviews)} reviews", flush=True)
    return teams


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("addons_path")
    parser.add_argument("--teams", type=int, default=200)
    parser.add_argument("--periods", type=int, default=12)
    parser.add_argument("--items", type=int, default=40)
    args = parser.parse_args()
    odoo.tools.config.parse_config(["--addons-path", args.addons_path, "-d", args.db])
    registry = Registry(args.db)
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        print(
            f"Filling {args.db} with {args.teams} teams x {args.periods} periods "
            f"x {args.items} items (kept between runs)"
        )
        teams = fill(env, args.teams, args.periods, args.items)
        Review = env["care.cascade.review"]
        Report = env["care.cascade.report"]
        domain = [("team_id", "in", teams.ids)]
        reviews = Review.search(domain)
        lines = env["care.cascade.review.line"].search_count(domain)
        print(f"\n{len(reviews)} reviews, {lines} lines\n")
        print("| run | wall time | SQL queries |")
        print("| --- | --- | --- |")
        groups = measure(
            env,
            "pivot: progress by team x element",
            lambda: Report.read_group(
                domain, ["progress:avg"], ["team_id", "element_id"], lazy=False
            ),
        )
        measure(
            env,
            "pivot: progress by month x element (trend)",
            lambda: Report.read_group(
                domain, ["progress:avg"], ["date_start:month", "element_id"], lazy=False
            ),
        )
        measure(
            env,
            "kanban: columns by state",
            lambda: Review.web_read_group(domain, ["state"], ["state"], lazy=False),
        )
        measure(
            env,
            "kanban: first 80 cards",
            lambda: Review.web_search_read(domain, KANBAN_SPEC, limit=80),
        )
        measure(
            env,
            f"kanban fields of all {len(reviews)} reviews",
            lambda: Review.web_search_read(domain, KANBAN_SPEC),
        )

        def recompute():
            for fname in ("progress", "excellence_reached"):
                env.add_to_compute(Review._fields[fname], reviews)
            reviews.flush_recordset()

        measure(env, f"recompute stored progress of {len(reviews)} reviews", recompute)
        print(f"\n{len(groups)} pivot cells (team x element)")
        cr.rollback()


if __name__ == "__main__":
    main()
