"""Complaints under a concurrent load on Odoo with several workers (prefork).

Usage: python benchmarks/complaints_workers.py DB ADDONS_PATH
       [--workers 2] [--port 8099] [--clients 6] [--portal 120] [--emails 120]
       [--twice 20] [--time-limit 240]

DB has customer_care installed (scripts/bench.sh makes it: make bench
BENCH=complaints_workers). The script

1. prepares, once (committed, found again by the "Load" prefix): an alias domain,
   a sales team with a complaint alias, portal customers with passwords, known
   customers with e-mail addresses, and the admin's password;
2. starts Odoo on 127.0.0.1 with --workers (prefork) and no cron thread, waits
   until it answers, and stops it at the end whatever happens;
3. runs a bounded load of --clients concurrent clients, all to 127.0.0.1:
   portal customers who log in and file a complaint (the /my/complaints/new form),
   and e-mails delivered over XML-RPC the way Odoo's mail gateway script
   (odoo-mailgate.py) delivers them, half from known customers, half from unknown
   addresses; --twice of the e-mails are delivered twice at the same moment (as a
   mail server retrying), each copy by another client;
4. checks in the database that every submission the server confirmed and every
   e-mail made exactly one complaint, that the e-mails delivered twice made one,
   and that no contact was created for the unknown senders; prints a table.

Each operation is sent once (no retry by the client): a failure is counted as
such. The whole load stops after --time-limit seconds at most.
"""

import argparse
import concurrent.futures
import datetime
import os
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
import uuid
import xmlrpc.client

import requests

import odoo
from odoo import api
from odoo.modules.registry import Registry

PREFIX = "Load"
DOMAIN = "load.example.com"
ALIAS = "load-complaints"
PASSWORD = "load-portal-password"
ADMIN_PASSWORD = "admin"
CSRF = re.compile(r'name="csrf_token"\s+value="([^"]+)"')


def prepare(dbname, portal_users, customers):
    """Make (or find) the fixture; return the portal logins."""
    with Registry(dbname).cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True})
        company = env.ref("base.main_company")
        domain = env["mail.alias.domain"].search([("name", "=", DOMAIN)])
        if not domain:
            domain = env["mail.alias.domain"].create({"name": DOMAIN})
        company.alias_domain_id = domain
        team = env["crm.team"].search([("name", "=", f"{PREFIX} team")])
        if not team:
            team = env["crm.team"].create({"name": f"{PREFIX} team"})
        if team.care_complaint_alias_name != ALIAS:
            team.care_complaint_alias_name = ALIAS
        env.ref("base.user_admin").password = ADMIN_PASSWORD
        Users = env["res.users"].with_context(no_reset_password=True)
        portal_group = env.ref("base.group_portal")
        logins = [f"load.portal.{n}@example.com" for n in range(portal_users)]
        existing = set(Users.search([("login", "in", logins)]).mapped("login"))
        for login in logins:
            if login not in existing:
                Users.create(
                    {
                        "name": f"{PREFIX} portal {login.split('.')[2]}",
                        "login": login,
                        "email": login,
                        "password": PASSWORD,
                        "groups_id": [(6, 0, portal_group.ids)],
                    }
                )
        emails = [f"load.customer.{n}@example.com" for n in range(customers)]
        Partner = env["res.partner"]
        known = set(Partner.search([("email", "in", emails)]).mapped("email"))
        Partner.create(
            [
                {"name": f"{PREFIX} customer {n}", "email": email}
                for n, email in enumerate(emails)
                if email not in known
            ]
        )
        return logins, emails, team.id


