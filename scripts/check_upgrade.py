"""Upgrade databases of the released versions of customer_care to today's code.

For each released version (the last commit of the git history whose manifest
still carries it), the addon of that commit is exported with ``git archive``
and installed with its demo data on a copy of a database holding contacts, crm
and sale_management with theirs. The rows of every ``care_%`` table and of
``res_partner`` are counted, then ``-u customer_care`` runs with the addon of
the working tree. The check fails on a failed upgrade, on any WARNING, ERROR or
CRITICAL line of the upgrade's log, on a table that lost rows and on a module
that is not installed at the current version afterwards. Its databases and
their filestore are dropped at the end.

Usage: python check_upgrade.py ODOO_ADDONS [--versions first|all|V1,V2]
           [--jobs N] [--keep-logs DIR] [--target DIR]
           [--template DB [--template-data-dir DIR]]

ODOO_ADDONS is Odoo's own addons folder (the folder holding crm); the default
--versions is ``first``: the first release, the one furthest from today's.
"""

import argparse
import ast
import concurrent.futures
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MODULE = "customer_care"
MANIFEST = f"{MODULE}/__manifest__.py"
BASE_APPS = "contacts,crm,sale_management"
DIRTY = re.compile(r"^\S+ \S+ \d+ (WARNING|ERROR|CRITICAL) ")


def say(message):
    sys.stdout.write(f"[check_upgrade] {message}\n")
    sys.stdout.flush()


def git(*args):
    return subprocess.run(
        ["git", "-C", ROOT, *args], check=True, capture_output=True, text=True
    ).stdout


def manifest_version(text):
    return ast.literal_eval(text)["version"]


def released_versions():
    """(version, commit) of each version before today's, oldest first."""
    with open(os.path.join(ROOT, MANIFEST), encoding="utf-8") as manifest:
        current = manifest_version(manifest.read())
    seen = {}
    for commit in git("log", "--format=%H", "--", MANIFEST).split():
        version = manifest_version(git("show", f"{commit}:{MANIFEST}"))
        # Newest first: the first commit met for a version is its last one.
        if version != current and version not in seen:
            seen[version] = commit
    ordered = sorted(seen, key=lambda v: tuple(int(part) for part in v.split(".")))
    return current, [(version, seen[version]) for version in ordered]


