"""Card placement, cut marks and duplex mirroring as pure functions (no PDF)."""

from __future__ import annotations

import itertools

import pytest

from facilitator.exports.pdf.cards import geometry as g

ALL_LAYOUTS = [g.Layout(paper=p, per_sheet=n, backs=b)
               for p in g.PAPERS for n in g.PER_SHEET for b in g.BACKS]


def _overlap(a: g.Rect, b: g.Rect) -> bool:
    return a.x < b.right and b.x < a.right and a.y < b.top and b.y < a.top


@pytest.mark.parametrize("layout", ALL_LAYOUTS, ids=lambda lay: f"{lay.paper}-{lay.per_sheet}-{lay.backs}")
def test_cards_fit_the_page_with_margins_and_never_overlap(layout):
    page_w, page_h = layout.page_size
    slots = g.front_slots(layout) + (g.back_slots(layout) if layout.backs == "folded" else [])
    assert len(g.front_slots(layout)) == layout.per_sheet
    for r in slots:
        assert 10 <= r.x and r.right <= page_w - 10, r
        assert 10 <= r.y and r.top <= page_h - 10, r
    for a, b in itertools.combinations(slots, 2):
        assert not _overlap(a, b), (a, b)


def test_card_size_is_the_same_on_a4_and_letter():
    for n, b in itertools.product(g.PER_SHEET, g.BACKS):
        a4 = g.front_slots(g.Layout("a4", n, b))
        letter = g.front_slots(g.Layout("letter", n, b))
        assert [(r.width, r.height) for r in a4] == [(r.width, r.height) for r in letter]


def test_every_sheet_uses_the_same_slots():
    layout = g.Layout(per_sheet=4)
    assert g.front_slots(layout) == g.front_slots(g.Layout(per_sheet=4))
    xs = sorted({r.x for r in g.front_slots(layout)})
    assert len(xs) == 2  # two columns, aligned


def test_long_edge_duplex_mirrors_across_the_page_width():
    layout = g.Layout(paper="letter", per_sheet=4, backs="duplex")
    fronts, backs = g.front_slots(layout), g.back_slots(layout)
    page_w = layout.page_size[0]
    for f, b in zip(fronts, backs, strict=True):
        assert b.y == f.y and (b.width, b.height) == (f.width, f.height)
        assert b.x == pytest.approx(page_w - f.right)
    # the top-left card's back is top-right, and mirroring twice is the identity
    assert backs[0] == fronts[1] and backs[1] == fronts[0]
    assert g.mirror_long_edge(g.mirror_long_edge(fronts[0], page_w), page_w) == fronts[0]


def test_folded_backs_are_reflected_across_the_fold():
    layout = g.Layout(per_sheet=4, backs="folded")
    fold = layout.page_size[1] / 2
    for f, b in zip(g.front_slots(layout), g.back_slots(layout), strict=True):
        assert f.y >= fold >= b.top
        assert f.y - fold == pytest.approx(fold - b.top)
        assert b.x == f.x
    assert min(r.y for r in g.front_slots(layout)) == fold  # the fold is the lowest row's edge
    cuts, folds = g.sheet_marks(layout)
    assert len(folds) == 2 and all(m.y1 == m.y2 == fold for m in folds)
    assert not any(m.y1 == m.y2 == fold for m in cuts)
    assert g.sheet_marks(g.Layout(backs="duplex"))[1] == []


@pytest.mark.parametrize("layout", [g.Layout(p, n, "duplex", x, y) for p in g.PAPERS for n in g.PER_SHEET
                                    for x in (-5, 5) for y in (-5, 5)]
                         + [g.Layout(p, n, "folded", x) for p in g.PAPERS for n in g.PER_SHEET for x in (-5, 5)])
def test_the_largest_offsets_keep_backs_apart_and_on_the_page(layout):
    page_w, page_h = layout.page_size
    backs = g.back_slots(layout)
    for a, b in itertools.combinations(backs, 2):
        assert not _overlap(a, b)
    if layout.backs == "folded":
        for a, b in itertools.product(backs, g.front_slots(layout)):
            assert not _overlap(a, b)
    for r in backs:
        assert 5 <= r.x and r.right <= page_w - 5 and 5 <= r.y and r.top <= page_h - 5


def test_offset_moves_only_the_backs():
    plain = g.Layout(per_sheet=2, backs="duplex")
    moved = g.Layout(per_sheet=2, backs="duplex", offset_x=1.5, offset_y=-0.5)
    assert g.back_slots(g.Layout(per_sheet=2, backs="folded", offset_x=2))[0].x == (
        g.back_slots(g.Layout(per_sheet=2, backs="folded"))[0].x + 2)
    assert g.front_slots(plain) == g.front_slots(moved)
    for a, b in zip(g.back_slots(plain), g.back_slots(moved), strict=True):
        assert (b.x - a.x, b.y - a.y) == pytest.approx((1.5, -0.5))


@pytest.mark.parametrize("layout", ALL_LAYOUTS, ids=lambda lay: f"{lay.paper}-{lay.per_sheet}-{lay.backs}")
def test_cut_marks_sit_on_card_edges_and_never_cross_a_card(layout):
    slots = g.front_slots(layout) + (g.back_slots(layout) if layout.backs == "folded" else [])
    marks, folds = g.sheet_marks(layout)
    edges_x = {v for r in slots for v in (r.x, r.right)}
    edges_y = {v for r in slots for v in (r.y, r.top)} - {layout.page_size[1] / 2}
    assert len(marks) == 2 * len(edges_x) + 2 * len(edges_y)
    marks = marks + folds
    edges_y |= {m.y1 for m in folds}  # the fold: an edge, marked as a fold
    for m in marks:
        assert m.x1 == m.x2 or m.y1 == m.y2
        if m.x1 == m.x2:
            assert m.x1 in edges_x
        else:
            assert m.y1 in edges_y
        for r in slots:  # a mark may touch nothing inside a card
            inside_x = r.x < max(m.x1, m.x2) and min(m.x1, m.x2) < r.right
            inside_y = r.y < max(m.y1, m.y2) and min(m.y1, m.y2) < r.top
            assert not (inside_x and inside_y), (m, r)
        page_w, page_h = layout.page_size
        assert 0 <= min(m.x1, m.x2) and max(m.x1, m.x2) <= page_w
        assert 0 <= min(m.y1, m.y2) and max(m.y1, m.y2) <= page_h


@pytest.mark.parametrize("kwargs, word", [
    ({"paper": "a3"}, "Paper"), ({"per_sheet": 3}, "per sheet"), ({"backs": "glued"}, "Backs"),
    ({"offset_x": 5.5}, "offset across"), ({"offset_y": -6}, "offset up"),
    ({"backs": "folded", "offset_y": 1}, "only be moved across"),
])
def test_bad_layouts_are_refused_by_name(kwargs, word):
    with pytest.raises(g.LayoutError, match=word):
        g.Layout(**kwargs)


def test_parse_offset():
    assert g.parse_offset("1.5,-0.5") == (1.5, -0.5)
    assert g.parse_offset(" 0 , 0 ") == (0.0, 0.0)
    for bad in ("1", "a,b", "1,2,3", "20,0", "0,-6"):
        with pytest.raises(g.LayoutError):
            g.parse_offset(bad)
