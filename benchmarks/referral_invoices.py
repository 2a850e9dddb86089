"""Benchmark of referral commissions: what the addon adds to posting invoices.

Usage: python benchmarks/referral_invoices.py DB_WITH DB_WITHOUT ADDONS_PATH
       [--invoices 10000] [--customers 1000] [--batch 100] [--single 200]

DB_WITH has customer_care installed, DB_WITHOUT the same modules but not
customer_care (scripts/bench.sh makes both). Each gets --customers customers and
--invoices draft customer invoices of one line (made once, kept between runs); in
DB_WITH every customer was referred, so every invoice earns a commission (the
worst case). Then, in each database, the invoices are posted by batches of --batch
(as the "Post entries" action does) and --single of them one by one (as the
invoice form does), timed and counted in SQL queries, and rolled back: the drafts
stay drafts for the next run. Prints the two databases side by side and the ratios.
"""

import argparse
import time

import odoo
from odoo import api
from odoo.modules.registry import Registry

CUSTOMER_PREFIX = "Benchmark referral customer"
REFERRER_NAME = "Benchmark referrer"
INVOICE_REF = "benchmark-referral"


def fill(env, invoices, customers_count, with_addon):
    Partner = env["res.partner"].with_context(tracking_disable=True)
    customers = Partner.search([("name", "=like", f"{CUSTOMER_PREFIX} %")])
    if len(customers) < customers_count:
        customers |= Partner.create(
            [
                {"name": f"{CUSTOMER_PREFIX} {index}"}
                for index in range(len(customers), customers_count)
            ]
        )
    if with_addon:
        referrer = Partner.search([("name", "=", REFERRER_NAME)], limit=1)
        if not referrer:
            referrer = Partner.create({"name": REFERRER_NAME})
        customers.filtered(lambda c: not c.care_referred_by_id).write(
            {"care_referred_by_id": referrer.id, "care_referral_date": "2000-01-01"}
        )
        env.company.care_referral_months = 0
    Move = env["account.move"].with_context(tracking_disable=True)
    existing = Move.search_count([("ref", "=", INVOICE_REF), ("state", "=", "draft")])
    todo = invoices - existing
    while todo > 0:
        size = min(todo, 500)
        Move.create(
            [
                {
                    "move_type": "out_invoice",
                    "partner_id": customers[index % len(customers)].id,
                    "invoice_date": "2026-06-15",
                    "ref": INVOICE_REF,
                    "invoice_line_ids": [
                        odoo.Command.create(
                            {
                                "name": "Benchmark service",
                                "quantity": 1,
                                "price_unit": 100.0 + index % 37,
                                "tax_ids": [],
                            }
                        )
                    ],
                }
                for index in range(size)
            ]
        )
        env.cr.commit()
        env.invalidate_all()
        todo -= size
        print(f"  {invoices - todo} draft invoices", flush=True)


def post(env, invoices, batch, single):
    """(invoices, seconds, queries, seconds in the commission step) of posting by
    batches, then of posting one by one."""
    moves = env["account.move"].search(
        [("ref", "=", INVOICE_REF), ("state", "=", "draft")], order="id", limit=invoices
    )
    ids = moves.ids
    results = []
    # Time spent in the addon's step of posting, measured from inside.
    in_commissions = [0.0]
    Commission = None
    if "care.referral.commission" in env:
        Commission = type(env["care.referral.commission"])
        sync = Commission._sync_from_moves

        def timed_sync(self, *args, **kwargs):
            started = time.perf_counter()
            try:
                return sync(self, *args, **kwargs)
            finally:
                in_commissions[0] += time.perf_counter() - started

        Commission._sync_from_moves = timed_sync
    for chunks in (
        [ids[start : start + batch] for start in range(0, len(ids) - single, batch)],
        [[move_id] for move_id in ids[len(ids) - single :]],
    ):
        env.flush_all()
        env.invalidate_all()
        in_commissions[0] = 0.0
        queries_before = odoo.sql_db.sql_counter
        started = time.perf_counter()
        for chunk in chunks:
            env["account.move"].browse(chunk).action_post()
            env.flush_all()
            env.invalidate_all()
        results.append(
            (
                sum(len(chunk) for chunk in chunks),
                time.perf_counter() - started,
                odoo.sql_db.sql_counter - queries_before,
                in_commissions[0],
            )
        )
    if Commission is not None:
        Commission._sync_from_moves = sync
    if "care.referral.commission" in env:
        earned = env["care.referral.commission"].search_count([("move_id", "in", ids)])
        assert earned == len(ids), f"{earned} commissions for {len(ids)} invoices"
    env.cr.rollback()
    return results


def run(dbname, args, with_addon):
    registry = Registry(dbname)
    # Each run rolls 10,000 updated invoices back: vacuum, so that both databases
    # start with tables in the same state (Odoo's numbering scans account_move).
    with registry.cursor() as cr:
        cr._cnx.autocommit = True
        cr.execute("VACUUM ANALYZE account_move, account_move_line")
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        assert ("care.referral.commission" in env) == with_addon, dbname
        fill(env, args.invoices, args.customers, with_addon)
        cr.commit()
        return post(env, args.invoices, args.batch, args.single)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("db_with")
    parser.add_argument("db_without")
    parser.add_argument("addons_path")
    parser.add_argument("--invoices", type=int, default=10000)
    parser.add_argument("--customers", type=int, default=1000)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--single", type=int, default=200)
    args = parser.parse_args()
    odoo.tools.config.parse_config(
        ["--addons-path", args.addons_path, "--log-level", "warn"]
    )
    figures = {}
    for label, dbname, with_addon in (
        ("without", args.db_without, False),
        ("with", args.db_with, True),
    ):
        print(f"{dbname}: {label} customer_care", flush=True)
        figures[label] = run(dbname, args, with_addon)
    print()
    print(
        "| Posting | invoices | without: time / queries | with: time / queries "
        "| time ratio | commission step | queries per invoice (without -> with) |"
    )
    print("|---|---|---|---|---|---|---|")
    for index, name in enumerate((f"by batches of {args.batch}", "one by one")):
        count, time_without, queries_without, _none = figures["without"][index]
        _count, time_with, queries_with, step = figures["with"][index]
        print(
            f"| {name} | {count:,} | {time_without:.1f} s / {queries_without:,} "
            f"| {time_with:.1f} s / {queries_with:,} "
            f"| {time_with / time_without:.3f} "
            f"| {step:.1f} s = {100 * step / time_with:.1f} % "
            f"| {queries_without / count:.2f} -> {queries_with / count:.2f} "
            f"(+{(queries_with - queries_without) / count:.2f}) |"
        )


if __name__ == "__main__":
    main()
