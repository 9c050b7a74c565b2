"""No sound device, a broken WAV, a missing sound: the session goes on silently, with one notice."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from fakes import FakeClock
from montage.paths import shipped_sounds_dir
from montage.session.engine import Engine
from montage.session.events import Event, SessionFinished
from montage.sound.backends import AudioError, Playing, SilentBackend, Stream, open_backend
from montage.sound.bank import Sound, SoundError, load_bank, read_wav
from montage.sound.player import Player
from montage.workout.compiler import compile_workout
from montage.workout.loader import parse_workout

WORKOUT = "name: Quiet\nprepare: 4\nsteps:\n  - exercise: Chop\n    time: 6\n  - rest: 4\n"


class BrokenDevice:
    """A sound card that fails every time, as a busy or missing one does."""

    name = "broken"

    def __init__(self) -> None:
        self.tries = 0

    def open(self, rate: int) -> Stream:
        self.tries += 1
        raise AudioError("device busy")


def run_session(
    player: Player, clock: FakeClock, workout: str = WORKOUT, start: bool = True
) -> list[Event]:
    """Run a session on the fake clock, letting the player catch up at every deadline."""
    engine = Engine(compile_workout(parse_workout(workout)), clock)
    if start:
        player.start()
    assert player.wait_ready()
    events = engine.start()
    for event in events:
        player(event)
    while engine.state != "finished":
        assert player.wait_idle()
        deadline = engine.next_deadline()
        assert deadline is not None
        clock.now = deadline
        for event in engine.poll():
            events.append(event)
            player(event)
    assert player.wait_idle()
    player.close()
    return events


def test_a_failing_device_gives_one_notice_and_the_session_still_ends() -> None:
    clock = FakeClock(start=0.0)
    notices: list[str] = []
    device = BrokenDevice()
    timeline = compile_workout(parse_workout(WORKOUT))
    player = Player(
        device,
        lambda: load_bank(timeline, shipped_sounds_dir()),
        timeline,
        clock,
        notify=notices.append,
    )
    events = run_session(player, clock)
    assert isinstance(events[-1], SessionFinished) and events[-1].status == "completed"
    assert device.tries == 1
    assert len(notices) == 1 and "device busy" in notices[0] and "silently" in notices[0]
    assert player.played == []


class FirstBufferFails:
    """A buffer device on a machine with no sound card, where only playing tells."""

    name = "no card"

    def __init__(self) -> None:
        self.plays = 0

    def play(self, sound: Sound) -> Playing:
        self.plays += 1
        raise AudioError("Error opening PCM device")


class NoCard(FirstBufferFails):
    """simpleaudio through ALSA with no sound card: the device cannot be opened."""

    def check(self) -> None:
        raise AudioError("Error opening PCM device (No such file or directory)")


def test_with_no_card_the_notice_comes_as_the_session_starts_not_at_its_first_cue() -> None:
    clock = FakeClock(start=0.0)
    notices: list[str] = []
    device = NoCard()
    timeline = compile_workout(parse_workout(WORKOUT))
    player = Player(
        device,
        lambda: load_bank(timeline, shipped_sounds_dir()),
        timeline,
        clock,
        notify=notices.append,
    )
    player.start()
    assert player.wait_ready() and player.wait_idle()
    assert len(notices) == 1 and notices[0].startswith("No sound") and "silently" in notices[0]
    events = run_session(player, clock, start=False)
    assert isinstance(events[-1], SessionFinished) and events[-1].status == "completed"
    assert device.plays == 0 and len(notices) == 1


def test_a_device_that_fails_at_its_first_buffer_gives_one_notice_and_no_crash() -> None:
    clock = FakeClock(start=0.0)
    notices: list[str] = []
    device = FirstBufferFails()
    timeline = compile_workout(parse_workout(WORKOUT))
    player = Player(
        device,
        lambda: load_bank(timeline, shipped_sounds_dir()),
        timeline,
        clock,
        notify=notices.append,
    )
    events = run_session(player, clock)  # waits on the player's thread at every deadline
    assert isinstance(events[-1], SessionFinished) and events[-1].status == "completed"
    assert device.plays == 1 and len(notices) == 1 and "silently" in notices[0]


def test_mute_is_silent_without_a_notice() -> None:
    backend, notice = open_backend(mute=True)
    assert isinstance(backend, SilentBackend) and notice is None


def test_a_missing_sound_library_falls_back_to_silence_with_a_notice(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "simpleaudio", None)
    backend, notice = open_backend(mute=False)
    assert isinstance(backend, SilentBackend)
    assert notice is not None and notice.startswith("No sound") and "simpleaudio" in notice


def test_a_broken_user_wav_is_reported_and_the_built_in_cue_plays(tmp_path: Path) -> None:
    (tmp_path / "tick.wav").write_bytes(b"RIFF\x00\x00not really a wave file")
    timeline = compile_workout(parse_workout(WORKOUT))
    bank = load_bank(timeline, shipped_sounds_dir(), tmp_path)
    assert len(bank.problems) == 1 and "tick.wav" in bank.problems[0]
    assert bank.cues["tick"] == read_wav(shipped_sounds_dir() / "tick.wav")


def test_a_beat_wav_of_yours_is_reported_once_since_the_score_took_its_place(
    tmp_path: Path,
) -> None:
    (tmp_path / "beat.wav").write_bytes((shipped_sounds_dir() / "tick.wav").read_bytes())
    timeline = compile_workout(parse_workout(WORKOUT))
    bank = load_bank(timeline, shipped_sounds_dir(), tmp_path)
    assert len(bank.problems) == 1 and "beat.wav: the score has taken" in bank.problems[0]
    assert "beat" not in bank.cues


def test_a_fifo_a_device_or_a_huge_wav_is_refused_before_it_is_read(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "go.wav"
    os.mkfifo(fifo)
    with pytest.raises(SoundError, match="FIFO"):
        read_wav(fifo)  # would block for ever if it were opened
    with pytest.raises(SoundError, match="not a sound file"):
        read_wav(Path("/dev/zero"))
    huge = tmp_path / "huge.wav"
    with huge.open("wb") as out:
        out.truncate(500 * 1024 * 1024)  # sparse: 500 MB on paper
    with pytest.raises(SoundError, match="too big"):
        read_wav(huge)
    good = (shipped_sounds_dir() / "tick.wav").read_bytes()
    lying = tmp_path / "lying.wav"
    lying.write_bytes(good[:40] + (2**31).to_bytes(4, "little") + good[44:])
    with pytest.raises(SoundError):
        read_wav(lying)


def test_an_oversized_user_cue_gives_one_notice_and_the_built_in_one_plays(
    tmp_path: Path,
) -> None:
    with (tmp_path / "go.wav").open("wb") as out:
        out.truncate(500 * 1024 * 1024)
    timeline = compile_workout(parse_workout(WORKOUT))
    bank = load_bank(timeline, shipped_sounds_dir(), tmp_path)
    assert len(bank.problems) == 1 and "too big" in bank.problems[0]
    assert bank.cues["go"] == read_wav(shipped_sounds_dir() / "go.wav")


def test_a_missing_step_sound_gives_one_notice_and_the_other_cues_still_play(
    tmp_path: Path,
) -> None:
    from harness import RecordingBackend

    workout = WORKOUT.replace("time: 6", f"time: 6\n    sound: {tmp_path / 'gone.wav'}")
    timeline = compile_workout(parse_workout(workout))
    clock = FakeClock(start=0.0)
    notices: list[str] = []
    backend = RecordingBackend()
    player = Player(
        backend,
        lambda: load_bank(timeline, shipped_sounds_dir()),
        timeline,
        clock,
        notify=notices.append,
    )
    run_session(player, clock, workout)
    assert len(notices) == 1 and "gone.wav" in notices[0]
    names = [name for name, _, _ in player.played]
    assert names[:3] == ["tick", "tick", "tick"] and "rest" in names and "step" not in names


def test_a_beat_off_workout_plays_cues_but_no_beat() -> None:
    from harness import RecordingBackend

    workout = WORKOUT.replace("prepare: 4", "prepare: 4\nbpm: off")
    timeline = compile_workout(parse_workout(workout))
    assert timeline.bpm is None
    clock = FakeClock(start=0.0)
    player = Player(
        RecordingBackend(), lambda: load_bank(timeline, shipped_sounds_dir()), timeline, clock
    )
    run_session(player, clock, workout)
    names = [name for name, _, _ in player.played]
    assert "go" in names and "beat" not in names


def test_the_beat_setting_off_plays_no_beat() -> None:
    from harness import RecordingBackend

    timeline = compile_workout(parse_workout(WORKOUT))
    clock = FakeClock(start=0.0)
    player = Player(
        RecordingBackend(),
        lambda: load_bank(timeline, shipped_sounds_dir()),
        timeline,
        clock,
        beat=False,
    )
    run_session(player, clock)
    names = [name for name, _, _ in player.played]
    assert "go" in names and "beat" not in names


def test_a_wav_with_a_damaged_header_is_a_clear_sound_error(tmp_path: Path) -> None:
    good = (shipped_sounds_dir() / "tick.wav").read_bytes()
    damaged = tmp_path / "bad.wav"
    damaged.write_bytes(good[:16] + (60).to_bytes(4, "little") + good[20:])  # fmt chunk too long
    with pytest.raises(SoundError, match="not a readable WAV file"):
        read_wav(damaged)


PAUSED_WORKOUT = (
    "name: Paused\nprepare: 1\nsteps:\n  - rest: 20\n"
    "  - exercise: Chop\n    time: 30\n  - exercise: Carry\n    time: 30\n"
)


def steer(commands: dict[float, str], until: float) -> list[tuple[str, float]]:
    """Run PAUSED_WORKOUT on a fake clock with engine commands at given moments; return the
    beats played, with the moment each was due."""
    from harness import RecordingBackend

    timeline = compile_workout(parse_workout(PAUSED_WORKOUT))
    clock = FakeClock(start=0.0)
    player = Player(
        RecordingBackend(), lambda: load_bank(timeline, shipped_sounds_dir()), timeline, clock
    )
    player.start()
    assert player.wait_ready()
    engine = Engine(timeline, clock)
    for event in engine.start():
        player(event)
    moments = sorted(commands)
    while clock.now < until:
        deadline = engine.next_deadline()
        command_at = moments[0] if moments else None
        if command_at is not None and (deadline is None or command_at <= deadline):
            clock.now = moments.pop(0)
            events = getattr(engine, commands[command_at])()
        elif deadline is not None:
            clock.now = deadline
            events = engine.poll()
        else:
            break
        for event in events:
            player(event)
        assert player.wait_idle()
    player.close()
    return [(name, due) for name, due, _ in player.played if name == "beat"]


def test_back_to_a_rest_while_paused_keeps_the_rest_silent_after_resume() -> None:
    beats = steer({25.0: "pause", 26.0: "back", 60.0: "resume"}, until=90.0)
    assert [due for _, due in beats] == [pytest.approx(21.0), pytest.approx(80.0, abs=0.03)]


def test_skip_while_paused_starts_the_beat_at_resume_not_before() -> None:
    beats = steer({25.0: "pause", 26.0: "skip", 40.0: "resume"}, until=50.0)
    assert [due for _, due in beats] == [pytest.approx(21.0), pytest.approx(40.0, abs=0.03)]


SCORED = "name: Scored\nbpm: 150\nprepare: 4\nsteps:\n  - exercise: Chop\n    time: 6\n"


def _made_with(device: object, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What the player renders as a session of ``SCORED`` starts on ``device``."""
    from montage import memory
    from montage.sound import score

    made: list[str] = []
    real = score.render_score

    def render(bpm: int) -> score.Score:
        made.append("score")
        return real(bpm)

    def give_back() -> bool:
        made.append("given back")
        return True

    def speak() -> tuple[dict[str, Sound], list[str]]:
        made.append("voice")
        return {}, []

    monkeypatch.setattr(score, "render_score", render)
    monkeypatch.setattr(memory, "give_back", give_back)
    timeline = compile_workout(parse_workout(SCORED))
    player = Player(
        device,  # type: ignore[arg-type]
        lambda: load_bank(timeline, shipped_sounds_dir()),
        timeline,
        FakeClock(start=0.0),
        speech=speak,
    )
    player.start()
    assert player.wait_ready() and player.wait_idle()
    player.close()
    return made


def test_with_no_card_neither_the_voice_nor_the_score_is_rendered(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert _made_with(NoCard(), monkeypatch) == []
    assert _made_with(SilentBackend(), monkeypatch) == []


def test_with_a_device_both_are_rendered_and_their_memory_given_back_once_both_are(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from harness import RecordingBackend

    made = _made_with(RecordingBackend(), monkeypatch)
    assert sorted(made[:2]) == ["score", "voice"] and made[2:] == ["given back"]
