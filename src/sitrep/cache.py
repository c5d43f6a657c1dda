"""Built-once indexes (gazetteer, knowledge base) pickled between processes.

Both are keyed by a fingerprint of their sources, written atomically so that parallel workers never
read a half-written file, and a read-only home only means rebuilding next time.
"""
from __future__ import annotations

import os
import pickle
import tempfile
from pathlib import Path
from typing import Any


def cache_dir() -> Path:
    """$SITREP_CACHE_DIR, else ~/.cache/sitrep."""
    env = os.environ.get("SITREP_CACHE_DIR")
    return Path(env) if env else Path.home() / ".cache" / "sitrep"


def store_pickle(path: Path, data: Any, stale: str) -> None:
    """Write `data` to `path` atomically, then remove older files matching the glob `stale`."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(data, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        for old in path.parent.glob(stale):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only home still works, it just rebuilds next time
