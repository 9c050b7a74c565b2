"""One follower of a class, for the class benchmark and test: joins, follows to the end, and
prints when each step reached it.

``python -m benchmarks.class_follower ADDRESS CODE NAME`` prints one JSON object: the
step starts as [seq, step, local monotonic time], and the clock offset it measured.
"""

from __future__ import annotations

import asyncio
import json
import sys

from montage.classroom.follower import ClassFollower


async def follow(address: str, code: str, name: str) -> dict[str, object]:
    """Follow the class until the coach's session finishes or the coach goes."""
    ended = asyncio.Event()
    follower = ClassFollower(address)

    def changed() -> None:
        published = follower.published
        if follower.closed is not None or (published and published.snapshot.state == "finished"):
            ended.set()

    follower.on_change = changed
    await follower.join(code, name)
    print("joined", flush=True)
    await asyncio.wait_for(ended.wait(), timeout=3600)
    await follower.close()
    return {
        "starts": follower.step_starts,
        "offset": follower.offset.offset,
        "round_trip": follower.offset.round_trip,
    }


if __name__ == "__main__":
    print(json.dumps(asyncio.run(follow(*sys.argv[1:4]))), flush=True)
