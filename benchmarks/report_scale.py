#!/usr/bin/env python3
"""Issue 23, point 4: what measuring progress costs at scale, side by side in
one run, each step in its own process (wall and CPU time of the step and
every process it started, peak memory of its process tree).

For N synthetic entries (tests/synthetic.py; default 5,000), every declared
language, on a fresh copy of the project:

(a) Progress over time (generator/pages/progress.py): the dashboard's
    year-by-year tables (by GCM objective, SDG target and world region) and
    each city page's timeline.

    - catalogue pages, with: the generator's catalogue pages of every
      language, one after the other, without cache (the generator's whole
      work, no engine), as shipped;
    - catalogue pages, without: the same, with progress.progress_tables
      returning empty tables and progress.city_timeline an empty timeline
      (patched in the step's process before any template is made): the
      dashboard keeps the section's heading and sentence, with no row; a
      city page has no timeline. The difference is what the progress parts
      cost the generator: computing them and rendering their HTML;
    - cold build, with and without: `publish build` (every language, strict,
      search index) without the generator's cache, the same patch applied
      before the languages' builds fork; the difference adds what the engine
      spends on the larger pages (Markdown, HTML, search index).

    The share is each difference against the cold build's total, as shipped.

(b) A city's follow-up report (`publish report city=…`: PDF, Markdown and
    CSV), in the default language and in every language, as the command
    makes it (reading the catalogue included; the progress lines give each
    language's seconds and pages). The synthetic catalogue spreads its
    entries over eight cities (625 practices each at 5,000): no city of a
    real network holds that many, so the benchmark moves five of Lisbon's
    entries to Porto, a city of five practices in a catalogue of N (São
    Paulo, the largest shipped city, has two), and measures Porto's report;
    --largest-city also measures one of the eight (an eighth of the
    catalogue, every practice in full) in the default language.

The New Urban Agenda's pages (issue 23, point 1) are not measured: they do
not exist yet. The NUA vocabulary is blocked, as the official French and
Spanish texts of A/RES/71/256 cannot be read from this machine; once its
pages exist, they belong in (a) beside the progress parts.

    .venv/bin/python benchmarks/report_scale.py                  # N = 5000
    .venv/bin/python benchmarks/report_scale.py --sizes 1000
    .venv/bin/python benchmarks/report_scale.py --largest-city   # and a city of N/8 practices

Figures, not assertions: the machine is shared (2 cores) and noisy; compare
the columns of one run, and read the load average printed with them.
BENCHMARKS.md records a run.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

from benchmarks.release_scale import run_step  # noqa: E402
from benchmarks.scale import FULL_BUILD_STEP, make_project  # noqa: E402

# Put first in a step's code: the progress parts give nothing, before any
# template environment reads them (templating.environment is made once).
WITHOUT_PROGRESS = """
from generator.pages import progress
progress.progress_tables = lambda view, gcm, sdg: [progress.ProgressTable(key, [], []) for key in ("gcm", "sdg", "region")]
progress.city_timeline = lambda practices, today: ([], today.year, today.year)
"""

PAGES_STEP = """
import json, time
from pathlib import Path
from generator.catalogue.loading import load_catalogue
from generator.catalogue.vocabularies import load_vocabularies
from generator.languages import site_languages
from generator.pages.catalogue_pages import catalogue_pages
report = load_catalogue(Path({practices!r}))
seconds, sizes = {{}}, {{}}
for lang in site_languages().codes:
    started = time.perf_counter()
    pages = catalogue_pages(report.practices, load_vocabularies(), lang)
    seconds[lang] = time.perf_counter() - started
    sizes[lang] = sum(len(content) for path, content in pages.items()
                      if path.startswith("catalogue/cities/") or path == "catalogue/dashboard.md")
print(json.dumps({{"pages_s": sum(seconds.values()), "by_language": seconds, "dashboard_and_city_chars": sizes}}))
"""

REPORT_STEP = """
import json, time
from pathlib import Path
from generator.release.report import make_report
lines = []
started = time.perf_counter()
selection, folder, files = make_report(Path({project!r}), {selection!r}, Path({out!r}), {languages!r}, lines.append)
print(json.dumps({{"report_s": time.perf_counter() - started, "lines": lines,
                  "files": {{path.name: path.stat().st_size for path in files}}}}))
