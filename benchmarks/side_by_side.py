"""Side-by-side benchmark: every path customer_care hooks, with and without it.

Usage: python benchmarks/side_by_side.py DB_WITH DB_WITHOUT ADDONS_PATH
       [--rounds 3] [--create 1000] [--writes 200] [--opens 200] [--cold-opens 10]
       [--leads 200] [--orders 200] [--invoices 200] [--emails 200]
       [--birthdays 1000] [--messages 200]

DB_WITH has customer_care installed, DB_WITHOUT the same modules (contacts, mail,
crm, sale_management, account) but not customer_care; both without demo data
(scripts/bench.sh makes both: make bench BENCH=side_by_side). Each database gets
its fixtures once (customers with e-mail addresses, leads, draft orders, draft
invoices, contacts for birthdays: committed and kept between runs; in DB_WITH every
other customer was referred). Then rounds alternate between the two databases
(without first in even rounds, with first in odd ones); in a round every path is
prepared, measured and rolled back, so that every round starts from the same state.

Times are medians of the rounds (time.perf_counter); SQL queries are exact counts
(the cursor's sql_log_count), per unit. Each unit of a path done "one by one" is
its own request, ended as a request ends before its COMMIT (cr.flush(): pending
writes flushed and the pre-commit hooks run, tracking messages among them), then
the record cache emptied; every call carries the web client's context (lang, tz).
The orders are a salesperson's (admin), confirmed by the superuser.
Before each measure the path runs once on a few units, not measured, so that the
registry's caches are warm (except in the "all caches cold" form open, which
empties them before every open). Form opens run as the admin user (not superuser),
so that the views keep only the fields the user may see.

Messages are posted as the admin user (the addon checks what an employee writes),
replies to the document's customer, with e-mails sent after the commit as in
production (the benchmark never commits: they stay queued). Paths without a
counterpart: a reply on a complaint is a reply on a lead without customer_care;
lead qualification writes the priority of the lead without customer_care; its
e-mails go through the mass-mail composer on a res.partner template (queued,
force_send off) instead of loyalty actions' action_send(); birthday planning
exists only with customer_care.
"""

import argparse
import datetime
import functools
import os
import statistics
import subprocess
import time

from lxml import etree

import odoo
from odoo import Command, api
from odoo.modules.registry import Registry

PREFIX = "SbS"
CUSTOMER = f"{PREFIX} customer"
BIRTHDAY = f"{PREFIX} birthday contact"
REFERRER = f"{PREFIX} referrer"
PRODUCT = f"{PREFIX} product"
TEMPLATE = f"{PREFIX} greeting"
INVOICE_REF = f"{PREFIX.lower()}-invoice"
ORDER_REF = f"{PREFIX.lower()}-order"
# The loyalty triggers of an order confirmation (customer_care/models/sale_order.py).
ORDER_TRIGGERS = ("first_order", "order_amount", "after_delivery")
# Units of each path run, not measured, before measuring it.
WARM_UP = 3
# What the web client sends with every call.
WEB_CONTEXT = {"lang": "en_US", "tz": "Europe/Brussels"}
QUIET = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
}


# ---------------------------------------------------------------------------
# Fixtures: made once per database, committed
# ---------------------------------------------------------------------------


def ensure_partners(env, prefix, count, extra=None):
    Partner = env["res.partner"].with_context(**QUIET)
    partners = Partner.search([("name", "=like", f"{prefix} %")], order="id")
    if len(partners) < count:
        partners |= Partner.create(
            [
                {
                    "name": f"{prefix} {index}",
                    "email": f"{prefix.replace(' ', '.').lower()}{index}@example.com",
                    **(extra or {}),
                }
                for index in range(len(partners), count)
            ]
        )
    return partners.sorted("id")[:count]


