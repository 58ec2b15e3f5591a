"""Grouping rule texts: normalisation, threshold, areas, and hand-made groups kept."""

from __future__ import annotations

import pytest

from facilitator.services.flex.grouping import Item, group, jaccard, normalise


def test_normalise_ignores_case_punctuation_contractions_and_plurals():
    a = normalise("We can't visit a client without TWO staff!")
    b = normalise("Cannot visit clients without two staff")
    assert a == b == {"visit", "client", "two", "staff"}


def test_similar_rules_group_and_different_ones_do_not():
    items = [
        Item(1, "We can't visit a client without two staff"),
        Item(2, "No home visits to clients without two staff"),
        Item(3, "Tenancy can't start without photo ID"),
        Item(4, "Two staff needed to visit a client"),
        Item(5, "A tenancy cannot start without photo ID"),
    ]
    groups = group(items, threshold=0.4)
    assert sorted(map(sorted, groups)) == [[1, 2, 4], [3, 5]]


def test_threshold_decides():
    items = [Item(1, "share information consent"), Item(2, "share information written consent form")]
    assert jaccard(normalise(items[0].text), normalise(items[1].text)) == pytest.approx(0.6)
    assert len(group(items, threshold=0.6)) == 1
    assert len(group(items, threshold=0.7)) == 2
    with pytest.raises(ValueError):
        group(items, threshold=0)


def test_different_areas_stay_apart_but_blank_area_matches_any():
    items = [Item(1, "Two staff on visits", "Lone working and visits"),
             Item(2, "Two staff on visits", "Housing and tenancy"),
             Item(3, "Two staff on visits", "")]
    groups = group(items, threshold=0.9)
    # the blank-area rule joins one of the two (either is right), never both, never neither
    assert sorted(map(sorted, groups)) in ([[1, 3], [2]], [[1], [2, 3]])


def test_pinned_groups_are_never_joined_but_pull_in_new_similar_rules():
    items = [Item(1, "Photo ID for tenancy", pinned=10),
             Item(2, "Photo ID for tenancy", pinned=11),
             Item(3, "Photo ID needed for a tenancy"),
             Item(4, "Completely different rule", pinned=10)]
    groups = group(items, threshold=0.5)
    as_sets = [set(g) for g in groups]
    assert {1, 4} <= next(g for g in as_sets if 1 in g)
    assert not any({1, 2} <= g for g in as_sets)
    assert any(3 in g and (1 in g or 2 in g) for g in as_sets)


def test_prefix_filter_finds_the_same_pairs_as_all_pairs():
    import itertools
    import random

    rnd = random.Random(3)
    words = "staff visit client tenancy photo id consent share record risk form manager".split()
    items = [Item(i, " ".join(rnd.sample(words, rnd.randint(2, 6)))) for i in range(300)]
    fast = sorted(map(sorted, group(items, threshold=0.6)))
    # all pairs, union-find by hand
    parent = list(range(300))

    def find(i):
        while parent[i] != i:
            i = parent[i]
        return i

    for a, b in itertools.combinations(items, 2):
        if jaccard(normalise(a.text), normalise(b.text)) >= 0.6:
            parent[find(b.id)] = find(a.id)
    slow: dict[int, list[int]] = {}
    for i in range(300):
        slow.setdefault(find(i), []).append(i)
    assert fast == sorted(map(sorted, slow.values()))


def test_a_hand_made_group_may_mix_areas():
    items = [Item(1, "Photo ID for tenancy", "Housing and tenancy", pinned=5),
             Item(2, "Two staff on visits", "Lone working and visits", pinned=5)]
    assert group(items) == [[1, 2]]


def test_plural_endings_curly_apostrophes_and_empty_rules():
    assert normalise("Flies, ties, cats; bus class") == {"fly", "tie", "cat", "bus", "class"}
    assert normalise("We can\u2019t visit") == normalise("we can't visit") == {"visit"}
    assert normalise("It's not allowed") == {"allowed"}
    assert jaccard(frozenset(), frozenset()) == 1.0
    assert jaccard(frozenset({"a"}), frozenset()) == 0.0
    assert jaccard(frozenset({"a", "b"}), frozenset({"b", "c"})) == pytest.approx(1 / 3)


def test_threshold_must_be_above_zero_and_at_most_one():
    items = [Item(1, "photo id"), Item(2, "photo id")]
    assert group(items, threshold=1) == [[1, 2]]
    for bad in (0, -0.5, 1.01):
        with pytest.raises(ValueError) as err:
            group(items, threshold=bad)
        assert str(err.value) == "The similarity threshold must be above 0 and at most 1."


def test_groups_come_biggest_first_then_in_input_order():
    items = [Item(1, "alpha beta"), Item(2, "gamma delta"), Item(3, "gamma delta"),
             Item(4, "epsilon"), Item(5, "alpha beta"), Item(6, "gamma delta")]
    assert group(items) == [[2, 3, 6], [1, 5], [4]]
    assert group([]) == []


def test_an_area_is_compared_folded_with_single_spaces():
    from facilitator.services.flex.grouping import normalise_area

    assert normalise_area("  Lone   WORKING\tand visits ") == "lone working and visits"
    assert normalise_area("   ") == ""
