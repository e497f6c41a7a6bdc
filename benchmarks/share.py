#!/usr/bin/env python3
"""What sharing costs (issue 26): related practices, link-preview cards, and
a whole build with and without them.

For N synthetic entries (tests/synthetic.py), each step in its own process:

- related practices: generator.pages.related on N entries (once per
  language build), wall and CPU time;
- cards: drawing one language's N practice cards with an empty store, then
  finding them all again in the store (a rebuild, or a language whose card
  says the same);
- builds, at the sizes given with --builds: `publish build`'s cold build
  (no cache) without a site address (no card, no preview tag), the same with
  SITE_URL (every card drawn, in every language), then a rebuild with SITE_URL
  (cards and pages from the cache).

    .venv/bin/python benchmarks/share.py                      # N = 1000, 5000; builds at 1000
    .venv/bin/python benchmarks/share.py --sizes 1000 --builds 1000

Figures, not assertions: the machine is shared (2 cores) and noisy.
"""

from __future__ import annotations

import argparse
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

from benchmarks.scale import make_project  # noqa: E402 (after the path)
from generator.languages import site_languages  # noqa: E402


def run_step(code: str, cwd: Path = PROJECT, env: dict | None = None) -> dict:
    """``code`` in a fresh interpreter, which prints a JSON object; with its
    wall time and the CPU time of it and its children."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_before = usage.ru_utime + usage.ru_stime
    started = time.perf_counter()
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=f"{cwd}{os.pathsep}{PROJECT}", **(env or {}))
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=environment, cwd=cwd)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"step failed:\n{result.stderr[-3000:]}")
    data = json.loads(result.stdout.strip().splitlines()[-1])
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    data.update(wall_s=seconds, cpu_s=usage.ru_utime + usage.ru_stime - cpu_before)
    return data


RELATED_STEP = """
import json, time
from pathlib import Path
from tests.synthetic import synthetic_entry
from generator.catalogue.model import Practice
from generator.catalogue.vocabularies import load_vocabularies
from generator.pages.related import related_practices
practices = [Practice.from_data(synthetic_entry(i), Path(f"{{i}}.yml")) for i in range({count})]
vocabularies = load_vocabularies()
wall, cpu = time.perf_counter(), time.process_time()
related = related_practices(practices, vocabularies.region_of)
print(json.dumps({{"related_wall_s": time.perf_counter() - wall, "related_cpu_s": time.process_time() - cpu,
                  "listed": sum(map(len, related.values())) / len(related)}}))
"""

CARDS_STEP = """
import json, tempfile, time
from pathlib import Path
from tests.synthetic import synthetic_entry
from generator.catalogue.model import Practice
from generator.catalogue.vocabularies import load_vocabularies
from generator.pages.cards import CardStore
from generator.pages.catalogue_pages import CatalogueOptions, CatalogueView
from generator.pages.previews import practice_card
practices = [Practice.from_data(synthetic_entry(i), Path(f"{{i}}.yml")) for i in range({count})]
view = CatalogueView(practices, load_vocabularies(), "en", CatalogueOptions(site_url="https://example.org/"))
cards = [practice_card(view, practice)[0] for practice in view.practices]
folder = Path(tempfile.mkdtemp())
store = CardStore(folder)
wall, cpu = time.perf_counter(), time.process_time()
size = sum(len(store.image(card)) for card in cards)
drawn_wall, drawn_cpu = time.perf_counter() - wall, time.process_time() - cpu
again = CardStore(folder)
wall, cpu = time.perf_counter(), time.process_time()
for card in cards:
    again.image(card)
print(json.dumps({{"draw_wall_s": drawn_wall, "draw_cpu_s": drawn_cpu, "kb_per_card": size / len(cards) / 1024,
                  "reuse_wall_s": time.perf_counter() - wall, "reuse_cpu_s": time.process_time() - cpu,
                  "drawn": store.drawn, "reused": again.reused}}))
"""

BUILD_STEP = """
import json
from pathlib import Path
from generator.site_build import build_site
built = build_site(Path({project!r}), Path({site!r}))
print(json.dumps({{"pages": built.pages, "catalogue_s": built.catalogue_seconds}}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 5000])
    parser.add_argument("--builds", type=int, nargs="*", default=[1000])
    parser.add_argument("--repeat", type=int, default=1,
                        help="cold builds without and with an address, taken in turns; medians")
    arguments = parser.parse_args()

    if arguments.sizes:
        print(" entries  related wall    cpu  cards drawn wall    cpu  KB/card  found again wall    cpu")
    for count in arguments.sizes:
        related = run_step(RELATED_STEP.format(count=count))
        cards = run_step(CARDS_STEP.format(count=count))
        print(f"{count:>8}  {related['related_wall_s']:>11.2f}s {related['related_cpu_s']:>5.2f}s"
              f"  {cards['draw_wall_s']:>15.2f}s {cards['draw_cpu_s']:>5.2f}s {cards['kb_per_card']:>7.1f}"
              f"  {cards['reuse_wall_s']:>15.2f}s {cards['reuse_cpu_s']:>5.2f}s")

    if arguments.builds:
        print(f"\n cold builds in turns, medians of {arguments.repeat}")
        print(" entries  cold, no address (wall, cpu)  cold, with cards (wall, cpu)  growth (wall, cpu)  rebuild with cards (wall, cpu)")
    for count in arguments.builds:
        with tempfile.TemporaryDirectory() as folder:
            project = make_project(Path(folder), count, site_languages().codes)
            runs: dict[str, list[dict]] = {"plain": [], "cards": []}
            for _ in range(arguments.repeat):
                for name, env in (("plain", {}), ("cards", {"SITE_URL": "https://example.org/cities/"})):
                    shutil.rmtree(project / ".cache", ignore_errors=True)
                    shutil.rmtree(Path(folder) / name, ignore_errors=True)
                    runs[name].append(run_step(BUILD_STEP.format(project=str(project), site=str(Path(folder) / name)),
                                               cwd=project, env=env))
            rebuild = run_step(BUILD_STEP.format(project=str(project), site=str(Path(folder) / "cards")), cwd=project,
                               env={"SITE_URL": "https://example.org/cities/"})
            plain = {key: statistics.median(run[key] for run in runs["plain"]) for key in ("wall_s", "cpu_s")}
            cards = {key: statistics.median(run[key] for run in runs["cards"]) for key in ("wall_s", "cpu_s")}
            print(f"{count:>8}  {plain['wall_s']:>17.2f}s {plain['cpu_s']:>7.2f}s  {cards['wall_s']:>17.2f}s {cards['cpu_s']:>7.2f}s"
                  f"  {cards['wall_s'] / plain['wall_s'] - 1:>+8.1%} {cards['cpu_s'] / plain['cpu_s'] - 1:>+8.1%}"
                  f"  {rebuild['wall_s']:>21.2f}s {rebuild['cpu_s']:>7.2f}s")
            for name in ("plain", "cards"):
                print(f"          {name}: " + ", ".join(f"{run['wall_s']:.1f} s ({run['cpu_s']:.1f} s CPU)" for run in runs[name]))

if __name__ == "__main__":
    main()
