#!/usr/bin/env python3
"""Lighthouse benchmark: the reader's pages as Lighthouse scores them on a phone.

Builds the site as the publishing workflow does (with a site URL, so that
canonical and hreflang addresses are absolute), serves it on 127.0.0.1 the
way GitHub Pages serves it (gzip for text, `Cache-Control: max-age=600`),
and runs Lighthouse (npm, pinned in benchmarks/lighthouse/package.json)
against Debian's Chromium with its mobile profile and simulated slow 4G, on
the home, catalogue, practice, map, dashboard and propose pages of every
language.

    .venv/bin/python benchmarks/lighthouse.py
    .venv/bin/python benchmarks/lighthouse.py --languages es --pages catalogue map
    .venv/bin/python benchmarks/lighthouse.py --runs 3       # median of three runs
    .venv/bin/python benchmarks/lighthouse.py --minimum 95   # exit 1 below it

Prints one line per page and language with the four category scores and the
metrics behind the performance score, then the audits that cost points.
Figures, not assertions: the scores use simulated throttling, so they move
little from run to run, but the machine is shared. BENCHMARKS.md records a run.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

TOOLS = Path(__file__).resolve().parent / "lighthouse"
LIGHTHOUSE = TOOLS / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
PAGES = {
    "home": "",
    "catalogue": "catalogue/",
    "practice": "catalogue/practices/montreal-binam/",
    "map": "catalogue/map/",
    "dashboard": "catalogue/dashboard/",
    "propose": "catalogue/propose/",
}
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
METRICS = {
    "first-contentful-paint": "FCP",
    "largest-contentful-paint": "LCP",
    "total-blocking-time": "TBT",
    "cumulative-layout-shift": "CLS",
    "speed-index": "SI",
}
# What GitHub Pages compresses; images and fonts are sent as they are.
COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".csv")


class PagesLikeHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with GitHub Pages' gzip and ten-minute cache, since an
    uncompressed local server would measure a hosting we do not have."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def send_head(self):  # type: ignore[override]
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file() or path.suffix not in COMPRESSED:
            # Folders without their slash (a redirect), missing files, images.
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Body(body)


class _Body:
    """What send_head returns: something copyfile can read, then close."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, size: int = -1) -> bytes:
        data, self.data = (self.data, b"") if size < 0 else (self.data[:size], self.data[size:])
        return data

    def close(self) -> None:
        pass


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def install_lighthouse() -> None:
    if LIGHTHOUSE.exists():
        return
    if shutil.which("npm") is None:
        raise SystemExit("npm is missing: install Node.js 20 and npm, then run this again")
    print("==> installing Lighthouse into benchmarks/lighthouse/node_modules (npm ci)", flush=True)
    subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--silent"], cwd=TOOLS, check=True)


def build(site_dir: Path, site_url: str) -> None:
    env = dict(os.environ, SITE_URL=site_url, NO_MKDOCS_2_WARNING="1")
    publish = PROJECT / ".venv" / "bin" / "publish"
    command = [str(publish)] if publish.exists() else [sys.executable, "-m", "generator.cli"]
    result = subprocess.run([*command, "build", "--site-dir", str(site_dir)], cwd=PROJECT, env=env,
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"the site did not build:\n{result.stdout[-2000:]}{result.stderr[-2000:]}")
    print(result.stdout.strip().splitlines()[-1], flush=True)


def run_lighthouse(url: str, report: Path) -> dict:
    env = dict(os.environ, CHROME_PATH=str(CHROMIUM))
    subprocess.run(
        [str(LIGHTHOUSE), url, "--form-factor=mobile", "--output=json", f"--output-path={report}", "--quiet",
         "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
        env=env, check=True, capture_output=True,
    )
    return json.loads(report.read_text(encoding="utf-8"))


def summary(result: dict) -> dict:
    audits = result["audits"]
    scores = {name: round(100 * (result["categories"][name]["score"] or 0)) for name in CATEGORIES}
    metrics = {short: audits[key].get("displayValue", "") for key, short in METRICS.items()}
    # The audits of each category that cost points, by their weight there.
    losses = []
    for name in CATEGORIES:
        for ref in result["categories"][name]["auditRefs"]:
            audit = audits[ref["id"]]
            if ref["weight"] and audit.get("score") is not None and audit["score"] < 1:
                losses.append(f"{name}: {ref['id']} {audit.get('displayValue', '')}".rstrip())
    return {"scores": scores, "metrics": metrics, "losses": losses}


def main() -> None:
    from generator.languages import site_languages

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--languages", nargs="+", default=list(site_languages().codes))
    parser.add_argument("--pages", nargs="+", choices=list(PAGES), default=list(PAGES))
    parser.add_argument("--runs", type=int, default=1,
                        help="run each page this many times and keep the run of median performance")
    parser.add_argument("--minimum", type=int, default=0, help="exit with status 1 if a score is below this")
    parser.add_argument("--reports", type=Path, help="keep Lighthouse's JSON reports in this folder")
    args = parser.parse_args()
    if not CHROMIUM.exists():
        raise SystemExit(f"{CHROMIUM} is missing: sudo apt-get install chromium")
    install_lighthouse()

    default = site_languages().default
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as temporary:
        port = free_port()
        site_url = f"http://127.0.0.1:{port}/"
        site_dir = Path(temporary) / "site"
        build(site_dir, site_url)
        handler = functools.partial(PagesLikeHandler, directory=str(site_dir))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        reports = args.reports or Path(temporary) / "reports"
        reports.mkdir(parents=True, exist_ok=True)
        lowest = 100
        print(f"\n{'page':<10} {'lang':<4} " + " ".join(f"{c[:13]:>13}" for c in CATEGORIES)
              + "   " + "  ".join(METRICS.values()), flush=True)
        losses: dict[str, list[str]] = {}
        started, cpu = time.perf_counter(), time.process_time()
        try:
            for name in args.pages:
                for lang in args.languages:
                    url = site_url + ("" if lang == default else f"{lang}/") + PAGES[name]
                    runs = sorted((summary(run_lighthouse(url, reports / f"{name}-{lang}-{n}.json"))
                                   for n in range(args.runs)), key=lambda run: run["scores"]["performance"])
                    found = runs[len(runs) // 2]
                    lowest = min(lowest, *found["scores"].values())
                    print(f"{name:<10} {lang:<4} " + " ".join(f"{found['scores'][c]:>13}" for c in CATEGORIES)
                          + "   " + "  ".join(found["metrics"].values()), flush=True)
                    for loss in found["losses"]:
                        losses.setdefault(loss.split(" ")[0] + " " + loss.split(" ")[1], []).append(f"{name}/{lang}")
        finally:
            server.shutdown()
        children = os.times()
        print(f"\n{len(args.pages) * len(args.languages)} pages, {args.runs} run(s) each, in {time.perf_counter() - started:.0f} s "
              f"(this process {time.process_time() - cpu:.1f} s CPU, Lighthouse and Chromium "
              f"{children.children_user + children.children_system:.0f} s CPU)")
        if losses:
            print("\naudits that cost points (where):")
            for audit, where in sorted(losses.items()):
                print(f"  {audit}: {', '.join(where)}")
        print(f"\nlowest score: {lowest}")
    if lowest < args.minimum:
        sys.exit(1)


if __name__ == "__main__":
    main()
