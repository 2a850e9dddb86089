"""The composer's phrase check in a browser: PhraseLibrary.find in headless Chromium.

Usage: python benchmarks/phrase_check_browser.py [DB ADDONS_PATH (ignored)]
       [--phrases 1000] [--length 2000] [--runs 200] [--chromium /usr/bin/chromium]

No database: make bench BENCH=phrase_check_browser passes its DB and addons path,
which are not used. A temporary directory gets phrase_check_bench.html (from
benchmarks/) and a copy of customer_care/static/src/phrase_check/phrase_matcher.js;
python's http.server serves it on a free port of 127.0.0.1 (an ES module is not
loaded from file://), and headless Chromium (--headless=new --dump-dom) runs the
page, which imports phrase_matcher.js as an ES module and writes its figures as
JSON into the DOM. The module runs synchronously before the page's load event,
after which Chromium dumps the DOM (no virtual time: it would fake the clock).
The server sends the cross-origin isolation headers, so that performance.now()
counts in 5 µs steps rather than 100 µs.

The library is --phrases phrases (one word: an invented word of its own; two or
three words: over a vocabulary of 50 common words, so that most words of the text
start some phrase; one in ten matches its last word as a prefix), the text
--length characters of sentences over the same vocabulary with a phrase every
~200 characters: the same generators as benchmarks/communication.py, which times
the server's check of that text.

Paths, each find timed alone with performance.now():

- compile: new PhraseLibrary(phrases), median of 20;
- full text: find on the whole text, median of --runs runs (after 20 not timed);
- keystrokes: find on the text growing one character at a time (--length finds),
  the median, the 99th percentile and the maximum of one find (the maximum is
  one outlier: a garbage collection, the other tests of a shared machine);
- naive baseline: one RegExp per phrase (\\b word \\s+ word \\b, case- and
  accent-insensitive as far as a RegExp goes: /iu on the folded text), all
  --phrases tested on each keystroke's text (RegExp.test), after 20 runs not
  timed (V8 compiles a RegExp on its first use); same figures; and on the full
  text.
"""

import argparse
import functools
import html
import http.server
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
MATCHER = os.path.join(
    HERE, "..", "customer_care", "static", "src", "phrase_check", "phrase_matcher.js"
)
PAGE = os.path.join(HERE, "phrase_check_bench.html")

VOCABULARY = (  # noqa: SIM905
    "we can not do this for you your order is our policy the time please "
    "wait that was never said again unfortunately problem it will be done "
    "by team sorry have to ask again later must should already told as I "
    "said calm down fault yours"
).split()[:50]


