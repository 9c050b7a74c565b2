"""montage: a retro 80s training-montage workout timer and training log for the terminal."""

__version__ = "0.1.0"
