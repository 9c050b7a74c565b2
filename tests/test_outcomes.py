"""What a step's outcome means, and a session's results added up: one home for both."""

from __future__ import annotations

from montage.session.events import SessionFinished, StepResult, Totals
from montage.session.outcomes import DONE_OUTCOMES, counts_as_done
from montage.session.timeline import Step


def result(kind: str, outcome: str, seconds: float) -> StepResult:
    step = Step(index=0, kind=kind, name=kind, seconds=10)  # type: ignore[arg-type]
    return StepResult(step, outcome, seconds, 0.0, seconds)  # type: ignore[arg-type]


def test_a_step_counts_as_done_when_it_ran_out_was_done_or_hit_its_cap() -> None:
    assert DONE_OUTCOMES == ("completed", "done", "capped")
    assert [counts_as_done(o) for o in ("completed", "done", "capped", "skipped", "stopped")] == [
        True,
        True,
        True,
        False,
        False,
    ]
    assert result("work", "capped", 3).done
    assert not result("work", "stopped", 3).done


def test_totals_add_up_time_and_steps_with_work_apart() -> None:
    results = (
        result("prepare", "completed", 10),
        result("work", "done", 42.5),
        result("rest", "skipped", 1),
        result("work", "skipped", 2),
        result("work", "stopped", 7),
    )
    totals = Totals.of(results)
    assert totals == Totals(
        active_seconds=62.5,
        work_seconds=49.5,
        steps_done=2,
        steps_skipped=2,
        work_done=1,
        work_skipped=1,
    )
    assert SessionFinished(0.0, "stopped", results).totals == totals
