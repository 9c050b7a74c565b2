"""The log's widgets drawn at a fixed size: the calendar heatmap and the bar chart."""

from __future__ import annotations

from datetime import date

from rich.style import Style
from textual.app import App, ComposeResult

from log_data import TODAY
from montage.app.widgets.bar_chart import BarChart, bar_heights
from montage.app.widgets.calendar_heatmap import CalendarHeatmap, level
from montage.log.streaks import Day, calendar_of


class Widgets(App[None]):
    def compose(self) -> ComposeResult:
        yield CalendarHeatmap()
        yield BarChart()


def test_bar_heights_start_a_little_below_the_smallest_value() -> None:
    assert bar_heights([3, 4, 4], rows=5) == [13, 40, 40]
    assert bar_heights([300, 290, 280], rows=1) == [8, 5, 3]
    assert bar_heights([5, 5], rows=2) == [8, 8]  # all alike: half height
    assert bar_heights([0, 0], rows=1) == [4, 4]
    assert bar_heights([], rows=3) == []


def test_a_day_shows_darker_or_brighter_by_its_active_minutes() -> None:
    assert [level(m) for m in (0, 5, 19.9, 20, 39, 40, 59, 60, 180)] == [1, 1, 1, 2, 2, 3, 3, 4, 4]


async def test_the_heatmap_shows_the_weeks_that_fit_with_months_and_a_legend() -> None:
    app = Widgets()
    async with app.run_test(size=(20, 16)) as pilot:
        heatmap = app.query_one(CalendarHeatmap)
        days = {
            date(2024, 2, 28): Day(1, 305),
            date(2024, 3, 4): Day(2, 3000),
            date(2024, 3, 9): Day(1, 1500),
        }
        heatmap.calendar = calendar_of(days, TODAY, weeks=12)
        await pilot.pause()
        assert heatmap.weeks_shown() == 8
        assert str(heatmap.render()).splitlines() == [
            "    Jan   Feb    Mar",  # Mar moves a column left to fit
            "Mon · · · · · · · ■ ",
            "    · · · · · · · · ",
            "Wed · · · · · · ■ · ",
            "    · · · · · · · · ",
            "Fri · · · · · · · · ",
            "    · · · · · · · ■ ",
            "Sun · · · · · · · · ",  # today, nothing yet
            "less · ■ ■ ■ ■ more",
            "3 days trained in these 8 weeks",
        ]


async def test_the_chart_narrows_its_bars_as_values_crowd_in() -> None:
    app = Widgets()
    async with app.run_test(size=(20, 16)) as pilot:
        chart = app.query_one(BarChart)
        chart.values = (280, 270, 275)
        chart.marked = 1
        await pilot.pause()
        assert chart.bars() == (3, 3, 1)
        assert str(chart.render()).splitlines() == [
            "███        ",
            "███        ",
            "███     ███",
            "███     ███",
            "███ ███ ███",
            "███ ███ ███",
        ]
        chart.values = tuple(range(1, 11))
        assert chart.bars() == (10, 1, 1)
        chart.values = tuple(range(1, 30))
        await pilot.pause()
        assert chart.bars() == (20, 1, 0)  # the last 20 that fit, without gaps
        assert str(chart.render()).splitlines()[-1] == "█" * 20


async def test_every_month_is_labelled_and_today_keeps_its_colour() -> None:
    app = Widgets()
    async with app.run_test(size=(36, 16)) as pilot:
        heatmap = app.query_one(CalendarHeatmap)
        today = date(2024, 11, 30)  # a Saturday; 16 weeks back begins in August
        heatmap.calendar = calendar_of({today: Day(1, 3600)}, today, weeks=16)
        await pilot.pause()
        assert heatmap.weeks_shown() == 16
        months = str(heatmap.render()).splitlines()[0].split()
        assert months == ["Aug", "Sep", "Oct", "Nov"] or months == ["Sep", "Oct", "Nov"]
        assert "Sep" in months and "Oct" in months and "Nov" in months
        assert heatmap.caption() == "1 day trained in these 16 weeks"
        saturday = heatmap.render().split()[6]
        column = 4 + 2 * 15  # today: the last week's cell
        styles = [s.style for s in saturday.spans if s.start <= column < s.end]
        shown = Style.combine(style for style in styles if isinstance(style, Style))
        trained = heatmap.get_component_rich_style("calendar-heatmap--level-4")
        assert shown.underline and shown.color == trained.color
