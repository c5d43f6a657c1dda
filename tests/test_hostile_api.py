"""The API under abuse: coding and writing are rate-limited per key (per address where no key is
needed), answered 429 with Retry-After, against a real `sitrep serve`; keys never reach its log."""
from __future__ import annotations

import json
import tempfile
import urllib.error
import urllib.request
from pathlib import Path

from test_api_support import running_server

from sitrep.api.keys import KeyRing
from sitrep.api.ratelimit import RateLimiter

TEXT = "Gunmen killed 12 people in Gao on Monday, police said."


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_token_bucket_allows_a_burst_then_the_rate():
    clock = Clock()
    limiter = RateLimiter(per_minute=6, burst=2, clock=clock)
    assert limiter.take("k") == 0 and limiter.take("k") == 0
    assert limiter.take("k") == 10.0          # one request every 10 s from now on
    assert limiter.take("other") == 0         # each caller has its own bucket
    clock.now = 10.0
    assert limiter.take("k") == 0 and limiter.take("k") > 0
    assert RateLimiter.retry_after(0.2) == "1"


def post(url: str, body: dict, key: str = ""):
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json", "Authorization": f"Bearer {key}"})
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers)


def test_writes_are_rate_limited_per_key_on_a_real_server(tmp_path, monkeypatch):
    db = str(tmp_path / "api.db")
    with KeyRing(db) as ring:
        first, second = ring.create("first"), ring.create("second")
    monkeypatch.setenv("SITREP_API_WRITE_BURST", "1")
    monkeypatch.setenv("SITREP_API_WRITES_PER_MINUTE", "1")
    with running_server(db) as base:
        assert post(base + "/api/articles", {"text": TEXT, "published": "2024-05-06"}, first)[0] == 201
        status, headers = post(base + "/api/articles", {"text": TEXT + " Again.", "published": "2024-05-06"}, first)
        # the wait left in the minute: less than 60 s by however long the first write took to code
        assert status == 429 and 0 < int(headers["retry-after"]) <= 60
        assert post(base + "/api/articles", {"text": TEXT, "published": "2024-05-06"}, second)[0] == 200
        assert post(base + "/api/code", {"text": TEXT})[0] == 200
        assert post(base + "/api/code", {"text": TEXT})[0] == 429
        logs = [p.read_text(errors="replace") for p in Path(tempfile.gettempdir()).glob("sitrep-serve-*.log")]
        assert logs and not any(first in text or second in text for text in logs)
