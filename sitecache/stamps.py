"""When each key last changed: what decides whether a cached page is still good.

A change stamps its keys with the clock, after its transaction commits. A
page remembers the clock as it was when its rendering began; it is good
while none of its keys was stamped later. A stamp that is older than the
page's clock was committed before the page read anything, so the page
shows it; a later one may not be in the page, so the page goes.

One more stamp, ``epoch``, stands for every key at once: a write that cannot
say what it changed moves it, and if the stamps are lost (Redis evicted or
restarted) a new epoch is taken, later than every page, so nothing is served
from before the loss.

Where the stamps live must be shared by every process that serves pages:
one Redis hash next to the pages (a hit costs one small round trip), or the
database when the cache is each process's own memory.
"""

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F

from sitecache.models import Stamp

EPOCH = "epoch"
#: The newest stamp of all: what the cached next due time is checked against.
LATEST = "latest"
CLOCK = "clock"


class RedisStamps:
    """Stamps in one Redis hash, with a counter as the clock.

    Redis runs one script at a time, so the counter orders every change and
    every page's start exactly. When the hash is new (first use, or lost) the
    counter starts at Redis's time in microseconds: later than any counter
    value from before, since no site makes a million changes a second.
    """

    START = """
    if redis.call('HEXISTS', KEYS[1], 'clock') == 0 then
      local t = redis.call('TIME')
      local start = tonumber(t[1]) * 1000000 + tonumber(t[2])
      redis.call('HSET', KEYS[1], 'clock', start, 'epoch', start, 'latest', start)
    end
    """
    NOW = START + "return redis.call('HMGET', KEYS[1], 'clock', 'latest')"
    # One script, so a reader never sees some of a change's keys stamped and
    # not the others.
    BUMP = (
        START
        + """
    local now = redis.call('HINCRBY', KEYS[1], 'clock', 1)
    for _, key in ipairs(ARGV) do redis.call('HSET', KEYS[1], key, now) end
    redis.call('HSET', KEYS[1], 'latest', now)
    return now
    """
    )

    #: Pages live in Redis too, shared by every worker (each keeps a copy: ``local``).
    shared = True

    def __init__(self):
        self.client = cache.client.get_client(write=True)
        self.hash = cache.make_key("sitecache:stamps")

    def now(self) -> tuple[int, int]:
        """The clock and the newest stamp, read before a page reads anything."""
        clock, latest = self.client.register_script(self.NOW)(keys=[self.hash])
        return int(clock), int(latest)

    def ask_now(self, pipeline) -> None:
        """Queue the read of ``now`` on ``pipeline``, to ride another round trip
        (``now_from`` reads its answer)."""
        pipeline.hmget(self.hash, [CLOCK, LATEST])

    def now_from(self, answer) -> tuple[int, int]:
        clock, latest = answer
        if clock is None or latest is None:  # no stamps yet, or lost: the script starts them
            return self.now()
        return int(clock), int(latest)

    def read(self, keys) -> dict[str, int | None]:
        names = [EPOCH, LATEST, *keys]
        values = self.client.hmget(self.hash, names)
        pairs = zip(names, values, strict=True)
        return {name: int(v) if v is not None else None for name, v in pairs}

    def bump(self, keys) -> int:
        return int(self.client.register_script(self.BUMP)(keys=[self.hash], args=sorted(keys)))


class DatabaseStamps:
    """Stamps in a table; the clock is a counter row, moved by every change."""

    #: The pages are each worker's own (a local-memory cache).
    shared = False

    def now(self) -> tuple[int, int]:
        """The clock and the newest stamp, read before a page reads anything."""
        found = dict(Stamp.objects.filter(key__in=(CLOCK, LATEST)).values_list("key", "value"))
        if CLOCK not in found:
            self._start()
            return self.now()
        return found[CLOCK], found.get(LATEST, found[CLOCK])

    def _start(self) -> None:
        try:
            with transaction.atomic():
                for key in (CLOCK, EPOCH, LATEST):
                    Stamp.objects.create(key=key, value=1)
        except IntegrityError:  # another process started it first
            pass

    def read(self, keys) -> dict[str, int | None]:
        names = [EPOCH, LATEST, *keys]
        found = dict(Stamp.objects.filter(key__in=names).values_list("key", "value"))
        return {name: found.get(name) for name in names}

    def bump(self, keys) -> int:
        with transaction.atomic():
            if not Stamp.objects.filter(key=CLOCK).update(value=F("value") + 1):
                self._start()
                Stamp.objects.filter(key=CLOCK).update(value=F("value") + 1)
            now = Stamp.objects.select_for_update().get(key=CLOCK).value
            for key in {*keys, LATEST}:
                Stamp.objects.update_or_create(key=key, defaults={"value": now})
        return now


def backend():
    if settings.NEWSROOM_CACHE_GENERATION == "database":
        return DatabaseStamps()
    return RedisStamps()


def current(stamps: dict[str, int | None], keys, since: int) -> bool:
    """Whether a page rendered from clock ``since``, showing ``keys``, still shows them right.

    A key never stamped is as old as the epoch; no epoch means the stamps were
    lost, and so is the page.
    """
    epoch = stamps.get(EPOCH)
    if epoch is None or epoch > since:
        return False
    return all((stamps.get(key) or epoch) <= since for key in keys)
