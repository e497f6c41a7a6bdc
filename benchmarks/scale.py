#!/usr/bin/env python3
"""Scale benchmark: how the site build grows with the catalogue.

For N synthetic entries (every declared language, realistic lengths), measured side
by side in one run, each step in its own process (for its peak memory):

- full build: `publish build` (every language side by side, strict, search
  index) on a fresh copy, with no cache, and the generator's time inside it
  as the build reports it (the check, then the slower language's pages);
- rebuild: the same build again, the generator's cache kept from the first
  (what a second build on the same machine, or CI with its cache restored,
  costs), and the generator's time inside it;
- generator alone: reading and checking N entries, then making the
  catalogue's pages of every language one after the other, in one process,
  without cache (the core's total work, no engine);
- plain ProperDocs: the engine (ProperDocs) + Material, as configured by
  default (with its own search index), building the very same Markdown pages
  written as files, one language after the other, without our plugin (the
  engine's floor; before ProperDocs, plain MkDocs 1.6.1);
- of which search: Pagefind alone over the built site; plain w/o search: the
  plain engine without Material's search plugin (the engine's own floor);
- in Chromium, at the largest N: the time to filter the catalogue, and the
  bytes a practice page transfers.

    .venv/bin/python benchmarks/scale.py                # N = 100, 1000, 5000
    .venv/bin/python benchmarks/scale.py --sizes 100 1000
    .venv/bin/python benchmarks/scale.py --sizes 1000 --languages fr,en fr,en,es
    .venv/bin/python benchmarks/scale.py --sizes 1000 --repeat 3   # CPU: medians of 3 in turns

--languages measures each set of languages side by side, in a copy of the
project whose generator/languages.yml declares that set (what a language
costs); the default is the languages the project declares.

Figures, not assertions: machines here are shared and noisy. BENCHMARKS.md
records a run.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

PROJECT_FILES = ["mkdocs.yml", "content", "overrides", "generator"]


def run_step(code: str, project: Path = PROJECT) -> dict:
    """Run ``code`` in a fresh interpreter; it prints a JSON object. Adds the
    wall time and the child's peak memory."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    before, cpu_before, user_before = usage.ru_maxrss, usage.ru_utime + usage.ru_stime, usage.ru_utime
    started = time.perf_counter()
    # The project's own generator: a copy declares the languages measured.
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=f"{project}{os.pathsep}{PROJECT}")
    # Run from the copy: "python -c" puts the working folder first on the path.
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=project)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"step failed:\n{result.stderr[-3000:]}")
    data = json.loads(result.stdout.strip().splitlines()[-1]) if result.stdout.strip() else {}
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    # CPU time of the step and every process it started: on two cores, work
    # done side by side is still work.
    data.update(seconds=seconds, peak_mb=max(usage.ru_maxrss, before) / 1024,
                cpu_s=usage.ru_utime + usage.ru_stime - cpu_before, user_s=usage.ru_utime - user_before)
    return data


def folder_size(path: Path, pattern: str = "**/*") -> int:
    return sum(p.stat().st_size for p in path.glob(pattern) if p.is_file())


def make_project(root: Path, count: int, languages: tuple[str, ...]) -> Path:
    """A copy of the project with ``count`` synthetic entries, declaring
    ``languages`` (each keeps its declared settings)."""
    import yaml

    from tests.synthetic import write_synthetic_catalogue

    project = root / "project"
    project.mkdir(parents=True)
    for name in PROJECT_FILES:
        source = PROJECT / name
        if source.is_dir():
            shutil.copytree(source, project / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, project / name)
    declaration = project / "generator" / "languages.yml"
    declared = {entry["code"]: entry for entry in yaml.safe_load(declaration.read_text(encoding="utf-8"))["languages"]}
    declaration.write_text(yaml.safe_dump({"languages": [declared.get(code, {"code": code}) for code in languages]}), encoding="utf-8")
    # The featured practices name shipped entries, which the synthetic catalogue replaces.
    (project / "content" / "featured.yml").unlink(missing_ok=True)
    write_synthetic_catalogue(project / "practices", count)
    return project


GENERATOR_STEP = """
import json, time
from pathlib import Path
from generator.catalogue.loading import load_catalogue
from generator.catalogue.vocabularies import load_vocabularies
from generator.pages.catalogue_pages import catalogue_pages
started = time.perf_counter()
report = load_catalogue(Path({practices!r}))
loaded = time.perf_counter()
from generator.languages import site_languages
pages = 0
for lang in site_languages().codes:
    for path, content in catalogue_pages(report.practices, load_vocabularies(), lang).items():
        if {write_to!r}:
            target = Path({write_to!r}) / lang / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content, encoding="utf-8")
        pages += 1
print(json.dumps({{"load_s": loaded - started, "pages_s": time.perf_counter() - loaded, "files": pages}}))
"""

