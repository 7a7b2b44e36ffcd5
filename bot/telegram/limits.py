"""Per-user rate limit and per-chat edit throttle (Telegram's flood limits)."""

from __future__ import annotations

import asyncio
import time
from collections import defaultdict, deque


class RateLimiter:
    """At most `per_minute` events per key in any sliding 60-second window."""

    def __init__(self, per_minute: int, clock=time.monotonic):
        self.per_minute = per_minute
        self.clock = clock
        self._events: dict[int, deque] = defaultdict(deque)

    def allow(self, key: int) -> bool:
        now = self.clock()
        events = self._events[key]
        while events and now - events[0] >= 60:
            events.popleft()
        if len(events) >= self.per_minute:
            return False
        events.append(now)
        return True

    def retry_in(self, key: int) -> int:
        events = self._events[key]
        return max(1, int(60 - (self.clock() - events[0])) + 1) if events else 0


class Throttle:
    """True at most once per `interval` seconds per key."""

    def __init__(self, interval: float, clock=time.monotonic):
        self.interval = interval
        self.clock = clock
        self._last: dict[int, float] = {}

    def remaining(self, key: int) -> float:
        """Seconds until the next event for this key is allowed."""
        return max(0.0, self._last.get(key, -1e9) + self.interval - self.clock())

    def hold(self, key: int, seconds: float) -> None:
        """No event for this key for `seconds` (Telegram's flood control asked us to wait)."""
        self._last[key] = max(self._last.get(key, -1e9), self.clock() + seconds - self.interval)

    def mark(self, key: int) -> None:
        self._last[key] = self.clock()

    async def settle(self, key: int) -> None:
        """Wait until an event is allowed, and take it: for a final edit that must not be skipped."""
        await asyncio.sleep(self.remaining(key))
        self.mark(key)

    def ready(self, key: int) -> bool:
        now = self.clock()
        if now - self._last.get(key, -1e9) >= self.interval:
            self._last[key] = now
            return True
        return False
