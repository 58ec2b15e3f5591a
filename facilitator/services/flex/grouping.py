"""Grouping similar rules across a cohort: pure Python, no database.

Rule text is normalised (case, punctuation, contractions, filler words, plural endings) into a
set of words; two rules are alike when their sets overlap enough (Jaccard similarity at or
above a threshold) and their areas agree (a blank area agrees with any).

To stay fast on tens of thousands of rules it never compares all pairs:
  1. identical normalised rules collapse into one item first;
  2. prefix filtering: with words ordered rarest first, two sets with Jaccard >= t must share
     a word among the first n - ceil(t * n) + 1 words of each, so only those are indexed;
  3. the candidates that share an indexed word are checked exactly, unless they are already
     in the same group through another rule.

Manual decisions are kept: entries pinned to the same hand-made group start together, and two
different hand-made groups are never joined, whatever the similarity says. A hand-made group
may mix areas (the facilitator decided so); the automatic part never does."""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

DEFAULT_THRESHOLD = 0.5

_CONTRACTIONS = {
    "can't": "cannot", "cant": "cannot", "won't": "will not", "don't": "do not",
    "doesn't": "does not", "isn't": "is not", "aren't": "are not", "mustn't": "must not",
    "shouldn't": "should not", "couldn't": "could not", "wouldn't": "would not",
    "haven't": "have not", "hasn't": "has not", "didn't": "did not", "we're": "we are",
    "they're": "they are", "it's": "it is",
}
_STOP = frozenset(
    "a an the to of for and or in on at by with from be is are was were it its this that "
    "we they you i our their my your any all some must should will would can could may "
    "do does did have has had not no cannot never only without unless before after if "
    "as so than then there here also just every each".split()
)
_WORD = re.compile(r"[a-z0-9]+")


def _stem(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def normalise(text: str) -> frozenset[str]:
    """The words of a rule that carry its meaning, as a set."""
    low = text.casefold().replace("\u2019", "'")
    for short, long in _CONTRACTIONS.items():
        if short in low:
            low = low.replace(short, long)
    return frozenset(_stem(w) for w in _WORD.findall(low) if w not in _STOP)


def normalise_area(area: str) -> str:
    return " ".join(area.casefold().split())


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a and not b:
        return 1.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


@dataclass(frozen=True)
class Item:
    """What grouping needs of one rule entry."""

    id: int
    text: str
    area: str = ""
    pinned: int | None = None  # the hand-made group it belongs to, if any


class _Groups:
    """Union-find that refuses to join two different hand-made groups, or two groups with
    different areas (so a rule with a blank area cannot bridge two areas)."""

    def __init__(self, areas: list[str]):
        self.parent = list(range(len(areas)))
        self.pin: list[int | None] = [None] * len(areas)
        self.area = list(areas)

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(self, a: int, b: int, *, by_hand: bool = False) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        pa, pb = self.pin[ra], self.pin[rb]
        if pa is not None and pb is not None and pa != pb:
            return False
        aa, ab = self.area[ra], self.area[rb]
        if aa and ab and aa != ab and not by_hand:
            return False
        self.parent[rb] = ra
        self.pin[ra] = pa if pa is not None else pb
        self.area[ra] = aa or ab
        return True


def group(items: Iterable[Item], threshold: float = DEFAULT_THRESHOLD) -> list[list[int]]:
    """Item ids in groups, biggest group first; each group's ids in input order."""
    if not 0 < threshold <= 1:
        raise ValueError("The similarity threshold must be above 0 and at most 1.")
    items = list(items)
    # 1. one "unique" per (normalised words, area); pins stay separate so they can't be merged
    key_of: dict[tuple, int] = {}
    uniq_words: list[frozenset[str]] = []
    uniq_area: list[str] = []
    uniq_pin: list[int | None] = []
    members: list[list[int]] = []
    for item in items:
        words = normalise(item.text)
        area = normalise_area(item.area)
        key = (words, area, item.pinned)
        u = key_of.get(key)
        if u is None:
            u = key_of[key] = len(uniq_words)
            uniq_words.append(words)
            uniq_area.append(area)
            uniq_pin.append(item.pinned)
            members.append([])
        members[u].append(item.id)
    n = len(uniq_words)
    groups = _Groups(uniq_area)
    by_pin: dict[int, int] = {}
    for u, pin in enumerate(uniq_pin):
        if pin is None:
            continue
        if pin in by_pin:
            groups.union(by_pin[pin], u, by_hand=True)
        else:
            by_pin[pin] = u
            groups.pin[u] = pin
    # 2. prefix filtering over words ordered rarest first
    freq: dict[str, int] = defaultdict(int)
    for words in uniq_words:
        for w in words:
            freq[w] += 1
    ordered = [sorted(words, key=lambda w: (freq[w], w)) for words in uniq_words]
    index: dict[str, list[int]] = defaultdict(list)
    find, union = groups.find, groups.union
    for u in sorted(range(n), key=lambda i: len(ordered[i])):
        words, size = ordered[u], len(ordered[u])
        prefix = size - math.ceil(threshold * size) + 1 if size else 0
        seen: set[int] = set()
        area, mine = uniq_area[u], uniq_words[u]
        min_size = threshold * size
        matched: dict[int, float] = {}  # root of a group u is like -> best similarity
        alike: list[tuple[float, int]] = []
        for w in words[:prefix]:
            for v in index[w]:
                if v in seen:
                    continue
                seen.add(v)
                other = uniq_words[v]
                if len(other) < min_size:
                    continue
                other_area = uniq_area[v]
                if area and other_area and area != other_area:
                    continue
                root = find(v)
                if root in matched:
                    continue  # u is already like a rule of that group: nothing to learn
                inter = len(mine & other)
                sim = inter / (size + len(other) - inter)
                if sim >= threshold:
                    matched[root] = sim
                    alike.append((sim, v))
            index[w].append(u)
        # 3. join the most alike first, so a refused join costs the weakest link
        alike.sort(reverse=True)
        for _sim, v in alike:
            union(v, u)
    out: dict[int, list[int]] = defaultdict(list)
    first: dict[int, int] = {}
    for u in range(n):
        root = groups.find(u)
        first.setdefault(root, u)
        out[root].extend(members[u])
    order = {item.id: i for i, item in enumerate(items)}
    result = [sorted(ids, key=order.__getitem__) for ids in out.values()]
    result.sort(key=lambda ids: (-len(ids), order[ids[0]]))
    return result
