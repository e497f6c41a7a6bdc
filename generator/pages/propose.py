"""The "Propose a practice" page: a web form made from the practice schema.

The form is generated from ``practice.schema.json`` and the vocabularies at
build time: one control per field, named by the field's path as `publish
check` names it (``title.fr``, ``coordinates.lat``, ``sources[0].url``; a
choice list is one checkbox per identifier). The browser checks the answers
against the same schema with Ajv, shows `publish check`'s messages translated
from the same gettext strings, and writes the file as `publish new` does
(generator/catalogue/scaffold.py), by rules it reads as data from the page
(browser_rules): overrides/assets/javascripts/propose-*.js, one script per
concern. Engine-free, like the rest of pages/: the MkDocs plugin hands the
page to MkDocs.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass

from babel import Locale

from generator.catalogue import addresses, checks, markdown_dialect, scaffold, schema, text_rules, yaml_text
from generator.catalogue.model import LANGUAGES, LOCALIZED_FIELDS
from generator.catalogue.schema import N_, contributor_strings, practice_schema
from generator.catalogue.vocabularies import Vocabularies
from generator.i18n import translations
from generator.pages import links
from generator.pages.catalogue_pages import sdg_target_key
from generator.pages.templating import environment
from generator.text import sort_key

# GitHub answers 414 past about 8 KB of address; a longer entry goes by the clipboard.
MAX_LINK_LENGTH = 8000
_GITHUB_EDIT = re.compile(r"(?P<repository>https?://[^?#{}]+?)/edit/(?P<branch>[^/?#{}]+)/\{path\}")
# The messages the browser gives, from the strings `publish check` words them with.
SHARED_MESSAGES = {
    "isMissing": schema.IS_MISSING, "expectedGot": schema.EXPECTED_GOT, "aNumber": schema.TYPE_WORDS["number"],
    "aWholeNumber": schema.TYPE_WORDS["integer"], "theText": schema.THE_TEXT, "theNumber": schema.THE_NUMBER,
    "tooLong": schema.TOO_LONG, "tooLongHint": schema.TOO_LONG_HINT, "listEmpty": schema.LIST_EMPTY,
    "outOfRange": schema.OUT_OF_RANGE, "rangeHint": schema.RANGE_HINT, "notExpectedForm": schema.NOT_EXPECTED_FORM,
    "endsBeforeStart": checks.ENDS_BEFORE_START, "endsBeforeStartHint": checks.ENDS_BEFORE_START_HINT,
    "startInFuture": checks.START_IN_FUTURE, "startInFutureHint": checks.START_IN_FUTURE_HINT,
    "urlHint": checks.URL_HINT, "urlSpace": checks.URL_SPACE, "urlScheme": checks.URL_SCHEME,
    "urlUser": checks.URL_USER, "urlHost": checks.URL_HOST, "urlInternal": checks.URL_INTERNAL,
    "urlLocal": checks.URL_LOCAL, "urlPublicHint": checks.URL_PUBLIC_HINT, "noTextYet": checks.NO_TEXT_YET,
    "noSuchSource": checks.NO_SUCH_SOURCE, "sourceNumberHint": checks.SOURCE_NUMBER_HINT,
    "atCharacter": text_rules.AT_CHARACTER, "andMore": text_rules.AND_MORE,
    "control": text_rules.CONTROL, "controlHint": text_rules.CONTROL_HINT,
    "surrogate": text_rules.SURROGATE, "surrogateHint": text_rules.SURROGATE_HINT,
    "noncharacter": text_rules.NONCHARACTER, "noncharacterHint": text_rules.NONCHARACTER_HINT,
    "bidiInName": text_rules.BIDI_IN_NAME, "bidiInNameHint": text_rules.BIDI_IN_NAME_HINT,
    # What `publish new` refuses too: a file that would replace an entry.
    "alreadyListed": N_("%(path)s is already in the catalogue"),
    "alreadyListedHint": N_("give the practice a title of its own, or propose a change to that entry instead"),
    # A text of blanks only, and a file that does not read back as the entry
    # the form checked (tests/test_form_file_reads_back.py shows the writer
    # gives none).
    "onlySpaces": text_rules.ONLY_SPACES, "onlySpacesHint": text_rules.ONLY_SPACES_HINT,
    "readBack": N_("the file does not read back as this text %(where)s"),
    "readBackHint": N_("retype the text around that character, or send the answers to the catalogue's team"),
}


def _runs(codes: Iterable[tuple[int, str]]) -> list[tuple[int, int, str]]:
    """Code points with a label, in order, as runs: (first, last, label)."""
    found: list[tuple[int, int, str]] = []
    for code, label in codes:
        if found and found[-1][1] == code - 1 and found[-1][2] == label:
            found[-1] = (found[-1][0], code, label)
        else:
            found.append((code, code, label))
    return found


def refused_by_kind() -> list[tuple[int, int, str]]:
    """text_rules.REFUSED_RANGES cut where text_rules.character_kind changes:
    (first, last, kind), so that the browser names a character's kind from data."""
    codes = ((code, text_rules.character_kind(chr(code)) or "") for low, high in text_rules.REFUSED_RANGES
             for code in range(low, high + 1))
    return [run for run in _runs(codes) if run[2]]


