"""`publish report`: what the catalogue knows of a selection's work (a city,
a country, a region, a network…), arranged as the UN follow-up processes ask
for it, for a Voluntary Local Review or an input to the International
Migration Review Forum: the practices by GCM objective (as the IMRF reviews
the Compact), then by SDG target (as a VLR reports), with their periods,
results and sources; the objectives and targets the selection has no practice
for; and what the catalogue can and cannot show.

Each language gets a PDF (the editions' print templates and stylesheet), the
same text in Markdown (to paste into a review), and a CSV of the same rows,
one per practice and framework item. A framework is data (``FRAMEWORKS``):
the New Urban Agenda's commitments, once they have their vocabulary, are one
more entry there and one more section in every format."""

from __future__ import annotations

import contextlib
import csv
import datetime
import io
import os
import re
import shutil
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import jinja2

from generator.catalogue.model import Practice
from generator.catalogue.review import running_unconfirmed
from generator.catalogue.vocabularies import Labels, Vocabularies
from generator.languages import site_languages
from generator.pages.catalogue_pages import CatalogueOptions, CatalogueView, sdg_target_key
from generator.pages.markup import escape_markdown
from generator.pages.open_data import FORMULA_STARTS
from generator.pages.templating import markdown_environment
from generator.release.pdf import write_pdf
from generator.release.print_document import TEMPLATES_DIR, Digest, edition_title, render_print_html, selection_facets
from generator.release.release import ReleaseError, dated_catalogue, report_file, site_address, wanted_languages
from generator.release.selection import Selection, SelectionError, catalogue_cities, parse_selection
from generator.release.typography import apply_typography_text


def N_(message: str) -> str:
    """Marks a string for the translators; translated where it is shown."""
    return message


@dataclass(frozen=True)
class Framework:
    """A UN framework the entries are tagged with: its items (code -> label
    in each language, in the framework's order) come from a vocabulary."""

    key: str  # the CSV's framework column, and the selection's facet
    title: str  # N_: the section's title
    item: str  # N_: how one item is named, from its %(code)s
    glance: str  # N_: what the first page counts, 'GCM objectives addressed'
    gaps_intro: str  # N_: what its gaps are
    items: Callable[[Vocabularies], dict[str, Labels]]
    of_practice: Callable[[Practice], Sequence[str]]


FRAMEWORKS: tuple[Framework, ...] = (
    Framework(
        "gcm", N_("By objective of the Global Compact for Migration"), N_("Objective %(code)s"), N_("GCM objectives addressed"),
        N_("Objectives of the Global Compact for Migration for which the selection holds no practice:"),
        lambda vocab: {str(number): objective.title for number, objective in vocab.gcm_objectives.items()},
        lambda practice: [str(number) for number in sorted(practice.gcm_objectives)],
    ),
    Framework(
        "sdg", N_("By target of the Sustainable Development Goals"), N_("Target %(code)s"), N_("SDG targets addressed"),
        N_("Targets of the Sustainable Development Goals that concern migration (the catalogue's list) for which "
           "the selection holds no practice:"),
        lambda vocab: {target: vocab.sdg_targets[target] for target in sorted(vocab.sdg_targets, key=sdg_target_key)},
        lambda practice: sorted(practice.sdg_targets, key=sdg_target_key),
    ),
)

# One row per practice and framework item; the names never change (scripts
# read them), the values are in the report's language.
CSV_COLUMNS = ("framework", "item", "item_label", "practice", "title", "city", "country_code", "country",
               "start", "end", "period", "running_unconfirmed", "review_status", "results", "sources", "url")


@dataclass
class ReportPractice:
    """A practice as the report shows it, numbered in its list of practices."""

    practice: Practice
    number: int
    title: tuple[str, str]  # (text, language it is written in)
    summary: tuple[str, str]
    results: tuple[str, str]
    city: str
    country: str
    period: str
    unconfirmed: bool
    review: str
    address: str
    items: dict[str, list[str]]  # framework key -> its items, in order


@dataclass
class Item:
    code: str
    name: str  # 'Objective 16'
    label: str  # its title in the vocabulary
    practices: list[ReportPractice]


@dataclass
class Section:
    framework: Framework
    title: str
    glance: str
    gaps_intro: str
    items: list[Item]  # those with practices
    gaps: list[Item]  # those without

    @property
    def total(self) -> int:
        return len(self.items) + len(self.gaps)


