"""What the QPainter charts share: tooltips from `tooltip_at(point)`, and starting a paint on a
white card with the chart's title in bold (elided to the width) along the top."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QToolTip, QWidget


class ChartWidget(QWidget):
    """Subclasses set `self.title` and define `tooltip_at(QPointF) -> str | None`."""

    title = ""

    def tooltip_at(self, _point: QPointF) -> str | None:
        return None

    def event(self, e) -> bool:
        if e.type() == QEvent.Type.ToolTip:
            tip = self.tooltip_at(QPointF(e.pos()))
            if tip:
                QToolTip.showText(e.globalPos(), tip, self)
            else:
                QToolTip.hideText()
                e.ignore()
            return True
        return super().event(e)

    def begin_paint(self) -> tuple[QPainter, QFontMetrics, int, int]:
        """A painter on a white background with the title drawn; (painter, metrics, w, h)."""
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor("white"))
        fm = QFontMetrics(self.font())
        w, h = self.width(), self.height()
        bold = QFont(self.font())
        bold.setBold(True)
        p.setFont(bold)
        p.setPen(QColor("#222"))
        title = QFontMetrics(bold).elidedText(self.title, Qt.TextElideMode.ElideRight, w - 16)
        p.drawText(QRectF(8, 4, w - 16, fm.height() + 2), Qt.AlignmentFlag.AlignLeft, title)
        p.setFont(self.font())
        return p, fm, w, h
