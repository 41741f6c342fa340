"""Process-wide caches for the render path: shared by every session, one computation per key (cachetools LRU)."""

import threading

from cachetools import LRUCache, cached
from cachetools.keys import hashkey


def shared(max_entries: int, *, keyed: int):
    """Cache a function per process by its first `keyed` positional arguments (plain hashable values); the rest
    are passed through unhashed (functions, frames that the key stands for). Instead of st.cache_resource on the
    hot path: Streamlit's hasher calls inspect.signature for every argument (~0.5 ms a call, and a Role profile
    rerun made ~27 such calls). Concurrent callers of a missing key wait for the one computation; an exception
    is not cached."""
    lock = threading.Lock()
    return cached(LRUCache(maxsize=max_entries), key=lambda *args: hashkey(*args[:keyed]), lock=lock,
                  condition=threading.Condition(lock))


def hashable(value):
    """A hashable stand-in for an option value (lists, dicts and sets as tagged tuples), for cache keys."""
    if isinstance(value, list | tuple):
        return (type(value).__name__, *map(hashable, value))
    if isinstance(value, dict):
        return ("dict", *sorted((k, hashable(v)) for k, v in value.items()))
    if isinstance(value, set | frozenset):
        return ("set", *sorted(map(hashable, value), key=repr))
    return value
