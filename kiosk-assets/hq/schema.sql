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

-- Per site, day and rep: receptions counted and not counted (lobby report --json: reps[].counted, .uncounted).
CREATE OR REPLACE VIEW hq.rep_day AS
SELECT site, day, r_rep AS rep,
       count(*) FILTER (WHERE r_counted)     AS counted,
       count(*) FILTER (WHERE NOT r_counted) AS uncounted
FROM hq.effective_events
WHERE r_rep IS NOT NULL
GROUP BY site, day, r_rep;

-- Each ticket's wait: minutes from check-in to its first reception.
CREATE OR REPLACE VIEW hq.ticket_wait AS
SELECT c.site, c.day, c.ticket,
       extract(epoch FROM (first.at - c.at))::double precision / 60 AS minutes
FROM hq.events c
JOIN LATERAL (
    SELECT r.at FROM hq.effective_events r
    WHERE r.site = c.site AND r.day = c.day AND r.r_ticket = c.ticket
    ORDER BY r.seq LIMIT 1
) first ON true
WHERE c.kind = 'checkin';

-- Per site and day, the figures of lobby report --json: visitors (a group counting once),
-- served, noshows, wait mean and p90 (percentile_cont: linear between the nearest ranks, as the
-- site computes them), both rounded to 0.1 min as the report prints them.
CREATE OR REPLACE VIEW hq.day_figures AS
WITH days AS (
    SELECT DISTINCT site, day FROM hq.events
), checkins AS (
    SELECT site, day, count(*) AS n FROM hq.events WHERE kind = 'checkin' GROUP BY site, day
), grouped AS (
    SELECT site, day, count(DISTINCT detail) AS n FROM hq.effective_events WHERE kind = 'group' GROUP BY site, day
), served AS (
    SELECT site, day, count(DISTINCT r_ticket) AS n FROM hq.effective_events WHERE r_ticket IS NOT NULL GROUP BY site, day
), noshows AS (
    SELECT n.site, n.day, count(DISTINCT n.ticket) AS n
    FROM hq.effective_events n
    WHERE n.kind = 'noshow' AND NOT EXISTS (
        SELECT 1 FROM hq.effective_events r
        WHERE r.site = n.site AND r.day = n.day AND r.r_ticket = n.ticket AND r.seq > n.seq)
    GROUP BY n.site, n.day
), waits AS (
    SELECT site, day, avg(minutes) AS mean, percentile_cont(0.9) WITHIN GROUP (ORDER BY minutes) AS p90
    FROM hq.ticket_wait GROUP BY site, day
)
SELECT d.site, d.day,
       coalesce(c.n, 0) - coalesce(g.n, 0) AS visitors,
       coalesce(s.n, 0) AS served,
       coalesce(ns.n, 0) AS noshows,
       floor(coalesce(w.mean, 0) * 10 + 0.5) / 10 AS wait_mean,
       floor(coalesce(w.p90, 0) * 10 + 0.5) / 10 AS wait_p90
FROM days d
LEFT JOIN checkins c USING (site, day)
LEFT JOIN grouped g USING (site, day)
LEFT JOIN served s USING (site, day)
LEFT JOIN noshows ns USING (site, day)
LEFT JOIN waits w USING (site, day);
