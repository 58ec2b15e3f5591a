"""Rule grouping on generated rules (Hypothesis): a partition, independent of input order,
and hand-made groups kept whole and apart."""

from __future__ import annotations

import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from facilitator.services.flex.grouping import Item, group, jaccard, normalise

PURE = settings(suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)

WORDS = ["staff", "visit", "client", "tenancy", "photo", "id", "consent", "share", "record",
         "risk", "forms", "managers", "can't", "the", "Two"]
TEXT = st.lists(st.sampled_from(WORDS), min_size=0, max_size=5).map(" ".join)
THRESHOLD = st.sampled_from([0.3, 0.5, 0.6, 0.75, 1.0])


@st.composite
def rules(draw, areas=("Housing", "Lone working"), pins=False):
    texts = draw(st.lists(TEXT, max_size=25))
    return [Item(i, text, draw(st.sampled_from(areas)),
                 draw(st.none() | st.integers(1, 3)) if pins else None)
            for i, text in enumerate(texts)]


def as_partition(groups):
    return sorted(sorted(g) for g in groups)


@PURE
@given(rules(areas=("Housing", "Lone working", "")), THRESHOLD)
def test_groups_are_a_partition_in_input_order_biggest_first(items, threshold):
    groups = group(items, threshold)
    ids = [i for g in groups for i in g]
    assert sorted(ids) == [item.id for item in items]
    assert all(g == sorted(g) for g in groups)  # ids were made in input order
    assert [len(g) for g in groups] == sorted((len(g) for g in groups), reverse=True)


@PURE
@given(rules(), THRESHOLD, st.randoms(use_true_random=False))
def test_grouping_does_not_depend_on_input_order(items, threshold, rnd):
    shuffled = list(items)
    rnd.shuffle(shuffled)
    assert as_partition(group(shuffled, threshold)) == as_partition(group(items, threshold))


@PURE
@given(rules(), THRESHOLD)
def test_groups_are_exactly_the_chains_of_alike_rules_within_an_area(items, threshold):
    parent = {item.id: item.id for item in items}

    def find(i):
        while parent[i] != i:
            i = parent[i]
        return i

    for a, b in itertools.combinations(items, 2):
        if a.area == b.area and jaccard(normalise(a.text), normalise(b.text)) >= threshold:
            parent[find(b.id)] = find(a.id)
    expected: dict[int, list[int]] = {}
    for item in items:
        expected.setdefault(find(item.id), []).append(item.id)
    assert as_partition(group(items, threshold)) == as_partition(expected.values())


@PURE
@given(rules(areas=("Housing", "Lone working", ""), pins=True), THRESHOLD,
       st.randoms(use_true_random=False))
def test_hand_made_merges_and_splits_are_kept_in_any_order(items, threshold, rnd):
    shuffled = list(items)
    rnd.shuffle(shuffled)
    for groups in (group(items, threshold), group(shuffled, threshold)):
        where = {i: n for n, g in enumerate(groups) for i in g}
        pinned = [item for item in items if item.pinned is not None]
        for a, b in itertools.combinations(pinned, 2):
            assert (where[a.id] == where[b.id]) == (a.pinned == b.pinned)
