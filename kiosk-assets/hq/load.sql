-- One export file, read from standard input, in the one transaction psql --single-transaction
-- gives: every check passes and the new rows are inserted, or nothing is.
CREATE TEMP TABLE staging_lines (n bigserial, line text) ON COMMIT DROP;
-- Each line whole, as text: no delimiter or quote character can occur in it.
\copy staging_lines (line) FROM pstdin WITH (FORMAT csv, DELIMITER E'\x1f', QUOTE E'\x1e')

CREATE TEMP TABLE staging ON COMMIT DROP AS
SELECT n,
       j->>'site' AS site, (j->>'seq')::bigint AS seq, (j->>'day')::date AS day, (j->>'at')::timestamptz AS at,
       j->>'actor' AS actor, j->>'kind' AS kind, j->>'ticket' AS ticket, j->>'rep' AS rep, j->>'detail' AS detail,
       (j->>'number')::integer AS number, j->>'flags' AS flags,
       j->'reception'->>'ticket' AS r_ticket, j->'reception'->>'rep' AS r_rep, j->'reception'->>'kind' AS r_kind,
       (j->'reception'->>'counted')::boolean AS r_counted, j->'reception'->>'rule' AS r_rule,
       (j->>'undoes')::bigint AS undoes,
       CASE WHEN jsonb_typeof(j->'cancels') = 'array'
            THEN ARRAY(SELECT jsonb_array_elements_text(j->'cancels')::bigint) END AS cancels,
       (j->>'closedAt')::timestamptz AS closed_at, j->>'prev' AS prev, j->>'hash' AS hash
FROM (SELECT n, line::jsonb AS j FROM staging_lines WHERE line <> '') lines;

DO $$
DECLARE
    bad record;
BEGIN
    SELECT n, site, seq INTO bad FROM staging
    WHERE site IS NULL OR seq IS NULL OR day IS NULL OR at IS NULL OR actor IS NULL OR kind IS NULL
       OR flags IS NULL OR prev IS NULL OR hash IS NULL
    ORDER BY n LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'line %: not a lobby export event (a field is missing); nothing from this file was loaded', bad.n;
    END IF;

    SELECT a.n, a.site, a.seq INTO bad FROM staging a JOIN staging b ON a.site = b.site AND a.seq = b.seq AND a.n > b.n
    ORDER BY a.n LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'line %: site % event seq % appears twice; nothing from this file was loaded', bad.n, bad.site, bad.seq;
    END IF;

    -- A line for an event already loaded must be that event, unchanged.
    SELECT s.n, s.site, s.seq INTO bad FROM staging s JOIN hq.events e ON e.site = s.site AND e.seq = s.seq
    WHERE (s.day, s.at, s.actor, s.kind, s.ticket, s.rep, s.detail, s.number, s.flags, s.r_ticket, s.r_rep, s.r_kind,
           s.r_counted, s.r_rule, s.undoes, s.cancels, s.closed_at, s.prev, s.hash)
          IS DISTINCT FROM
          (e.day, e.at, e.actor, e.kind, e.ticket, e.rep, e.detail, e.number, e.flags, e.r_ticket, e.r_rep, e.r_kind,
           e.r_counted, e.r_rule, e.undoes, e.cancels, e.closed_at, e.prev, e.hash)
    ORDER BY s.n LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'line %: site % event seq % differs from the one already loaded (altered); nothing from this file was loaded',
            bad.n, bad.site, bad.seq;
    END IF;

    -- Every event continues the chain: the event before it (in this file or loaded) exists,
    -- and its hash is this line's prev; the first event of a site has prev "".
    SELECT s.n, s.site, s.seq, s.prev, coalesce(p.hash, e.hash) AS before INTO bad
    FROM staging s
    LEFT JOIN staging p ON p.site = s.site AND p.seq = s.seq - 1
    LEFT JOIN hq.events e ON e.site = s.site AND e.seq = s.seq - 1
    WHERE CASE WHEN s.seq = 1 THEN s.prev <> ''
               ELSE coalesce(p.hash, e.hash) IS NULL OR coalesce(p.hash, e.hash) <> s.prev END
    ORDER BY s.n LIMIT 1;
    IF FOUND THEN
        IF bad.seq <> 1 AND bad.before IS NULL THEN
            RAISE EXCEPTION 'line %: site % event seq % does not continue the chain: seq % is neither loaded nor in this file (a gap); nothing from this file was loaded',
                bad.n, bad.site, bad.seq, bad.seq - 1;
        ELSE
            RAISE EXCEPTION 'line %: site % event seq % does not continue the chain: its prev is not the hash of seq % (altered); nothing from this file was loaded',
                bad.n, bad.site, bad.seq, bad.seq - 1;
        END IF;
    END IF;

    PERFORM hq.ensure_month(m) FROM (SELECT DISTINCT date_trunc('month', day)::date AS m FROM staging) months;
END $$;

INSERT INTO hq.events (site, seq, day, at, actor, kind, ticket, rep, detail, number, flags,
                       r_ticket, r_rep, r_kind, r_counted, r_rule, undoes, cancels, closed_at, prev, hash)
SELECT site, seq, day, at, actor, kind, ticket, rep, detail, number, flags,
       r_ticket, r_rep, r_kind, r_counted, r_rule, undoes, cancels, closed_at, prev, hash
FROM staging ORDER BY site, seq
ON CONFLICT DO NOTHING;
