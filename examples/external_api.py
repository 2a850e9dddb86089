#!/usr/bin/env python3
"""Drive customer_care through Odoo's External API (XML-RPC), standard library only.

It qualifies a new customer, plans a manual loyalty action for it and marks it done,
then lists the referral commissions waiting for approval. It prints what it does
and exits non-zero on any failure.

    python3 examples/external_api.py --url http://localhost:8069 --db customer_care \\
        --login admin --password admin

Each option falls back on an environment variable (ODOO_URL, ODOO_DB, ODOO_LOGIN,
ODOO_PASSWORD), then on the defaults of `make run`.
"""

import argparse
import os
import sys
import xmlrpc.client


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--url", default=os.environ.get("ODOO_URL", "http://localhost:8069")
    )
    parser.add_argument("--db", default=os.environ.get("ODOO_DB", "customer_care"))
    parser.add_argument("--login", default=os.environ.get("ODOO_LOGIN", "admin"))
    parser.add_argument("--password", default=os.environ.get("ODOO_PASSWORD", "admin"))
    return parser.parse_args()


def main():
    args = parse_args()
    url = args.url.rstrip("/")
    common = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/common")
    uid = common.authenticate(args.db, args.login, args.password, {})
    if not uid:
        sys.exit(f"login {args.login!r} on database {args.db!r} failed")
    print(f"logged in to {url}, database {args.db}, as {args.login} (uid {uid})")
    models = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/object", allow_none=True)

    def call(model, method, *params, **options):
        return models.execute_kw(
            args.db, uid, args.password, model, method, list(params), options
        )

    # 1. Qualify a customer: Money, Authority and Need all "yes" make it qualified.
    partner_id = call("res.partner", "create", {"name": "External API Prospect"})
    call(
        "res.partner",
        "write",
        [partner_id],
        {"man_money": "yes", "man_authority": "yes", "man_need": "yes"},
    )
    [partner] = call("res.partner", "read", [partner_id], fields=["name", "man_status"])
    status = partner["man_status"]
    print(f"partner {partner_id} {partner['name']!r}: man_status = {status}")
    if status != "qualified":
        sys.exit(f"expected man_status 'qualified', got {status!r}")

    # 2. Plan a loyalty action of the first manual type, then mark it done.
    types = call(
        "care.loyalty.action.type",
        "search_read",
        [("trigger", "=", "manual")],
        fields=["name"],
        limit=1,
    )
    if not types:
        sys.exit("no loyalty action type with the 'manual' trigger")
    action_id = call(
        "care.loyalty.action",
        "create",
        {"partner_id": partner_id, "type_id": types[0]["id"]},
    )
    print(f"loyalty action {action_id} planned: {types[0]['name']!r}")
    if call("care.loyalty.action", "action_done", [action_id]) is not True:
        sys.exit("action_done did not return True")
    [action] = call("care.loyalty.action", "read", [action_id], fields=["state"])
    print(f"loyalty action {action_id} marked done: state = {action['state']}")
    if action["state"] != "done":
        sys.exit(f"expected state 'done', got {action['state']!r}")

    # 3. The referral commissions waiting for approval.
    commissions = call(
        "care.referral.commission",
        "search_read",
        [("state", "=", "draft")],
        fields=["referrer_id", "amount", "state"],
    )
    print(f"{len(commissions)} commission(s) to approve")
    for commission in commissions:
        referrer = commission["referrer_id"][1] if commission["referrer_id"] else "-"
        print(f"  {commission['id']}: {referrer}, {commission['amount']:.2f}")
    print("external API example: OK")


if __name__ == "__main__":
    try:
        main()
    except xmlrpc.client.Fault as fault:
        # The server's traceback ends with the error itself.
        sys.exit(f"external API example failed: {fault.faultString.strip()}")
    except (xmlrpc.client.Error, OSError) as error:
        sys.exit(f"external API example failed: {error}")
