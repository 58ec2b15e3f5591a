"""Reading returned workbooks: the safe reader (safe_reader.py), what the workbook says
(returned.py), the three-way compare (review.py), then one service call that applies the
accepted changes (services.returns.apply). No Qt."""
