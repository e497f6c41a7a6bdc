"""The practices most like each practice, for the "Related practices" list
of its page.

The rule, said to readers on the catalogue page: the practices that share
the most themes and GCM objectives with it; among equals, those that also
share the most of its target groups and its world region; then the most
recently updated, then by identifier. A practice that shares no theme and no
objective is not related, whatever else it shares. At most
``RELATED_COUNT`` are listed.

Computed without comparing every pair: each pair of a practice's themes and
objectives is a key of an index, whose lists are short (a few practices per
pair, where a theme alone gathers hundreds); the practices that share two or
more of them are found there, and scored in full. Only when fewer than
``RELATED_COUNT`` share two does it look at those that share one. The result
depends on the entries alone, not on the language or on the order in which
the files were read.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from itertools import chain, combinations

from generator.catalogue.model import Practice

RELATED_COUNT = 5


def related_practices(
    practices: Iterable[Practice], region_of: Callable[[str], str | None], count: int = RELATED_COUNT
) -> dict[str, list[str]]:
    """slug -> the slugs of its related practices, the most related first."""
    # A practice's index in this order breaks the last ties: the most
    # recently updated first, then by slug.
    ranked = sorted(practices, key=lambda p: (-p.last_updated.toordinal(), p.slug))
    content = [sorted(chain((("theme", t) for t in set(p.themes)), (("gcm", n) for n in set(p.gcm_objectives))), key=repr) for p in ranked]
    # Target groups and region as the bits of one number: what two practices
    # share of them is the bits their numbers share.
    bits: dict[object, int] = {}
    masks = []
    for practice in ranked:
        mask = 0
        for key in chain((("group", g) for g in practice.target_groups), (("region", region_of(practice.country)),)):
            mask |= 1 << bits.setdefault(key, len(bits))
        masks.append(mask)

    singles: dict[tuple, list[int]] = defaultdict(list)
    pairs: dict[tuple, list[int]] = defaultdict(list)
    for index, keys in enumerate(content):
        for key in keys:
            singles[key].append(index)
        for pair in combinations(keys, 2):
            pairs[pair].append(index)

    related: dict[str, list[str]] = {}
    for index, keys in enumerate(content):
        # A practice that shares c themes and objectives is in c(c-1)/2 of
        # these lists: the more it is found, the more it shares.
        shared = Counter(chain.from_iterable(pairs[pair] for pair in combinations(keys, 2)))
        shared.pop(index, None)
        if len(shared) < count:
            # Too few share two: those that share one come after them.
            shared = Counter(chain.from_iterable(singles[key] for key in keys))
            shared.pop(index, None)
        mask = masks[index]
        best = sorted((-found, -(mask & masks[other]).bit_count(), other) for other, found in shared.items())[:count]
        related[ranked[index].slug] = [ranked[other].slug for _, _, other in best]
    return related
