"""The half-block engine: big digits with a narrow 1 and dark segments, block letters, the
preview's blocks."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.color import Color

from montage.app.outline import Block, fold, outline
from montage.app.widgets.letters import FONT, arrange, draw, rows_for, spell, wrap
from montage.app.widgets.paint import Palette, gradient, paint
from montage.app.widgets.pixels import LIT, OFF, UNLIT, line_width, pack
from montage.app.widgets.segments import fit, render
from montage.workout.compiler import compile_workout
from montage.workout.loader import parse_workout


def cells(text: str, rows: int, unlit: bool = False) -> list[str]:
    size = fit(text, 400, rows, unlit)
    assert size is not None
    return ["".join(run for run, _, _ in line) for line in render(text, size, unlit)]


def test_two_pixel_rows_make_a_line_of_half_blocks() -> None:
    lines = pack([[LIT, LIT, OFF, UNLIT], [LIT, OFF, LIT, UNLIT]])
    assert lines == ((("█▀▄", LIT, OFF), ("█", UNLIT, OFF)),)  # runs of one colour
    assert pack([[LIT, UNLIT]]) == ((("▀", LIT, OFF), ("▀", UNLIT, OFF)),)
    assert pack([[UNLIT], [LIT]]) == ((("▄", LIT, UNLIT),),)


def test_the_digits_reach_forty_lines_on_a_200_by_60_screen() -> None:
    size = fit("10:00", 200, 40)
    assert size is not None and size.rows == 40
    assert size.columns("10:00") <= 200


def test_a_one_is_narrow_so_eleven_reads_as_eleven() -> None:
    size = fit("11:59", 200, 20)
    assert size is not None
    assert size.columns("11:59") < size.columns("00:59") - size.width
    top = cells("11:59", 20)[5]
    ones = top[: size.columns("11")]
    assert ones.count(" ") <= 2 * size.gap  # no digit-wide hole before either 1


@given(st.integers(0, 5999))
def test_the_size_never_changes_with_the_digits(seconds: int) -> None:
    text = f"{seconds // 60}:{seconds % 60:02d}"
    assert fit(text, 120, 30) == fit("0:00" if seconds < 600 else "00:00", 120, 30)


def test_dark_segments_show_every_digit_as_an_eight_with_the_lit_ones_over_them() -> None:
    size = fit("1", 40, 10, unlit=True)
    assert size is not None
    states = {
        state
        for line in render("1", size, True)
        for _, front, back in line
        for state in (front, back)
    }
    assert states == {OFF, UNLIT, LIT}
    assert size.columns("1", unlit=True) == size.width  # an LED's 1 keeps its cell
    plain = {front for line in render("1", size) for _, front, _ in line}
    assert UNLIT not in plain


def test_a_rep_step_counts_up_with_a_plus() -> None:
    lines = cells("+0:07", 10)
    assert lines and all(len(line) == len(lines[0]) for line in lines)


def test_the_font_spells_names_in_capitals_accents_dropped() -> None:
    assert spell("Crème brûlée") == "CREME BRULEE"
    assert spell("Drago's  Lab") == "DRAGO'S LAB"
    assert (
        spell("Straße \N{EN DASH} 2\N{MULTIPLICATION SIGN}") == "STRASSE - 2\N{MULTIPLICATION SIGN}"
    )
    assert spell("Жим лёжа") is None  # letters the font does not have: plain text instead
    assert spell("") == ""


def test_every_glyph_is_seven_rows_of_one_width() -> None:
    for char, rows in FONT.items():
        assert len(rows) == 7, char
        assert len({len(row) for row in rows}) == 1, char


def test_letters_wrap_at_spaces_and_take_the_biggest_scale_that_fits() -> None:
    assert wrap("OVERHEAD WAGON PRESS", 80, 1, 2) == ["OVERHEAD", "WAGON PRESS"]
    assert wrap("OVERHEAD WAGON PRESS", 40, 1, 2) is None
    assert arrange("Log carry", 200, 8, (1, 2), 2) == (("LOG CARRY",), 2)
    assert arrange("Log carry", 200, 4, (1, 2), 2) == (("LOG CARRY",), 1)
    assert arrange("Log carry", 30, 4, (1, 2), 2) is None
    assert rows_for(1, 1) == 4 and rows_for(2, 1) == 8 and rows_for(1, 3) == 11
    drawn = draw(("GET", "READY"), 1)
    assert len(drawn) == rows_for(2, 1)
    assert len({line_width(line) for line in drawn}) == 1


def test_a_drawing_is_painted_centred_to_the_width_with_a_gradient_down_its_lines() -> None:
    stops = (Color.parse("#ffff00"), Color.parse("#8000ff"))
    colours = gradient(stops, 4)
    assert colours[0] == stops[0] and colours[-1] == stops[-1] and len(set(colours)) == 4
    drawing = draw(("GO",), 1)
    palette = Palette(Color.parse("#000000"), gradient(stops, len(drawing)))
    strips = paint(drawing, 30, 6, palette)
    assert len(strips) == 6 and all(strip.cell_length == 30 for strip in strips)
    assert paint(drawing, 30, 6, palette) is strips  # drawn once per size and colours


BARN = """\
name: Barn
steps:
  - exercise: Warm-up
    time: 1m
  - repeat: 3
    name: Circuit
    rest_between: 1m
    steps:
      - exercise: Sled pull
        time: 45s
      - repeat: 2
        steps:
          - exercise: Press
            reps: 12
      - rest: 20s
  - emom: 4
    steps:
      - exercise: Chin-up
        reps: 5
"""


def test_the_preview_folds_rounds_back_into_their_block() -> None:
    timeline = compile_workout(parse_workout(BARN))
    items = fold(timeline.steps)
    assert [type(item).__name__ for item in items] == ["Step", "Step", "Block", "Block"]
    circuit = items[2]
    assert isinstance(circuit, Block)
    assert (circuit.label, circuit.rounds, circuit.rest_between) == ("Circuit", 3, 60)
    assert circuit.seconds == 3 * (45 + 20) + 2 * 60
    inner = circuit.items[1]
    assert isinstance(inner, Block) and inner.rounds == 2 and inner.rest_between is None
    assert outline(timeline.steps) == [
        "  0:10  Get ready",
        "  1:00  Warm-up",
        "  5:15  3 \N{MULTIPLICATION SIGN} [ Circuit ]   rest 1:00 between",
        "  0:45      Sled pull",
        "  open      2 \N{MULTIPLICATION SIGN} [ Round ]",
        "  open          Press x12",
        "  0:20      Rest",
        "  4:00  4 \N{MULTIPLICATION SIGN} [ EMOM ]",
        "  1:00      every 1:00: Chin-up x5",
    ]
