-- Version 19: segment_completed's completion-time sums exact (DECIMAL, stats/macros.sql ql_seconds_sum) instead of
-- DOUBLE, whose sums depended on the order they were added in, so a mean from kept sums could differ in its last
-- digits from a full rebuild's and between two databases of the same logs. Every time is whole microseconds, and the
-- kept DOUBLE sums are off by far less than half of one, so rounding to six places recovers the exact sum.
ALTER TABLE segment_completed ALTER seconds_sum SET DATA TYPE DECIMAL(38, 6) USING round(seconds_sum, 6)::DECIMAL(38, 6);
