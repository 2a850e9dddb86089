"""Read an Odoo test log and print one closing line: 'tests: N passed, N failed'.

Exits 1 when Odoo failed, a test failed, erred or was skipped (a browser tour is
skipped when Chromium cannot run: that must fail the run), when no test ran, when
the log holds an ERROR or CRITICAL line, or when the uninstall check failed.
"""

import argparse
import re
import sys

LOG_LINE = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (?P<level>[A-Z]+) \S+ (?P<logger>\S+): "
    r"(?P<message>.*)$"
)
TOTALS = re.compile(
    r"(?P<failed>\d+) failed, (?P<errors>\d+) error\(s\) of (?P<run>\d+) tests "
    r"when loading database"
)
SKIPPED = re.compile(r"^skipped (?P<test>.+?) : (?P<reason>.*)$")


def follow(stream):
    """Echo the test starts, warnings and errors (with their tracebacks) of a log."""
    echo = False
    for line in stream:
        match = LOG_LINE.match(line.rstrip("\n"))
        if match:
            echo = match["level"] in ("WARNING", "ERROR", "CRITICAL")
            if echo or match["message"].startswith("Starting "):
                sys.stdout.write(line)
        elif echo:
            sys.stdout.write(line)
        sys.stdout.flush()


def main():
    if sys.argv[1:] == ["--follow"]:
        follow(sys.stdin)
        return
    parser = argparse.ArgumentParser()
    parser.add_argument("log")
    parser.add_argument("--odoo-rc", type=int, default=0)
    parser.add_argument("--uninstall-rc", type=int, default=0)
    parser.add_argument("--translations-rc", type=int, default=0)
    args = parser.parse_args()

    totals, skipped, errors = None, [], []
    with open(args.log, encoding="utf-8", errors="replace") as log:
        for line in log:
            match = LOG_LINE.match(line.rstrip("\n"))
            if not match:
                continue
            message = match["message"]
            if found := TOTALS.search(message):
                totals = {key: int(value) for key, value in found.groupdict().items()}
            if found := SKIPPED.match(message):
                skipped.append(f"{found['test']}: {found['reason']}")
            if match["level"] in ("ERROR", "CRITICAL"):
                errors.append(line.strip())

    problems = []
    if args.odoo_rc:
        problems.append(f"Odoo exited with code {args.odoo_rc}")
    if totals is None:
        problems.append(
            "the log has no test totals: Odoo stopped before the tests ended"
        )
        totals = {"failed": 0, "errors": 0, "run": 0}
    elif not totals["run"]:
        problems.append("no test ran")
    failed = totals["failed"] + totals["errors"]
    if failed:
        problems.append(f"{failed} test(s) failed or erred")
    if skipped:
        problems.append(f"{len(skipped)} test(s) skipped:\n  " + "\n  ".join(skipped))
    if errors:
        problems.append(
            f"{len(errors)} ERROR/CRITICAL log line(s):\n  " + "\n  ".join(errors[:20])
        )
    if args.uninstall_rc:
        problems.append(
            "uninstalling customer_care failed (see .test-logs/uninstall.log)"
        )

    if args.translations_rc:
        problems.append("the translation files are not current (see above)")

    passed = totals["run"] - failed - len(skipped)
    for problem in problems:
        sys.stdout.write(f"FAILED: {problem}\n")
    sys.stdout.write(
        f"tests: {passed} passed, {failed} failed, {len(skipped)} skipped\n"
    )
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
