"""A per-chunk function that kills its own worker process on articles marked CRASH
(imported by spawned pool workers in the fault tests)."""
import os

from ngotext.pipeline import analyze_chunk


def crash_on_marker(chunk, options):
    if any("CRASH" in getattr(item, "text", "") for item in chunk):
        os._exit(13)  # what the OOM killer or a segfault looks like to the pool
    return analyze_chunk(chunk, options)