def fill(env, args, with_addon):
    customers_count = max(
        args.writes, args.opens, args.leads, args.orders, args.invoices, args.emails
    )
    customers = ensure_partners(env, CUSTOMER, customers_count)
    ensure_partners(env, BIRTHDAY, args.birthdays)
    if with_addon:
        Partner = env["res.partner"].with_context(**QUIET)
        referrer = Partner.search([("name", "=", REFERRER)], limit=1)
        if not referrer:
            referrer = Partner.create({"name": REFERRER})
        # Half the customers were referred: half the invoices earn a commission.
        customers[0::2].filtered(lambda c: not c.care_referred_by_id).write(
            {"care_referred_by_id": referrer.id, "care_referral_date": "2000-01-01"}
        )
        customers[1::2].filtered("care_referred_by_id").write(
            {"care_referred_by_id": False}
        )
        env.company.care_referral_months = 0

    Lead = env["crm.lead"].with_context(**QUIET)
    leads = Lead.search([("name", "=like", f"{PREFIX} lead %")])
    if len(leads) < args.leads:
        Lead.create(
            [
                {
                    "name": f"{PREFIX} lead {index}",
                    "partner_id": customers[index].id,
                }
                for index in range(len(leads), args.leads)
            ]
        )

    product = env["product.product"].search([("name", "=", PRODUCT)], limit=1)
    if not product:
        product = env["product.product"].create(
            {"name": PRODUCT, "type": "service", "list_price": 100.0, "taxes_id": []}
        )
    Order = env["sale.order"].with_context(**QUIET)
    # A salesperson's orders, confirmed by somebody else (here the superuser).
    salesperson = env.ref("base.user_admin")
    orders = Order.search_count(
        [("client_order_ref", "=", ORDER_REF), ("state", "=", "draft")]
    )
    if orders < args.orders:
        Order.create(
            [
                {
                    "partner_id": customers[index].id,
                    "user_id": salesperson.id,
                    "client_order_ref": ORDER_REF,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": product.id,
                                "product_uom_qty": 1,
                                # Every other order is big enough for the shipped
                                # "Small gift" type (5,000).
                                "price_unit": 6000.0 if index % 2 else 100.0,
                                "tax_id": [],
                            }
                        )
                    ],
                }
                for index in range(orders, args.orders)
            ]
        )

    Move = env["account.move"].with_context(**QUIET)
    invoices = Move.search_count([("ref", "=", INVOICE_REF), ("state", "=", "draft")])
    if invoices < args.invoices:
        Move.create(
            [
                {
                    "move_type": "out_invoice",
                    "partner_id": customers[index].id,
                    "invoice_date": "2026-06-15",
                    "ref": INVOICE_REF,
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "name": "Benchmark service",
                                "quantity": 1,
                                "price_unit": 100.0 + index % 37,
                                "tax_ids": [],
                            }
                        )
                    ],
                }
                for index in range(invoices, args.invoices)
            ]
        )

    if not with_addon and not env["mail.template"].search([("name", "=", TEMPLATE)]):
        # The counterpart of the addon's greeting template, on the partner.
        env["mail.template"].create(
            {
                "name": TEMPLATE,
                "model_id": env["ir.model"]._get_id("res.partner"),
                "subject": "Greetings, {{ object.name }}",
                "email_from": "{{ (user.email_formatted or "
                "object.company_id.email_formatted) }}",
                "email_to": "{{ object.email_formatted }}",
                "lang": "{{ object.lang }}",
                "auto_delete": True,
                "body_html": """<div>
    <p>Dear <t t-out="object.name or ''">Customer</t>,</p>
    <p>All of us at <t t-out="user.company_id.name or ''">YourCompany</t> send you
        our warmest greetings.</p>
    <p>Kind regards,<br/><t t-out="user.name or ''">Your contact</t></p>
</div>""",
            }
        )


# ---------------------------------------------------------------------------
# Measuring
# ---------------------------------------------------------------------------


def end_request(env):
    """What a request does before its COMMIT: pending computations and writes
    flushed, then the pre-commit hooks run (tracking messages among them)."""
    env.cr.flush()


def measure(env, function):
    """(seconds, queries) of function(), ended as a request ends."""
    end_request(env)
    env.invalidate_all()
    queries_before = env.cr.sql_log_count
    started = time.perf_counter()
    function()
    end_request(env)
    elapsed = time.perf_counter() - started
    return elapsed, env.cr.sql_log_count - queries_before


def one_by_one(env, records, function):
    """Apply function to each record as its own request: a record browsed alone,
    so that it does not prefetch (nor compute fields of) the others."""

    def run():
        for record_id in records.ids:
            function(records.browse(record_id))
            end_request(env)
            env.invalidate_all()

    return run


