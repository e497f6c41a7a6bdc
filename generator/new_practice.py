"""``publish new``: a practice file from a few answers, each asked again
until it is right.

Every answer is checked as soon as it is given, by the check itself: the
answers so far, with stand-ins for those still to come, are written as the
file would be and checked in a scratch folder (``check_draft``), and only
the problems of that answer's fields are shown. A wrong answer is asked
again on the spot with the message, in the contributor's language; nothing
typed before is lost. Answers given as options are checked the same way;
without a terminal to ask on, their problems are listed with the option to
change, and nothing is written.
"""

from __future__ import annotations

import datetime
import sys
from dataclasses import dataclass
from pathlib import Path

import click

from generator.catalogue.loading import check_text
from generator.catalogue.messages import N_, LanguageName, Message, translated
from generator.catalogue.problems import Problem, shown_field
from generator.catalogue.scaffold import (
    DECIMAL,
    INTEGER,
    NewPractice,
    NewSource,
    clean_text,
    read_number,
    render_practice,
    split_list,
)
from generator.catalogue.schema import IS_MISSING
from generator.catalogue.vocabularies import Vocabularies
from generator.i18n import translations
from generator.interrupts import check_interrupted
from generator.languages import SiteLanguages
from generator.terminal import echo

# A value that passes its field's check, for the answers still to come: the
# draft is checked whole, and only the problems of the answer just given count.
STAND_INS = {"title": "Draft", "summary": "Draft.", "city": "Draft", "country": "FR", "lat": 0.0, "lon": 0.0,
             "start": 2000, "source_title": "Draft", "source_url": "https://example.org/"}

NOT_A_NUMBER = N_("%(value)s is not a number")
NOT_A_WHOLE_NUMBER = N_("%(value)s is not a whole number")
NO_ANSWER = N_("no answer to “%(question)s”: give it with %(option)s")
PROMPT_SUFFIX = N_(": ")
ASK_AGAIN = N_("Try again, or press Ctrl-C to stop: nothing has been written.")
NONE_IN_ANY = N_("a title and a summary are needed in at least one language")
FILE_NAME = N_("the entry's file will be %(path)s (give --slug for another name)")
ALREADY_LISTED = N_("%(path)s is already in the catalogue")
ALREADY_LISTED_HINT = N_("give the practice a title of its own, or propose a change to that entry instead")


@dataclass(frozen=True)
class Question:
    """One answer of ``publish new``: the option that gives it, the question
    that asks for it, and the fields of the entry it fills (a problem on
    'sources[0].url' belongs to the question of 'sources[0].url')."""

    name: str
    option: str
    prompt: Message
    fields: tuple[str, ...]
    asked: bool = True  # else only given as an option (--level, --end, --slug)
    required: bool = False  # an empty answer is missing (where the check would not see it)
    optional: bool = False  # Enter, or no answer at all, leaves it empty

    def owns(self, field: str) -> bool:
        return any(field == own or field.startswith((own + ".", own + "[")) for own in self.fields)


def questions(languages: SiteLanguages) -> list[Question]:
    """The questions in the order they are asked."""
    default = languages.default
    found: list[Question] = []
    for code in languages.codes:
        found.append(Question(f"title_{code}", f"--title-{code}",
                              N_("Title in %(language)s (Enter if none yet)") % {"language": LanguageName(code)},
                              (f"title.{code}",), optional=True))
    for code in languages.codes:
        prompt = (N_("One-sentence summary in %(language)s: who does what, where (Enter if none yet)") if code == default
                  else N_("One-sentence summary in %(language)s (Enter if none yet)"))
        # The description starts as the summary: its problems are the summary's.
        found.append(Question(f"summary_{code}", f"--summary-{code}", prompt % {"language": LanguageName(code)},
                              (f"summary.{code}", f"description.{code}"), optional=True))
    found.append(Question(f"city_{default}", "--city",
                          N_("City, as written in %(language)s") % {"language": LanguageName(default)}, (f"city.{default}",)))
    for code in languages.others(default):
        found.append(Question(f"city_{code}", f"--city-{code}",
                              N_("City in %(language)s (Enter if the same)") % {"language": LanguageName(code)},
                              (f"city.{code}",), optional=True))
    found += [
        Question("country", "--country", N_("Country code (ISO 3166-1, e.g. CA, FR, BR)"), ("country",)),
        Question("lat", "--lat", N_("Latitude of the city (e.g. 45.5019)"), ("coordinates.lat",), required=True),
        Question("lon", "--lon", N_("Longitude of the city (e.g. -73.5674)"), ("coordinates.lon",), required=True),
        Question("level", "--level", N_("Level of government that leads the practice (default: municipal)"), ("government_level",), asked=False),
        Question("start", "--start", N_("Year it started (Enter if no source says it)"), ("period.start",)),
        Question("end", "--end", N_("Year it ended, if it has"), ("period.end",), asked=False),
        Question("themes", "--themes", N_("Themes, separated by spaces (e.g. reception housing)"), ("themes",)),
        Question("gcm", "--gcm", N_("GCM objectives, separated by spaces, the main one first (e.g. 16 15)"),
                 ("gcm_objectives",)),
        Question("source_title", "--source-title", N_("Title of a public source"), ("sources[0].title",)),
        Question("source_url", "--source-url", N_("Address (URL) of that source"), ("sources[0].url",)),
        Question("source_lang", "--source-lang",
                 N_("Language of that source (e.g. fr, en, es; Enter if you do not know)"), ("sources[0].language",),
                 optional=True),
        Question("slug", "--slug", N_("File name and address of the entry (default: from the city and the title)"), ("slug",), asked=False),
    ]
    return found