def start_server(dbname, addons_path, workers, port):
    command = [
        sys.executable,
        "-m",
        "odoo",
        f"--addons-path={addons_path}",
        "-d",
        dbname,
        f"--db-filter=^{dbname}$",
        f"--workers={workers}",
        "--max-cron-threads=0",
        f"--http-port={port}",
        "--http-interface=127.0.0.1",
        "--limit-time-real=120",
        "--log-level=warn",
    ]
    process = subprocess.Popen(
        command,
        cwd="/",
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    for _attempt in range(120):
        if process.poll() is not None:
            raise SystemExit(f"Odoo stopped at start: {process.stderr.read()[-2000:]}")
        try:
            if requests.get(f"{base}/web/login", timeout=2).status_code == 200:
                return process, base
        except requests.RequestException:
            pass
        time.sleep(0.5)
    stop_server(process)
    raise SystemExit("Odoo did not answer on /web/login within 60 seconds")


def stop_server(process):
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def peak_rss_mb(process):
    """Resident memory of the server and its workers now, in MB (from /proc)."""
    total = 0
    pids = [process.pid]
    try:
        children = subprocess.run(
            ["pgrep", "-P", str(process.pid)],
            check=False,
            capture_output=True,
            text=True,
        ).stdout.split()
        pids += [int(pid) for pid in children]
        for pid in pids:
            with open(f"/proc/{pid}/status") as status:
                for line in status:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
    except (OSError, ValueError):
        return None
    return total // 1024


class Load:
    def __init__(self, base, dbname, deadline):
        self.base = base
        self.dbname = dbname
        self.deadline = deadline
        self.local = threading.local()
        self.lock = threading.Lock()
        self.latency = {"portal": [], "email": []}
        self.errors = {"portal": [], "email": []}
        self.confirmed_subjects = []

    def _record(self, kind, started, error=None):
        with self.lock:
            self.latency[kind].append(time.perf_counter() - started)
            if error:
                self.errors[kind].append(error)

    def portal(self, login, subject):
        if time.monotonic() > self.deadline:
            return
        started = time.perf_counter()
        try:
            session = requests.Session()
            page = session.get(f"{self.base}/web/login", timeout=60)
            token = CSRF.search(page.text).group(1)
            session.post(
                f"{self.base}/web/login",
                data={"login": login, "password": PASSWORD, "csrf_token": token},
                timeout=60,
            )
            form = session.get(f"{self.base}/my/complaints/new", timeout=60)
            token = CSRF.search(form.text).group(1)
            response = session.post(
                f"{self.base}/my/complaints/new",
                data={
                    "name": subject,
                    "description": "Filed under load.",
                    "csrf_token": token,
                },
                timeout=60,
            )
            if not re.search(r"/my/complaints/\d+", response.url):
                raise RuntimeError(f"HTTP {response.status_code} at {response.url}")
            with self.lock:
                self.confirmed_subjects.append(subject)
            self._record("portal", started)
        except Exception as error:  # noqa: BLE001 - counted and reported
            self._record("portal", started, repr(error)[:200])

    def email(self, raw):
        if time.monotonic() > self.deadline:
            return
        started = time.perf_counter()
        try:
            if not hasattr(self.local, "models"):
                common = xmlrpc.client.ServerProxy(f"{self.base}/xmlrpc/2/common")
                self.local.uid = common.authenticate(
                    self.dbname, "admin", ADMIN_PASSWORD, {}
                )
                self.local.models = xmlrpc.client.ServerProxy(
                    f"{self.base}/xmlrpc/2/object"
                )
            self.local.models.execute_kw(
                self.dbname,
                self.local.uid,
                ADMIN_PASSWORD,
                "mail.thread",
                "message_process",
                [False, xmlrpc.client.Binary(raw.encode())],
                {},
            )
            self._record("email", started)
        except Exception as error:  # noqa: BLE001 - counted and reported
            self._record("email", started, repr(error)[:200])


def raw_email(sender, subject, message_id):
    return (
        f"From: {sender}\n"
        f"To: {ALIAS}@{DOMAIN}\n"
        f"Subject: {subject}\n"
        f"Message-ID: <{message_id}@load.example.com>\n"
        f"Date: {datetime.datetime.now(datetime.UTC):%a, %d %b %Y %H:%M:%S +0000}\n"
        "Content-Type: text/plain; charset=utf-8\n\n"
        "Sent under load.\n"
    )


def run(args):
    odoo.tools.config.parse_config(["--addons-path", args.addons_path, "-d", args.db])
    logins, customer_emails, team_id = prepare(args.db, args.clients, args.emails)
    run_id = uuid.uuid4().hex[:8]
    partners_before = count_partners(args.db)
    process, base = start_server(args.db, args.addons_path, args.workers, args.port)
    started = time.perf_counter()
    try:
        load = Load(base, args.db, time.monotonic() + args.time_limit)
        # The kinds interleaved; the two copies of an e-mail delivered twice go
        # to two clients side by side, so they reach the server at the same moment.
        jobs = []
        for n in range(max(args.portal, args.emails)):
            if n < args.portal:
                subject = f"Load portal {run_id} {n}"
                jobs.append((load.portal, logins[n % len(logins)], subject))
            if n < args.emails:
                if n % 2:
                    sender = f"Unknown {n} <load.stranger.{run_id}.{n}@example.org>"
                else:
                    sender = f"Customer <{customer_emails[n]}>"
                raw = raw_email(sender, f"Load mail {run_id} {n}", f"{run_id}-{n}")
                jobs += [(load.email, raw)] * (2 if n < args.twice else 1)
        peak = 0
        with concurrent.futures.ThreadPoolExecutor(max_workers=args.clients) as pool:
            futures = [pool.submit(function, *job_args) for function, *job_args in jobs]
            while not all(f.done() for f in futures):
                peak = max(peak, peak_rss_mb(process) or 0)
                time.sleep(0.5)
        elapsed = time.perf_counter() - started
    finally:
        stop_server(process)
    report(args, load, run_id, team_id, partners_before, elapsed, peak)


def count_partners(dbname):
    with Registry(dbname).cursor() as cr:
        cr.execute("SELECT COUNT(*) FROM res_partner")
        return cr.fetchone()[0]


def report(args, load, run_id, team_id, partners_before, elapsed, peak):
    with Registry(args.db).cursor() as cr:
        cr.execute(
            "SELECT name, COUNT(*) FROM care_complaint"
            " WHERE name LIKE %s GROUP BY name",
            [f"Load % {run_id} %"],
        )
        made = dict(cr.fetchall())
        cr.execute("SELECT COUNT(*) FROM res_partner")
        partners_after = cr.fetchone()[0]
    portal_made = {k: v for k, v in made.items() if k.startswith("Load portal")}
    mail_made = {k: v for k, v in made.items() if k.startswith("Load mail")}
    confirmed_missing = [s for s in load.confirmed_subjects if s not in portal_made]
    expected_mail = {f"Load mail {run_id} {n}" for n in range(args.emails)}
    mail_missing = sorted(expected_mail - set(mail_made))
    duplicates = {k: v for k, v in made.items() if v > 1}
    twice_made = sum(
        mail_made.get(f"Load mail {run_id} {n}", 0) for n in range(args.twice)
    )

    def latency(kind, share):
        values = sorted(load.latency[kind])
        if not values:
            return "-"
        if share == 0.5:
            return f"{statistics.median(values):.2f} s"
        return f"{values[min(len(values) - 1, int(len(values) * share))]:.2f} s"

    sent_mail = args.emails + args.twice
    done = len(load.latency["portal"]) + len(load.latency["email"])
    print(
        f"\n{datetime.date.today()}: Odoo with --workers={args.workers}, "
        f"{args.clients} concurrent clients, all to 127.0.0.1, {elapsed:.1f} s\n"
    )
    print("| | portal submissions | incoming e-mails |")
    print("|---|---|---|")
    print(
        f"| sent | {args.portal} | {sent_mail} ({args.twice} delivered twice at once) |"
    )
    print(
        f"| failed (client side) | {len(load.errors['portal'])} "
        f"| {len(load.errors['email'])} |"
    )
    print(f"| complaints made | {len(portal_made)} | {len(mail_made)} |")
    print(f"| confirmed but missing | {len(confirmed_missing)} | {len(mail_missing)} |")
    print(
        f"| duplicates | {sum(1 for k in duplicates if k.startswith('Load portal'))} "
        f"| {sum(1 for k in duplicates if k.startswith('Load mail'))} |"
    )
    print(f"| median latency | {latency('portal', 0.5)} | {latency('email', 0.5)} |")
    print(f"| 95th percentile | {latency('portal', 0.95)} | {latency('email', 0.95)} |")
    print(
        f"\n{done} operations in {elapsed:.1f} s ({done / elapsed:.1f} per second); "
        f"the {args.twice} e-mails delivered twice made {twice_made} complaints; "
        f"contacts created for unknown senders: {partners_after - partners_before}; "
        f"server and workers' resident memory at most {peak} MB."
    )
    for kind, errors in load.errors.items():
        for error in errors[:5]:
            print(f"{kind} error: {error}")
    if confirmed_missing or mail_missing or duplicates or twice_made != args.twice:
        raise SystemExit("complaints lost or duplicated (see above)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db")
    parser.add_argument("addons_path")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8099)
    parser.add_argument("--clients", type=int, default=6)
    parser.add_argument("--portal", type=int, default=120)
    parser.add_argument("--emails", type=int, default=120)
    parser.add_argument("--twice", type=int, default=20)
    parser.add_argument("--time-limit", type=int, default=240)
    run(parser.parse_args())


if __name__ == "__main__":
    main()