def web_read_spec(arch, model, models):
    """The specification the web client reads a form with: the fields of the view,
    those of its x2many subviews, display_name for many2one fields."""

    def direct_fields(node):
        """The fields of node's view, not those of its subviews."""
        for field in node.iter("field"):
            if field is node:
                continue
            parent = field.getparent()
            while parent is not node and parent.tag != "field":
                parent = parent.getparent()
            if parent is node:
                yield field

    def spec_of(node, model_name):
        model_fields = models[model_name]["fields"]
        spec = {}
        for field in direct_fields(node):
            name = field.get("name")
            description = model_fields.get(name)
            if description is None:
                continue
            if description["type"] == "many2one":
                spec[name] = {"fields": {"display_name": {}}}
            elif description["type"] in ("one2many", "many2many"):
                comodel = description["relation"]
                sub = spec_of(field, comodel) if comodel in models else {}
                spec[name] = {"fields": sub or {"display_name": {}}}
            else:
                spec[name] = {}
        return spec

    return spec_of(etree.fromstring(arch), model)


# Each path: prepare(env, args, with_addon) does the unmeasured set-up and returns
# (the measured function, a function saying what it did), or None when the path
# has no counterpart in that database.


def customers(env, count):
    return env["res.partner"].search(
        [("name", "=like", f"{CUSTOMER} %")], order="id", limit=count
    )


def partner_create(env, args, with_addon):
    vals_list = [
        {
            "name": f"{PREFIX} new {index}",
            "email": f"new{index}@example.com",
            "phone": f"+32 2 555 {index:04d}",
        }
        for index in range(args.create)
    ]
    before = env["res.partner"].search_count([])
    return (
        lambda: env["res.partner"].create(vals_list),
        lambda: f"{env['res.partner'].search_count([]) - before} partners",
    )


def partner_write(env, args, with_addon):
    partners = customers(env, args.writes)
    return (
        one_by_one(
            env, partners, lambda p: p.write({"phone": f"+32 2 444 {p.id % 10000:04d}"})
        ),
        lambda: f"{len(partners)} partners written",
    )


def form_open(env, args, with_addon, cold_all=False):
    admin_env = env(
        user=env.ref("base.user_admin").id, su=False, context={"bin_size": True}
    )
    Partner = admin_env["res.partner"]
    views = Partner.get_views([(False, "form")])
    spec = web_read_spec(views["views"]["form"]["arch"], "res.partner", views["models"])
    partner_ids = customers(env, args.cold_opens if cold_all else args.opens).ids

    def run():
        for partner_id in partner_ids:
            if cold_all:
                env.registry.clear_all_caches()
            admin_env.invalidate_all()
            Partner.get_views([(False, "form")])
            Partner.browse(partner_id).web_read(spec)

    return run, lambda: f"{len(partner_ids)} opens, {len(spec)} fields read"


def leads(env, args):
    return env["crm.lead"].search(
        [("name", "=like", f"{PREFIX} lead %")], order="id", limit=args.leads
    )


def lead_priority(env, args, with_addon):
    records = leads(env, args)
    return (
        one_by_one(
            env, records, lambda lead: lead.write({"priority": str(1 + lead.id % 3)})
        ),
        lambda: f"{len(records)} leads",
    )


# A reply of about 600 characters holding two damaging phrases of the shipped
# library ("I can't", "our policy").
REPLY = (
    "<p>Thank you for your message about the delivery of your order. We looked at "
    "what happened with the carrier and with our warehouse, and we understand how "
    "annoying it is to wait for a parcel that does not come.</p><p>I can't change "
    "the date the carrier gave us, it's our policy to ship from the warehouse "
    "nearest to you, and that one had a delay this week. Your parcel left "
    "yesterday evening and should reach you tomorrow before noon; you will get the "
    "tracking link by e-mail. If anything is missing when it arrives, answer this "
    "message and we will send the missing part at once.</p>"
)


def post_one_by_one(env, records, customer, subtype="mail.mt_comment"):
    """message_post on each record as the admin user (a writer the addon checks),
    to the record's customer for a reply, to nobody for a note."""
    admin = env.ref("base.user_admin")

    def post(record):
        record.with_user(admin).message_post(
            body=REPLY,
            message_type="comment",
            subtype_xmlid=subtype,
            partner_ids=customer(record).ids if subtype == "mail.mt_comment" else [],
        )

    def check():
        messages = env["mail.message"].search_count(
            [("model", "=", records._name), ("res_id", "in", records.ids)]
        )
        text = f"{len(records)} {records._name} ({messages} messages)"
        if "care.message.check" in env:
            checks = env["care.message.check"].search_count(
                [("model", "=", records._name), ("res_id", "in", records.ids)]
            )
            text += f", {checks} checks"
        return text

    return one_by_one(env, records, post), check


def partner_reply(env, args, with_addon):
    return post_one_by_one(env, customers(env, args.messages), lambda p: p)