class Dialogue:
    """The answers of one ``publish new``, asked, checked and asked again."""

    def __init__(self, languages: SiteLanguages, vocabularies: Vocabularies, lang: str, given: dict[str, str | None],
                 today: datetime.date, can_ask: bool, project_dir: Path) -> None:
        self.languages, self.vocabularies, self.lang, self.today = languages, vocabularies, lang, today
        self.project_dir = project_dir
        self.answers: dict[str, str] = {}
        self.given = given
        self.can_ask = can_ask
        self.questions = questions(languages)
        self._ = translations(lang)

    def say(self, text: str) -> str:
        return translated(text, self.lang)

    # The answers as an entry -------------------------------------------------

    def practice(self, *, complete: bool = False) -> NewPractice:
        """The entry the answers describe; stand-ins for those not given yet,
        unless ``complete``."""
        codes, default = self.languages.codes, self.languages.default
        answer = self.answers.get

        def texts(prefix: str, stand_in: str) -> dict[str, str]:
            found = {code: answer(f"{prefix}_{code}", "") for code in codes if answer(f"{prefix}_{code}", "")}
            return found or ({} if complete else {default: stand_in})

        city_default = answer(f"city_{default}") or ("" if complete else STAND_INS["city"])
        source_language = answer("source_lang", "")
        return NewPractice(
            title=texts("title", STAND_INS["title"]), summary=texts("summary", STAND_INS["summary"]),
            city={code: answer(f"city_{code}") or city_default for code in codes},
            country=_country(answer("country", STAND_INS["country"])),
            lat=self._number("lat", DECIMAL, STAND_INS["lat"]), lon=self._number("lon", DECIMAL, STAND_INS["lon"]),
            level=answer("level") or next(iter(self.vocabularies.government_levels)),
            start=int(self._number("start", INTEGER, 0)) if answer("start") else None,
            end=int(self._number("end", INTEGER, 0)) if answer("end") else None,
            themes=split_list(answer("themes", "")),
            gcm_objectives=[int(number) for number in split_list(answer("gcm", "")) if number.isdigit()],
            sources=[NewSource(title=answer("source_title", STAND_INS["source_title"]),
                               url=answer("source_url", STAND_INS["source_url"]), language=source_language)],
            slug=answer("slug", ""),
        )

    def _number(self, name: str, pattern: str, stand_in: float) -> float:
        try:
            return round(read_number(self.answers.get(name) or "", pattern), 4)
        except ValueError:
            return stand_in  # not given yet, or not a number (the dialogue said so)

    # Checking ----------------------------------------------------------------

    def problems_of(self, question: Question) -> list[Problem]:
        """The errors that the answer to ``question`` gives, as the check
        reports them on the draft, and what the dialogue itself refuses
        (a number that is not one)."""
        value = self.answers.get(question.name, "")
        if question.required and not value:
            return [Problem("", 0, 0, question.fields[0], IS_MISSING)]
        own = self._unreadable(question, value)
        if own:
            return own
        if question.name.startswith(("title_", "summary_")) and question.name.endswith(f"_{self.languages.codes[-1]}"):
            group = question.name.split("_")[0]
            if not any(self.answers.get(f"{group}_{code}") for code in self.languages.codes):
                return [Problem("", 0, 0, group, NONE_IN_ANY)]
        problems = [problem for problem in self.draft_problems()
                    if problem.severity == "error" and question.owns(problem.field)]
        if not problems and question.name in (f"city_{self.languages.default}", "slug"):
            # The title and the city make the file's name: known from here.
            slug = self.practice().slug
            if (self.project_dir / "practices" / f"{slug}.yml").exists():
                problems.append(Problem("", 0, 0, "slug", ALREADY_LISTED % {"path": f"practices/{slug}.yml"},
                                        ALREADY_LISTED_HINT))
        return problems

    def _unreadable(self, question: Question, value: str) -> list[Problem]:
        if not value:
            return []
        if question.name in ("lat", "lon", "start", "end"):
            pattern = DECIMAL if question.name in ("lat", "lon") else INTEGER
            try:
                read_number(value, pattern)
            except ValueError:
                message = NOT_A_NUMBER if pattern == DECIMAL else NOT_A_WHOLE_NUMBER
                return [Problem("", 0, 0, question.fields[0], message % {"value": repr(value)})]
        if question.name == "gcm":
            for number in split_list(value):
                if not number.lstrip("+-").isdigit():
                    return [Problem("", 0, 0, "gcm_objectives", NOT_A_WHOLE_NUMBER % {"value": repr(number)})]
        return []

    def draft_problems(self) -> list[Problem]:
        practice = self.practice()
        shown = f"practices/{practice.slug}.yml"
        return check_text(render_practice(practice, self.today), f"{practice.slug or 'draft'}.yml", self.vocabularies,
                          shown=shown, today=self.today)

    # Asking ------------------------------------------------------------------

    def run(self) -> None:
        """Every question answered without an error, or ``click`` exceptions
        that say what is wrong (nothing is written by the dialogue)."""
        wrong_options: list[tuple[Question, list[Problem]]] = []
        for question in self.questions:
            given = self.given.get(question.name)
            if given is not None:
                self.answers[question.name] = clean_text(given)
            elif question.asked:
                self.answers[question.name] = self.ask(question)
            else:
                continue
            problems = self.problems_of(question)
            while problems:
                if given is not None and not self.can_ask:
                    wrong_options.append((question, problems))
                    break
                self.show(problems)
                if any(problem.field == "slug" for problem in problems):
                    question = self.question("slug")  # the title and city make a name already taken: another
                self.answers[question.name] = self.ask(question, again=True)
                given = None
                problems = self.problems_of(question)
            if question.name == f"city_{self.languages.default}" and question.asked and not problems:
                # The title and the city make the file's name: say it while it can still change.
                echo("  " + self.say(FILE_NAME % {"path": f"practices/{self.practice().slug}.yml"}), err=True)
        if wrong_options:
            details = "\n".join(f"  {question.option} ({shown_field(problem.field)}): {self.say(problem.message)}"
                                + (f" ({self.say(problem.hint)})" if problem.hint else "")
                                for question, problems in wrong_options for problem in problems)
            raise click.ClickException(self._.gettext("some answers are not valid, nothing was written:") + "\n" + details)

    def question(self, name: str) -> Question:
        return next(question for question in self.questions if question.name == name)

    def ask(self, question: Question, again: bool = False) -> str:
        prompt = self.say(question.prompt)
        try:
            # The colon as the language writes it (French puts a space before it).
            return clean_text(click.prompt(prompt, default="", show_default=False, prompt_suffix=self.say(PROMPT_SUFFIX)))
        except click.Abort:
            # click says Abort for Ctrl-C as for the end of the input: Ctrl-C
            # stops the command (nothing is written), as every re-ask says.
            check_interrupted()
            # No terminal, or its input ended: an optional answer stays
            # empty; for another, say which option gives it.
            if question.optional and not again:
                return ""
            raise click.UsageError(self.say(NO_ANSWER % {"question": question.prompt, "option": question.option})) from None

    def show(self, problems: list[Problem]) -> None:
        for problem in problems:
            hint = f" ({self.say(problem.hint)})" if problem.hint else ""
            echo(f"  {shown_field(problem.field)}: {self.say(problem.message)}{hint}", err=True)
        echo(f"  {self.say(ASK_AGAIN)}", err=True)


def _country(answer: str) -> str:
    # 'ch' is CH; 'Suisse' stays as typed, for the message to quote it so.
    return answer.upper() if len(answer) == 2 else answer


def can_ask() -> bool:
    """Whether a wrong answer given as an option can be asked again: a
    person at a terminal, not a script."""
    return sys.stdin.isatty()


def preview_address(slug: str, languages: SiteLanguages, dev_addr: str = "127.0.0.1:8000") -> str:
    """Where ``publish serve`` shows the entry's page, in the default language."""
    return f"http://{dev_addr}/{languages.root(languages.default)}catalogue/practices/{slug}/"
