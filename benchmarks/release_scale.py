#!/usr/bin/env python3
"""Release benchmark: what `publish release` costs as the catalogue grows,
against the site build of the same commit, measured in the same run.

For N synthetic entries (tests/synthetic.py), on a fresh copy of the project
with content/print-editions.yml as shipped (the team's thematic editions and
digest_above, the threshold above which an edition is a digest):

- site build: `publish build` alone (every language, strict, search index),
  in its own process, without the generator's cache: the yardstick;
- release: `publish release` as the team makes it (every language's full
  edition, with the catalogue as a digest, and each declared thematic
  edition, in full or as a digest by its size, rendered while the site that
  offers them builds; its archive, notes and checksums), in its own process,
  without cache either; its steps, each edition's size and form, and each
  PDF (seconds, pages) as it reports them;
- with --in-full-too, the same release with every thematic edition in full
  (digest_above set above N): the release before the threshold existed;
- a thematic edition: `gcm=16` (about one practice in twelve, in full) in
  the default language, rendered alone.

Wall and CPU time (of the step and every process it started), and peak
memory of the whole process tree at any moment, sampled every 0.1 s (the
PDFs render side by side, while the site's languages build): the sum of the
processes' proportional sets (PSS: what they take from the machine, a page
shared by forked processes counted once), and of their resident sets (RSS:
a shared page counted in each process, an upper bound).

    .venv/bin/python benchmarks/release_scale.py                 # N = 1000
    .venv/bin/python benchmarks/release_scale.py --in-full-too   # and every edition in full
    .venv/bin/python benchmarks/release_scale.py --sizes 1000 5000

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
made = make_release(Path({project!r}), {version!r}, Path({dist!r}), progress)
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
    load_before = os.getloadavg()[0]  # others' work on the machine skews the wall times
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
    data.update(load_before=load_before, load_after=os.getloadavg()[0], wall_s=seconds,
                cpu_s=usage.ru_utime + usage.ru_stime - cpu_before, tree_peak_mb=peak[0], tree_rss_peak_mb=peak[1])
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


def edition_lines(lines: list[str]) -> list[str]:
    """Each thematic edition's size and form, as the release said it."""
    return [line.split("] ", 1)[1] for line in lines if "] edition " in line]


def measure(count: int, in_full_too: bool) -> dict:
    from generator.languages import site_languages

    with tempfile.TemporaryDirectory(prefix=f"release-bench-{count}-") as tmp:
        root = Path(tmp)
        project = make_project(root, count, site_languages().codes)
        declared = project / "content" / "print-editions.yml"
        shipped = declared.read_text(encoding="utf-8")
        print(f"  site build of {count} entries…", file=sys.stderr, flush=True)
        site = run_step(FULL_BUILD_STEP.format(project=str(project), site=str(root / "site")), project)
        # The release starts as cold as the site build did: without the
        # generator's cache that build left.
        shutil.rmtree(project / ".cache", ignore_errors=True)
        print(f"  release of {count} entries (content/print-editions.yml as shipped)…", file=sys.stderr, flush=True)
        release = run_step(RELEASE_STEP.format(project=str(project), version="1.0", dist=str(root / "dist")), project)
        in_full = None
        if in_full_too:
            shutil.rmtree(project / ".cache", ignore_errors=True)
            lines = shipped.splitlines(keepends=True)
            declared.write_text("".join(f"digest_above: {count}\n" if line.startswith("digest_above:") else line
                                        for line in lines), encoding="utf-8")
            print(f"  release of {count} entries, every edition in full…", file=sys.stderr, flush=True)
            in_full = run_step(RELEASE_STEP.format(project=str(project), version="1.1", dist=str(root / "dist")), project)
            declared.write_text(shipped, encoding="utf-8")
        print(f"  thematic edition gcm=16 of {count} entries…", file=sys.stderr, flush=True)
        edition = run_step(EDITION_STEP.format(project=str(project), selection="gcm=16", target=str(root / "edition.pdf")),
                           project)
    return {"entries": count, "site": site, "release": release, "in_full": in_full, "edition": edition,
            "load": (site["load_before"], (in_full or release)["load_after"])}


def row(label: str, count: int, site: dict, release: dict) -> str:
    return (f"{count:>8} {label:<26} {site['wall_s']:>9.1f}s {release['wall_s']:>8.1f}s "
            f"{release['wall_s'] / site['wall_s']:>5.2f}× {site['cpu_s']:>8.1f}s {release['cpu_s']:>11.1f}s "
            f"{release['cpu_s'] / site['cpu_s']:>5.2f}× {site['tree_peak_mb']:>7.0f} MB {release['tree_peak_mb']:>10.0f} MB "
            f"{release['tree_rss_peak_mb']:>7.0f} MB")


def details(label: str, count: int, release: dict) -> None:
    steps = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in step_seconds(release["lines"]).items())
    print(f"{count} entries, {label}: {steps}")
    for line in edition_lines(release["lines"]):
        print(f"  {line}")
    for what, pages, seconds in pdf_lines(release["lines"]):
        print(f"  {what}: {pages} pages, {seconds:.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000])
    parser.add_argument("--in-full-too", action="store_true",
                        help="also a release with every thematic edition in full (as before digest_above)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    results = []
    for count in args.sizes:
        print(f"… {count} entries", file=sys.stderr, flush=True)
        results.append(measure(count, args.in_full_too))
        if args.json:  # after each size: a long run keeps what it measured
            args.json.write_text(json.dumps(results, indent=1))

    print(f"{'entries':>8} {'release':<26} {'site build':>10} {'release':>9} {'ratio':>6} {'site CPU':>9} "
          f"{'release CPU':>12} {'ratio':>6} {'site peak':>10} {'release peak':>13} {'(RSS sum)':>10}")
    for r in results:
        print(row("as shipped (digest_above)", r["entries"], r["site"], r["release"]))
        if r["in_full"]:
            print(row("every edition in full", r["entries"], r["site"], r["in_full"]))
    print()
    for r in results:
        details("release as shipped", r["entries"], r["release"])
        if r["in_full"]:
            details("release with every edition in full", r["entries"], r["in_full"])
        print(f"  load average (1 min) before the site build {r['load'][0]:.1f}, after the last release "
              f"{r['load'][1]:.1f}, on {os.cpu_count()} cores")
        edition = r["edition"]
        print(f"  thematic edition gcm=16 ({edition['lang']}, alone): {edition['pages']} pages, {edition['pdf_s']:.1f} s, "
              f"peak {edition['tree_peak_mb']:.0f} MB")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
