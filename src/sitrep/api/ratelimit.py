"""Rate limits for the API's writing and coding endpoints: one key (or one client address) cannot make
the server code articles faster than the limit, so a leaked key or a busy script slows down instead of
filling the store or starving readers. A token bucket per caller: `burst` requests at once, then
`per_minute` a minute; over the limit the answer is 429 with Retry-After."""
from __future__ import annotations

import math
import threading
import time
from typing import Callable

WRITES_PER_MINUTE = 60.0
WRITE_BURST = 20


class RateLimiter:
    def __init__(self, per_minute: float = WRITES_PER_MINUTE, burst: int = WRITE_BURST,
                 clock: Callable[[], float] = time.monotonic):
        self.rate = per_minute / 60.0
        self.burst = float(max(1, burst))
        self.clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}   # caller -> (tokens, when counted)
        self._lock = threading.Lock()

    def take(self, caller: str) -> float:
        """Spend one request of `caller`: 0 when allowed, else the seconds until one is."""
        now = self.clock()
        with self._lock:
            tokens, then = self._buckets.get(caller, (self.burst, now))
            tokens = min(self.burst, tokens + (now - then) * self.rate)
            if tokens >= 1.0:
                self._buckets[caller] = (tokens - 1.0, now)
                if len(self._buckets) > 100_000:  # forget full buckets, so memory stays bounded
                    self._buckets = {k: v for k, v in self._buckets.items() if v[0] < self.burst - 1}
                return 0.0
            self._buckets[caller] = (tokens, now)
            return (1.0 - tokens) / self.rate if self.rate > 0 else math.inf

    @staticmethod
    def retry_after(wait: float) -> str:
        return str(max(1, math.ceil(wait))) if math.isfinite(wait) else "3600"
