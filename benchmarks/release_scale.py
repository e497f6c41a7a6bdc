#!/usr/bin/env python3
"""Release benchmark: what `publish release` costs as the catalogue grows,
against the site build of the same commit, measured in the same run.

For N synthetic entries (tests/synthetic.py), on a fresh copy of the project:

- site build: `publish build` alone (every language, strict, search index),
  in its own process, without the generator's cache: the yardstick;
- release: `publish release` (every language's full edition, with the
  catalogue as a digest, rendered while the site that offers them builds,
  its archive, notes and checksums), in its own process, without cache
  either; its steps and each PDF (seconds, pages) as it reports them;
- a thematic edition: `gcm=16` (about one practice in twelve, in full) in
  the default language, rendered alone.

Wall and CPU time (of the step and every process it started), and peak
memory of the whole process tree at any moment, sampled every 0.1 s (the
PDFs render side by side, while the site's languages build): the sum of the
processes' proportional sets (PSS: what they take from the machine, a page
shared by forked processes counted once), and of their resident sets (RSS:
a shared page counted in each process, an upper bound).

    .venv/bin/python benchmarks/release_scale.py               # N = 1000, 5000
    .venv/bin/python benchmarks/release_scale.py --sizes 100 1000

Figures, not assertions: the machine is shared (2 cores) and noisy; compare
the columns of one run. BENCHMARKS.md records a run.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

from benchmarks.scale import FULL_BUILD_STEP, make_project  # noqa: E402

EPOCH = "1764028800"

RELEASE_STEP = """
import json, sys
from pathlib import Path
from generator.release.release import make_release
lines = []
def progress(line):
    lines.append(line)
    print(line, file=sys.stderr, flush=True)
made = make_release(Path({project!r}), "1.0", Path({dist!r}), progress)
print(json.dumps({{"lines": lines, "seconds": made.seconds,
                  "files": {{p.name: p.stat().st_size for p in made.files}}}}))
