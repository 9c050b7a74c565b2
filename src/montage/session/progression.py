"""Progression: after a session, each step with rules moves its targets on, or falls back.

A step done at its target (a rep step ended with done and, where a count was typed, at
least its reps; a timed step not skipped; every work step of a repeat's rounds not
skipped) grows by its rules, up to their ``max``. A step missed ``deload.after`` sessions
in a row falls back by ``deload.by``. A step the session did not reach, or stopped in,
counts neither way. Plain functions of plain data: no clock, no file, no log.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Literal, assert_never

from montage.session.rules import Quantity, Rule, Standing, Stored, Targets
from montage.session.timeline import Step, Timeline

Verdict = Literal["made", "missed"]
"""How a session went for a step with rules: done at its target, or not."""


@dataclass(frozen=True, slots=True)
class Kept:
    """What the log keeps of a finished step: enough to judge it against its target."""

    outcome: str
    """How it ended (``montage.session.outcomes``)."""
    reps: int | None = None
    """The reps it records."""
    entered: bool = False
    """Whether the reps were typed in by the user."""


def advance(rule: Rule, standing: Standing, verdict: Verdict) -> Standing:
    """Where a step stands after one more session.

    Args:
        rule: The step's rules.
        standing: Where it stood before the session.
        verdict: How the session went for it.

    Returns:
        Its new standing: grown after ``made`` (no further than ``max``), its misses
        counted after ``missed``, and fallen back when they reach ``deload.after``.
    """
    targets = standing.targets
    if verdict == "made":
        for quantity, growth in rule.growth:
            value = targets.of(quantity)
            if value is None:
                continue
            grown = value + growth.by
            if growth.most is not None:
                grown = min(grown, max(growth.most, 0.0))
            targets = targets.given(quantity, _tidy(quantity, max(grown, value)))
        return replace(standing, targets=targets, misses=0)
    misses = standing.misses + 1
    if rule.deload is None or misses < rule.deload.after:
        return replace(standing, misses=misses)
    for quantity, growth in rule.growth:
        value = targets.of(quantity)
        start = rule.written.of(quantity)
        if value is None or start is None:
            continue
        lowered = _lowered(value, start, growth.by, rule.deload.fraction)
        targets = targets.given(quantity, _tidy(quantity, lowered))
    return replace(standing, targets=targets, misses=0)


def _lowered(value: float, start: float, by: float, fraction: float) -> float:
    """``value`` less ``fraction`` of it, on the ladder of steps of ``by`` that grows from
    ``start``: at least one step lower, never below the ladder's lowest rung above zero."""
    goal = value * (1 - fraction)
    rung = start + math.floor((goal - start) / by + 0.5) * by
    lowest = start - by * math.floor((start - 1e-9) / by)
    return min(value, max(lowest, min(rung, value - by)))


def _tidy(quantity: Quantity, value: float) -> float:
    return round(value, 3) if quantity == "load" else float(round(value))


def verdicts(timeline: Timeline, kept: Mapping[int, Kept]) -> dict[str, Verdict]:
    """How a session went for each step (and repeat) with rules that it reached.

    Args:
        timeline: The workout as the session ran it (its targets progressed).
        kept: What the log keeps of each finished step, by its place in the timeline.

    Returns:
        ``made`` or ``missed`` by rule key; a rule whose steps were not all reached, and
        none of them missed, has none.
    """
    marks: dict[str, list[bool | None]] = {}
    for step in timeline.steps:
        result = kept.get(step.index)
        if step.target is not None:
            marks.setdefault(step.target, []).append(_at_target(step, result))
        if step.kind == "work":
            for key in step.blocks:
                marks.setdefault(key, []).append(_not_skipped(result))
    found: dict[str, Verdict] = {}
    for key, seen in marks.items():
        if False in seen:
            found[key] = "missed"
        elif all(mark is True for mark in seen):
            found[key] = "made"
    return found


def _at_target(step: Step, result: Kept | None) -> bool | None:
    if result is None or result.outcome == "stopped":
        return None
    if step.mode != "reps":
        return result.outcome != "skipped"
    if result.outcome != "done":
        return False
    typed = result.reps if result.entered else None
    return typed is None or step.reps is None or typed >= step.reps


def _not_skipped(result: Kept | None) -> bool | None:
    if result is None or result.outcome == "stopped":
        return None
    return result.outcome != "skipped"