FULL_BUILD_STEP = """
import json
from pathlib import Path
from generator.site_build import build_site
built = build_site(Path({project!r}), Path({site!r}))
print(json.dumps({{"pages": built.pages, "build_s": built.seconds, "check_s": built.check_seconds,
                  "catalogue_s": built.catalogue_seconds}}))
"""

PLAIN_STEP = """
import json, logging
import properdocs.replacement  # Material's search imports mkdocs.*: ProperDocs', as under the properdocs program
from properdocs.commands.build import build
from properdocs.config import load_config
logging.getLogger("properdocs").setLevel(logging.ERROR)
for lang in {languages!r}:
    build(load_config({config!r}.format(lang=lang)))
print(json.dumps({{}}))
"""


SEARCH_STEP = """
import json, shutil
from pathlib import Path
from generator.search_index import run_pagefind
site = Path({site!r})
shutil.rmtree(site / "pagefind")
run_pagefind(site)
print(json.dumps({{}}))
"""


def plain_projects(root: Path, pages_dir: Path, languages: tuple[str, ...], search: bool = True) -> str:
    """Plain ProperDocs + Material projects (one per language) over the
    generated Markdown, with the same theme and Markdown settings as ours;
    ``search=False``: without Material's search plugin (the engine alone)."""
    suffix = "" if search else "-no-search"
    for lang in languages:
        docs = pages_dir / lang
        # The catalogue's pages link to the paper and about pages: give them.
        for name in ("index.md", "contribution.md", "governance.md", "about.md"):
            shutil.copy2(PROJECT / "content" / lang / name, docs / name)
        (root / f"plain-{lang}{suffix}.yml").write_text(json.dumps({
            "site_name": "Plain", "docs_dir": str(docs), "site_dir": str(root / f"plain-site{suffix}" / lang),
            "theme": {"name": "material", "language": lang, "font": False},
            "plugins": ["search"] if search else [],  # Material's default, as a plain project has it
            "markdown_extensions": ["abbr", "admonition", "attr_list", "def_list", "md_in_html", "tables", "footnotes",
                                    {"toc": {"permalink": "#"}}],
            "nav": ["index.md", "contribution.md", "governance.md", "catalogue/index.md", "about.md"],
            "not_in_nav": "/catalogue/**\n/search.md",
        }))
    return str(root / f"plain-{{lang}}{suffix}.yml")


FILTER_JS = """
async ([facet, value]) => {
  const box = document.querySelector(`input[name="${facet}"][value="${value}"]`);
  const timings = [];
  for (let i = 0; i < 6; i++) {
    const start = performance.now();
    box.click();  // the change handler filters synchronously
    timings.push(performance.now() - start);
  }
  const input = document.querySelector('#catalogue-text');
  const typing = [];
  for (const word of ["r", "re", "ref", "refu", "refug", ""]) {
    const start = performance.now();
    input.value = word;
    input.dispatchEvent(new Event("input"));
    typing.push(performance.now() - start);
  }
  await new Promise(r => requestAnimationFrame(() => r()));
  return {click: timings, typing, items: document.querySelectorAll('.catalogue-item').length};
}
"""