def partner_note(env, args, with_addon):
    return post_one_by_one(
        env, customers(env, args.messages), lambda p: p, "mail.mt_note"
    )


def lead_reply(env, args, with_addon):
    return post_one_by_one(
        env, leads(env, args)[: args.messages], lambda lead: lead.partner_id
    )


def order_reply(env, args, with_addon):
    orders = env["sale.order"].search(
        [("client_order_ref", "=", ORDER_REF)], order="id", limit=args.messages
    )
    return post_one_by_one(env, orders, lambda order: order.partner_id)


def complaint_reply(env, args, with_addon):
    """Without the addon, the same reply on a lead: Odoo's own work queue."""
    if not with_addon:
        return lead_reply(env, args, with_addon)
    complaints = env["care.complaint"].create(
        [
            {"name": f"{PREFIX} complaint {index}", "partner_id": partner.id}
            for index, partner in enumerate(customers(env, args.messages))
        ]
    )
    end_request(env)
    return post_one_by_one(env, complaints, lambda complaint: complaint.partner_id)


def lead_create(env, args, with_addon):
    """Leads created one by one, as the web form creates them."""
    partners = customers(env, args.leads)
    admin = env.ref("base.user_admin")

    def create(partner):
        env["crm.lead"].with_user(admin).create(
            {"name": f"{PREFIX} created for {partner.id}", "partner_id": partner.id}
        )

    def check():
        created = env["crm.lead"].search_count(
            [("name", "=like", f"{PREFIX} created for %")]
        )
        return f"{created} leads created"

    return one_by_one(env, partners, create), check


def lead_qualify(env, args, with_addon):
    if not with_addon:
        return lead_priority(env, args, with_addon)
    answers = ("yes", "no", "unknown")
    records = leads(env, args)

    def qualify(lead):
        lead.write(
            {
                "partner_man_money": answers[lead.id % 3 - 1],
                "partner_man_authority": answers[lead.id % 3],
                "partner_man_need": "yes",
            }
        )

    def check():
        assessed = records.partner_id.filtered(lambda p: p.man_need == "yes")
        return f"{len(assessed)} customers qualified"

    return one_by_one(env, records, qualify), check


def order_confirm(env, args, with_addon, no_loyalty=False):
    if no_loyalty and with_addon:
        env["care.loyalty.action.type"].search(
            [("trigger", "in", ORDER_TRIGGERS)]
        ).write({"active": False})
    orders = env["sale.order"].search(
        [("client_order_ref", "=", ORDER_REF), ("state", "=", "draft")],
        order="id",
        limit=args.orders,
    )

    def check():
        confirmed = orders.filtered(lambda order: order.state == "sale")
        text = f"{len(confirmed)} orders confirmed"
        if with_addon:
            actions = env["care.loyalty.action"].search_count(
                [("sale_order_id", "in", orders.ids)]
            )
            text += f", {actions} loyalty actions planned"
        return text

    return one_by_one(env, orders, lambda order: order.action_confirm()), check


def invoice_post(env, args, with_addon):
    moves = env["account.move"].search(
        [("ref", "=", INVOICE_REF), ("state", "=", "draft")],
        order="id",
        limit=args.invoices,
    )

    def check():
        posted = moves.filtered(lambda move: move.state == "posted")
        text = f"{len(posted)} invoices posted"
        if with_addon:
            earned = env["care.referral.commission"].search_count(
                [("move_id", "in", moves.ids)]
            )
            text += f", {earned} commissions"
        return text

    return one_by_one(env, moves, lambda move: move.action_post()), check


def email_send(env, args, with_addon):
    partners = customers(env, args.emails)
    Mail = env["mail.mail"]
    mails_before = Mail.search_count([])
    outgoing_before = Mail.search_count([("state", "=", "outgoing")])

    def check():
        mails = Mail.search_count([]) - mails_before
        outgoing = Mail.search_count([("state", "=", "outgoing")]) - outgoing_before
        return f"{mails} mails made, {outgoing} of them queued"

    if with_addon:
        action_type = env.ref("customer_care.care_loyalty_action_type_greeting")
        actions = (
            env["care.loyalty.action"]
            .with_context(**QUIET)
            .create(
                [
                    {
                        "partner_id": partner.id,
                        "type_id": action_type.id,
                        "occasion": f"{PREFIX} greeting",
                    }
                    for partner in partners
                ]
            )
        )
        return actions.action_send, check
    template = env["mail.template"].search([("name", "=", TEMPLATE)], limit=1)

    def run():
        composer = (
            env["mail.compose.message"]
            .with_context(active_model="res.partner", active_ids=partners.ids)
            .create(
                {
                    "composition_mode": "mass_mail",
                    "model": "res.partner",
                    "res_ids": repr(partners.ids),
                    "template_id": template.id,
                    # Queued, as the addon does: the mail queue's cron sends.
                    "force_send": False,
                }
            )
        )
        composer.action_send_mail()

    return run, check


