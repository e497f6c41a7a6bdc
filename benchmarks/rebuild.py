#!/usr/bin/env python3
"""The edit loops at scale: what a build costs again, and how long an edit
takes to show in the preview.

On a fresh copy of the project with N synthetic entries (tests/synthetic.py,
1,000 by default), measured side by side in one run, each step in its own
process (wall time, CPU time of the process and all it started, peak
memory of its largest process):

- cold build: `publish build` with no site and no cache (a fresh clone);
- cold build of one language: ProperDocs building the default language
  alone with the cities plugin, no cache (the yardstick of `publish serve`'s
  first page);
- rebuild, one entry changed: `publish build` again after one entry's title
  changed (the site and the cache of the previous build kept);
- rebuild, nothing changed: `publish build` again;
- `publish serve`: the time from starting it to the first page served
  (after the builds above, so with their cache: what a contributor who has
  built once gets), then, three times each, from saving a change to an entry
  or to a text page to the moment the server gives the page with the
  change (polled every 50 ms, as a browser reloading would see it); CPU time
  of the server for each, and its peak memory (VmHWM).

    .venv/bin/python benchmarks/rebuild.py                 # 1,000 entries, about 4 minutes
    .venv/bin/python benchmarks/rebuild.py --entries 200

Figures, not assertions: the machine is shared and noisy. BENCHMARKS.md
records a run.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

from benchmarks.scale import make_project, run_step  # noqa: E402

# Each step reports its own peak (its process or the largest it started):
# run_step's figure is the largest of every step run so far.
PEAK = """
import resource
peak_mb = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
              resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
"""

BUILD_STEP = """
import json
from pathlib import Path
from generator.site_build import build_site
built = build_site(Path({project!r}), Path({site!r}))
""" + PEAK + """
print(json.dumps({{"own_peak_mb": peak_mb, "build_s": built.seconds, "rendered": built.pages_rendered, "reused": built.pages_reused,
                  "search_reused": built.search_reused,
                  "search_indexed": list(built.search_indexed), "pages": built.pages}}))
"""

ONE_LANGUAGE_STEP = """
import json
from pathlib import Path
from generator.site_build import _check_catalogue, build_language
_check_catalogue(Path("mkdocs.yml"))
build_language(Path("mkdocs.yml"), {lang!r}, Path({site!r}))
""" + PEAK + """
print(json.dumps({{"own_peak_mb": peak_mb}}))
"""


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _peak_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _get(url: str) -> bytes | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read()
    except (urllib.error.URLError, OSError):
        return None


def _wait_for(url: str, marker: bytes, server: subprocess.Popen, limit: float = 120) -> float:
    started = time.perf_counter()
    while time.perf_counter() - started < limit:
        if server.poll() is not None:
            raise SystemExit(f"publish serve ended:\n{server.stdout.read()[-3000:]}")
        body = _get(url)
        if body is not None and marker in body:
            return time.perf_counter() - started
        time.sleep(0.05)
    raise SystemExit(f"{url} did not show {marker!r} within {limit} s")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _start_serve(project: Path) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    env = dict(os.environ, PYTHONPATH=f"{project}{os.pathsep}{PROJECT}")
    server = subprocess.Popen(
        [sys.executable, "-m", "generator.cli", "serve", "--project-dir", str(project), "-a", f"127.0.0.1:{port}"],
        cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )
    return server, f"http://127.0.0.1:{port}/"


def _stop(server: subprocess.Popen) -> None:
    os.killpg(server.pid, signal.SIGINT)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)


def measure_cold_serve(project: Path) -> dict:
    """publish serve's first page on a fresh clone: no cache at all."""
    shutil.rmtree(project / ".cache", ignore_errors=True)
    server, url = _start_serve(project)
    try:
        first = _wait_for(url, b"</html>", server, limit=300)
        return {"first_page_s": first, "first_page_cpu_s": _cpu_seconds(server.pid)}
    finally:
        _stop(server)


