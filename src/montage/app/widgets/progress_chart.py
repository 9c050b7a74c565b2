"""Progress over time as a chart: each session's value, the best so far (the line Drago runs
on), and the records marked; drawn by textual-plot in the scene's colours.

textual-plot (and numpy under it) loads with the review only, never on the way to a session.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import ClassVar

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static
from textual_plot import HiResMode, NumericAxisFormatter, PlotWidget

from montage.app.plain_text import plain
from montage.durations import format_clock
from montage.log.charts import ChartPoint, Points, Progress, Series
from montage.log.text import amount

MOST_POINTS = 400
"""The most points drawn of a series: a long history is thinned to this many (records kept)."""

RECORD_MARK = "◆"
"""Marks a session that set a record."""


def day_number(started_at: str) -> float:
    """A moment as days (and fractions of one) since the first day of the calendar."""
    moment = datetime.fromisoformat(started_at)
    return moment.toordinal() + (moment.hour * 60 + moment.minute) / 1440


def thinned(points: Sequence[ChartPoint], most: int = MOST_POINTS) -> list[ChartPoint]:
    """At most about ``most`` of the points, evenly spread, every record and the last kept.

    Args:
        points: A series' points, oldest first.
        most: How many to keep, records aside.
    """
    if len(points) <= most:
        return list(points)
    if isinstance(points, Points):  # the records found without making every point
        records: Iterable[int] = points.record_indices
    else:
        records = (i for i, point in enumerate(points) if point.record)
    stride = len(points) / most
    keep = {int(i * stride) for i in range(most)} | {len(points) - 1} | set(records)
    return [points[i] for i in sorted(keep)]


class DateAxis(NumericAxisFormatter):
    """Labels day numbers as dates: ``03-09``, or ``2024-03`` over a longer span."""

    def get_labels_for_ticks(self, ticks: Sequence[float]) -> list[str]:
        if not ticks:
            return []
        long = max(ticks) - min(ticks) > 120
        days = [date.fromordinal(max(1, int(tick))) for tick in ticks]
        return [day.strftime("%Y-%m" if long else "%m-%d") for day in days]


class ClockAxis(NumericAxisFormatter):
    """Labels seconds as a clock: ``4:30``."""

    def get_labels_for_ticks(self, ticks: Sequence[float]) -> list[str]:
        return [format_clock(tick) for tick in ticks]


class ProgressChart(PlotWidget):
    """One series over time; its colours are the scene's, from the component classes."""

    DEFAULT_CSS = """
    ProgressChart {
        height: 1fr;
        min-height: 6;
    }
    ProgressChart > .progress-chart--value { color: $accent; }
    ProgressChart > .progress-chart--best { color: $foreground-muted; }
    ProgressChart > .progress-chart--record { color: $success; }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        *PlotWidget.COMPONENT_CLASSES,
        "progress-chart--value",
        "progress-chart--best",
        "progress-chart--record",
    }

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id, allow_pan_and_zoom=False)
        self.series: Series | None = None
        """The series drawn, if any."""

    def on_mount(self) -> None:
        self.margin_top = 0
        self.margin_bottom = 2
        self.margin_left = 8
        self.set_x_formatter(DateAxis())

    def show(self, series: Series | None) -> None:
        """Draw a series in place of the one drawn (None: nothing)."""
        self.series = series
        self.draw()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        if self.is_mounted and self.series is not None:
            self.draw()  # a new scene's colours

    def _style(self, name: str) -> str:
        return str(self.get_component_rich_style(f"progress-chart--{name}", partial=True))

    def draw(self) -> None:
        """Plot the series: the values, the best so far, the records."""
        self.clear()
        series = self.series
        if series is None or not series.points:
            return
        self.set_y_formatter(ClockAxis() if series.unit == "seconds" else NumericAxisFormatter())
        points = thinned(series.points)
        x = [day_number(point.started_at) for point in points]
        if len(points) == 1:
            self.set_xlimits(x[0] - 1, x[0] + 1)
        else:
            self.set_xlimits(None, None)
        values = [p.value for p in points] + [p.best for p in points]
        low, high = min(values), max(values)
        if high - low < 2:  # flat: a band around it, not the noise of its last digits
            pad = max(1.0, abs(high) * 0.05)
            self.set_ylimits(low - pad, high + pad)
        else:
            self.set_ylimits(None, None)
        braille = HiResMode.BRAILLE
        self.plot(x, [p.best for p in points], line_style=self._style("best"), hires_mode=braille)
        self.plot(x, [p.value for p in points], line_style=self._style("value"), hires_mode=braille)
        records = [(at, p.value) for at, p in zip(x, points, strict=True) if p.record]
        if records:
            self.scatter(
                [at for at, _ in records],
                [value for _, value in records],
                marker=RECORD_MARK,
                marker_style=self._style("record"),
            )


def caption(series: Series, others: int) -> str:
    """What a chart shows, under it: the series, first to last, the best, the records."""
    first, last = series.points[0], series.points[-1]
    sessions = len(series.points)
    records = len(series.records)
    parts = [
        f"{series.title}: {amount(first.value, series.unit)} -> {amount(last.value, series.unit)}",
        f"best {amount(last.best, series.unit)} (Drago's line)",
        f"{RECORD_MARK} {records} record" + ("" if records == 1 else "s"),
        f"{sessions} session" + ("" if sessions == 1 else "s"),
    ]
    if others:
        parts.append("c: next chart")
    return "  ·  ".join(parts)


class ChartPanel(Vertical):
    """The charts of a workout or an exercise, one at a time, with a caption; ``c`` in the
    review shows the next."""

    DEFAULT_CSS = """
    ChartPanel {
        height: 1fr;
        min-height: 8;
    }
    ChartPanel > .chart-caption {
        height: auto;
        padding: 0 1;
        color: $foreground-muted;
    }
    """

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self.progress: Progress | None = None
        """What is charted."""
        self.index = 0
        """Which of its series shows."""

    def compose(self) -> ComposeResult:
        yield ProgressChart()
        yield Static(classes="chart-caption", markup=False)

    def show(self, progress: Progress | None, empty: str = "Nothing to chart yet.") -> None:
        """Chart a workout's or an exercise's series, from the first.

        Args:
            progress: Its series; None for nothing.
            empty: What the caption says when there is nothing to chart.
        """
        self.progress = progress
        self.index = 0
        self._draw(empty)

    def next_series(self) -> None:
        """Show the next series, round again after the last."""
        if self.progress is not None and self.progress.series:
            self.index = (self.index + 1) % len(self.progress.series)
            self._draw()

    def _draw(self, empty: str = "Nothing to chart yet.") -> None:
        found = self.progress.series if self.progress is not None else ()
        series = found[self.index] if found else None
        self.query_one(ProgressChart).show(series)
        text = empty if series is None else caption(series, len(found) - 1)
        self.query_one(".chart-caption", Static).update(plain(text))
