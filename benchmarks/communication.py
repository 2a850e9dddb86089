"""Communication checks: the phrase check of a message sent, and the monthly figures.

Usage: python benchmarks/communication.py DB_WITH [DB_WITHOUT] ADDONS_PATH
       [--rounds 5] [--posts 50] [--phrases 1000] [--length 2000]
       [--checks 1000000] [--users 20] [--leads 1000] [--pivot-rounds 3]
       [--no-browser]

DB_WITH has customer_care installed, DB_WITHOUT the same modules (contacts, mail,
crm, sale_management, account) but not customer_care; both without demo data.
make bench BENCH=communication passes only its database and the addons path (the
generic branch of scripts/bench.sh): DB_WITHOUT is then DB_WITH + "_without",
made here (odoo -i contacts,mail,crm,sale_management,account --without-demo=all)
when it does not exist. Each database gets its fixture once, committed and kept
between runs (found again by the "Bench communication" prefix):

- in both: --users internal users, a customer (English) and --leads leads of
  theirs (SQL), one lead for the posts; --checks messages (SQL generate_series)
  on the leads, comments written by the users, dates over 24 months;
- DB_WITH: --phrases active care.phrase rows (SQL; English, base.lang_en; one in
  ten matches its last word as a prefix), names over a vocabulary of common
  words so that the reply holds some of them (benchmarks/phrase_check_browser.py
  makes names and text); one care_message_check row per message (one in five with
  a damaging phrase, one in seven with a suggestion taken).

Paths, as the admin user (not superuser), with the web client's context:

- message_post: a reply of --length characters (HTML paragraphs), comment with
  mail.mt_comment, to the lead's customer (partner_ids; e-mails queued, not sent),
  --posts times, each its own request (ended as a request ends before its COMMIT:
  cr.flush(), then the record cache emptied); per message;
- the library compiled on the server: care.phrase._library cold (registry cache
  cleared: its search_read and Library()); nothing to compare with;
- the pure Python check (customer_care/phrase_matching.py): Library(phrases) and
  Library.find(text) (median of 200 finds, µs), no database;
- pivot: the read_group calls of the Communication Analysis pivot (rows user_id,
  columns date:month; measures damaging_rate:avg, taken_count:sum, __count;
  lazy=False; the 4 calls of its row and column group-bys' prefixes) over the
  --checks checks; without the addon the same 4 calls on mail.message grouped by
  author_id x date:month (__count) over as many messages, Odoo's own way of
  counting what staff wrote per month (mail.message checks each message's
  document access for a user who is not superuser: also shown as superuser).

Rounds alternate between the two databases (without first in even rounds, with
first in odd ones); every path is rolled back, so that each round starts from the
same fixture; each path runs once, not measured, before it is measured. Times are
medians of the rounds (time.perf_counter), SQL queries exact counts (the cursor's
sql_log_count). Unless --no-browser, benchmarks/phrase_check_browser.py runs too
(headless Chromium) and its table follows.
"""

import argparse
import datetime
import os
import statistics
import subprocess
import sys
import time

from markupsafe import Markup

import odoo
from odoo import api
from odoo.modules.registry import Registry

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import phrase_check_browser

PREFIX = "Bench communication"
CUSTOMER = f"{PREFIX} customer"
LEAD = f"{PREFIX} lead"
USER_LOGIN = "bench.communication.user"
DEPENDS = "contacts,mail,crm,sale_management,account"
WEB_CONTEXT = {"lang": "en_US", "tz": "Europe/Brussels"}
QUIET = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "no_reset_password": True,
}
FIND_RUNS = 200


# ---------------------------------------------------------------------------
# Fixture: made once per database, committed
# ---------------------------------------------------------------------------