@dataclass
class Report:
    """The report of a selection in one language: what every format shows."""

    lang: str
    view: CatalogueView  # the selection's practices
    selection: Selection
    title: str
    facets: list[dict]
    practices: list[ReportPractice]
    sections: list[Section]
    date: datetime.date
    version: str | None  # the release it belongs to, if any

    @property
    def cities(self) -> int:
        return len(self.view.cities)

    @property
    def countries(self) -> int:
        return len(self.view.by_country)

    @property
    def unconfirmed(self) -> int:
        return sum(entry.unconfirmed for entry in self.practices)


def build_report(practices: list[Practice], vocabularies: Vocabularies, selection: Selection, lang: str, *,
                 date: datetime.date, version: str | None = None, site_url: str | None = None) -> Report:
    """The report of ``selection`` in ``lang``, from the whole catalogue's
    ``practices`` (a city's address depends on the others)."""
    everything = CatalogueView(practices, vocabularies, lang, CatalogueOptions(today=date))
    chosen = [practice for practice in everything.practices if selection.matches(everything, practice)]
    view = CatalogueView(chosen, vocabularies, lang, CatalogueOptions(today=date))
    digest = Digest(view, site_url)  # by region, country and city, as the editions order them
    entries = [
        ReportPractice(
            practice, number, practice.text("title", lang), practice.text("summary", lang), practice.text("results", lang),
            view.label(practice.city), view.country(practice.country), view.period(practice),
            running_unconfirmed(practice, date),
            # A peer review or an editors' check, said with who and when; else the status, as it is.
            view.review_mark(practice) or view.label(vocabularies.review_statuses[practice.review_status]),
            digest.address(practice),
            {framework.key: list(framework.of_practice(practice)) for framework in FRAMEWORKS},
        )
        for number, practice in enumerate(digest.ordered, 1)
    ]
    _ = view.gettext
    sections = []
    for framework in FRAMEWORKS:
        items = [Item(code, _(framework.item) % {"code": code}, view.label(labels),
                      [entry for entry in entries if code in entry.items[framework.key]])
                 for code, labels in framework.items(vocabularies).items()]
        sections.append(Section(framework, _(framework.title), _(framework.glance), _(framework.gaps_intro),
                                [item for item in items if item.practices], [item for item in items if not item.practices]))
    cities = catalogue_cities(everything)
    return Report(lang, view, selection, edition_title(selection, view, cities), selection_facets(selection, view, cities),
                  entries, sections, date, version)


def report_html(report: Report, site_url: str | None = None) -> str:
    """The report as one HTML document for WeasyPrint."""
    stylesheet = (TEMPLATES_DIR / "report.css").read_text(encoding="utf-8")
    return render_print_html("report.html.j2", report.lang, report.view, site_url, report.date, report=report,
                             report_stylesheet=stylesheet, version=report.version)


def _contributor_markdown(text: str) -> str:
    """A contributor's Markdown (results) inside ours: their HTML stays text,
    their headings nest under the practice's."""
    text = text.replace("<", "&lt;")
    return re.sub(r"^ {0,3}#{1,6}(?=\s)", "####", text, flags=re.M).strip()


@cache
def _markdown_environment(lang: str) -> jinja2.Environment:
    env = markdown_environment(TEMPLATES_DIR, lang)  # contributor text goes through md or contributor_markdown
    env.filters["md"] = escape_markdown
    env.filters["contributor_markdown"] = _contributor_markdown
    return env


def report_markdown(report: Report) -> str:
    """The report as Markdown, the same sections as the PDF."""
    text = _markdown_environment(report.lang).get_template("report.md.j2").render(
        report=report, view=report.view, lang=report.lang)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return apply_typography_text(text, site_languages().typography(report.lang))


def _cell(value: object) -> object:
    # A cell a spreadsheet would run as a formula (OWASP, "CSV injection").
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value


def report_rows(report: Report) -> list[dict[str, object]]:
    """One row per practice and framework item, by framework, then item."""
    rows = []
    for section in report.sections:
        for item in section.items:
            for entry in item.practices:
                practice = entry.practice
                rows.append({
                    "framework": section.framework.key, "item": item.code, "item_label": item.label,
                    "practice": practice.slug, "title": entry.title[0], "city": entry.city,
                    "country_code": practice.country, "country": entry.country,
                    "start": "" if practice.start is None else practice.start,
                    "end": "" if practice.end is None else practice.end,
                    "period": entry.period, "running_unconfirmed": "yes" if entry.unconfirmed else "no",
                    "review_status": practice.review_status, "results": entry.results[0].strip(),
                    "sources": " | ".join(source.url for source in practice.sources), "url": entry.address,
                })
    return rows


