"""Training days as a grid of weeks by weekdays, each day coloured by how long it was trained."""

from __future__ import annotations

from datetime import date, timedelta
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from montage.log.streaks import Calendar

LEVEL_MINUTES = (0.0, 20.0, 40.0, 60.0)
"""Active minutes from which a day shows at level 1, 2, 3 and 4."""

WEEKDAYS = ("Mon", "", "Wed", "", "Fri", "", "Sun")
"""The labels down the left side."""

CELL = "■ "
EMPTY = "· "
LABEL_WIDTH = 4
LEGEND = "less · ■ ■ ■ ■ more"


def level(minutes: float) -> int:
    """How intense a day with ``minutes`` of active time shows, from 1 to 4."""
    return max(1, sum(minutes >= start for start in LEVEL_MINUTES))


class CalendarHeatmap(Widget):
    """Shows the most recent weeks of a calendar that fit, Monday at the top, today last."""

    DEFAULT_CSS = """
    CalendarHeatmap {
        width: 1fr;
        height: 10;
        color: $foreground-muted;
    }
    CalendarHeatmap > .calendar-heatmap--empty { color: $foreground 30%; }
    CalendarHeatmap > .calendar-heatmap--level-1 { color: $success 35%; }
    CalendarHeatmap > .calendar-heatmap--level-2 { color: $success 55%; }
    CalendarHeatmap > .calendar-heatmap--level-3 { color: $success 78%; }
    CalendarHeatmap > .calendar-heatmap--level-4 { color: $success; }
    CalendarHeatmap > .calendar-heatmap--today { text-style: underline; }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "calendar-heatmap--empty",
        "calendar-heatmap--level-1",
        "calendar-heatmap--level-2",
        "calendar-heatmap--level-3",
        "calendar-heatmap--level-4",
        "calendar-heatmap--today",
    }

    calendar: reactive[Calendar | None] = reactive(None)
    """The training days to show; None draws nothing."""

    def weeks_shown(self) -> int:
        """How many weeks fit in the width, at most the calendar's."""
        if self.calendar is None:
            return 0
        return max(0, min(self.calendar.weeks, (self.content_size.width - LABEL_WIDTH) // 2))

    def render(self) -> Text:
        """Draw the month names, the grid and a legend."""
        grid = self.calendar
        weeks = self.weeks_shown()
        if grid is None or weeks == 0:
            return Text()
        first = grid.start + timedelta(weeks=grid.weeks - weeks)
        mondays = [first + timedelta(weeks=week) for week in range(weeks)]
        lines = [self._months(mondays)]
        for weekday in range(7):
            line = Text(WEEKDAYS[weekday].ljust(LABEL_WIDTH))
            for monday in mondays:
                line.append_text(self._cell(grid, monday + timedelta(days=weekday)))
            lines.append(line)
        lines.append(self._legend())
        lines.append(Text(self.caption(), style=self._style("empty")))
        return Text("\n").join(lines)

    def _cell(self, grid: Calendar, day: date) -> Text:
        if day > grid.today:
            return Text("  ")
        trained = grid.days.get(day)
        if trained is None:
            style = self._style("empty")
            text = EMPTY
        else:
            style = self._style(f"level-{level(trained.active_minutes)}")
            text = CELL
        if day == grid.today:
            today = self.get_component_rich_style("calendar-heatmap--today", partial=True)
            return Text.assemble((text[0], style + today), " ")
        return Text(text, style=style)

    def _months(self, mondays: list[date]) -> Text:
        """Each month's name over the week its first Monday is in; a month cut short at the
        left gives way to the next one, and the last one moves left to fit if it must."""
        width = self.content_size.width
        marks = [
            (LABEL_WIDTH + 2 * week, monday.strftime("%b"))
            for week, monday in enumerate(mondays)
            if week == 0 or monday.month != mondays[week - 1].month
        ]
        if len(marks) > 1 and marks[0][0] + len(marks[0][1]) >= marks[1][0]:
            del marks[0]  # a few days of a month at the left edge: label the next one
        line = [" "] * width
        end = 0
        for where, name in marks:
            where = min(where, width - len(name))
            if where >= end + (1 if end else 0):
                line[where : where + len(name)] = name
                end = where + len(name)
        return Text("".join(line).rstrip())

    def caption(self) -> str:
        """How many days of the weeks shown were trained, in words."""
        grid = self.calendar
        weeks = self.weeks_shown()
        if grid is None or weeks == 0:
            return ""
        first = grid.start + timedelta(weeks=grid.weeks - weeks)
        trained = sum(first <= day <= grid.today for day in grid.days)
        span = "this week" if weeks == 1 else f"these {weeks} weeks"
        return f"{trained} day{'' if trained == 1 else 's'} trained in {span}"

    def _legend(self) -> Text:
        fits = self.content_size.width >= LABEL_WIDTH + len(LEGEND)
        legend = Text(" " * LABEL_WIDTH if fits else "")
        legend.append("less ")
        legend.append(EMPTY, self._style("empty"))
        for number in range(1, 5):
            legend.append(CELL, self._style(f"level-{number}"))
        legend.append("more")
        return legend

    def _style(self, name: str) -> Style:
        # The whole style, so that a colour's transparency is blended with the background.
        return self.get_component_rich_style(f"calendar-heatmap--{name}")