def ensure_database(dbname, addons_path):
    """DB_WITHOUT made as scripts/bench.sh's ensure_without does, if missing."""
    listed = subprocess.run(
        [
            "psql",
            "-d",
            "postgres",
            "-tAc",
            f"select 1 from pg_database where datname = '{dbname}'",
        ],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    if "1" in listed:
        return
    print(
        f"creating database '{dbname}' with {DEPENDS}, without customer_care",
        flush=True,
    )
    subprocess.run(
        [
            sys.executable,
            "-m",
            "odoo",
            f"--addons-path={addons_path}",
            "-d",
            dbname,
            "-i",
            DEPENDS,
            "--without-demo=all",
            "--stop-after-init",
            "--log-level=warn",
        ],
        cwd="/",
        check=True,
    )


def ensure_common(env, args):
    users = env["res.users"].with_context(**QUIET)
    users = users.search([("login", "=like", f"{USER_LOGIN}%")], order="id")
    if len(users) < args.users:
        users |= (
            env["res.users"]
            .with_context(**QUIET)
            .create(
                [
                    {
                        "name": f"{PREFIX} user {i}",
                        "login": f"{USER_LOGIN}{i}",
                        "email": f"{USER_LOGIN}{i}@example.com",
                        "lang": "en_US",
                    }
                    for i in range(len(users), args.users)
                ]
            )
        )
    Partner = env["res.partner"].with_context(**QUIET)
    customer = Partner.search([("name", "=", CUSTOMER)], limit=1) or Partner.create(
        {"name": CUSTOMER, "email": "bench.communication@example.com", "lang": "en_US"}
    )
    env.flush_all()
    cr = env.cr
    cr.execute("SELECT count(*) FROM crm_lead WHERE name LIKE %s", [f"{LEAD} %"])
    if cr.fetchone()[0] < args.leads:
        cr.execute(
            """
            INSERT INTO crm_lead (
                name, type, active, company_id, partner_id, user_id, email_from,
                priority, probability, expected_revenue, prorated_revenue, date_open,
                date_last_stage_update, create_uid, write_uid, create_date, write_date,
                stage_id)
            SELECT %(prefix)s || ' ' || g, 'opportunity', true, %(company)s,
                   %(customer)s, 2, 'bench.communication@example.com', '0', 10, 0, 0,
                   now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC', 1, 1,
                   now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC',
                   (SELECT id FROM crm_stage ORDER BY sequence, id LIMIT 1)
              FROM generate_series(1, %(count)s) g
            """,
            {
                "prefix": LEAD,
                "company": env.company.id,
                "customer": customer.id,
                "count": args.leads,
            },
        )
    return users.sorted("id")[: args.users], customer


def fill_messages(env, args, users):
    cr = env.cr
    cr.execute(
        "SELECT count(*) FROM mail_message"
        " WHERE message_id LIKE '<bench-communication-%%'"
    )
    if cr.fetchone()[0] >= args.checks:
        return False
    cr.execute(
        """
        INSERT INTO mail_message (
            model, res_id, record_name, record_company_id, message_type, subtype_id,
            is_internal, body, date, author_id, message_id, reply_to_force_new,
            create_uid, write_uid, create_date, write_date)
        SELECT 'crm.lead', l.id, l.name, %(company)s, 'comment', %(comment)s, false,
               '<p>Bench communication reply ' || g || '</p>', d.at,
               (%(authors)s::int[])[1 + g %% %(nusers)s],
               '<bench-communication-' || g || '@example.com>', false,
               (%(users)s::int[])[1 + g %% %(nusers)s],
               (%(users)s::int[])[1 + g %% %(nusers)s], d.at, d.at
          FROM generate_series(1, %(count)s) g
          JOIN (SELECT row_number() OVER (ORDER BY id) - 1 AS k, id, name
                  FROM crm_lead WHERE name LIKE %(lead)s) l
            ON l.k = g %% %(nleads)s
         CROSS JOIN LATERAL (
               SELECT (now() AT TIME ZONE 'UTC')
                      - interval '1 day' * ((g::bigint * 7919) %% 730)
                      - interval '1 minute' * (g %% 1440) AS at) d
        """,
        {
            "company": env.company.id,
            "comment": env.ref("mail.mt_comment").id,
            "authors": users.partner_id.ids,
            "users": users.ids,
            "nusers": len(users),
            "count": args.checks,
            "lead": f"{LEAD} %",
            "nleads": args.leads,
        },
    )
    return True


def fill_with(env, args, users):
    cr = env.cr
    made = False
    cr.execute(
        "SELECT count(*) FROM care_phrase WHERE alternatives LIKE %s", [f"{PREFIX}%"]
    )
    if cr.fetchone()[0] < args.phrases:
        library = phrase_check_browser.phrases(args.phrases)
        cr.execute(
            """
            INSERT INTO care_phrase (
                name, alternatives, category, lang_id, lang, whole_word, ignore_accents,
                sequence, active, create_uid, write_uid, create_date, write_date)
            SELECT n.name, %(alternative)s, 'refusal', %(lang)s, 'en', n.whole, true,
                   100, true, 1, 1, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
              FROM unnest(%(names)s::varchar[], %(wholes)s::bool[]) AS n(name, whole)
            """,
            {
                "alternative": f"{PREFIX}: let me see what I can do",
                "lang": env.ref("base.lang_en").id,
                "names": [phrase["name"] for phrase in library],
                "wholes": [phrase["whole_word"] for phrase in library],
            },
        )
        env.registry.clear_cache()
        made = True
    made |= fill_messages(env, args, users)
    # The planner has to know of the messages just inserted (uncommitted).
    cr.execute("ANALYZE mail_message")
    cr.execute("SELECT count(*) FROM care_message_check WHERE model = 'crm.lead'")
    if cr.fetchone()[0] < args.checks:
        cr.execute(
            """
            INSERT INTO care_message_check (
                message_id, model, res_id, record_name, user_id, team_id, company_id,
                date, phrase_count, has_damaging, damaging_rate, taken_count,
                create_uid, write_uid, create_date, write_date)
            SELECT m.id, m.model, m.res_id, m.record_name, m.create_uid, u.sale_team_id,
                   m.record_company_id, m.date,
                   CASE WHEN m.id %% 5 = 0 THEN 1 ELSE 0 END, m.id %% 5 = 0,
                   CASE WHEN m.id %% 5 = 0 THEN 100.0 ELSE 0.0 END,
                   CASE WHEN m.id %% 7 = 0 THEN 1 ELSE 0 END,
                   1, 1, m.date, m.date
              FROM mail_message m
              LEFT JOIN res_users u ON u.id = m.create_uid
             WHERE m.message_id LIKE %(like)s
               AND m.id NOT IN (SELECT message_id FROM care_message_check)
            """,
            {"like": "<bench-communication-%"},
        )
        made = True
    return made


def fill(env, args, with_addon):
    users, _customer = ensure_common(env, args)
    env.flush_all()
    made = (
        fill_with(env, args, users) if with_addon else fill_messages(env, args, users)
    )
    env.invalidate_all()
    return made


def sizes(env, with_addon):
    cr = env.cr
    cr.execute("SELECT count(*) FROM mail_message")
    messages = cr.fetchone()[0]
    text = f"{messages:,} mail_message rows"
    if with_addon:
        cr.execute("SELECT count(*) FROM care_message_check")
        checks = cr.fetchone()[0]
        cr.execute("SELECT count(*) FROM care_phrase WHERE active AND lang = 'en'")
        phrases = cr.fetchone()[0]
        text += (
            f", {checks:,} care_message_check rows, {phrases:,} active English phrases"
        )
    return text


# ---------------------------------------------------------------------------
# Measuring
# ---------------------------------------------------------------------------


def end_request(env):
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


def admin(env):
    return env(user=env.ref("base.user_admin").id, su=False, context=dict(WEB_CONTEXT))


def reply_html(args):
    names = phrase_check_browser.phrase_names(args.phrases)
    text = phrase_check_browser.reply_text(args.length, names)
    # Paragraphs of about 400 characters, cut at a sentence end.
    paragraphs, start = [], 0
    while start < len(text):
        end = text.find(". ", start + 400)
        end = len(text) if end < 0 else end + 1
        paragraphs.append(text[start:end].strip())
        start = end
    return text, Markup("".join(f"<p>{Markup.escape(p)}</p>" for p in paragraphs))


def message_post(env, args, with_addon, count):
    admin_env = admin(env)
    lead = admin_env["crm.lead"].search([("name", "=", f"{LEAD} 1")], limit=1)
    customer = lead.partner_id
    _text, body = reply_html(args)
    Lead = admin_env["crm.lead"].with_context(mail_notify_force_send=False)
    counts = {}

    def run():
        for _index in range(count):
            Lead.browse(lead.id).message_post(
                body=body,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                partner_ids=customer.ids,
            )
            end_request(env)
            env.invalidate_all()
        if with_addon:
            checks = env["care.message.check"].search(
                [("model", "=", "crm.lead"), ("res_id", "=", lead.id)]
            )
            counts["checks"] = len(checks)
            counts["found"] = checks[:1].phrase_count

    def check():
        if not with_addon:
            return f"{count} messages posted"
        return (
            f"{counts['checks']} checks for {count} messages, "
            f"{counts['found']} damaging phrases in the reply"
        )

    return run, check


def library_cold(env, args, with_addon):
    if not with_addon:
        return None
    admin_env = admin(env)
    Phrase = admin_env["care.phrase"]
    result = {}

    def run():
        env.registry.clear_cache()
        result["size"] = len(Phrase._library(env.company.id, ("en",)))

    return run, lambda: f"library of {result['size']:,} phrases"


def pivot_calls(env, with_addon, superuser=False):
    target = env if superuser else admin(env)
    if with_addon:
        Model = target["care.message.check"]
        rows, cols = ["user_id"], ["date:month"]
        measures = ["damaging_rate:avg", "taken_count:sum", "__count"]
    else:
        Model = target["mail.message"]
        rows, cols = ["author_id"], ["date:month"]
        measures = ["__count"]
    result = {}

    def run():
        cells = 0
        for row_depth in range(len(rows) + 1):
            for col_depth in range(len(cols) + 1):
                cells += len(
                    Model.read_group(
                        [], measures, rows[:row_depth] + cols[:col_depth], lazy=False
                    )
                )
        result["cells"] = cells

    return run, lambda: f"{result['cells']:,} cells over 4 read_group calls"


def pivot(env, args, with_addon):
    return pivot_calls(env, with_addon)


def pivot_superuser(env, args, with_addon):
    return pivot_calls(env, with_addon, superuser=True)


def paths(args):
    return [
        (
            "post",
            f"message_post, {args.length:,}-char reply to the customer (per message)",
            args.posts,
            lambda env, a, w: message_post(env, a, w, args.posts),
            lambda env, a, w: message_post(env, a, w, 3),
        ),
        (
            "library",
            "care.phrase._library cold (search_read + compile)",
            1,
            library_cold,
            None,
        ),
        (
            "pivot",
            f"monthly pivot, admin (4 read_group over {args.checks:,} rows)",
            1,
            pivot,
            None,
        ),
        (
            "pivot_su",
            f"monthly pivot, superuser (4 read_group over {args.checks:,} rows)",
            1,
            pivot_superuser,
            None,
        ),
    ]


def run_round(registry, args, with_addon, results, verbose, round_index):
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, dict(WEB_CONTEXT))
        for key, _label, _units, prepare, warm in paths(args):
            if key.startswith("pivot") and round_index >= args.pivot_rounds:
                continue
            warm = warm or prepare
            prepared = warm(env, args, with_addon)
            if prepared is None:
                continue
            prepared[0]()
            cr.rollback()
            env.invalidate_all()
            function, check = prepare(env, args, with_addon)
            results.setdefault(key, []).append(measure(env, function))
            if verbose:
                print(f"    {key}: {check()}", flush=True)
            cr.rollback()
            env.invalidate_all()
        registry.cache_invalidated.clear()


