"""The shared table model, checked by pytest-qt's model tester."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from facilitator.ui.widgets.record_table import Column, RecordFilterProxy, RecordTableModel

COLUMNS = [
    Column("Name", "name"),
    Column("Active", "active", kind="bool"),
    Column("When", "when", kind="date"),
    Column("Count", "n", kind="number"),
    Column("Tags", "tags", kind="list"),
]
ROWS = [
    {"id": 1, "name": "Oak", "active": True, "when": date(2026, 3, 1), "n": 3, "tags": ["a", "b"]},
    {"id": 2, "name": "rowan", "active": False, "when": None, "n": 10, "tags": []},
    {"id": 3, "name": "Birch", "active": True, "when": date(2025, 1, 1), "n": 2, "tags": ["b"]},
]


def test_model_passes_model_tester(qtmodeltester):
    model = RecordTableModel(COLUMNS)
    model.set_records(ROWS)
    qtmodeltester.check(model)


def test_proxy_passes_model_tester_and_filters_all_words(qtmodeltester):
    model = RecordTableModel(COLUMNS)
    model.set_records(ROWS)
    proxy = RecordFilterProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)
    proxy.set_filter_text("b OAK")
    assert proxy.rowCount() == 1
    proxy.set_filter_text("")
    assert proxy.rowCount() == 3


def test_sorting_is_by_value_not_text(qtmodeltester):
    model = RecordTableModel(COLUMNS)
    model.set_records(ROWS)
    proxy = RecordFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(3)
    assert [proxy.index(r, 0).data() for r in range(3)] == ["Birch", "Oak", "rowan"]
    proxy.sort(0)
    assert [proxy.index(r, 0).data() for r in range(3)] == ["Birch", "Oak", "rowan"]
    oak = model.row_of(1)  # the model itself is sorted now
    assert model.index(oak, 1).data() == "✓" and model.index(oak, 2).data() == "01 Mar 2026"
    assert [model.index(r, 0).data() for r in range(3)] == ["Birch", "Oak", "rowan"]


def test_sort_keeps_the_selection_on_the_same_record(qtbot):
    from PySide6.QtCore import QItemSelectionModel

    model = RecordTableModel(COLUMNS)
    model.set_records(ROWS)
    proxy = RecordFilterProxy()
    proxy.setSourceModel(model)
    selection = QItemSelectionModel(proxy)
    row = proxy.mapFromSource(model.index(model.row_of(2), 0))
    selection.select(row, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    proxy.sort(3)
    [chosen] = selection.selectedIndexes()
    assert model.record(proxy.mapToSource(chosen).row())["id"] == 2


def test_sort_by_text_ignores_case():
    model = RecordTableModel(COLUMNS)
    # Plain string order would put every capital first: "Birch", "Oak", "ash", "rowan".
    model.set_records(ROWS + [{"id": 4, "name": "ash", "active": False, "when": None, "n": 1,
                               "tags": []}])
    proxy = RecordFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(0)
    assert [proxy.index(r, 0).data() for r in range(4)] == ["ash", "Birch", "Oak", "rowan"]
    proxy.sort(0, Qt.SortOrder.DescendingOrder)
    assert [proxy.index(r, 0).data() for r in range(4)] == ["rowan", "Oak", "Birch", "ash"]


def test_filter_then_sort_shows_only_the_rows_that_match():
    model = RecordTableModel(COLUMNS)
    model.set_records(ROWS)  # Oak, rowan, Birch: sorting by name moves every row
    proxy = RecordFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_filter_text("oak")
    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == ["Oak"]
    for column in (0, 3, 0):
        proxy.sort(column, Qt.SortOrder.DescendingOrder if column == 3 else Qt.SortOrder.AscendingOrder)
        assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == ["Oak"]
    model.set_records(list(reversed(ROWS)))  # a reload keeps the sort and the filter
    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == ["Oak"]
    proxy.set_filter_text("")
    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == ["Birch", "Oak", "rowan"]
