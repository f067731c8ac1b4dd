"""Runs a pure function over many items in worker processes, for large glossaries.

Rendering 10,000 Markdown bodies or parsing 10,000 YAML files is the same small job many
times; on a machine with several cores it is split over forked workers. Small inputs, and
systems without ``fork``, run in this process: starting workers costs more than it saves.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from typing import Callable, Sequence, TypeVar

T = TypeVar("T")
R = TypeVar("R")

PARALLEL_FROM_ITEMS = 1000


def map_items(function: Callable[[T], R], items: Sequence[T], *, chunk_size: int = 250,
              min_items: int = PARALLEL_FROM_ITEMS) -> list[R]:
    """``[function(item) for item in items]``, in worker processes when that is worth it.

    ``min_items`` is where workers start to pay: fewer for jobs that take milliseconds each.
    """
    workers = min(os.cpu_count() or 1, 8)
    if len(items) < min_items or workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [function(item) for item in items]
    # fork: the workers share the parent's loaded modules and data without re-importing them;
    # frozen, those objects are not visited (and so not copied) by the workers' garbage collector.
    gc.freeze()
    try:
        pool = multiprocessing.get_context("fork").Pool(workers)
    finally:
        gc.unfreeze()
    with pool:
        return pool.map(function, items, chunksize=chunk_size)
