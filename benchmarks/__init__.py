"""montage's benchmarks: run them with ``make bench``."""