@functools.cache
def python_blanks() -> list[tuple[int, int]]:
    """What Python's str.strip() takes for blanks (str.isspace), as ranges:
    a text of only these holds only spaces for `publish check`. Unicode has
    none beyond the first plane."""
    return [(low, high) for low, high, _ in _runs((code, "") for code in range(0x10000) if chr(code).isspace())]


def browser_rules() -> dict:
    """The rules that the form applies in the browser, as data, from where
    Python keeps them: the answers' entry and its file (scaffold, yaml_text),
    the text rule (text_rules), what the checks read (checks) and which hosts
    the public cannot reach (addresses)."""
    return {
        "entryRule": scaffold.browser_rule(),
        "textRule": {
            # For a RegExp with the u flag; the kinds name what each character is.
            "refused": yaml_text.character_class(text_rules.REFUSED_RANGES, "js"),
            "kinds": refused_by_kind(),
            "characterNames": text_rules.character_names(),
            "strictFields": sorted(text_rules.STRICT_FIELDS),
            "blanks": yaml_text.character_class(python_blanks(), "js"),
        },
        "checkRule": {
            "citation": markdown_dialect.SOURCE_CITATION.pattern,
            "markdownFields": list(markdown_dialect.MARKDOWN_FIELDS),
            "localizedFields": list(LOCALIZED_FIELDS),
        },
        "addressRule": addresses.browser_rule(),
    }


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


def new_file_url(edit_url: str | None) -> str | None:
    """The forge's "new file" page from the site's edit address:
    https://github.com/ORG/REPO/edit/main/{path} -> https://github.com/ORG/REPO/new/main.
    None for a forge whose new-file page takes other parameters (GitLab's
    '/-/edit/'), or when no edit address is configured."""
    match = _GITHUB_EDIT.fullmatch(edit_url or "")
    if not match or match["repository"].endswith("/-"):
        return None
    return f"{match['repository']}/new/{match['branch']}"


def repository_file_url(edit_url: str | None, path: str) -> str | None:
    """Where a reader sees a file of the repository (GitHub's 'blob' page)."""
    new = new_file_url(edit_url)
    return re.sub(r"/new/([^/]+)$", rf"/blob/\1/{path}", new) if new else None