def birthdays(env, args, with_addon):
    if not with_addon:
        return None
    today = datetime.date.today()
    contacts = env["res.partner"].search(
        [("name", "=like", f"{BIRTHDAY} %")], order="id", limit=args.birthdays
    )
    env.flush_all()
    # 1980 is a leap year: today's day exists in it.
    env.cr.execute(
        "UPDATE res_partner SET care_birthdate = %s WHERE id IN %s",
        (today.replace(year=1980), tuple(contacts.ids)),
    )
    env.invalidate_all()

    def check():
        planned = env["care.loyalty.action"].search_count(
            [("partner_id", "in", contacts.ids), ("kind", "=", "birthday")]
        )
        return f"{planned} birthday cards planned"

    return env["care.loyalty.action"]._cron_plan_birthdays, check


def paths(args):
    """[(key, label, units, prepare)], in the order they run in a round."""
    return [
        (
            "create",
            f"partner create ({args.create:,} in one call)",
            args.create,
            partner_create,
        ),
        ("write", "partner write (phone, one by one)", args.writes, partner_write),
        (
            "open",
            "partner form open (get_views + web_read, record cache cold)",
            args.opens,
            form_open,
        ),
        (
            "qualify",
            "lead qualification (with: partner_man_* on the lead; without: priority)",
            args.leads,
            lead_qualify,
        ),
        ("priority", "lead write (priority, both)", args.leads, lead_priority),
        ("lead_create", "lead create (one by one)", args.leads, lead_create),
        (
            "partner_reply",
            (
                "reply to a customer on a partner (message_post, ~600 characters, "
                "two damaging phrases)"
            ),
            args.messages,
            partner_reply,
        ),
        ("lead_reply", "the same reply on a lead", args.messages, lead_reply),
        ("order_reply", "the same reply on an order", args.messages, order_reply),
        (
            "complaint_reply",
            "the same reply on a complaint (without: on a lead)",
            args.messages,
            complaint_reply,
        ),
        (
            "partner_note",
            "internal note on a partner (never checked)",
            args.messages,
            partner_note,
        ),
        (
            "confirm",
            "order confirmation (shipped loyalty types)",
            args.orders,
            order_confirm,
        ),
        (
            "confirm_none",
            "order confirmation (no loyalty type triggered)",
            args.orders,
            functools.partial(order_confirm, no_loyalty=True),
        ),
        (
            "post",
            "invoice posting (with: half the customers referred)",
            args.invoices,
            invoice_post,
        ),
        (
            "email",
            "loyalty e-mails (without: mass-mail composer; with: action_send)",
            args.emails,
            email_send,
        ),
        (
            "birthday",
            f"birthday planning ({args.birthdays:,} due; addon only)",
            args.birthdays,
            birthdays,
        ),
        # Last: clearing the registry's caches would slow the paths after it.
        (
            "open_cold",
            "partner form open (all caches cold)",
            args.cold_opens,
            functools.partial(form_open, cold_all=True),
        ),
    ]


def run_round(registry, args, with_addon, results, verbose):
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, WEB_CONTEXT)
        # First each path on WARM_UP units, not measured: the registry's caches
        # (access rights, views, templates...) are filled before measuring, also
        # after the cold form opens of the previous round emptied them.
        warm_up = argparse.Namespace(
            **{
                name: min(value, WARM_UP) if isinstance(value, int) else value
                for name, value in vars(args).items()
            }
        )
        for key, _label, units, prepare in paths(args):
            if units <= 0:
                continue
            for sizes in (warm_up, args):
                prepared = prepare(env, sizes, with_addon)
                if prepared is not None and sizes is args:
                    function, check = prepared
                    results.setdefault(key, []).append(measure(env, function))
                    if verbose:
                        print(f"    {key}: {check()}", flush=True)
                elif prepared is not None:
                    prepared[0]()
                cr.rollback()
                env.invalidate_all()
        # Caches cleared by the cold form opens must not look like changes.
        registry.cache_invalidated.clear()


# ---------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------