def psql(db, query):
    return subprocess.run(
        ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", db, "-tAc", query],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def row_counts(db):
    tables = psql(
        db,
        "SELECT table_name FROM information_schema.tables"
        " WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
        " AND (table_name LIKE 'care\\_%' OR table_name = 'res_partner')"
        " ORDER BY table_name",
    ).split()
    query = " UNION ALL ".join(f"SELECT '{t}', count(*) FROM \"{t}\"" for t in tables)
    counts = {}
    for line in psql(db, query).splitlines():
        table, count = line.split("|")
        counts[table] = int(count)
    return counts


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Checker:
    def __init__(self, odoo_addons, workdir, prefix, logdir):
        self.odoo_addons = odoo_addons
        self.workdir = workdir
        self.data_dir = os.path.join(workdir, "data")
        self.prefix = prefix
        self.logdir = logdir
        self.dbs = []

    def odoo(self, db, addons, args, log_name):
        """Runs Odoo on db; returns its exit code and the lines of its log."""
        log_path = os.path.join(self.logdir, log_name)
        command = [sys.executable, "-m", "odoo", f"--addons-path={addons}"]
        command += ["-d", db, f"--data-dir={self.data_dir}", "--stop-after-init"]
        command += [f"--http-port={free_port()}", "--max-cron-threads=0", *args]
        with open(log_path, "w", encoding="utf-8") as log:
            rc = subprocess.run(
                command, cwd="/", stdout=log, stderr=subprocess.STDOUT, check=False
            ).returncode
        with open(log_path, encoding="utf-8") as log:
            return rc, log.read().splitlines()

    def copy_db(self, source, target, source_data_dir=None):
        subprocess.run(["createdb", "-T", source, target], check=True)
        self.dbs.append(target)
        source_store = os.path.join(source_data_dir or self.data_dir, "filestore")
        if os.path.isdir(os.path.join(source_store, source)):
            shutil.copytree(
                os.path.join(source_store, source),
                os.path.join(self.data_dir, "filestore", target),
            )

    def make_base(self, template, template_data_dir):
        db = f"{self.prefix}_base"
        if template:
            self.copy_db(template, db, template_data_dir)
            return db
        self.dbs.append(db)
        args = ["-i", BASE_APPS, "--log-level=warn"]
        rc, lines = self.odoo(db, self.odoo_addons, args, "base.log")
        if rc:
            raise SystemExit(
                "installing the base apps failed:\n" + "\n".join(lines[-20:])
            )
        return db

    def check(self, base, version, commit):
        """Returns the problems of the upgrade from version to today's code."""
        tag = version.replace(".", "_")
        db = f"{self.prefix}_{tag}"
        old_addons = os.path.join(self.workdir, tag)
        os.makedirs(old_addons)
        archive = subprocess.run(
            ["git", "-C", ROOT, "archive", commit, MODULE],
            check=True,
            capture_output=True,
        ).stdout
        subprocess.run(["tar", "-x", "-C", old_addons], input=archive, check=True)
        self.copy_db(base, db)
        addons = f"{self.odoo_addons},{old_addons}"
        args = ["-i", MODULE, "--log-level=warn"]
        rc, lines = self.odoo(db, addons, args, f"install-{version}.log")
        if rc:
            return [f"installing {version} failed (rc {rc}):", *lines[-20:]]
        before = row_counts(db)
        addons = f"{self.odoo_addons},{self.target}"
        args = ["-u", MODULE, "--log-level=warn"]
        started = time.monotonic()
        rc, lines = self.odoo(db, addons, args, f"upgrade-{version}.log")
        took = time.monotonic() - started
        problems = [] if rc == 0 else [f"the upgrade exited with code {rc}"]
        problems += [line for line in lines if DIRTY.match(line)]
        # Tracebacks follow their ERROR line: show the first one whole.
        traceback = [i for i, line in enumerate(lines) if line.startswith("Traceback")]
        if traceback:
            problems += lines[traceback[0] : traceback[0] + 40]
        if rc == 0:
            after = row_counts(db)
            for table, count in before.items():
                if after.get(table, -1) < count:
                    left = after.get(table, "no table")
                    problems.append(f"{table}: {count} rows before, {left} after")
            state = psql(
                db,
                "SELECT state || ' ' || latest_version FROM ir_module_module"
                f" WHERE name = '{MODULE}'",
            ).strip()
            problems += [] if state == f"installed {self.current}" else [state]
        rows = sum(before.values())
        outcome = "upgraded" if rc == 0 else "upgrade failed"
        say(f"{version} ({commit[:7]}): {rows} rows, {outcome} in {took:.0f}s")
        return problems

    def drop(self):
        for db in self.dbs:
            subprocess.run(["dropdb", "--if-exists", db], check=False)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("odoo_addons", help="Odoo's addons folder (holding crm)")
    parser.add_argument("--versions", default="first")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--keep-logs", help="folder for the Odoo logs")
    parser.add_argument(
        "--target",
        default=ROOT,
        help="the folder holding the customer_care to upgrade to (default: the"
        " working tree's)",
    )
    parser.add_argument(
        "--template",
        help=f"a database with {BASE_APPS} and their demo data to start from,"
        " instead of installing them",
    )
    parser.add_argument(
        "--template-data-dir",
        default=os.path.expanduser("~/.local/share/Odoo"),
        help="the data dir of the template's filestore",
    )
    options = parser.parse_args()
    current, released = released_versions()
    if options.versions == "first":
        chosen = released[:1]
    elif options.versions == "all":
        chosen = released
    else:
        wanted = options.versions.split(",")
        chosen = [(v, c) for v, c in released if v in wanted]
        unknown = set(wanted) - {v for v, _c in chosen}
        if unknown:
            raise SystemExit(f"not released versions: {', '.join(sorted(unknown))}")
    listed = ", ".join(v for v, _c in chosen)
    say(f"upgrading {listed} to {current} (released: {len(released)} versions)")
    started = time.monotonic()
    workdir = tempfile.mkdtemp(prefix="check_upgrade_")
    logdir = options.keep_logs or os.path.join(workdir, "logs")
    os.makedirs(logdir, exist_ok=True)
    checker = Checker(options.odoo_addons, workdir, f"cc_upgrade_{os.getpid()}", logdir)
    checker.current = current
    checker.target = options.target
    failed = {}
    try:
        base = checker.make_base(options.template, options.template_data_dir)
        with concurrent.futures.ThreadPoolExecutor(options.jobs) as pool:
            futures = {
                version: pool.submit(checker.check, base, version, commit)
                for version, commit in chosen
            }
            for version, future in futures.items():
                problems = future.result()
                if problems:
                    failed[version] = problems
    finally:
        checker.drop()
        shutil.rmtree(workdir, ignore_errors=True)
    for version, problems in failed.items():
        say(f"FAILED: the upgrade from {version} to {current}:")
        for line in problems[:60]:
            sys.stdout.write(f"    {line}\n")
    total = time.monotonic() - started
    if failed:
        say(f"{len(failed)} of {len(chosen)} upgrades failed ({total:.0f}s)")
        return 1
    say(f"{len(chosen)} upgrade(s) to {current} clean, every row kept ({total:.0f}s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
