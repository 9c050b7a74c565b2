"""The log's widgets drawn at a fixed size: the calendar heatmap and the progress chart."""

from __future__ import annotations

from datetime import date

from textual.app import App, ComposeResult

from log_data import TODAY
from montage.app.widgets.calendar_heatmap import CalendarHeatmap, level
from montage.app.widgets.progress_chart import ChartPanel, DateAxis, day_number, thinned
from montage.log.charts import Progress, series_of
from montage.log.streaks import Day, calendar_of


class Widgets(App[None]):
    def compose(self) -> ComposeResult:
        yield CalendarHeatmap()


class Chart(App[None]):
    def compose(self) -> ComposeResult:
        yield ChartPanel()


def test_a_series_keeps_the_best_so_far_and_marks_only_what_beat_it() -> None:
    rows: list[tuple[int, str, float | None]] = [(1, "2024-03-01T07:00", 300.0)]
    rows += [(2, "2024-03-02T07:00", 290.0)]
    rows += [(3, "2024-03-03T07:00", 290.0), (4, "2024-03-04T07:00", None)]
    rows += [(5, "2024-03-05T07:00", 295.0), (6, "2024-03-06T07:00", 280.0)]
    time = series_of("finish time", "seconds", False, rows)
    assert [(p.session_id, p.best, p.record) for p in time.points] == [
        (1, 300, False),  # a first time is no record
        (2, 290, True),
        (3, 290, False),  # a tie is not either
        (5, 290, False),
        (6, 280, True),
    ]
    more = series_of("reps", "reps", True, rows)
    assert [p.record for p in more.records] == []  # fewer is never better here


def test_a_long_history_is_thinned_keeping_every_record_and_the_last() -> None:
    rows = [(i, "2024-03-01T07:00", float(1000 - i if i % 997 == 0 else 1000)) for i in range(5000)]
    points = series_of("finish time", "seconds", False, rows).points
    kept = thinned(points, most=100)
    assert 100 <= len(kept) <= 106
    assert {p.session_id for p in points if p.record} <= {p.session_id for p in kept}
    assert kept[-1] == points[-1]
    assert thinned(points[:50], most=100) == list(points[:50])


def test_dates_on_the_axis() -> None:
    day = day_number("2024-03-09T18:00:00+01:00")
    assert day == date(2024, 3, 9).toordinal() + 0.75
    assert DateAxis().get_labels_for_ticks([day, day + 1]) == ["03-09", "03-10"]
    assert DateAxis().get_labels_for_ticks([day, day + 200]) == ["2024-03", "2024-09"]


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


async def test_the_chart_draws_a_series_and_says_what_it_shows() -> None:
    app = Chart()
    async with app.run_test(size=(60, 24)) as pilot:
        panel = app.query_one(ChartPanel)
        rows = [(i, f"2024-03-{i:02d}T07:00:00+01:00", float(10 + i % 3)) for i in range(1, 29)]
        panel.show(Progress("Wagon press", "exercise", (series_of("reps", "reps", True, rows),)))
        await pilot.pause()
        caption = str(panel.query_one(".chart-caption").render())
        assert caption.startswith("reps: 11 reps -> 11 reps  ·  best 12 reps (Drago's line)")
        screen = app.export_screenshot()
        assert "◆" in screen and "03-" in screen