def measure_serve(project: Path, slug: str, tries: int) -> dict:
    port = _free_port()
    url = f"http://127.0.0.1:{port}/"
    env = dict(os.environ, PYTHONPATH=f"{project}{os.pathsep}{PROJECT}")
    server = subprocess.Popen(
        [sys.executable, "-m", "generator.cli", "serve", "--project-dir", str(project), "-a", f"127.0.0.1:{port}"],
        cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )
    try:
        first = _wait_for(url, b"</html>", server, limit=300)
        first_cpu = _cpu_seconds(server.pid)
        entry = project / "practices" / f"{slug}.yml"
        text_page = project / "content" / "fr" / "about.md"
        figures: dict[str, list[float]] = {"entry_s": [], "entry_cpu_s": [], "text_s": [], "text_cpu_s": []}
        for attempt in range(1, tries + 1):
            time.sleep(1.5)  # the server settles (the watcher, a reload in flight)
            source = entry.read_text(encoding="utf-8")
            marker = f"edit{attempt}x"
            changed = source.replace("Pratique ", f"Pratique {marker} ", 1)
            assert changed != source
            cpu = _cpu_seconds(server.pid)
            entry.write_text(changed, encoding="utf-8")
            figures["entry_s"].append(_wait_for(f"{url}catalogue/practices/{slug}/", marker.encode(), server))
            time.sleep(1.5)  # the rebuild that showed it is done: count its CPU
            figures["entry_cpu_s"].append(_cpu_seconds(server.pid) - cpu)
            cpu = _cpu_seconds(server.pid)
            with text_page.open("a", encoding="utf-8") as page:
                page.write(f"\nMarqueur {marker}t.\n")
            figures["text_s"].append(_wait_for(f"{url}about/", f"{marker}t".encode(), server))
            time.sleep(1.5)
            figures["text_cpu_s"].append(_cpu_seconds(server.pid) - cpu)
        peak = _peak_mb(server.pid)
    finally:
        os.killpg(server.pid, signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
    return {"first_page_s": first, "first_page_cpu_s": first_cpu, "peak_mb": peak, **figures}


def measure(count: int, tries: int) -> dict:
    from generator.languages import site_languages

    languages = site_languages()
    with tempfile.TemporaryDirectory(prefix=f"rebuild-{count}-") as tmp:
        root = Path(tmp)
        project = make_project(root, count, languages.codes)
        site = root / "site"
        step = BUILD_STEP.format(project=str(project), site=str(site))
        one_language = run_step(ONE_LANGUAGE_STEP.format(lang=languages.default, site=str(root / "one")), project)
        shutil.rmtree(project / ".cache")  # the full build starts cold too
        cold = run_step(step, project)
        slug = sorted(p.stem for p in (project / "practices").glob("*.yml"))[count // 2]
        entry = project / "practices" / f"{slug}.yml"
        entry.write_text(entry.read_text(encoding="utf-8").replace("Pratique ", "Pratique modifiée ", 1), encoding="utf-8")
        one_entry = run_step(step, project)
        unchanged = run_step(step, project)
        serve = measure_serve(project, slug, tries)
        serve["cold"] = measure_cold_serve(project)
    return {"entries": count, "languages": ",".join(languages.codes), "cold": cold, "one_language_cold": one_language,
            "one_entry": one_entry, "unchanged": unchanged, "serve": serve}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--tries", type=int, default=3, help="edits of each kind in the preview (median)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    r = measure(args.entries, args.tries)
    cold = r["cold"]
    print(f"{r['entries']} entries in {r['languages']}")
    print(f"{'step':<34} {'wall':>8} {'CPU':>8} {'peak MB':>8} {'wall/cold':>10}  pages rendered / kept")
    for name, key in (("cold build", "cold"), ("rebuild, one entry changed", "one_entry"),
                      ("rebuild, nothing changed", "unchanged"), ("cold build of one language (fr)", "one_language_cold")):
        s = r[key]
        pages = (", ".join(f"{lang} {s['rendered'][lang]:,}/{s['reused'][lang]:,}" for lang in s["rendered"])
                 + ("; search index kept" if s.get("search_reused") else
                    f"; search indexed for {', '.join(s['search_indexed'])}" if s.get("search_indexed") else "")
                 ) if "rendered" in s else ""
        print(f"{name:<34} {s['seconds']:>7.2f}s {s['cpu_s']:>7.2f}s {s['own_peak_mb']:>8.0f} {s['seconds'] / cold['seconds']:>9.2f}×  {pages}")
    serve = r["serve"]
    print(f"publish serve: first page {serve['first_page_s']:.2f}s ({serve['first_page_cpu_s']:.2f}s CPU; "
          f"cold build of one language {r['one_language_cold']['seconds']:.2f}s), peak {serve['peak_mb']:.0f} MB")
    print(f"  with no cache at all (a fresh clone): first page {serve['cold']['first_page_s']:.2f}s "
          f"({serve['cold']['first_page_cpu_s']:.2f}s CPU)")
    for kind, label in (("entry", "an entry"), ("text", "a text page")):
        times, cpus = serve[f"{kind}_s"], serve[f"{kind}_cpu_s"]
        print(f"  edit to visible, {label}: median {statistics.median(times):.2f}s "
              f"({', '.join(f'{t:.2f}' for t in times)}), CPU median {statistics.median(cpus):.2f}s")
    if args.json:
        args.json.write_text(json.dumps(r, indent=1))


if __name__ == "__main__":
    main()
