"""Class mode: one coach's session on many screens, over WebSockets, found with zeroconf.

A front end: the coach's engine is the only source of time, the followers draw
what it publishes. It may import the wings and the app; no wing imports it.
"""