def phrase_names(count):
    """count distinct phrase names: one word in three is an invented word, the
    others two or three words of the vocabulary."""
    names, seen, index = [], set(), 0
    size = len(VOCABULARY)
    while len(names) < count:
        length = 1 + index % 3
        if length == 1:
            name = f"benchword{index}"
        else:
            words = [
                VOCABULARY[(index * 7) % size],
                VOCABULARY[(index * 13 + 3) % size],
            ]
            if length == 3:
                words.append(VOCABULARY[(index // size * 31 + index * 17 + 7) % size])
            name = " ".join(words)
        index += 1
        if name not in seen:
            seen.add(name)
            names.append(name)
    return names


def phrases(count):
    """The phrase dicts Library / PhraseLibrary take (id, name, whole_word,
    ignore_accents)."""
    return [
        {
            "id": index + 1,
            "name": name,
            "whole_word": index % 10 != 5,
            "ignore_accents": True,
        }
        for index, name in enumerate(phrase_names(count))
    ]


def reply_text(length, names, seed=18):
    """A reply of exactly ``length`` characters: sentences of the vocabulary, a
    phrase of the library (every 17th) about every 200 characters."""
    rng = random.Random(seed)
    parts, size, next_phrase, phrase_index = [], 0, 150, 0
    while size < length:
        words = [rng.choice(VOCABULARY) for _word in range(rng.randint(8, 15))]
        if size >= next_phrase:
            words.insert(rng.randint(0, len(words)), names[phrase_index % len(names)])
            phrase_index += 17
            next_phrase += 200
        sentence = " ".join(words)
        sentence = (
            sentence[0].upper() + sentence[1:] + rng.choice([". ", ", ", "! ", ". "])
        )
        parts.append(sentence)
        size += len(sentence)
    return "".join(parts)[:length]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Quiet(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
    }

    def end_headers(self):
        self.send_header("Cross-Origin-Opener-Policy", "same-origin")
        self.send_header("Cross-Origin-Embedder-Policy", "require-corp")
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, *args):
        pass


def run_browser(args):
    """The figures the page measured (a dict), from headless Chromium."""
    library = phrases(args.phrases)
    text = reply_text(args.length, [phrase["name"] for phrase in library])
    directory = tempfile.mkdtemp(prefix="phrase_check_bench_")
    try:
        shutil.copy(MATCHER, os.path.join(directory, "phrase_matcher.js"))
        shutil.copy(PAGE, os.path.join(directory, "index.html"))
        with open(os.path.join(directory, "data.js"), "w") as file:
            file.write(
                "export const PHRASES = "
                + json.dumps(library)
                + ";\nexport const TEXT = "
                + json.dumps(text)
                + f";\nexport const RUNS = {args.runs};\n"
            )
        port = free_port()
        server = http.server.ThreadingHTTPServer(
            ("127.0.0.1", port), functools.partial(Quiet, directory=directory)
        )
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            profile = os.path.join(directory, "profile")
            started = time.perf_counter()
            completed = subprocess.run(
                [
                    args.chromium,
                    "--headless=new",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--no-first-run",
                    "--disable-extensions",
                    f"--user-data-dir={profile}",
                    "--dump-dom",
                    f"http://127.0.0.1:{port}/index.html",
                ],
                capture_output=True,
                text=True,
                timeout=600,
                check=False,
            )
            wall = time.perf_counter() - started
        finally:
            server.shutdown()
            server.server_close()
    finally:
        shutil.rmtree(directory, ignore_errors=True)
    dom = completed.stdout
    start = dom.find('<pre id="result">')
    end = dom.find("</pre>", start)
    if start < 0 or end < 0:
        raise RuntimeError(
            f"no figures from Chromium (exit {completed.returncode}):\n"
            f"{dom[-2000:]}\n{completed.stderr[-2000:]}"
        )
    result = json.loads(html.unescape(dom[start + len('<pre id="result">') : end]))
    if "error" in result:
        raise RuntimeError(f"the page failed: {result['error']}")
    result["wall"] = wall
    result["version"] = subprocess.run(
        [args.chromium, "--version"], capture_output=True, text=True, check=False
    ).stdout.strip()
    return result


def rows(result, args):
    """(label, median ms, max ms or None, what) rows of the figures."""
    return [
        (
            "compile: new PhraseLibrary(phrases)",
            result["compile"],
            None,
            "median of 20",
        ),
        ("full text: find", result["full"], None, f"median of {args.runs}"),
        (
            "keystroke: find (text growing 1 char at a time)",
            result["key_median"],
            result["key_max"],
            (
                f"{result['keystrokes']:,} finds; 99th percentile "
                f"{result['key_p99']:.2f} ms"
            ),
        ),
        (
            f"naive: {args.phrases:,} RegExp per keystroke",
            result["naive_key_median"],
            result["naive_key_max"],
            (
                f"{result['keystrokes']:,} keystrokes; 99th percentile "
                f"{result['naive_key_p99']:.2f} ms"
            ),
        ),
        (
            "naive: full text",
            result["naive_full"],
            None,
            f"median of {result['naive_runs']}",
        ),
    ]


def report(result, args):
    print(
        f"{result['version']}, headless; {args.phrases:,} phrases, text of "
        f"{args.length:,} characters ({result['words']} words), "
        f"{result['matches']} matches (naive RegExp: {result['naive_matches']} "
        f"phrases found); page run in {result['wall']:.1f} s; timer "
        f"{'5 µs (cross-origin isolated)' if result.get('isolated') else '100 µs'}"
    )
    print()
    print("| Browser path | median ms | max ms | runs |")
    print("|---|---|---|---|")
    for label, median, maximum, what in rows(result, args):
        maximum = "—" if maximum is None else f"{maximum:.2f}"
        print(f"| {label} | {median:.3f} | {maximum} | {what} |")


def parser_with(parser=None):
    parser = parser or argparse.ArgumentParser()
    parser.add_argument("--phrases", type=int, default=1000)
    parser.add_argument("--length", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    return parser


def main():
    parser = parser_with()
    parser.add_argument("ignored", nargs="*", help="make bench's DB and addons path")
    args = parser.parse_args()
    result = run_browser(args)
    report(result, args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