def browser_figures(site: Path) -> dict:
    from tests.browser import CHROMIUM, CHROMIUM_FLAGS, serve_folder

    if not CHROMIUM.exists():
        return {"skipped": "no /usr/bin/chromium"}
    from playwright.sync_api import sync_playwright

    with serve_folder(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(url + "en/catalogue/")
        filtering = page.evaluate(FILTER_JS, ["theme", "housing"])
        sizes: list[tuple[str, int, int]] = []
        practice = page.new_page() if False else browser.new_page()
        practice.on("response", lambda r: sizes.append((r.url, len(r.body()), len(gzip.compress(r.body())))) if r.ok else None)
        slug = json.loads((site / "en" / "catalogue" / "catalogue.json").read_text())["practices"][0]["slug"]
        practice.goto(url + f"en/catalogue/practices/{slug}/", wait_until="networkidle")
        browser.close()
    page_bytes = sum(raw for u, raw, _ in sizes if "pagefind" not in u)
    page_gzip = sum(gz for u, _, gz in sizes if "pagefind" not in u)
    html = next((raw for u, raw, _ in sizes if u.endswith(f"/{slug}/")), 0)
    return {
        "filter_click_ms_median": sorted(filtering["click"])[len(filtering["click"]) // 2],
        "filter_click_ms_max": max(filtering["click"]),
        "filter_typing_ms_max": max(filtering["typing"]),
        "catalogue_items": filtering["items"],
        "practice_page_html_kb": html / 1024,
        "practice_page_total_kb": page_bytes / 1024,
        "practice_page_total_gzip_kb": page_gzip / 1024,
    }


def measure(count: int, with_browser: bool, languages: tuple[str, ...], repeat: int = 1) -> dict:
    with tempfile.TemporaryDirectory(prefix=f"bench-{count}-") as tmp:
        root = Path(tmp)
        project = make_project(root, count, languages)
        generator = run_step(GENERATOR_STEP.format(practices=str(project / "practices"), write_to=""), project)
        # A first build (empty cache, as on a fresh clone), then the same
        # build again (the generator's cache from the first).
        full = run_step(FULL_BUILD_STEP.format(project=str(project), site=str(root / "site")), project)
        again = run_step(FULL_BUILD_STEP.format(project=str(project), site=str(root / "site")), project)
        run_step(GENERATOR_STEP.format(practices=str(project / "practices"), write_to=str(root / "pages")), project)
        plain_step = PLAIN_STEP.format(config=plain_projects(root, root / "pages", languages), languages=languages)
        plain = run_step(plain_step, project)
        site = root / "site"
        search = run_step(SEARCH_STEP.format(site=str(site)), project)
        engine_alone = run_step(PLAIN_STEP.format(config=plain_projects(root, root / "pages", languages, search=False),
                                                  languages=languages), project)
        # CPU time on a shared machine moves by a fifth from run to run: cold
        # builds and plain builds taken in turns, the medians compared.
        colds, plains = [full], [plain]
        for _ in range(repeat - 1):
            shutil.rmtree(project / ".cache", ignore_errors=True)
            colds.append(run_step(FULL_BUILD_STEP.format(project=str(project), site=str(root / "cold")), project))
            plains.append(run_step(plain_step, project))
            shutil.rmtree(root / "cold", ignore_errors=True)
        others = [site / lang for lang in languages[1:]]
        figures = {
            "entries": count,
            "languages": ",".join(languages),
            # The generator's own work (reading and checking the entries, then
            # the pages of every language), without the interpreter's start-up.
            "generator_s": generator["load_s"] + generator["pages_s"],
            "generator_process_s": generator["seconds"],
            "generator_load_s": generator["load_s"],
            "generator_pages_s": generator["pages_s"],
            "generator_peak_mb": generator["peak_mb"],
            "full_build_s": full["seconds"],
            "full_build_cpu_s": statistics.median(step["cpu_s"] for step in colds),
            "plain_mkdocs_cpu_s": statistics.median(step["cpu_s"] for step in plains),
            "full_build_cpu_runs": [step["cpu_s"] for step in colds],
            "plain_mkdocs_cpu_runs": [step["cpu_s"] for step in plains],
            # The system's share (writing files) grows as a shared machine's disk gets busy.
            "full_build_user_s": statistics.median(step["user_s"] for step in colds),
            "plain_mkdocs_user_s": statistics.median(step["user_s"] for step in plains),
            "search_index_cpu_s": search["cpu_s"],
            "engine_without_search_cpu_s": engine_alone["cpu_s"],
            "full_build_peak_mb": full["peak_mb"],
            # The generator inside the real build: the check (once, before the
            # languages fork), then the slower language's catalogue pages
            # (the languages build side by side).
            "generator_in_build_s": full["check_s"] + max(full["catalogue_s"].values(), default=0),
            "check_in_build_s": full["check_s"],
            "catalogue_pages_in_build_s": full["catalogue_s"],
            "check_in_rebuild_s": again["check_s"],
            "catalogue_pages_in_rebuild_s": again["catalogue_s"],
            "rebuild_s": again["seconds"],
            "generator_in_rebuild_s": again["check_s"] + max(again["catalogue_s"].values(), default=0),
            "plain_mkdocs_s": plain["seconds"],
            "plain_mkdocs_peak_mb": plain["peak_mb"],
            "pages_built": full["pages"],
            "output_mb": {
                lang: (folder_size(site / lang) if i else
                       folder_size(site) - sum(map(folder_size, others)) - folder_size(site / "pagefind")) / 1e6
                for i, lang in enumerate(languages)
            },
            "search_index_mb": {
                lang: (folder_size(site / "pagefind", f"**/{lang}_*") + folder_size(site / "pagefind", f"*.{lang}_*")) / 1e6
                for lang in languages
            },
        }
        if with_browser:
            figures.update(browser_figures(site))
        return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--repeat", type=int, default=1, metavar="N",
                        help="take the cold build and the plain engine N times each, in turns, and compare the medians")
    parser.add_argument("--languages", nargs="+", metavar="CODES",
                        help="sets of languages to measure side by side, e.g. fr,en fr,en,es (default: the declared ones)")
    args = parser.parse_args()
    from generator.languages import site_languages

    language_sets = [tuple(codes.split(",")) for codes in args.languages] if args.languages else [site_languages().codes]

    results = []
    for count in args.sizes:
        for languages in language_sets:
            print(f"… {count} entries in {', '.join(languages)}", file=sys.stderr, flush=True)
            results.append(measure(count, with_browser=count == max(args.sizes) and languages == language_sets[-1],
                                   languages=languages, repeat=max(1, args.repeat)))

    print(f"{'entries':>8} {'languages':>10} {'full build':>11} {'generator':>10} {'share':>6} {'rebuild':>8} {'generator':>10} {'share':>6} "
          f"{'plain engine':>13} {'full/plain':>11} {'gen. alone':>11}")
    for r in results:
        print(f"{r['entries']:>8} {r['languages']:>10} {r['full_build_s']:>10.2f}s {r['generator_in_build_s']:>9.2f}s "
              f"{100 * r['generator_in_build_s'] / r['full_build_s']:>5.1f}% {r['rebuild_s']:>7.2f}s "
              f"{r['generator_in_rebuild_s']:>9.2f}s {100 * r['generator_in_rebuild_s'] / r['rebuild_s']:>5.1f}% "
              f"{r['plain_mkdocs_s']:>12.2f}s {r['full_build_s'] / r['plain_mkdocs_s']:>10.2f}× {r['generator_s']:>10.2f}s")
    print()
    print(f"{'entries':>8} {'languages':>10} {'full build CPU':>15} {'plain engine CPU':>17} {'CPU full/plain':>15} "
          f"{'runs':>5}  {'of which search':>15} {'plain w/o search':>17}")
    for r in results:
        print(f"{r['entries']:>8} {r['languages']:>10} {r['full_build_cpu_s']:>14.2f}s {r['plain_mkdocs_cpu_s']:>16.2f}s "
              f"{r['full_build_cpu_s'] / r['plain_mkdocs_cpu_s']:>14.2f}× {len(r['full_build_cpu_runs']):>5}  "
              f"{r['search_index_cpu_s']:>14.2f}s {r['engine_without_search_cpu_s']:>16.2f}s")
        print(f"{'':>20}user time alone (the system's, writing files, aside): full {r['full_build_user_s']:.2f}s, "
              f"plain {r['plain_mkdocs_user_s']:.2f}s, {r['full_build_user_s'] / r['plain_mkdocs_user_s']:.2f}×")
        if len(r["full_build_cpu_runs"]) > 1:
            print(f"{'':>20}cold builds' CPU: {', '.join(f'{s:.1f}' for s in r['full_build_cpu_runs'])} s; "
                  f"plain: {', '.join(f'{s:.1f}' for s in r['plain_mkdocs_cpu_runs'])} s")
    print()
    print(f"{'entries':>8} {'languages':>10} {'peak MB':>8}  output MB per language, search index MB per language")
    for r in results:
        print(f"{r['entries']:>8} {r['languages']:>10} {r['full_build_peak_mb']:>8.0f}  "
              + " ".join(f"{lang} {mb:.1f}" for lang, mb in r["output_mb"].items()) + "; "
              + " ".join(f"{lang} {mb:.2f}" for lang, mb in r["search_index_mb"].items()))
    last = results[-1]
    print(f"generator at {last['entries']} entries: first build {last['check_in_build_s']:.2f}s to check the entries, then "
          + ", ".join(f"{lang} {seconds:.2f}s" for lang, seconds in last["catalogue_pages_in_build_s"].items())
          + f" of catalogue pages; rebuild {last['check_in_rebuild_s']:.2f}s, then "
          + ", ".join(f"{lang} {seconds:.2f}s" for lang, seconds in last["catalogue_pages_in_rebuild_s"].items()))
    by_size = {r["entries"]: r for r in results if r["languages"] == ",".join(language_sets[-1])}
    if 1000 in by_size and 5000 in by_size:
        print(f"growth 1,000 → 5,000 entries: full build ×{by_size[5000]['full_build_s'] / by_size[1000]['full_build_s']:.2f}, "
              f"plain engine ×{by_size[5000]['plain_mkdocs_s'] / by_size[1000]['plain_mkdocs_s']:.2f}")
    last = results[-1]
    if "filter_click_ms_median" in last:
        print(f"in Chromium at {last['catalogue_items']} entries: filter by a facet {last['filter_click_ms_median']:.1f} ms "
              f"(median, max {last['filter_click_ms_max']:.1f} ms), text filter keystroke max {last['filter_typing_ms_max']:.1f} ms; "
              f"a practice page transfers {last['practice_page_total_kb']:.0f} KB "
              f"({last['practice_page_total_gzip_kb']:.0f} KB gzipped; its HTML {last['practice_page_html_kb']:.0f} KB), search index aside")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