"""

EDITION_STEP = """
import datetime, json, time
from pathlib import Path
from generator.catalogue.loading import load_catalogue
from generator.catalogue.vocabularies import load_vocabularies
from generator.languages import site_languages
from generator.release.pdf import write_pdf
from generator.release.print_document import edition_html
from generator.release.selection import parse_selection
practices = load_catalogue(Path({project!r}) / "practices").practices
started = time.perf_counter()
vocabularies = load_vocabularies()
selection = parse_selection({selection!r}, vocabularies)
lang = site_languages().default
html = edition_html(lang, practices, vocabularies, selection, version="bench", date=datetime.date(2026, 1, 1))
pages = write_pdf(html, Path({target!r}), base_dir=Path({project!r}))
print(json.dumps({{"pages": pages, "lang": lang, "pdf_s": time.perf_counter() - started}}))
"""


def tree_memory_mb(root_pid: int) -> tuple[float, float]:
    """Memory of a process and all its descendants, in MB: the sum of their
    proportional sets (PSS: a page shared by forked processes counts once in
    all) and the sum of their resident sets (RSS: counted in each)."""
    pss = rss = 0
    stack = [root_pid]
    while stack:
        pid = stack.pop()
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    pss += int(line.split()[1])
                elif line.startswith("Rss:"):
                    rss += int(line.split()[1])
            for task in Path(f"/proc/{pid}/task").iterdir():
                stack += [int(child) for child in (task / "children").read_text().split()]
        except (OSError, ValueError):
            continue
    return pss / 1024, rss / 1024


def run_step(code: str, project: Path) -> dict:
    """Run ``code`` in a fresh interpreter (it prints JSON last); add wall
    and CPU time, and peak memory of its process tree and largest process."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_before = usage.ru_utime + usage.ru_stime
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=EPOCH, PYTHONPATH=f"{project}{os.pathsep}{PROJECT}")
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             env=env, cwd=project)
    peak = [0.0, 0.0]

    def sample() -> None:
        while child.poll() is None:
            peak[:] = map(max, peak, tree_memory_mb(child.pid))
            time.sleep(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stderr_lines: list[str] = []

    def relay() -> None:  # the release's progress, shown as it goes
        for line in child.stderr:
            stderr_lines.append(line)
            if line.startswith("  [") or line.startswith("["):
                print(f"    {line.rstrip()}", file=sys.stderr, flush=True)

    relayer = threading.Thread(target=relay, daemon=True)
    relayer.start()
    stdout = child.stdout.read()
    child.wait()
    relayer.join()
    sampler.join()
    seconds = time.perf_counter() - started
    if child.returncode != 0:
        raise SystemExit(f"step failed:\n{''.join(stderr_lines)[-3000:]}")
    data = json.loads(stdout.strip().splitlines()[-1])
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    data.update(wall_s=seconds, cpu_s=usage.ru_utime + usage.ru_stime - cpu_before, tree_peak_mb=peak[0], tree_rss_peak_mb=peak[1])
    return data


def pdf_lines(lines: list[str]) -> list[tuple[str, int, float]]:
    """(what, pages, seconds) of each 'rendered the … PDF: N pages (S s)' line."""
    import re

    found = []
    for line in lines:
        match = re.search(r"rendered the (.+?): (\d+) pages \((\d+\.\d) s\)", line)
        if match:
            found.append((match[1], int(match[2]), float(match[3])))
    return found


def step_seconds(lines: list[str]) -> dict[str, float]:
    import re

    return {match[1]: float(match[2]) for line in lines
            if (match := re.search(r"\] ([A-Za-z ]+) \((\d+\.\d) s\)", line))}


def measure(count: int) -> dict:
    from generator.languages import site_languages

    with tempfile.TemporaryDirectory(prefix=f"release-bench-{count}-") as tmp:
        root = Path(tmp)
        project = make_project(root, count, site_languages().codes)
        # The full editions are measured against the site build; the team's
        # thematic editions depend on its list, and one is measured alone below.
        (project / "content" / "print-editions.yml").unlink(missing_ok=True)
        print(f"  site build of {count} entries…", file=sys.stderr, flush=True)
        site = run_step(FULL_BUILD_STEP.format(project=str(project), site=str(root / "site")), project)
        # The release starts as cold as the site build did: without the
        # generator's cache that build left.
        shutil.rmtree(project / ".cache", ignore_errors=True)
        print(f"  release of {count} entries…", file=sys.stderr, flush=True)
        release = run_step(RELEASE_STEP.format(project=str(project), dist=str(root / "dist")), project)
        print(f"  thematic edition gcm=16 of {count} entries…", file=sys.stderr, flush=True)
        edition = run_step(EDITION_STEP.format(project=str(project), selection="gcm=16", target=str(root / "edition.pdf")),
                           project)
    return {"entries": count, "site": site, "release": release, "edition": edition,
            "pdfs": pdf_lines(release["lines"]), "steps": step_seconds(release["lines"])}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    results = []
    for count in args.sizes:
        print(f"… {count} entries", file=sys.stderr, flush=True)
        results.append(measure(count))
        if args.json:  # after each size: a long run keeps what it measured
            args.json.write_text(json.dumps(results, indent=1))

    print(f"{'entries':>8} {'site build':>11} {'release':>9} {'ratio':>6} {'site CPU':>9} {'release CPU':>12} {'ratio':>6} "
          f"{'site peak':>10} {'release peak':>13} {'(RSS sum)':>10}")
    for r in results:
        site, release = r["site"], r["release"]
        print(f"{r['entries']:>8} {site['wall_s']:>10.1f}s {release['wall_s']:>8.1f}s {release['wall_s'] / site['wall_s']:>5.2f}× "
              f"{site['cpu_s']:>8.1f}s {release['cpu_s']:>11.1f}s {release['cpu_s'] / site['cpu_s']:>5.2f}× "
              f"{site['tree_peak_mb']:>7.0f} MB {release['tree_peak_mb']:>10.0f} MB {release['tree_rss_peak_mb']:>7.0f} MB")
    print()
    for r in results:
        steps = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in r["steps"].items())
        print(f"{r['entries']} entries, release steps: {steps}")
        for what, pages, seconds in r["pdfs"]:
            print(f"  {what}: {pages} pages, {seconds:.1f} s ({pages / r['entries']:.3f} pages a practice, the paper included)")
        edition = r["edition"]
        print(f"  thematic edition gcm=16 ({edition['lang']}, alone): {edition['pages']} pages, {edition['pdf_s']:.1f} s, "
              f"peak {edition['tree_peak_mb']:.0f} MB")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
