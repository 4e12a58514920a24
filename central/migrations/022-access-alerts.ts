/**
 * Alerts on unusual access, read from the central audit log (desk entries and central operations).
 *
 * - reflect.alert_rules: one rule per kind, with defaults an administrator changes through the
 *   operation alerts.set-rule (reflect_admin only).
 * - reflect.evaluate_alerts() measures each login's activity per window of the rule's length
 *   (windows aligned to the epoch, so the same entries always fall into the same window) and
 *   raises one alert per rule, login and window whose measure exceeds the threshold. Only windows
 *   holding entries appended since the last evaluation are measured again, and an alert is keyed
 *   by (rule, login, window): evaluating twice raises nothing new. An open alert's evidence grows
 *   with late entries of its window; an acknowledged one is never changed again.
 * - Evidence holds counts and ids only (audit entries, customers, cases, exports), never a value.
 * - A desk entry counts at the time the desk wrote it (desk_at), a central operation at its own.
 * - Approvers and administrators read alerts and acknowledge them with a note (alerts.acknowledge),
 *   which the audit log records like every operation.
 */
export const accessAlerts = {
  version: 22,
  name: 'access-alerts',
  sql: /* sql */ `
CREATE TABLE reflect.alert_rules (
  kind            text PRIMARY KEY CHECK (kind IN
                    ('profile_views', 'search_results', 'export_after_hours', 'bulk_changes', 'restricted_access')),
  enabled         boolean NOT NULL DEFAULT true,
  -- An alert is raised when a window's measure is above it.
  threshold       int NOT NULL CHECK (threshold BETWEEN 0 AND 1000000),
  window_minutes  int NOT NULL DEFAULT 60 CHECK (window_minutes BETWEEN 5 AND 1440),
  work_start      time NOT NULL DEFAULT '08:00',
  work_end        time NOT NULL DEFAULT '18:00',
  -- ISO days of the week (1 = Monday).
  work_days       int[] NOT NULL DEFAULT '{1,2,3,4,5}' CHECK (work_days <@ '{1,2,3,4,5,6,7}'),
  time_zone       text NOT NULL DEFAULT 'UTC',
  changed_by      text,
  changed_at      timestamptz NOT NULL DEFAULT now(),
  CHECK (work_start < work_end)
);
INSERT INTO reflect.alert_rules (kind, threshold) VALUES
  ('profile_views', 100), ('search_results', 500), ('export_after_hours', 0),
  ('bulk_changes', 50), ('restricted_access', 0);

CREATE TABLE reflect.alerts (
  id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  rule               text NOT NULL REFERENCES reflect.alert_rules (kind),
  login              text NOT NULL,
  window_start       timestamptz NOT NULL,
  window_end         timestamptz NOT NULL,
  evidence           jsonb NOT NULL,
  raised_at          timestamptz NOT NULL DEFAULT now(),
  acknowledged_by    text,
  acknowledged_at    timestamptz,
  acknowledgement    text CHECK (length(acknowledgement) BETWEEN 1 AND 1000),
  UNIQUE (rule, login, window_start),
  CHECK ((acknowledged_by IS NULL) = (acknowledged_at IS NULL)
     AND (acknowledged_at IS NULL) = (acknowledgement IS NULL))
);
CREATE INDEX alerts_open ON reflect.alerts (raised_at) WHERE acknowledged_at IS NULL;

-- How far the audit log has been evaluated (its chain_seq): chain order is commit order.
CREATE TABLE reflect.alert_evaluation (
  id             int PRIMARY KEY CHECK (id = 1),
  evaluated_seq  bigint NOT NULL,
  evaluated_at   timestamptz
);
INSERT INTO reflect.alert_evaluation VALUES (1, 0, NULL);

-- When an entry happened: the desk's time for a desk entry (when it reads as a real UTC time),
-- else central's. Checked without casting first, so no entry can make the evaluation fail, and
-- without an exception block, which would cost a subtransaction per row.
CREATE FUNCTION reflect.audit_event_time(at timestamptz, details jsonb) RETURNS timestamptz
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN s ~ '^[1-9][0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,6})?Z$'
     AND substr(s, 9, 2)::int <= extract(day FROM make_date(substr(s, 1, 4)::int, substr(s, 6, 2)::int, 1)
                                               + interval '1 month' - interval '1 day')
    THEN s::timestamptz
    ELSE at
  END
  FROM (SELECT details ->> 'desk_at' AS s) d
$$;

-- The customer an entry names (subject customer:N), or null.
CREATE INDEX audit_log_actor_time ON reflect.audit_log (actor, reflect.audit_event_time(at, details));

CREATE FUNCTION reflect.audit_customer_id(subject text) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN subject ~ '^customer:[0-9]{1,18}$' THEN substr(subject, 10)::bigint END
$$;

CREATE FUNCTION reflect.evaluate_alerts() RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = reflect, pg_temp AS $$
DECLARE
  done bigint;
  head bigint;
  raised int;
  updated int;
BEGIN
  -- Two evaluations take turns; the second sees what the first raised.
  SELECT evaluated_seq INTO done FROM reflect.alert_evaluation WHERE id = 1 FOR UPDATE;
  SELECT coalesce(max(chain_seq), 0) INTO head FROM reflect.audit_log;
  IF head <= done THEN
    RETURN jsonb_build_object('raised', 0, 'updated', 0, 'entries', 0);
  END IF;

  WITH fresh AS (
    SELECT a.actor, min(reflect.audit_event_time(a.at, a.details)) AS first_t,
           max(reflect.audit_event_time(a.at, a.details)) AS last_t
    FROM reflect.audit_log a WHERE a.chain_seq > done GROUP BY a.actor
  ),
  -- A window is at most a day long: the entries sharing one with a new entry lie within a day of it.
  entries AS MATERIALIZED (
    SELECT a.id, a.chain_seq, a.actor AS login, a.action, a.subject, a.details, a.op_id,
           reflect.audit_event_time(a.at, a.details) AS t
    FROM reflect.audit_log a JOIN fresh f ON f.actor = a.actor
    WHERE reflect.audit_event_time(a.at, a.details)
          BETWEEN f.first_t - interval '1 day' AND f.last_t + interval '1 day'
  ),
  windowed AS (
    SELECT e.*, r.kind, r.threshold, r.window_minutes,
           to_timestamp(floor(extract(epoch FROM e.t) / (r.window_minutes * 60)) * r.window_minutes * 60) AS ws,
           NOT (extract(isodow FROM e.t AT TIME ZONE r.time_zone)::int = ANY (r.work_days)
                AND (e.t AT TIME ZONE r.time_zone)::time >= r.work_start
                AND (e.t AT TIME ZONE r.time_zone)::time < r.work_end) AS after_hours
    FROM entries e CROSS JOIN reflect.alert_rules r
    WHERE r.enabled
  ),
  touched AS (
    SELECT DISTINCT kind, login, ws FROM windowed WHERE chain_seq > done
  ),
  counted AS (
    SELECT w.*,
      CASE w.kind
        WHEN 'profile_views' THEN w.action = 'customer.viewed'
        WHEN 'search_results' THEN w.action = 'search.results-shown'
        WHEN 'export_after_hours' THEN w.action IN ('export.written', 'case.record-export') AND w.after_hours
        WHEN 'bulk_changes' THEN w.op_id IS NOT NULL AND w.action NOT LIKE 'alerts.%'
        WHEN 'restricted_access' THEN w.action = 'customer.viewed' AND EXISTS (
          SELECT 1 FROM reflect.customers c
          WHERE c.customer_id = reflect.audit_customer_id(w.subject) AND c.restricted)
      END AS counts,
      CASE WHEN w.kind = 'search_results' AND w.details ->> 'shown' ~ '^[0-9]{1,6}$'
        THEN (w.details ->> 'shown')::int ELSE 1 END AS weight
    FROM windowed w JOIN touched USING (kind, login, ws)
  ),
  measured AS (
    SELECT kind, login, ws, max(threshold) AS threshold, max(window_minutes) AS window_minutes,
      sum(weight) AS measure,
      count(*) AS entries,
      (array_agg(id ORDER BY id))[1:50] AS entry_ids,
      (array_agg(DISTINCT reflect.audit_customer_id(subject))
         FILTER (WHERE reflect.audit_customer_id(subject) IS NOT NULL))[1:50] AS customer_ids,
      count(DISTINCT reflect.audit_customer_id(subject)) AS customers,
      (array_agg(DISTINCT substr(subject, 6)) FILTER (WHERE subject ~ '^case:[0-9a-f-]{36}$'))[1:50] AS case_ids,
      (array_agg(DISTINCT details ->> 'exportId')
         FILTER (WHERE details ->> 'exportId' ~ '^[0-9a-f-]{36}$'))[1:50] AS export_ids,
      (array_agg(to_char(t AT TIME ZONE (SELECT time_zone FROM reflect.alert_rules WHERE kind = 'export_after_hours'), 'YYYY-MM-DD HH24:MI') ORDER BY t))[1:50] AS local_times
    FROM counted WHERE counts
    GROUP BY kind, login, ws
  ),
  searched AS (
    SELECT c.login, c.ws, count(DISTINCT c.id) AS searches,
      (array_agg(DISTINCT x.id))[1:50] AS customer_ids
    FROM counted c
    LEFT JOIN LATERAL (
      SELECT value::bigint AS id FROM jsonb_array_elements_text(
        CASE WHEN jsonb_typeof(c.details -> 'customerIds') = 'array' THEN c.details -> 'customerIds' ELSE '[]' END)
      WHERE value ~ '^[0-9]{1,18}$') x ON true
    WHERE c.kind = 'search_results' AND c.counts
    GROUP BY c.login, c.ws
  ),
  by_kind AS (
    SELECT login, ws, jsonb_object_agg(action, n) AS kinds FROM (
      SELECT login, ws, action, count(*) AS n FROM counted
      WHERE kind = 'bulk_changes' AND counts GROUP BY login, ws, action) k
    GROUP BY login, ws
  ),
  proposed AS (
    SELECT m.kind, m.login, m.ws, m.ws + make_interval(mins => m.window_minutes) AS we,
      jsonb_strip_nulls(jsonb_build_object(
        'count', m.measure,
        'threshold', m.threshold,
        'entry_ids', to_jsonb(m.entry_ids),
        'customers', CASE WHEN m.kind IN ('profile_views', 'restricted_access') THEN m.customers END,
        'customer_ids', CASE WHEN m.kind IN ('profile_views', 'restricted_access') THEN to_jsonb(m.customer_ids)
                             WHEN m.kind = 'search_results' THEN to_jsonb(s.customer_ids) END,
        'searches', s.searches,
        'case_ids', CASE WHEN m.kind = 'export_after_hours' THEN to_jsonb(m.case_ids) END,
        'export_ids', CASE WHEN m.kind = 'export_after_hours' THEN to_jsonb(m.export_ids) END,
        'local_times', CASE WHEN m.kind = 'export_after_hours' THEN to_jsonb(m.local_times) END,
        'time_zone', CASE WHEN m.kind = 'export_after_hours'
          THEN (SELECT time_zone FROM reflect.alert_rules WHERE kind = 'export_after_hours') END,
        'by_kind', b.kinds
      )) AS evidence
    FROM measured m
    LEFT JOIN searched s ON m.kind = 'search_results' AND s.login = m.login AND s.ws = m.ws
    LEFT JOIN by_kind b ON m.kind = 'bulk_changes' AND b.login = m.login AND b.ws = m.ws
    WHERE m.measure > m.threshold
  ),
  written AS (
    INSERT INTO reflect.alerts AS al (rule, login, window_start, window_end, evidence)
    SELECT kind, login, ws, we, evidence FROM proposed
    ON CONFLICT (rule, login, window_start) DO UPDATE SET evidence = EXCLUDED.evidence
      WHERE al.acknowledged_at IS NULL AND al.evidence IS DISTINCT FROM EXCLUDED.evidence
    RETURNING (xmax = 0) AS inserted
  )
  SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) INTO raised, updated FROM written;

  UPDATE reflect.alert_evaluation SET evaluated_seq = head, evaluated_at = now() WHERE id = 1;
  RETURN jsonb_build_object('raised', raised, 'updated', updated, 'entries', head - done);
END $$;

-- payload: {kind, enabled, threshold, window_minutes, work_start, work_end, work_days, time_zone}
CREATE FUNCTION reflect.op_alerts_set_rule(p jsonb, actor text) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  r reflect.alert_rules;
BEGIN
  SELECT * INTO r FROM reflect.alert_rules WHERE kind = p ->> 'kind' FOR UPDATE;
  IF NOT FOUND THEN
    RETURN reflect.rejected(format('there is no alert rule "%s"', coalesce(p ->> 'kind', '')));
  END IF;
  IF jsonb_typeof(p -> 'enabled') <> 'boolean' THEN
    RETURN reflect.rejected('say whether the rule is on (enabled: true or false)');
  END IF;
  IF jsonb_typeof(p -> 'threshold') <> 'number' OR (p ->> 'threshold') !~ '^[0-9]{1,7}$'
     OR (p ->> 'threshold')::int > 1000000 THEN
    RETURN reflect.rejected('the threshold is a whole number from 0 to 1000000');
  END IF;
  IF jsonb_typeof(p -> 'window_minutes') <> 'number' OR (p ->> 'window_minutes') !~ '^[0-9]{1,4}$'
     OR (p ->> 'window_minutes')::int NOT BETWEEN 5 AND 1440 THEN
    RETURN reflect.rejected('the window is a whole number of minutes from 5 to 1440');
  END IF;
  IF coalesce(p ->> 'work_start', '') !~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'
     OR coalesce(p ->> 'work_end', '') !~ '^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$'
     OR (p ->> 'work_start')::time >= (p ->> 'work_end')::time THEN
    RETURN reflect.rejected('working hours are a start and a later end, as HH:MM');
  END IF;
  IF jsonb_typeof(p -> 'work_days') <> 'array' OR jsonb_array_length(p -> 'work_days') > 7
     OR EXISTS (SELECT 1 FROM jsonb_array_elements_text(p -> 'work_days') d WHERE d !~ '^[1-7]$') THEN
    RETURN reflect.rejected('working days are ISO days of the week, 1 (Monday) to 7 (Sunday)');
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_timezone_names WHERE name = p ->> 'time_zone') THEN
    RETURN reflect.rejected(format('"%s" is not a time zone central knows (e.g. Europe/Berlin)', left(coalesce(p ->> 'time_zone', ''), 64)));
  END IF;
  UPDATE reflect.alert_rules SET
    enabled = (p ->> 'enabled')::boolean,
    threshold = (p ->> 'threshold')::int,
    window_minutes = (p ->> 'window_minutes')::int,
    work_start = (p ->> 'work_start')::time,
    work_end = (p ->> 'work_end')::time,
    work_days = ARRAY(SELECT DISTINCT d::int FROM jsonb_array_elements_text(p -> 'work_days') d ORDER BY 1),
    time_zone = p ->> 'time_zone',
    changed_by = actor,
    changed_at = now()
  WHERE kind = r.kind;
  RETURN reflect.applied(NULL, jsonb_build_object('rule', r.kind,
    'before', jsonb_build_object('enabled', r.enabled, 'threshold', r.threshold, 'window_minutes', r.window_minutes,
      'work_start', r.work_start, 'work_end', r.work_end, 'work_days', r.work_days, 'time_zone', r.time_zone),
    'after', p - '_op_id'));
END $$;

-- payload: {alert_id, note}
CREATE FUNCTION reflect.op_alerts_acknowledge(p jsonb, actor text) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  a reflect.alerts;
  note text := btrim(coalesce(p ->> 'note', ''));
BEGIN
  IF coalesce(p ->> 'alert_id', '') !~ '^[0-9]{1,18}$' THEN
    RETURN reflect.rejected('name the alert by its number');
  END IF;
  SELECT * INTO a FROM reflect.alerts WHERE id = (p ->> 'alert_id')::bigint FOR UPDATE;
  IF NOT FOUND THEN RETURN reflect.rejected(format('there is no alert %s', p ->> 'alert_id')); END IF;
  IF a.acknowledged_at IS NOT NULL THEN
    RETURN reflect.rejected(format('alert %s was already acknowledged by %s', a.id, a.acknowledged_by));
  END IF;
  IF note = '' THEN RETURN reflect.rejected('an acknowledgement needs a note saying what was found'); END IF;
  IF length(note) > 1000 THEN RETURN reflect.rejected('the note is longer than 1000 characters'); END IF;
  UPDATE reflect.alerts SET acknowledged_by = actor, acknowledged_at = now(), acknowledgement = note
    WHERE id = a.id;
  -- The note is the officer's own words and may name someone: the audit log keeps its length.
  RETURN reflect.applied('alert:' || a.id,
    jsonb_build_object('alert_id', a.id, 'rule', a.rule, 'login', a.login, 'note_length', length(note)));
END $$;

INSERT INTO reflect.operation_kinds VALUES
  ('alerts.set-rule', 'op_alerts_set_rule', 'reflect_admin'),
  ('alerts.acknowledge', 'op_alerts_acknowledge', 'reflect_approver');

GRANT SELECT ON reflect.alerts, reflect.alert_rules TO reflect_approver;
GRANT SELECT ON reflect.alert_evaluation TO reflect_admin;

REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA reflect FROM PUBLIC;
GRANT EXECUTE ON FUNCTION reflect.evaluate_alerts() TO reflect_viewer;
`,
};
