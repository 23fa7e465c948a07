"""One remembered result per key, made again when what it was made from changes (inside one
process: `mkdocs serve` and the language builds ask again for what did not change)."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

T = TypeVar("T")


def latest(cache: dict, key: Hashable, inputs: object, make: Callable[[], T]) -> T:
    """cache[key]'s result if it was made from `inputs` (==), else make() remembered for them."""
    last = cache.get(key)
    if last is None or last[0] != inputs:
        last = cache[key] = (inputs, make())
    return last[1]