def propose_page(
    vocabularies: Vocabularies, lang: str, edit_url: str | None = None, listed: Iterable[str] = (),
) -> dict[str, str]:
    """The page's path and Markdown in ``lang``, and the schema it links to;
    ``listed`` are the slugs of the catalogue's entries, which a new one may not take."""
    _ = translations(lang).gettext
    locale = Locale.parse(lang)
    described = {(".".join(path), keyword): _(text) for path, keyword, text in contributor_strings(practice_schema())}
    help_text = {path: text for (path, keyword), text in described.items() if keyword == "description"}
    languages = sorted(LANGUAGES, key=lambda code: code != lang)  # the reader's own first

    def label(labels: dict[str, str]) -> str:
        # A language whose vocabularies are not translated yet reads the default one.
        return labels.get(lang) or labels[LANGUAGES[0]]

    def labelled(labels: dict, key=lambda choice: sort_key(choice.label)) -> list[Choice]:
        return sorted((Choice(str(value), label(text)) for value, text in labels.items()), key=key)

    countries = sorted((Choice(code, vocabularies.country_name(code, lang)) for code in vocabularies.country_regions),
                       key=lambda choice: sort_key(choice.label))
    source_languages = sorted(
        (Choice(code, name) for code, name in locale.languages.items() if re.fullmatch(r"[a-z]{2}", code)),
        key=lambda choice: sort_key(choice.label))
    objectives = [Choice(str(number), f"{number}. {label(objective.short)}")
                  for number, objective in sorted(vocabularies.gcm_objectives.items())]
    choice_lists = [
        ("themes", labelled(vocabularies.themes, key=lambda choice: 0)),
        ("gcm_principles", labelled(vocabularies.gcm_principles, key=lambda choice: 0)),
        ("sdg_targets", sorted((Choice(target, f"{target} {label(labels)}") for target, labels in vocabularies.sdg_targets.items()),
                               key=lambda choice: sdg_target_key(choice.value))),
        ("target_groups", labelled(vocabularies.target_groups, key=lambda choice: 0)),
        ("networks", [Choice(key, label(network.name)) for key, network in vocabularies.networks.items()]),
    ]
    data = {
        "lang": lang,
        "languages": list(LANGUAGES),
        "languageNames": {code: locale.languages.get(code, code) for code in LANGUAGES},
        "schema": practice_schema(),
        "schemaComment": schema.SCHEMA_COMMENT,
        "described": {f"{path}|{keyword}": text for (path, keyword), text in described.items()},
        "messages": {key: _(message) for key, message in SHARED_MESSAGES.items()},
        "newFileUrl": new_file_url(edit_url),
        "maxLinkLength": MAX_LINK_LENGTH,
        "vocabularies": {
            "themes": list(vocabularies.themes), "gcm_principles": list(vocabularies.gcm_principles),
            "sdg_targets": list(vocabularies.sdg_targets), "target_groups": list(vocabularies.target_groups),
            "networks": list(vocabularies.networks), "gcm_objectives": [str(n) for n in sorted(vocabularies.gcm_objectives)],
        },
        "countries": sorted(vocabularies.country_regions),
        "listed": sorted(listed),
        **browser_rules(),
        "strings": {
            "problems": _("Answers to fix before the file can be written: %(count)s."),
            "ready": _("The file is ready: %(path)s."),
            "toTranslate": _("To translate later (the team will):"),
            "copied": _("The file is copied: paste it where you need it."),
            "tooLong": _("The file is too long to travel in the link: it is copied, paste it into the page that opens."),
            "copyFailed": _("This browser did not let the page copy: select the text of the file and copy it."),
            "clearConfirm": _("Clear all the answers of this form?"),
            "cleared": _("The answers are cleared."),
        },
    }
    markdown = environment(lang).get_template("propose.md.j2").render(
        languages=languages,
        # A label starts with a capital ('Français'); CLDR writes names as in a sentence.
        language_label=lambda code: data["languageNames"][code][:1].upper() + data["languageNames"][code][1:],
        help=help_text,
        countries=countries,
        levels=[Choice(key, label(labels)) for key, labels in vocabularies.government_levels.items()],
        objectives=objectives,
        choice_lists=choice_lists,
        source_languages=source_languages,
        # Inside <script>, '<' is written \u003c: no text can close the element.
        data_json=json.dumps(data, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c"),
        new_file_url=data["newFileUrl"],
        contributing_url=repository_file_url(edit_url, _("CONTRIBUTING.md")),
        template_url=repository_file_url(edit_url, "generator/catalogue/templates/practice.yml.j2"),
    )
    return {links.PROPOSE: markdown, "catalogue/propose/practice.schema.json": json.dumps(practice_schema(), ensure_ascii=False, indent=2)}


