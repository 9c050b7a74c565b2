"""The session wing: a workout's timeline, the engine that runs it, and what it reports.

Standard library only and no I/O: every other wing may import it.
"""
