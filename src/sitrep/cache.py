"""Built-once data (gazetteer index, knowledge base, parsed YAML, compiled patterns) pickled between
processes, so that `sitrep code` on one article does not pay for building them again.

Everything is keyed by a fingerprint of its sources, written atomically so that parallel workers never
read a half-written file, and a read-only home only means rebuilding next time.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import re
import sys
import tempfile
from array import array
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any, Callable, Sequence, Union

import yaml

YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: the same data, ~10x faster


def cache_dir() -> Path:
    """$SITREP_CACHE_DIR, else ~/.cache/sitrep."""
    env = os.environ.get("SITREP_CACHE_DIR")
    return Path(env) if env else Path.home() / ".cache" / "sitrep"


def store_pickle(path: Path, data: Any, stale: str) -> None:
    """Write `data` to `path` atomically, then remove older files matching the glob `stale`."""
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(data, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        tmp = None
        for old in path.parent.glob(stale):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only home still works, it just rebuilds next time
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)


def load_pickle(path: Path) -> Any:
    """What `store_pickle` wrote to `path`, or None when it is missing or unreadable."""
    try:
        with path.open("rb") as fh:
            return pickle.load(fh)
    except FileNotFoundError:
        return None
    except Exception:  # a truncated or foreign file: rebuild it
        return None


def cached(name: str, key: str, build: Callable[[], Any]) -> Any:
    """`build()`, or what it returned in an earlier process for the same `name` and `key` (one file
    per name: a new key replaces the old file)."""
    path = cache_dir() / f"{name}-{key}.pickle"
    hit = load_pickle(path)
    if isinstance(hit, tuple) and len(hit) == 2 and hit[0] == name:
        return hit[1]
    data = build()
    store_pickle(path, (name, data), stale=f"{name}-*.pickle")
    return data


def _digest(*parts: object) -> str:
    return hashlib.blake2b(repr(parts).encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


def file_key(path: Path) -> str:
    """A fingerprint of a file's content. Not its size and modification time: copies made with
    `cp -p`, rsync or tar keep both across an edit of the same length. Not its place either, so
    checkouts side by side share one cached copy while their files are the same."""
    return hashlib.blake2b(Path(path).read_bytes(), digest_size=8).hexdigest()


# --------------------------------------------------------------------------------------- YAML

def load_yaml(path: Path) -> Any:
    """The parsed YAML file at `path` (safe loader), from a pickled copy while the file's content is
    the same (keyed by a hash of its bytes: reading and hashing them costs far less than parsing).
    One copy per folder and file name is kept, so checkouts side by side only cost a parse when they differ.

    Every call returns a fresh object, so callers may change what they get."""
    path = Path(path)
    raw = path.read_bytes()
    name = f"yaml-{path.parent.name}-{path.stem}"
    cached = cache_dir() / f"{name}-{hashlib.blake2b(raw, digest_size=8).hexdigest()}.pickle"
    hit = load_pickle(cached)
    if isinstance(hit, tuple) and len(hit) == 2 and hit[0] == "yaml":
        return hit[1]
    data = yaml.load(raw.decode("utf-8"), Loader=YAML_LOADER)
    store_pickle(cached, ("yaml", data), stale=f"{name}-*.pickle")
    return data


# ---------------------------------------------------------------------------- regular expressions
#
# Python compiles a pattern in pure Python (re._parser, re._compiler); for the few very large
# patterns built from word lists (tolls.py) that costs most of a second per process. What it produces
# is a list of integers (the matcher's byte code) that only depends on the pattern, its flags and the
# interpreter; that list is kept, and `_sre.compile` (the step `re.compile` ends with) turns it into
# the very same Pattern object next time. `_sre.compile` checks the code it is given; any problem, or
# another interpreter, falls back to plain `re.compile`.

def _compiled_form(pattern: str, flags: int) -> tuple:
    from re import _compiler, _parser  # CPython's own re internals (3.11+)

    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (int(flags | parsed.state.flags), [int(c) for c in code], parsed.state.groups - 1, groupindex, tuple(indexgroup))


def _from_form(pattern: str, form: tuple) -> re.Pattern:
    import _sre

    flags, code, groups, groupindex, indexgroup = form
    return _sre.compile(pattern, flags, code, groups, groupindex, indexgroup)


def compile_patterns(name: str, patterns: Sequence[tuple[str, int]]) -> list[re.Pattern]:
    """`re.compile(pattern, flags)` for each pair, reusing the compiled form an earlier process stored
    under `name` (one file per name, replaced when any pattern changes)."""
    patterns = [(str(p), int(f)) for p, f in patterns]
    try:
        import _sre

        key = _digest(sys.implementation.cache_tag, sys.version, _sre.MAGIC, _sre.CODESIZE, patterns)
    except (ImportError, AttributeError):
        return [re.compile(p, f) for p, f in patterns]
    path = cache_dir() / f"regex-{name}-{key}.pickle"
    forms = load_pickle(path)
    if isinstance(forms, list) and len(forms) == len(patterns):
        try:
            return [_from_form(p, form) for (p, _), form in zip(patterns, forms)]
        except Exception:
            pass  # a form this interpreter refuses: build them again
    try:
        forms = [_compiled_form(p, f) for p, f in patterns]
        compiled = [_from_form(p, form) for (p, _), form in zip(patterns, forms)]
    except Exception:
        return [re.compile(p, f) for p, f in patterns]
    store_pickle(path, forms, stale=f"regex-{name}-*.pickle")
    return compiled


# ------------------------------------------------------------------------------- compact indexes

class FrozenIndex(Mapping):
    """A read-only mapping from strings to an int or a tuple of ints, stored as one string of sorted
    keys and a few arrays of numbers.

    Why: a dict of 400,000 place names takes a third of a second to unpickle (one object per key
    and value); this takes milliseconds, as its parts are a handful of flat buffers. A look-up is a
    binary search over the sorted keys (about 20 string comparisons, a few microseconds).
    """

    __slots__ = ("_keys", "_key_starts", "_values", "_value_starts", "_is_tuple")

    def __init__(self, mapping: Mapping[str, Union[int, tuple]] = MappingProxyType({})):
        keys = sorted(mapping)
        key_starts, values, value_starts, is_tuple = [0], [], [0], bytearray()
        for key in keys:
            key_starts.append(key_starts[-1] + len(key))
            value = mapping[key]
            if isinstance(value, tuple):
                values.extend(value)
                is_tuple.append(1)
            else:
                values.append(value)
                is_tuple.append(0)
            value_starts.append(len(values))
        self._keys = "".join(keys)
        self._key_starts, self._values, self._value_starts = _numbers(key_starts), _numbers(values), _numbers(value_starts)
        self._is_tuple = bytes(is_tuple)

    def _position(self, key: str) -> int:
        """Index of `key` among the sorted keys, or -1."""
        keys, starts = self._keys, self._key_starts
        lo, hi = 0, len(starts) - 1
        while lo < hi:
            mid = (lo + hi) // 2
            if keys[starts[mid]:starts[mid + 1]] < key:
                lo = mid + 1
            else:
                hi = mid
        if lo < len(starts) - 1 and keys[starts[lo]:starts[lo + 1]] == key:
            return lo
        return -1

    def __getitem__(self, key: str) -> Union[int, tuple]:
        i = self._position(key) if isinstance(key, str) else -1
        if i < 0:
            raise KeyError(key)
        return self._value(i)

    def get(self, key, default=None):
        i = self._position(key) if isinstance(key, str) else -1
        return default if i < 0 else self._value(i)

    def _value(self, i: int) -> Union[int, tuple]:
        start, end = self._value_starts[i], self._value_starts[i + 1]
        return tuple(self._values[start:end]) if self._is_tuple[i] else self._values[start]

    def __contains__(self, key) -> bool:
        return isinstance(key, str) and self._position(key) >= 0

    def __iter__(self):
        keys, starts = self._keys, self._key_starts
        return (keys[starts[i]:starts[i + 1]] for i in range(len(starts) - 1))

    def __len__(self) -> int:
        return len(self._key_starts) - 1

    def __reduce__(self):
        return (_frozen_index, (self._keys, self._key_starts, self._values, self._value_starts, self._is_tuple))


def _numbers(numbers: list) -> array:
    """The numbers as a flat array: 32-bit where they fit, else 64-bit."""
    small = all(-2**31 <= n < 2**31 for n in numbers)
    return array("i" if small else "q", numbers)


def _frozen_index(keys, key_starts, values, value_starts, is_tuple) -> FrozenIndex:
    index = FrozenIndex.__new__(FrozenIndex)
    index._keys, index._key_starts, index._values = keys, key_starts, values
    index._value_starts, index._is_tuple = value_starts, is_tuple
    return index
