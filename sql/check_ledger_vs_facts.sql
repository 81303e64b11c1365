-- check_ledger_vs_facts: the ledger, the submissions and the facts tell the same story.
-- Must return zero rows. Columns: problem, subject, rows.
WITH subs AS (
    SELECT * FROM dim_submission WHERE submission_key <> '00000000000000000000000000000000'
),
ledger_content AS (
    SELECT sha256, list(DISTINCT status) AS statuses FROM ingest_ledger
    WHERE status IN ('loaded', 'superseded', 'withdrawn') GROUP BY sha256
),
problems AS (
    SELECT 'submission without a loaded/superseded/withdrawn ledger row' AS problem, s.sha256 AS subject, 1 AS n
    FROM subs AS s ANTI JOIN ledger_content AS l USING (sha256)
    UNION ALL
    SELECT 'ledger says loaded/superseded/withdrawn but no submission', l.sha256, 1
    FROM ledger_content AS l ANTI JOIN subs AS s USING (sha256)
    UNION ALL
    SELECT 'ledger status disagrees with dim_submission.is_current', l.path || ' ' || l.status, 1
    FROM ingest_ledger AS l JOIN subs AS s USING (sha256)
    WHERE (l.status = 'loaded' AND NOT s.is_current) OR (l.status IN ('superseded', 'withdrawn') AND s.is_current)
    UNION ALL
    SELECT 'rejected file without a reason', l.path, 1
    FROM ingest_ledger AS l WHERE l.status = 'rejected' AND (l.reason IS NULL OR l.reason = '')
    UNION ALL
    SELECT 'unknown ledger status', l.path || ' ' || l.status, 1
    FROM ingest_ledger AS l WHERE l.status NOT IN ('loaded', 'rejected', 'duplicate', 'superseded', 'withdrawn')
    UNION ALL
    SELECT 'withdrawn file without a reason', l.path, 1
    FROM ingest_ledger AS l WHERE l.status = 'withdrawn' AND (l.reason IS NULL OR l.reason = '')
    UNION ALL
    SELECT 'withdrawn submission not recorded in ingest_withdrawal', l.path, 1
    FROM ingest_ledger AS l WHERE l.status = 'withdrawn'
      AND l.sha256 NOT IN (SELECT sha256 FROM ingest_withdrawal)
    UNION ALL
    SELECT 'project rows differ from the submission''s project_count', s.sha256,
           abs(s.project_count - (SELECT count(*) FROM fct_project_budget AS f WHERE f.submission_key = s.submission_key))
    FROM subs AS s
    WHERE s.kind = 'targets'
      AND s.project_count <> (SELECT count(*) FROM fct_project_budget AS f WHERE f.submission_key = s.submission_key)
    UNION ALL
    SELECT 'indicator rows differ from the submission''s indicator_count', s.sha256,
           abs(s.indicator_count - (SELECT count(*) FROM fct_indicator_target AS f WHERE f.submission_key = s.submission_key))
    FROM subs AS s
    WHERE s.kind = 'targets'
      AND s.indicator_count <> (SELECT count(*) FROM fct_indicator_target AS f WHERE f.submission_key = s.submission_key)
    UNION ALL
    SELECT 'self-evaluated projects differ from the submission''s project_count', s.sha256,
           abs(s.project_count - (SELECT count(*) FROM fct_selfeval_project AS f
                                  WHERE f.submission_key = s.submission_key AND f.subject = 'project'))
    FROM subs AS s
    WHERE s.kind = 'self_evaluation'
      AND s.project_count <> (SELECT count(*) FROM fct_selfeval_project AS f
                              WHERE f.submission_key = s.submission_key AND f.subject = 'project')
    UNION ALL
    SELECT 'result rows differ from the self-evaluation''s indicator_count', s.sha256,
           abs(s.indicator_count - (SELECT count(*) FROM fct_indicator_result AS f
                                    WHERE f.submission_key = s.submission_key AND f.project_seq > 0))
    FROM subs AS s
    WHERE s.kind = 'self_evaluation'
      AND s.indicator_count <> (SELECT count(*) FROM fct_indicator_result AS f
                                WHERE f.submission_key = s.submission_key AND f.project_seq > 0)
    UNION ALL
    SELECT 'more than one current submission for a unit, year and kind',
           s.division_code || ' ' || s.unit_code || ' ' || s.fiscal_year || ' ' || s.kind, count(*)
    FROM subs AS s
    WHERE s.is_current AND s.unit_code IS NOT NULL AND s.fiscal_year IS NOT NULL
    GROUP BY s.division_code, s.unit_code, s.fiscal_year, s.kind HAVING count(*) > 1
    UNION ALL
    SELECT 'no current submission for a unit, year and kind',
           s.division_code || ' ' || s.unit_code || ' ' || s.fiscal_year || ' ' || s.kind, 1
    FROM subs AS s
    GROUP BY s.division_code, s.unit_code, s.fiscal_year, s.kind
    -- a unit-year whose latest submission was withdrawn has none current, on purpose
    HAVING NOT bool_or(s.is_current)
       AND NOT bool_or(s.sha256 IN (SELECT sha256 FROM ingest_withdrawal))
)
SELECT problem, subject, n AS rows
FROM problems
ORDER BY problem, subject;