def machine(registry):
    meminfo = {}
    with open("/proc/meminfo") as file:
        for line in file:
            name, value = line.split(":", 1)
            meminfo[name] = value.strip()
    with registry.cursor() as cr:
        cr.execute("SHOW server_version")
        pg_version = cr.fetchone()[0]
    try:
        commit = subprocess.run(
            [
                "git",
                "-C",
                os.path.dirname(os.path.abspath(__file__)),
                "describe",
                "--always",
                "--dirty",
            ],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
    except OSError:
        commit = "?"
    return (
        f"Date: {datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}; "
        f"machine: {os.cpu_count()} CPUs (nproc), RAM {meminfo.get('MemTotal')}; "
        f"PostgreSQL {pg_version}; Odoo {odoo.release.version}; "
        f"customer_care {commit or '?'}"
    )


def summary(figures, units):
    """(median seconds, median queries per unit, range of queries per unit when
    it varied across rounds, else None)."""
    times = [seconds for seconds, _queries in figures]
    queries = [count / units for _seconds, count in figures]
    varied = (min(queries), max(queries)) if len(set(queries)) > 1 else None
    return statistics.median(times), statistics.median(queries), varied


def cell(value, units):
    if value is None:
        return "—"
    seconds, per_unit, varied = value
    text = f"{seconds:.3f} s ({1000 * seconds / units:.2f} ms/unit) / {per_unit:.2f} q"
    if varied:
        text += f" ({varied[0]:.2f}–{varied[1]:.2f})*"
    return text


def report(args, results):
    print()
    print(
        "| Path | units | without: median time / queries per unit "
        "| with: median time / queries per unit | time ratio | queries per unit "
        "(with - without) |"
    )
    print("|---|---|---|---|---|---|")
    varied = False
    for key, label, units, _prepare in paths(args):
        if units <= 0:
            continue
        without = results["without"].get(key)
        with_ = results["with"].get(key)
        without = summary(without, units) if without else None
        with_ = summary(with_, units) if with_ else None
        varied |= bool(without and without[2]) or bool(with_ and with_[2])
        if without and with_:
            ratio = f"{with_[0] / without[0]:.2f}"
            difference = f"{with_[1] - without[1]:+.2f}"
        else:
            ratio = difference = "— (no counterpart)"
        print(
            f"| {label} | {units:,} | {cell(without, units)} | {cell(with_, units)} "
            f"| {ratio} | {difference} |"
        )
    if varied:
        print(
            "\n* the query count varied between rounds: the median is shown, "
            "then the range."
        )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("db_with")
    parser.add_argument("db_without")
    parser.add_argument("addons_path")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--create", type=int, default=1000)
    parser.add_argument("--writes", type=int, default=200)
    parser.add_argument("--opens", type=int, default=200)
    parser.add_argument("--cold-opens", type=int, default=10)
    parser.add_argument("--leads", type=int, default=200)
    parser.add_argument("--orders", type=int, default=200)
    parser.add_argument("--invoices", type=int, default=200)
    parser.add_argument("--emails", type=int, default=200)
    parser.add_argument("--birthdays", type=int, default=1000)
    parser.add_argument("--messages", type=int, default=200)
    args = parser.parse_args()
    odoo.tools.config.parse_config(
        ["--addons-path", args.addons_path, "--log-level", "warn"]
    )
    databases = {"without": (args.db_without, False), "with": (args.db_with, True)}
    registries = {}
    for label, (dbname, with_addon) in databases.items():
        registry = registries[label] = Registry(dbname)
        with registry.cursor() as cr:
            env = api.Environment(cr, odoo.SUPERUSER_ID, {})
            assert ("care.loyalty.action" in env) == with_addon, dbname
            print(f"{dbname}: {label} customer_care; fixtures", flush=True)
            fill(env, args, with_addon)
            cr.commit()
    for registry in registries.values():
        with registry.cursor() as cr:
            cr._cnx.autocommit = True
            cr.execute("VACUUM ANALYZE")
    print(machine(registries["with"]), flush=True)
    results = {"without": {}, "with": {}}
    for round_index in range(args.rounds):
        order = ("without", "with") if round_index % 2 == 0 else ("with", "without")
        for label in order:
            started = time.perf_counter()
            run_round(
                registries[label],
                args,
                databases[label][1],
                results[label],
                verbose=round_index == 0,
            )
            print(
                f"  round {round_index + 1}: {label} "
                f"({time.perf_counter() - started:.0f} s)",
                flush=True,
            )
    report(args, results)


if __name__ == "__main__":
    main()
