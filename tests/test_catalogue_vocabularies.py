"""The schema's lists and the vocabulary files say the same thing, in every language."""

from __future__ import annotations

import pytest

from generator.catalogue.schema import practice_schema
from generator.catalogue.vocabularies import load_vocabularies

LANGS = ("fr", "en")  # the languages every label must have, at least
V = load_vocabularies()
PROPERTIES = practice_schema()["properties"]


def labelled(labels: dict, langs: tuple[str, ...] = LANGS) -> bool:
    return all(isinstance(labels.get(lang), str) and labels[lang].strip() for lang in langs)


def every_label() -> list[tuple[str, dict]]:
    """Every label of every vocabulary file, named by where it is."""
    labels = [(f"gcm_objectives.{n}.{part}", getattr(o, part)) for n, o in V.gcm_objectives.items() for part in ("short", "title")]
    for name in ("gcm_principles", "sdgs", "sdg_targets", "themes", "target_groups", "government_levels", "review_statuses"):
        labels += [(f"{name}.{code}", value) for code, value in getattr(V, name).items()]
    labels += [(f"networks.{key}.name", network.name) for key, network in V.networks.items()]
    labels += [(f"networks.{key}.description", network.description) for key, network in V.networks.items() if network.description]
    return labels


@pytest.mark.parametrize(
    ("schema_enum", "vocabulary"),
    [
        (PROPERTIES["themes"]["items"]["enum"], V.themes),
        (PROPERTIES["target_groups"]["items"]["enum"], V.target_groups),
        (PROPERTIES["gcm_principles"]["items"]["enum"], V.gcm_principles),
        (PROPERTIES["sdg_targets"]["items"]["enum"], V.sdg_targets),
        (PROPERTIES["government_level"]["enum"], V.government_levels),
        (PROPERTIES["review"]["properties"]["status"]["enum"], V.review_statuses),
        (PROPERTIES["networks"]["items"]["enum"], {k: n.name for k, n in V.networks.items()}),
    ],
    ids=["themes", "target_groups", "gcm_principles", "sdg_targets", "government_levels", "review_statuses", "networks"],
)
def test_every_code_of_the_schema_has_labels_in_both_languages(schema_enum, vocabulary):
    assert sorted(schema_enum) == sorted(vocabulary)
    assert [code for code, labels in vocabulary.items() if not labelled(labels)] == []


def test_the_23_gcm_objectives_have_short_labels_and_official_titles():
    assert sorted(V.gcm_objectives) == list(range(1, 24))
    schema = PROPERTIES["gcm_objectives"]["items"]
    assert (schema["minimum"], schema["maximum"]) == (1, 23)
    for objective in V.gcm_objectives.values():
        assert labelled(objective.short) and labelled(objective.title)
    assert V.gcm_objectives[16].title["en"].startswith("Empower migrants and societies")


def test_the_17_sdgs_and_their_targets_are_labelled():
    assert sorted(V.sdgs) == list(range(1, 18)) and all(labelled(g) for g in V.sdgs.values())
    assert all(V.sdg_of_target(target) in V.sdgs for target in V.sdg_targets)


def test_countries_and_regions_come_from_cldr():
    assert V.country_name("BR", "fr") == "Brésil" and V.country_name("DE", "en") == "Germany"
    assert V.region_of("EC") == "019" and V.region_name("019", "fr") == "Amériques"
    assert {V.region_of(code) for code in ("UG", "PH", "AT", "NZ", "CA")} == {"002", "142", "150", "009", "019"}


def test_networks_named_in_the_source_texts_are_described_in_both_languages():
    named = [network for network in V.networks.values() if network.named_in]
    assert {n.id for n in named} >= {"metropolis", "uclg", "uclg-cop-migration", "mayors-mechanism", "mayoral-forum", "mc2cm"}
    assert all(network.description and labelled(network.description) for network in named)


def test_every_vocabulary_label_exists_in_spanish():
    labels = every_label()
    assert len(labels) > 100  # the collector found the vocabularies (142 labels when written)
    assert [where for where, value in labels if not labelled(value, ("fr", "en", "es"))] == []


def test_publish_review_marks_every_outcome_of_the_vocabulary():
    from generator.cli.reviews import REVIEW_OUTCOMES

    assert sorted(REVIEW_OUTCOMES) == sorted(set(V.review_statuses) - {"submitted"})