def report_csv(report: Report) -> str:
    output = io.StringIO()
    writer = csv.writer(output, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in report_rows(report):
        writer.writerow([_cell(row[column]) for column in CSV_COLUMNS])
    return output.getvalue()


def write_report(practices: list[Practice], vocabularies: Vocabularies, selection: Selection, languages: Sequence[str],
                 folder: Path, *, project_dir: Path, date: datetime.date, version: str | None = None,
                 site_url: str | None = None,
                 progress: Callable[[str], None] = lambda line: None) -> list[Path]:
    """The report of ``selection`` in each of ``languages`` into ``folder``
    (PDF, Markdown, CSV each); the files, in order."""
    files = []
    for lang in languages:
        started = time.perf_counter()
        written, pages = write_language_report(practices, vocabularies, selection, lang, folder, project_dir=project_dir,
                                               date=date, version=version, site_url=site_url)
        files += written
        progress(f"wrote the {lang} report: {pages} page{'s' if pages != 1 else ''} of PDF, its Markdown and its CSV "
                 f"({time.perf_counter() - started:.1f} s)")
    return files


def write_language_report(practices: list[Practice], vocabularies: Vocabularies, selection: Selection, lang: str,
                          folder: Path, *, project_dir: Path, date: datetime.date, version: str | None = None,
                          site_url: str | None = None) -> tuple[list[Path], int]:
    """The report of ``selection`` in ``lang`` into ``folder``, named as
    report_file names it (with the release's ``version``, if any): its PDF,
    Markdown and CSV, and the PDF's number of pages."""
    report = build_report(practices, vocabularies, selection, lang, date=date, version=version, site_url=site_url)
    pdf = folder / report_file(selection, lang, "pdf", version)
    pages = write_pdf(report_html(report, site_url), pdf, base_dir=project_dir)
    markdown, table = folder / report_file(selection, lang, "md", version), folder / report_file(selection, lang, "csv", version)
    markdown.write_text(report_markdown(report), encoding="utf-8")
    # With a byte-order mark: spreadsheets then read the accents as written.
    table.write_text(report_csv(report), encoding="utf-8-sig")
    return [pdf, markdown, table], pages


def make_report(project_dir: Path, selection_text: str, out_dir: Path | None = None, languages: list[str] | None = None,
                progress: Callable[[str], None] = lambda line: None) -> tuple[Selection, Path, list[Path]]:
    """The follow-up report of ``selection_text`` in each of ``languages``
    (all the site's by default) into ``out_dir`` (reports/<selection>/ by
    default): (the selection, the folder, its files). The folder appears
    whole once every file is written; an existing one has its files replaced
    only then, each in one step. On any failure nothing is written.

    Raises ``ReleaseError`` (a wrong selection or language, a file that
    could not be written); ``generator.interrupts.Interrupted`` on SIGINT or
    SIGTERM.
    """
    languages = wanted_languages(languages)
    practices, vocabularies, date = dated_catalogue(project_dir)
    everything = CatalogueView(practices, vocabularies, languages[0], CatalogueOptions(today=date))
    try:
        selection = parse_selection(selection_text, vocabularies, catalogue_cities(everything))
    except SelectionError as error:
        raise ReleaseError(str(error)) from None
    count = sum(selection.matches(everything, practice) for practice in everything.practices)
    if not count:
        raise ReleaseError(f"{selection.query}: no practice of the catalogue matches it; "
                           "check it on the catalogue page's filters (a city: its page's address, catalogue/cities/…)")
    target = (out_dir if out_dir is not None else project_dir / "reports" / selection.slug).absolute()
    matching = "1 practice matches" if count == 1 else f"{count} practices match"
    progress(f"{matching} {selection.query}; writing its report in {', '.join(languages)} (PDF, Markdown, CSV)")
    if target.exists() and not target.is_dir():
        raise ReleaseError(f"{target} is a file: give --out a folder")
    created = [folder for folder in (target.parent, *target.parent.parents) if not folder.exists()]
    target.parent.mkdir(parents=True, exist_ok=True)
    scratch = target.parent / f".{target.name}.partial-{os.getpid()}"
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir()
    try:
        files = write_report(practices, vocabularies, selection, languages, scratch, project_dir=project_dir, date=date,
                             site_url=site_address(), progress=progress)
        if target.exists():
            for path in files:
                os.replace(path, target / path.name)
        else:
            scratch.rename(target)
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        for folder in created:  # the nearest first, each empty by now
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise
    shutil.rmtree(scratch, ignore_errors=True)
    return selection, target, [target / path.name for path in files]