def pure_python(args):
    """Library(phrases) and Library.find(text) without Odoo's database."""
    from odoo.addons.customer_care.phrase_matching import Library

    phrases = phrase_check_browser.phrases(args.phrases)
    text, body = reply_html(args)
    from odoo.addons.customer_care.models.care_phrase import html_to_text

    text = html_to_text(body)
    compiles = []
    for _index in range(20):
        started = time.perf_counter()
        library = Library(phrases)
        compiles.append(time.perf_counter() - started)
    for _index in range(20):
        library.find(text)
    finds = []
    for _index in range(FIND_RUNS):
        started = time.perf_counter()
        found = library.find(text)
        finds.append(time.perf_counter() - started)
    return {
        "compile": statistics.median(compiles),
        "find": statistics.median(finds),
        "find_max": max(finds),
        "matches": len(found),
        "size": len(library),
    }


# ---------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------


def cell(figures, units):
    if not figures:
        return "—"
    seconds = statistics.median(time_ for time_, _q in figures)
    queries = [count / units for _t, count in figures]
    text = f"{1000 * seconds / units:.1f} ms / {statistics.median(queries):.1f} q"
    if len(set(queries)) > 1:
        text += f" ({min(queries):.1f}–{max(queries):.1f})"
    return text


def report(args, results, fixture, header, python):
    lines = [
        header,
        (
            f"Rounds: {args.rounds} ({args.posts} messages per round), "
            f"{min(args.rounds, args.pivot_rounds)} for the pivot; median time / "
            "exact queries per unit."
        ),
    ]
    lines += [f"Fixture {label}: {text}" for label, text in fixture.items()]
    lines += [
        "",
        "| Path | without the addon | with customer_care | time ratio |",
        "|---|---|---|---|",
    ]
    for key, label, units, _prepare, _warm in paths(args):
        without = results["without"].get(key)
        with_ = results["with"].get(key)
        if without and with_:
            ratio = statistics.median(t for t, _q in with_) / statistics.median(
                t for t, _q in without
            )
            ratio = f"{ratio:.2f}"
        else:
            ratio = "—"
        lines.append(
            f"| {label} | {cell(without, units)} | {cell(with_, units)} | {ratio} |"
        )
    lines += [
        (
            f"| pure Python Library(phrases), {python['size']:,} phrases (median "
            f"of 20) | — | {1000 * python['compile']:.1f} ms / 0 q | — |"
        ),
        (
            f"| pure Python Library.find, {args.length:,}-char text, "
            f"{python['matches']} matches (median of {FIND_RUNS}; max "
            f"{1e6 * python['find_max']:.0f} µs) | — | "
            f"{1e6 * python['find']:.0f} µs / 0 q | — |"
        ),
    ]
    for label in ("without", "with"):
        for text in sorted(set(results[label].get("checks", []))):
            lines.append(f"Check, {label} the addon: {text}")
    return lines


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("databases", nargs="+", help="DB_WITH [DB_WITHOUT] ADDONS_PATH")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--pivot-rounds", type=int, default=3)
    parser.add_argument("--posts", type=int, default=50)
    parser.add_argument("--phrases", type=int, default=1000)
    parser.add_argument("--length", type=int, default=2000)
    parser.add_argument("--checks", type=int, default=1000000)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--leads", type=int, default=1000)
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--output", help="also write the tables to this file")
    parser.add_argument(
        "--runs", type=int, default=200, help="browser: finds of the full text"
    )
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    if len(args.databases) == 2:
        db_with, addons_path = args.databases
        db_without = f"{db_with}_without"
    elif len(args.databases) == 3:
        db_with, db_without, addons_path = args.databases
    else:
        parser.error("DB_WITH [DB_WITHOUT] ADDONS_PATH")
    ensure_database(db_without, addons_path)
    odoo.tools.config.parse_config(
        ["--addons-path", addons_path, "--log-level", "warn"]
    )
    databases = {"without": (db_without, False), "with": (db_with, True)}
    registries, fixture = {}, {}
    for label, (dbname, with_addon) in databases.items():
        registry = registries[label] = Registry(dbname)
        with registry.cursor() as cr:
            env = api.Environment(cr, odoo.SUPERUSER_ID, {})
            assert ("care.message.check" in env) == with_addon, dbname
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
            f"{os.cpu_count()} CPUs; PostgreSQL {cr.fetchone()[0]}; "
            f"Odoo {odoo.release.version}"
        )
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
                round_index == 0,
                round_index,
            )
            print(
                f"  round {round_index + 1}: {label} "
                f"({time.perf_counter() - started:.0f} s)",
                flush=True,
            )
    lines = report(args, results, fixture, header, pure_python(args))
    if not args.no_browser:
        browser = phrase_check_browser.run_browser(args)
        import contextlib
        import io

        buffer = io.StringIO()
        with contextlib.redirect_stdout(buffer):
            phrase_check_browser.report(browser, args)
        lines += ["", *buffer.getvalue().rstrip("\n").splitlines()]
    print()
    print("\n".join(lines))
    if args.output:
        with open(args.output, "w") as file:
            file.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
