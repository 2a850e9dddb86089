"""Business time on a list of working intervals, without the ORM.

The intervals come from a working calendar (``resource.calendar``, its
attendances less its leaves) in UTC, sorted and disjoint. Positions are counted
as the hours worked since the first interval began, so that the time worked
between two moments, or the moment after so many hours worked, are found by
bisection: a batch of deadlines costs the two queries of reading the calendar,
not two per deadline.
"""

from bisect import bisect_left, bisect_right
from datetime import timedelta

HOUR = timedelta(hours=1)


class BusinessTime:
    """Working time on ``intervals``: (start, stop) pairs of naive UTC datetimes,
    sorted and disjoint. ``intervals=None`` is round-the-clock time."""

    def __init__(self, intervals=None):
        self.always = intervals is None
        self.starts = []
        self.stops = []
        self.worked = []  # hours worked before each interval begins
        total = 0.0
        for start, stop in intervals or ():
            if stop <= start:
                continue
            self.starts.append(start)
            self.stops.append(stop)
            self.worked.append(total)
            total += (stop - start) / HOUR
        self.total = total

    def _position(self, moment):
        """Hours worked from the first interval to ``moment``."""
        index = bisect_right(self.starts, moment) - 1
        if index < 0:
            return 0.0
        done = min(moment, self.stops[index]) - self.starts[index]
        return self.worked[index] + done / HOUR

    def hours_between(self, start, end):
        """Hours worked from ``start`` to ``end`` (0 if ``end`` is earlier)."""
        if end <= start:
            return 0.0
        if self.always:
            return (end - start) / HOUR
        return self._position(end) - self._position(start)

    def add_hours(self, start, hours):
        """The moment at which ``hours`` of work after ``start`` are done, or None
        when the intervals end first (the caller reads a longer span)."""
        if self.always:
            return start + hours * HOUR
        target = self._position(start) + max(hours, 0.0)
        if hours <= 0:
            return start
        if target > self.total + 1e-9:
            return None
        # The first interval whose end reaches the target.
        index = bisect_left(self.worked, target) - 1
        index = max(index, 0)
        while (
            index + 1 < len(self.starts)
            and self.worked[index] + (self.stops[index] - self.starts[index]) / HOUR
            < target - 1e-9
        ):
            index += 1
        moment = self.starts[index] + (target - self.worked[index]) * HOUR
        # Planned to the second: a deadline is shown and compared at that grain.
        return max(moment.replace(microsecond=0), start)
