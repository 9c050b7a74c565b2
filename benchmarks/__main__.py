"""Run every benchmark and print the figures, with ratios against the references.

``python -m benchmarks`` (``make bench``); ``--quick`` for a short smoke run.
"""

from __future__ import annotations

import argparse

from benchmarks import (
    class_spread,
    cue_latency,
    hostile_files,
    launch_cpu_memory,
    log_size,
    postgres_log,
    progress,
    progress_rules,
    serve_cost,
    sound,
    step_timing,
)


def main() -> None:
    """Run the benchmarks and print a report."""
    parser = argparse.ArgumentParser(prog="benchmarks")
    parser.add_argument("--quick", action="store_true", help="short runs, rough figures")
    args = parser.parse_args()

    print("montage benchmarks\n")
    figures = launch_cpu_memory.run(
        launches=3 if args.quick else 15, window=5 if args.quick else 40
    )
    by_name = {f.name: f for f in figures}
    print(f"{'program':<18} {'first frame':>12} {'CPU % of a core':>16} {'peak RSS':>10}")
    for f in figures:
        print(f"{f.name:<18} {f.launch:>10.3f} s {f.cpu_percent:>15.2f}% {f.peak_rss_mb:>7.1f} MB")
    bare = by_name["bare textual"]
    for name in ("montage", launch_cpu_memory.NO_CARD):
        montage = by_name[name]
        print(f"\n{name}, against the bare Textual app and termdown:")
        print(f"  first frame, / bare textual: {montage.launch_against(bare):.2f}x")
        print(f"  CPU, / bare textual:         {montage.cpu_percent / bare.cpu_percent:.2f}x")
        print(f"  peak RSS, / bare textual:    {montage.peak_rss_mb / bare.peak_rss_mb:.2f}x")
        if "termdown" in by_name:
            termdown = by_name["termdown"]
            print(f"  first frame, / termdown:     {montage.launch_against(termdown):.2f}x")
            print(
                f"  CPU, / termdown:             {montage.cpu_percent / termdown.cpu_percent:.2f}x"
            )

    minutes = 0.5 if args.quick else 5.0
    print(f"\nstep starts over a real {minutes:g}-minute session in the app (headless):")
    timing = step_timing.run(minutes=minutes)
    lateness = [value * 1000 for value in timing.lateness]
    first, last = (value * 1000 for value in timing.thirds)
    print(
        f"  steps {len(lateness)}   median {timing.percentile(0.5) * 1000:.2f} ms   "
        f"p99 {timing.percentile(0.99) * 1000:.2f} ms   max {max(lateness):.2f} ms"
    )
    print(
        f"  median lateness, first third {first:.2f} ms, last third {last:.2f} ms; "
        f"trend {timing.growth:+.3f} ms per 100 steps"
    )

    minutes = 0.5 if args.quick else 2.0
    print(f"\ncue due to reaching the sound device, over a {minutes:g}-minute session in the app:")
    for backend in ("simpleaudio", "alsa"):
        latency = cue_latency.run(minutes=minutes, backend=backend)
        if not latency.seconds:
            print(f"  {backend}: no sound reached the device (is ALSA's file plugin available?)")
            continue
        print(
            f"  {backend:<12} sounds {len(latency.seconds)}   "
            f"median {latency.median * 1000:.2f} ms   "
            f"p99 {latency.percentile(0.99) * 1000:.2f} ms   "
            f"max {max(latency.seconds) * 1000:.2f} ms   missing {latency.missing}"
        )
    sound.report(args.quick)

    log_size.report(log_size.run(sessions=10_000 if args.quick else 100_000))
    progress_rules.report(progress_rules.run(tries=5 if args.quick else 20))
    progress.report(progress.run(chart_sessions=10_000 if args.quick else 100_000))
    postgres_log.report(
        postgres_log.run(
            seconds=5.0 if args.quick else 20.0, sessions=100_000 if args.quick else 1_000_000
        )
    )

    print("\nhostile workout files (tests/hostile), beside the shipped Full Montage:")
    hostile_files.report(*hostile_files.run(tries=1 if args.quick else 3))

    serve_cost.report(serve_cost.run(window=5.0 if args.quick else 20.0))
    minutes = 0.5 if args.quick else 3.0
    class_spread.report(class_spread.run(minutes=minutes), minutes)


if __name__ == "__main__":
    main()
