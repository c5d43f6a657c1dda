"""sitrep over HTTP: the API, the dashboard it serves, API keys, and the commands that run them.

    from sitrep.api import create_app
    app = create_app("sitrep.db")        # an ASGI app; `sitrep serve` runs it with uvicorn
"""
from __future__ import annotations


def create_app(*args, **kwargs):
    """See `sitrep.api.app.create_app` (imported lazily: `import sitrep.api` stays light)."""
    from .app import create_app as _create

    return _create(*args, **kwargs)


__all__ = ["create_app"]