def standings(rules: Iterable[Rule], stored: Iterable[Stored]) -> dict[str, Standing]:
    """Where each rule's step stands, from what the log keeps; an edited file keeps what it can.

    A step is found in the log by its key (its place and exercise); one that moved is
    found by its exercise when that exercise has one rule and one unclaimed entry. A
    target whose start the file has changed since starts again from the file, and one
    above a lowered ``max`` is brought down to it.

    Args:
        rules: The workout's rules.
        stored: The standings the log keeps for the workout.

    Returns:
        The standing of every rule, by key.
    """
    rules = list(rules)
    by_key = {entry.key: entry for entry in stored}
    found: dict[str, Stored] = {rule.key: by_key[rule.key] for rule in rules if rule.key in by_key}
    claimed = {entry.key for entry in found.values()}
    loose = [entry for entry in by_key.values() if entry.key not in claimed]
    unmatched = [rule for rule in rules if rule.key not in found]
    for rule in unmatched:
        same = [entry for entry in loose if entry.exercise == rule.exercise]
        others = [other for other in unmatched if other.exercise == rule.exercise]
        if len(same) == 1 and len(others) == 1:
            found[rule.key] = same[0]
    return {
        rule.key: _reconciled(rule, found[rule.key].standing)
        if rule.key in found
        else Standing.fresh(rule)
        for rule in rules
    }


def _reconciled(rule: Rule, standing: Standing) -> Standing:
    targets = rule.written
    misses = standing.misses
    for quantity, growth in rule.growth:
        start = rule.written.of(quantity)
        if start is None or standing.written.of(quantity) != start:
            continue  # the file starts this one again
        value = standing.targets.of(quantity)
        if value is None:
            continue
        if growth.most is not None:
            value = min(value, max(growth.most, start))
        targets = targets.given(quantity, value)
    return Standing(targets, rule.written, misses)


def after_session(
    timeline: Timeline, before: Mapping[str, Standing], kept: Mapping[int, Kept]
) -> dict[str, Standing]:
    """The new standing of each step with rules that a session reached.

    Args:
        timeline: The workout as the session ran it.
        before: Where each rule stood before the session (``standings``).
        kept: What the log keeps of the session's finished steps.

    Returns:
        The new standings, by rule key; only those the session judged.
    """
    judged = verdicts(timeline, kept)
    return {
        rule.key: advance(rule, before.get(rule.key) or Standing.fresh(rule), judged[rule.key])
        for rule in timeline.rules
        if rule.key in judged
    }


def progressed(timeline: Timeline, now: Mapping[str, Standing]) -> Timeline:
    """The timeline with every step asking its current targets.

    A repeat's rounds are not grown here: the workout is compiled again with them
    (``rounds_wanted``), as only its file knows the steps of a round.

    Args:
        timeline: The workout as its file writes it.
        now: Where each rule stands (``standings``).

    Returns:
        The timeline with its steps' reps, time and load as they stand, and the
        standings kept with it to show.
    """
    steps = []
    for step in timeline.steps:
        rule = timeline.rule(step.target)
        standing = now.get(step.target) if step.target is not None else None
        if rule is not None and standing is not None:
            step = _asking(step, rule, standing.targets)
        steps.append(step)
    kept = tuple((rule.key, now[rule.key]) for rule in timeline.rules if rule.key in now)
    return replace(timeline, steps=tuple(steps), standings=kept)


def _asking(step: Step, rule: Rule, targets: Targets) -> Step:
    for quantity, _ in rule.growth:
        value = targets.of(quantity)
        if value is None:
            continue
        match quantity:
            case "reps":
                step = replace(step, reps=int(value))
            case "seconds":
                step = replace(step, seconds=int(value))
            case "load":
                step = replace(step, load=rule.load_shown(value))
            case "rounds":
                pass  # a repeat's rounds are compiled again (``rounds_wanted``)
            case _:
                assert_never(quantity)
    return step


def rounds_wanted(timeline: Timeline, now: Mapping[str, Standing]) -> dict[str, int]:
    """The repeats whose rounds have grown or fallen back, with how many they now have.

    Args:
        timeline: The workout as its file writes it.
        now: Where each rule stands.

    Returns:
        Rounds by the repeat's place (``Rule.place``); empty when all are as written.
    """
    wanted: dict[str, int] = {}
    for rule in timeline.rules:
        standing = now.get(rule.key)
        if standing is None or rule.written.rounds is None:
            continue
        rounds = standing.targets.rounds
        if rounds is not None and rounds != rule.written.rounds:
            wanted[rule.place] = int(rounds)
    return wanted


@dataclass(frozen=True, slots=True)
class Change:
    """One target that is no longer what the file writes."""

    rule: Rule
    """The step's rules."""
    quantity: Quantity
    """What changed."""
    written: float
    """What the file writes."""
    now: float
    """What the step asks now."""


def changes(timeline: Timeline, key: str | None = None) -> list[Change]:
    """The targets of a progressed timeline that differ from its file.

    Args:
        timeline: A timeline from ``progressed``.
        key: Only this rule's; every rule's by default.

    Returns:
        The changes, in the order the rules are written.
    """
    now = dict(timeline.standings)
    found = []
    for rule in timeline.rules:
        standing = now.get(rule.key)
        if standing is None or (key is not None and rule.key != key):
            continue
        for quantity, _ in rule.growth:
            written = rule.written.of(quantity)
            value = standing.targets.of(quantity)
            if written is not None and value is not None and value != written:
                found.append(Change(rule, quantity, written, value))
    return found
