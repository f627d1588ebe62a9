-- The head office's copy of many sites' events (PostgreSQL 15), loaded from `lobby export`
-- files by ./load. One row an event, keyed by site and seq; partitioned by the month of the
-- business day. Re-running this file is harmless.
CREATE SCHEMA IF NOT EXISTS hq;

CREATE TABLE IF NOT EXISTS hq.events (
    site      text        NOT NULL,
    seq       bigint      NOT NULL,
    day       date        NOT NULL,
    at        timestamptz NOT NULL,
    actor     text        NOT NULL,
    kind      text        NOT NULL,
    ticket    text,
    rep       text,
    detail    text,
    number    integer,
    flags     text        NOT NULL,
    -- The reception the event began, as the site's rules decided it then (call, assist, transfer, claim).
    r_ticket  text,
    r_rep     text,
    r_kind    text,
    r_counted boolean,
    r_rule    text,
    -- For an undo: the seq of the event it took back.
    undoes    bigint,
    -- For a no-show: the seqs of the events whose receptions it took away (nobody was received).
    cancels   bigint[],
    -- For the close of a day: when the waits of visitors never received end.
    closed_at timestamptz,
    prev      text        NOT NULL,
    hash      text        NOT NULL,
    -- The partition key must be part of the key; a seq belongs to one day, so (site, seq) is
    -- unique as well, which ./load checks before it inserts.
    PRIMARY KEY (site, day, seq)
) PARTITION BY RANGE (day);

-- Each partition gets these: the chain look-ups of ./load, and the views' joins.
CREATE INDEX IF NOT EXISTS events_site_seq ON hq.events (site, seq);
CREATE INDEX IF NOT EXISTS events_site_day_ticket ON hq.events (site, day, ticket) WHERE ticket IS NOT NULL;
CREATE INDEX IF NOT EXISTS events_undoes ON hq.events (site, undoes) WHERE undoes IS NOT NULL;

-- The partition for the month of `d`, made when missing.
CREATE OR REPLACE FUNCTION hq.ensure_month(d date) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    first date := date_trunc('month', d)::date;
    name  text := 'events_' || to_char(d, 'YYYYMM');
BEGIN
    IF to_regclass('hq.' || name) IS NULL THEN
        EXECUTE format('CREATE TABLE hq.%I PARTITION OF hq.events FOR VALUES FROM (%L) TO (%L)',
                       name, first, (first + interval '1 month')::date);
    END IF;
END $$;

-- Events an undo did not take back: what the day's figures are made of.
CREATE OR REPLACE VIEW hq.effective_events AS
SELECT e.* FROM hq.events e
WHERE NOT EXISTS (SELECT 1 FROM hq.events u WHERE u.site = e.site AND u.undoes = e.seq AND u.kind = 'undo');

-- Receptions as the site's report has them: begun by an event still in effect, and not
-- taken away by a no-show still in effect.
CREATE OR REPLACE VIEW hq.receptions AS
SELECT e.* FROM hq.effective_events e
WHERE e.r_ticket IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM hq.effective_events n
    WHERE n.site = e.site AND n.day = e.day AND n.kind = 'noshow' AND e.seq = ANY (n.cancels));

-- Per site, day and rep: receptions counted and not counted (lobby report --json: reps[].counted, .uncounted).
CREATE OR REPLACE VIEW hq.rep_day AS
SELECT site, day, r_rep AS rep,
       count(*) FILTER (WHERE r_counted)     AS counted,
       count(*) FILTER (WHERE NOT r_counted) AS uncounted
FROM hq.receptions
GROUP BY site, day, r_rep;

-- Each visitor's wait, in minutes, as the site's report counts it: every ticket checked in and
-- not grouped into another, to its first call (also a call given up as a no-show); never
-- called: to the day's close (not received), or to now while the day is open (still waiting).
CREATE OR REPLACE VIEW hq.ticket_wait AS
SELECT c.site, c.day, c.ticket,
       CASE WHEN first.at IS NOT NULL THEN 'called' WHEN close.closed_at IS NOT NULL THEN 'notReceived' ELSE 'stillWaiting' END AS outcome,
       (CASE WHEN first.at IS NOT NULL THEN extract(epoch FROM first.at)::bigint - extract(epoch FROM c.at)::bigint
             ELSE greatest(0, extract(epoch FROM coalesce(close.closed_at, now()))::bigint - extract(epoch FROM c.at)::bigint)
        END)::double precision / 60 AS minutes
FROM hq.effective_events c
LEFT JOIN LATERAL (
    SELECT r.at FROM hq.effective_events r
    WHERE r.site = c.site AND r.day = c.day AND r.r_ticket = c.ticket
    ORDER BY r.seq LIMIT 1
) first ON true
LEFT JOIN LATERAL (
    SELECT x.closed_at FROM hq.effective_events x
    WHERE x.site = c.site AND x.day = c.day AND x.kind = 'close'
    ORDER BY x.seq LIMIT 1
) close ON true
WHERE c.kind = 'checkin' AND NOT EXISTS (
    SELECT 1 FROM hq.effective_events g
    WHERE g.site = c.site AND g.day = c.day AND g.kind = 'group' AND g.detail = c.ticket);

-- The q quantile of sorted values, linear between the two nearest order statistics, in the
-- very arithmetic of the site (LobbyCore Quantile.of), so a figure rounds the same way.
CREATE OR REPLACE FUNCTION hq.quantile(sorted double precision[], q double precision) RETURNS double precision
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN cardinality(sorted) = 0 THEN 0
                ELSE sorted[lo + 1] * (1 - (pos - lo)) + sorted[least(lo + 1, cardinality(sorted) - 1) + 1] * (pos - lo) END
    FROM (SELECT pos, floor(pos)::int AS lo FROM (SELECT q * (cardinality(sorted) - 1) AS pos) p) r
$$;

-- Per site and day, the figures of lobby report --json: visitors (groups), served, noshows,
-- wait mean and p90 over every visitor who waited (the mean summed in ascending order, as the
-- site sums it), both rounded to 0.1 min as the report prints them, stillWaiting, notReceived.
CREATE OR REPLACE VIEW hq.day_figures AS
WITH days AS (
    SELECT DISTINCT site, day FROM hq.events
), served AS (
    SELECT site, day, count(DISTINCT r_ticket) AS n FROM hq.receptions GROUP BY site, day
), noshows AS (
    SELECT site, day, count(DISTINCT ticket) AS n FROM hq.effective_events WHERE kind = 'noshow' GROUP BY site, day
), waits AS (
    SELECT site, day, count(*) AS n,
           avg(minutes ORDER BY minutes) AS mean,
           hq.quantile(array_agg(minutes ORDER BY minutes), 0.9) AS p90,
           count(*) FILTER (WHERE outcome = 'stillWaiting') AS still_waiting,
           count(*) FILTER (WHERE outcome = 'notReceived') AS not_received
    FROM hq.ticket_wait GROUP BY site, day
)
SELECT d.site, d.day,
       coalesce(w.n, 0) AS visitors,
       coalesce(s.n, 0) AS served,
       coalesce(ns.n, 0) AS noshows,
       floor(coalesce(w.mean, 0) * 10 + 0.5) / 10 AS wait_mean,
       floor(coalesce(w.p90, 0) * 10 + 0.5) / 10 AS wait_p90,
       coalesce(w.still_waiting, 0) AS still_waiting,
       coalesce(w.not_received, 0) AS not_received
FROM days d
LEFT JOIN served s USING (site, day)
LEFT JOIN noshows ns USING (site, day)
LEFT JOIN waits w USING (site, day);
