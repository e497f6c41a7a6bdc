"""A new practice file from a few answers, valid from the start."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from generator.catalogue import yaml_text
from generator.catalogue.model import LANGUAGES
from generator.catalogue.schema import SCHEMA_COMMENT
from generator.catalogue.vocabularies import Vocabularies
from generator.text import MAX_SLUG_LENGTH, SLUG_WORD, practice_slug

TEMPLATES_DIR = Path(__file__).parent / "templates"
# The rules below that the web form applies too are data, given to it by
# generator/pages/propose.py (browser_rule); tests/test_form_rules.py holds both.
# The blanks cut around an answer: only these four, so that a text pasted with
# a leading line separator or no-break space keeps it, in the form and here.
CLEANED_BLANKS = " \t\n\r"
# A number as the form takes it, after a decimal comma becomes a point.
INTEGER = r"[+-]?[0-9]+"
DECIMAL = r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?"
COORDINATE_DECIMALS = 4
# The comments of a new file; %(languages)s and %(path)s are filled in.
FILE_HEADER = (
    "# A practice of the catalogue. Every text has a version per language of the site\n"
    "# (%(languages)s); the guide is CONTRIBUTING.md, the format generator/catalogue/practice.schema.json.\n"
    "# Check the file with: publish check %(path)s"
)
DESCRIPTION_COMMENT = "# Expand the description: the context, what the city does and how (Markdown)."
# A description or a result is a block of Markdown, indented under its language.
BLOCK_INDENT = 4


@dataclass
class NewSource:
    title: str
    url: str
    language: str = ""  # ISO 639-1 code of the source's language, when known


@dataclass
class NewPractice:
    title: dict[str, str]
    summary: dict[str, str]
    city: dict[str, str]
    country: str
    lat: float
    lon: float
    level: str
    start: int | None  # None: no source says it
    end: int | None
    themes: list[str]
    gcm_objectives: list[int]
    sources: list[NewSource]
    slug: str = ""
    # Left empty, the description starts as the summary, for the author to expand.
    description: dict[str, str] = field(default_factory=dict)
    results: dict[str, str] = field(default_factory=dict)
    gcm_principles: list[str] = field(default_factory=list)
    sdg_targets: list[str] = field(default_factory=list)
    target_groups: list[str] = field(default_factory=list)
    # One name per language; a name that is the same in every language it
    # is given in is written once, as the schema's plain name.
    partners: list[dict[str, str]] = field(default_factory=list)
    networks: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.slug:
            any_title = next(iter(self.title.values()))
            any_city = next(iter(self.city.values()))
            self.slug = practice_slug(any_title, any_city)
        if not self.description:
            self.description = dict(self.summary)


def clean_text(text: str) -> str:
    """An answer without the blanks around it (only these four: the web
    form strips the same ones, so both write the same file)."""
    return text.strip(CLEANED_BLANKS)


def split_list(answer: str) -> list[str]:
    """'16, 15 3' -> ['16', '15', '3']: the values an answer lists."""
    return [item.strip() for item in answer.replace(",", " ").split() if item.strip()]


def read_number(text: str, pattern: str) -> float:
    """A number written as ``pattern`` takes it, a decimal comma counting as
    a point; ValueError for anything else (the form shows it as a mistake)."""
    written = text.replace(",", ".")
    if not re.fullmatch(pattern, written):
        raise ValueError(f"{text!r} is not a number")
    return float(written)


def practice_from_answers(answers: dict[str, str | list[str]], vocabularies: Vocabularies) -> NewPractice:
    """The practice that the web form's answers describe (generator/pages/
    propose.py). Each answer is named by its field's path as `publish check`
    names it ('title.fr', 'sources[0].url'; a choice list is the list of its
    ticked identifiers); propose-entry.js applies the same rules in the
    browser, and the tests hold the two to the same file. Expects valid answers."""
    def text(name: str) -> str:
        value = answers.get(name, "")
        return clean_text(value) if isinstance(value, str) else ""

    def texts(field_name: str) -> dict[str, str]:
        return {lang: text(f"{field_name}.{lang}") for lang in LANGUAGES if text(f"{field_name}.{lang}")}

    def choices(name: str, known: list[str]) -> list[str]:
        ticked = answers.get(name, [])
        return [value for value in known if value in ticked]  # the vocabulary's order

    def rows(prefix: str, names: tuple[str, ...]) -> list[dict[str, str]]:
        numbers = sorted({int(match) for key in answers for match in re.findall(rf"^{prefix}\[(\d+)\]\.", key)})
        found = [{name: text(f"{prefix}[{number}].{name}") for name in names} for number in numbers]
        return [row for row in found if any(row.values())]  # a row left empty is no row

    city = texts("city")
    first_city = next(iter(city.values()), "")
    objectives = [str(number) for number in sorted(vocabularies.gcm_objectives)]
    main_objective = text("gcm_objectives[0]")
    ticked = choices("gcm_objectives", objectives)
    gcm = ([main_objective] if main_objective else []) + [number for number in ticked if number != main_objective]
    start, end = text("period.start"), text("period.end")
    return NewPractice(
        title=texts("title"), summary=texts("summary"), description=texts("description"), results=texts("results"),
        # A city written in one language only is written so in the others, as `publish new` does.
        city={lang: city.get(lang, first_city) for lang in LANGUAGES},
        country=text("country"),
        lat=round(read_number(text("coordinates.lat"), DECIMAL), COORDINATE_DECIMALS),
        lon=round(read_number(text("coordinates.lon"), DECIMAL), COORDINATE_DECIMALS),
        # The form's list starts on the vocabulary's first level, as `publish new` does (municipal).
        level=text("government_level") or next(iter(vocabularies.government_levels)),
        start=int(read_number(start, INTEGER)) if start else None, end=int(read_number(end, INTEGER)) if end else None,
        themes=choices("themes", list(vocabularies.themes)),
        gcm_objectives=[int(number) for number in gcm],
        gcm_principles=choices("gcm_principles", list(vocabularies.gcm_principles)),
        sdg_targets=choices("sdg_targets", list(vocabularies.sdg_targets)),
        target_groups=choices("target_groups", list(vocabularies.target_groups)),
        partners=[{lang: name for lang, name in row.items() if name} for row in rows("partners", LANGUAGES)],
        networks=choices("networks", list(vocabularies.networks)),
        sources=[NewSource(**row) for row in rows("sources", ("title", "url", "language"))],
    )


def _partner(names: dict[str, str]) -> str:
    """A partner as the schema takes it: its name, or a group of names."""
    if len(set(names.values())) == 1:
        return yaml_text.quoted(next(iter(names.values())))
    return "{" + ", ".join(f"{lang}: {yaml_text.quoted(name)}" for lang, name in names.items()) + "}"


def render_practice(practice: NewPractice, today: datetime.date) -> str:
    """The file of ``practice``, which PyYAML reads back as ``practice``
    (generator/catalogue/yaml_text.py says how each value is written)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.filters["yaml"] = yaml_text.quoted
    env.filters["block"] = lambda text: yaml_text.block(text, BLOCK_INDENT)
    env.filters["name"] = yaml_text.name
    env.filters["partner"] = _partner
    path = f"practices/{practice.slug}.yml"
    return env.get_template("practice.yml.j2").render(
        schema_comment=SCHEMA_COMMENT,
        header=FILE_HEADER % {"languages": ", ".join(LANGUAGES), "path": path},
        description_comment=DESCRIPTION_COMMENT,
        today=today.isoformat(),
        **vars(practice),
    )


def browser_rule() -> dict:
    """The rules above that the web form applies too (propose-entry.js and
    propose-yaml.js read them from the page), as data."""
    return {
        "cleanedBlanks": CLEANED_BLANKS, "maxSlugLength": MAX_SLUG_LENGTH, "slugWord": SLUG_WORD,
        "integer": INTEGER, "decimal": DECIMAL, "coordinateDecimals": COORDINATE_DECIMALS,
        "fileHeader": FILE_HEADER, "descriptionComment": DESCRIPTION_COMMENT, "blockIndent": BLOCK_INDENT,
        "yaml": yaml_text.browser_rule(),
    }