"""

PORTO = {"city": {"fr": "Porto", "en": "Porto", "es": "Oporto"}, "country": "PT",
         "coordinates": {"lat": 41.1579, "lon": -8.6291}}


def move_to_porto(project: Path, count: int) -> int:
    """Five of Lisbon's synthetic entries become Porto's; how many moved."""
    from tests.synthetic import CITIES, synthetic_entry, write_entry

    lisbon = [index for index in range(count) if CITIES[index % len(CITIES)][0][1] == "Lisbon"][:5]
    for index in lisbon:
        write_entry(project / "practices", synthetic_entry(index) | PORTO)
    return len(lisbon)


def language_lines(lines: list[str]) -> list[tuple[str, int, float]]:
    """(language, pages, seconds) of each 'wrote the fr report: N pages …' line."""
    return [(m[1], int(m[2]), float(m[3])) for line in lines
            if (m := re.search(r"wrote the (\w+) report: (\d+) pages? .*\((\d+\.\d) s\)", line))]


def cold_build(project: Path, site: Path, without: bool) -> dict:
    shutil.rmtree(project / ".cache", ignore_errors=True)  # cold: nothing from the last build
    shutil.rmtree(site, ignore_errors=True)
    code = (WITHOUT_PROGRESS if without else "") + FULL_BUILD_STEP.format(project=str(project), site=str(site))
    return run_step(code, project)


def measure(count: int, largest_city: bool) -> dict:
    from generator.languages import site_languages

    languages = site_languages().codes
    with tempfile.TemporaryDirectory(prefix=f"report-bench-{count}-") as tmp:
        root = Path(tmp)
        project = make_project(root, count, languages)
        moved = move_to_porto(project, count)
        figures: dict = {"entries": count, "languages": languages, "porto_practices": moved}
        for label, without in (("with", False), ("without", True)):
            print(f"  catalogue pages {label} the progress parts, {count} entries…", file=sys.stderr, flush=True)
            code = (WITHOUT_PROGRESS if without else "") + PAGES_STEP.format(practices=str(project / "practices"))
            figures[f"pages_{label}"] = run_step(code, project)
        for label, without in (("with", False), ("without", True)):
            print(f"  cold build {label} the progress parts, {count} entries…", file=sys.stderr, flush=True)
            figures[f"build_{label}"] = cold_build(project, root / "site", without)
        shutil.rmtree(root / "site", ignore_errors=True)
        reports = [("porto", "city=porto-pt", [languages[0]]), ("porto", "city=porto-pt", list(languages))]
        if largest_city:
            reports.append(("dakar", "city=dakar-sn", [languages[0]]))
        for name, selection, wanted in reports:
            print(f"  report {selection} in {', '.join(wanted)}…", file=sys.stderr, flush=True)
            out = root / "reports" / f"{name}-{len(wanted)}"
            figures[f"report_{name}_{len(wanted)}"] = run_step(
                REPORT_STEP.format(project=str(project), selection=selection, out=str(out), languages=wanted), project)
    return figures


def show(figures: dict) -> None:
    count, languages = figures["entries"], ", ".join(figures["languages"])
    print(f"(a) progress over time at {count} entries ({languages}):")
    print(f"{'step':<44} {'wall':>8} {'CPU':>8} {'peak PSS':>9} {'load 1 min':>11}")
    for key, label in (("pages_with", "catalogue pages, with the progress parts"),
                       ("pages_without", "catalogue pages, without them"),
                       ("build_with", "cold build, with (as shipped)"),
                       ("build_without", "cold build, without them")):
        step = figures[key]
        print(f"{label:<44} {step['wall_s']:>7.1f}s {step['cpu_s']:>7.1f}s {step['tree_peak_mb']:>6.0f} MB "
              f"{step['load_before']:>5.1f}→{step['load_after']:.1f}")
    build = figures["build_with"]
    for what, unit in (("cpu_s", "CPU"), ("wall_s", "wall")):
        pages = figures["pages_with"][what] - figures["pages_without"][what]
        built = build[what] - figures["build_without"][what]
        print(f"  added, {unit}: generator {pages:+.1f} s ({100 * pages / build[what]:+.1f} % of the cold build's "
              f"{build[what]:.1f} s); cold build {built:+.1f} s ({100 * built / figures['build_without'][what]:+.1f} %)")
    generator = figures["pages_with"]["pages_s"] - figures["pages_without"]["pages_s"]
    print(f"  the generator's own clock (pages only, no reading): {figures['pages_with']['pages_s']:.1f} s with, "
          f"{figures['pages_without']['pages_s']:.1f} s without ({generator:+.1f} s)")
    sizes = {lang: (figures["pages_with"]["dashboard_and_city_chars"][lang],
                    figures["pages_without"]["dashboard_and_city_chars"][lang]) for lang in figures["languages"]}
    print("  dashboard and city pages, characters with/without: "
          + "; ".join(f"{lang} {with_:,}/{without:,}" for lang, (with_, without) in sizes.items()))
    for key, label in (("build_with", "with"), ("build_without", "without")):
        step = figures[key]
        pages = ", ".join(f"{lang} {seconds:.1f} s" for lang, seconds in step["catalogue_s"].items())
        print(f"  the cold build {label}, as it reports itself: {step['build_s']:.1f} s, of which the check "
              f"{step['check_s']:.1f} s; each language's catalogue pages: {pages}")
    print()
    print(f"(b) a city's report (PDF, Markdown, CSV) at {count} entries:")
    print(f"{'report':<44} {'wall':>8} {'CPU':>8} {'peak PSS':>9}  each language (pages, seconds)")
    for key, step in figures.items():
        if not key.startswith("report_"):
            continue
        wanted = int(key.split("_")[2])
        # 'N practices match city=porto-pt; writing its report in …', as make_report says it
        matched = re.match(r"(\d+) practices? matche?s? (\S+);", step["lines"][0])
        label = f"{matched[2]} ({matched[1]} practices), {wanted} language{'s' if wanted > 1 else ''}"
        each = ", ".join(f"{lang} {pages} p. {seconds:.1f} s" for lang, pages, seconds in language_lines(step["lines"]))
        print(f"{label:<44} {step['wall_s']:>7.1f}s {step['cpu_s']:>7.1f}s {step['tree_peak_mb']:>6.0f} MB  {each}")
    print(f"  (each step's wall and CPU include starting Python and reading the {count} entries)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000])
    parser.add_argument("--largest-city", action="store_true",
                        help="also a report of one of the synthetic catalogue's eight cities (N/8 practices), one language")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    results = []
    for count in args.sizes:
        print(f"… {count} entries", file=sys.stderr, flush=True)
        results.append(measure(count, args.largest_city))
        if args.json:  # after each size: a long run keeps what it measured
            args.json.write_text(json.dumps(results, indent=1))
    for figures in results:
        show(figures)
    print(f"machine: {os.cpu_count()} cores; load average (1, 5, 15 min) at the end: "
          + ", ".join(f"{value:.2f}" for value in os.getloadavg()))


if __name__ == "__main__":
    main()
