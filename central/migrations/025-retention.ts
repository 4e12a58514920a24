/**
 * Retention of personal data: how long rows about a person are kept, and what happens to them
 * after (GDPR Art. 5(1)(e)). Not the change log's retention (migration 13), which is about
 * replication, not people.
 *
 * - reflect.retention_policies: one per data category (transactional = orders, behavioural =
 *   events, communications = interactions) or per table (any table whose rows name a customer
 *   through a single-column foreign key); a table's own policy wins over its category's. Keep
 *   N days or years after the row's event (its date column) or after the person's last activity
 *   (customers.last_active, never earlier than the row's own event), then delete or anonymise.
 *   The seed's examples are installed as defaults that stay unconfirmed: an unconfirmed policy
 *   is previewed but never removes anything. Set, remove, confirm and the schedule are an
 *   administrator's changes and take a fresh two-step code (migration 23).
 * - The removal reuses erasure's reflect.erasure_apply: "delete" deletes the rows, "anonymise"
 *   unlinks them from the person and applies the table's erasure column rules, so retention and
 *   erasure blank the same fields the same way, and the change log (triggers) tells every desk.
 *   An anonymised row is no longer linked to anyone, so a second run finds nothing to do.
 * - reflect.legal_holds: a hold on a customer or on a case (its subjects, and records merged
 *   into them) pauses retention for their rows until released; the run log counts what it
 *   skipped. Approvers and administrators place and release holds.
 * - Central has no daemon of its own. reflect.run_retention_if_due() runs the schedule's latest
 *   slot once: every desk calls it after each sync and `reflect central retention run` calls it
 *   too, so the purge happens at the first sync after the slot. A transaction-scoped advisory
 *   lock makes two callers take turns (the one that waits finds the slot done), and a run that
 *   fails is rolled back, logged with its error, and tried again at the next slot.
 * - The clock is a parameter (p_now) only the schema's owner may pass, so tests fix it and no
 *   login can purge early by claiming a later date.
 * - The run log (reflect.retention_runs) keeps counts and row ids, never a value.
 */
export const retention = {
  version: 25,
  name: 'retention',
  sql: /* sql */ `
CREATE TABLE reflect.retention_policies (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  category      text UNIQUE CHECK (category IN ('transactional', 'behavioural', 'communications')),
  table_name    text UNIQUE CHECK (length(table_name) BETWEEN 3 AND 127),
  keep_amount   int NOT NULL CHECK (keep_amount >= 1),
  keep_unit     text NOT NULL CHECK (keep_unit IN ('days', 'years')),
  -- Nominal days (a year as 365) for readers that want one number; the run counts calendar years.
  keep_days     int GENERATED ALWAYS AS (CASE WHEN keep_unit = 'years' THEN keep_amount * 365 ELSE keep_amount END) STORED,
  period_text   text GENERATED ALWAYS AS (keep_amount::text || ' ' ||
                  CASE WHEN keep_amount = 1 THEN rtrim(keep_unit, 's') ELSE keep_unit END) STORED,
  anchor        text NOT NULL CHECK (anchor IN ('event', 'last_activity')),
  action        text NOT NULL CHECK (action IN ('delete', 'anonymise')),
  -- The date the period counts from; NULL: the table's usual one (orders.placed_at, ...).
  event_column  text CHECK (length(event_column) BETWEEN 1 AND 63),
  confirmed     boolean NOT NULL DEFAULT false,
  confirmed_by  text,
  confirmed_at  timestamptz,
  updated_by    text NOT NULL,
  updated_at    timestamptz NOT NULL DEFAULT now(),
  CHECK ((category IS NULL) <> (table_name IS NULL)),
  CHECK (keep_unit = 'days' AND keep_amount <= 36500 OR keep_unit = 'years' AND keep_amount <= 100)
);
INSERT INTO reflect.retention_policies (category, keep_amount, keep_unit, anchor, action, updated_by) VALUES
  ('transactional', 7, 'years', 'event', 'delete', 'install'),
  ('behavioural', 90, 'days', 'event', 'delete', 'install');

CREATE TABLE reflect.retention_schedule (
  id              int PRIMARY KEY CHECK (id = 1),
  enabled         boolean NOT NULL DEFAULT false,
  every_days      int NOT NULL DEFAULT 1 CHECK (every_days BETWEEN 1 AND 365),
  at_time         time NOT NULL DEFAULT '02:00',
  time_zone       text NOT NULL DEFAULT 'UTC',
  -- The latest slot a scheduled run was made for (done or failed).
  last_slot_done  timestamptz,
  updated_by      text NOT NULL DEFAULT 'install',
  updated_at      timestamptz NOT NULL DEFAULT now()
);
INSERT INTO reflect.retention_schedule (id) VALUES (1);

CREATE TABLE reflect.retention_runs (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  started_at       timestamptz NOT NULL,
  finished_at      timestamptz NOT NULL,
  -- The clock the run judged ages by.
  as_of            timestamptz NOT NULL,
  run_by           text NOT NULL,
  trigger          text NOT NULL CHECK (trigger IN ('manual', 'schedule')),
  status           text NOT NULL CHECK (status IN ('done', 'failed')),
  rows_deleted     bigint NOT NULL DEFAULT 0,
  rows_anonymised  bigint NOT NULL DEFAULT 0,
  skipped_held     bigint NOT NULL DEFAULT 0,
  -- [{policyId, target, table, action, removed, held, firstIds}]: counts and ids only.
  policies         jsonb NOT NULL DEFAULT '[]',
  error            text
);

CREATE TABLE reflect.legal_holds (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- No foreign key: the hold's record outlives an erasure of the person or the case.
  customer_id  bigint,
  case_id      uuid,
  reason       text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
  placed_by    text NOT NULL,
  placed_at    timestamptz NOT NULL DEFAULT now(),
  released_by  text,
  released_at  timestamptz,
  CHECK ((customer_id IS NULL) <> (case_id IS NULL)),
  CHECK ((released_by IS NULL) = (released_at IS NULL))
);
CREATE UNIQUE INDEX legal_holds_live_customer ON reflect.legal_holds (customer_id) WHERE released_at IS NULL AND customer_id IS NOT NULL;
CREATE UNIQUE INDEX legal_holds_live_case ON reflect.legal_holds (case_id) WHERE released_at IS NULL AND case_id IS NOT NULL;

CREATE FUNCTION reflect.retention_period(amount int, unit text) RETURNS interval
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN unit = 'years' THEN make_interval(years => amount) ELSE make_interval(days => amount) END
$$;

-- The schema owner (the installer, and tests) may pass a clock; everyone else runs on central's.
CREATE FUNCTION reflect.retention_clock(p_now timestamptz) RETURNS timestamptz
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF p_now IS NULL THEN RETURN now(); END IF;
  IF session_user <> (SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = 'reflect') THEN
    RAISE EXCEPTION 'only the schema''s owner may give retention another clock than central''s'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN p_now;
END $$;

-- The schedule's latest slot at or before p_now and the one after it: every N days (counted
-- from 2000-01-01) at a local time of day.
CREATE FUNCTION reflect.retention_slots(p_now timestamptz, OUT last_slot timestamptz, OUT next_slot timestamptz)
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  s reflect.retention_schedule;
  local_now timestamp;
  day date;
BEGIN
  SELECT * INTO s FROM reflect.retention_schedule WHERE id = 1;
  local_now := p_now AT TIME ZONE s.time_zone;
  day := CASE WHEN local_now::time >= s.at_time THEN local_now::date ELSE local_now::date - 1 END;
  day := day - ((day - date '2000-01-01') % s.every_days);
  last_slot := (day + s.at_time) AT TIME ZONE s.time_zone;
  next_slot := ((day + s.every_days) + s.at_time) AT TIME ZONE s.time_zone;
END $$;

-- The customers no retention may touch now: those under a live hold, the subjects of cases
-- under one, and every record merged into them.
CREATE FUNCTION reflect.retention_held_customers() RETURNS bigint[]
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
  SELECT reflect.erasure_subjects(ARRAY(
    SELECT h.customer_id FROM reflect.legal_holds h WHERE h.released_at IS NULL AND h.customer_id IS NOT NULL
    UNION
    SELECT unnest(c.subject_ids) FROM reflect.legal_holds h JOIN reflect.cases c ON c.case_id = h.case_id
    WHERE h.released_at IS NULL))
$$;

-- The usual date column of the reference tables; a company's table names its own.
CREATE FUNCTION reflect.retention_default_column(rel text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE rel WHEN 'reflect.orders' THEN 'placed_at' WHEN 'reflect.events' THEN 'occurred_at'
    WHEN 'reflect.interactions' THEN 'occurred_at' WHEN 'reflect.addresses' THEN 'created_at'
    WHEN 'reflect.consents' THEN 'updated_at' END
$$;

CREATE FUNCTION reflect.retention_category_tables(category text) RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE category WHEN 'transactional' THEN ARRAY['reflect.orders']
    WHEN 'behavioural' THEN ARRAY['reflect.events'] WHEN 'communications' THEN ARRAY['reflect.interactions'] END
$$;

-- The single-column foreign key by which rel's rows name a customer, or NULL.
CREATE FUNCTION reflect.retention_person_column(rel regclass) RETURNS text
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
  SELECT e.fk_columns[1] FROM reflect.erasure_edges() e
  WHERE e.child = rel AND e.parent = 'reflect.customers'::regclass AND cardinality(e.fk_columns) = 1
  ORDER BY e.fk_columns[1] LIMIT 1
$$;

-- Why retention cannot work on rel with this date column and action, or NULL.
CREATE FUNCTION reflect.retention_table_problem(rel regclass, event_column text, action text) RETURNS text
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  fk text;
  rule record;
BEGIN
  IF rel IS NULL THEN RETURN 'the table does not exist'; END IF;
  IF rel = 'reflect.customers'::regclass THEN
    RETURN 'the person''s own record is removed by an erasure case, not by retention: set policies for the tables about them';
  END IF;
  fk := reflect.retention_person_column(rel);
  IF fk IS NULL THEN
    RETURN format('%s does not name a customer through a single-column foreign key, so retention cannot tell whose rows they are', rel);
  END IF;
  IF NOT EXISTS (SELECT 1 FROM reflect.primary_key_of(rel)) THEN
    RETURN format('%s has no single-column primary key, so its rows cannot be named', rel);
  END IF;
  IF event_column IS NULL THEN
    RETURN format('%s has no usual date column: name the column the period counts from', rel);
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = rel AND attname = event_column AND attnum > 0
                 AND NOT attisdropped AND atttypid IN ('timestamptz'::regtype, 'timestamp'::regtype, 'date'::regtype)) THEN
    RETURN format('%s has no date column %s to count the period from', rel, event_column);
  END IF;
  IF action = 'anonymise' THEN
    IF EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = rel AND attname = fk AND attnotnull) THEN
      RETURN format('%s.%s cannot be emptied (NOT NULL), so its rows cannot stay without the person: choose "delete"', rel, fk);
    END IF;
    FOR rule IN SELECT x.col, x.r FROM reflect.erasure_policies p, jsonb_each_text(p.columns) x(col, r)
                WHERE (p.table_schema || '.' || p.table_name) = rel::text LOOP
      IF reflect.column_rule_problem(rel, rule.col, rule.r) IS NOT NULL THEN
        RETURN reflect.column_rule_problem(rel, rule.col, rule.r);
      END IF;
    END LOOP;
  END IF;
  RETURN NULL;
END $$;

-- What each policy finds at p_now: the table it applies to (a table's own policy wins over its
-- category's), the rows due, those skipped for a hold, the first ids, and all ids if asked.
CREATE FUNCTION reflect.retention_due(p_now timestamptz, p_held bigint[], p_all_ids boolean)
RETURNS TABLE (policy_id bigint, target text, rel text, action text, anchor text, period text,
  confirmed boolean, cutoff timestamptz, due bigint, held bigint, first_ids text[], ids text[],
  pk text, pk_type text, fk text, columns jsonb, problem text)
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  t record;
  r regclass;
  ev text;
  anchor_expr text;
BEGIN
  FOR t IN
    SELECT DISTINCT ON (x.rel_name) x.* FROM (
      SELECT p.*, p.table_name AS rel_name, 0 AS rank FROM reflect.retention_policies p WHERE p.table_name IS NOT NULL
      UNION ALL
      SELECT p.*, unnest(reflect.retention_category_tables(p.category)), 1 FROM reflect.retention_policies p
      WHERE p.category IS NOT NULL) x
    ORDER BY x.rel_name, x.rank
  LOOP
    policy_id := t.id;
    target := coalesce(t.category, t.table_name);
    rel := t.rel_name;
    action := t.action;
    anchor := t.anchor;
    period := t.period_text;
    confirmed := t.confirmed;
    cutoff := p_now - reflect.retention_period(t.keep_amount, t.keep_unit);
    due := 0; held := 0; first_ids := '{}'; ids := CASE WHEN p_all_ids THEN '{}'::text[] END;
    pk := NULL; pk_type := NULL; fk := NULL; columns := '{}';
    r := to_regclass(t.rel_name);
    ev := coalesce(t.event_column, reflect.retention_default_column(t.rel_name));
    problem := reflect.retention_table_problem(r, ev, t.action);
    IF problem IS NULL THEN
      SELECT k.column_name, k.type_name INTO pk, pk_type FROM reflect.primary_key_of(r) k;
      fk := reflect.retention_person_column(r);
      columns := coalesce((SELECT ep.columns FROM reflect.erasure_policies ep
                           WHERE (ep.table_schema || '.' || ep.table_name) = r::text), '{}');
      anchor_expr := CASE WHEN t.anchor = 'event' THEN format('x.%I', ev) ELSE format(
        'greatest((SELECT coalesce(c.last_active, c.created_at) FROM reflect.customers c WHERE c.customer_id = x.%I), x.%I)', fk, ev) END;
      EXECUTE format(
        'SELECT count(*) FILTER (WHERE NOT h), count(*) FILTER (WHERE h),
                coalesce(((array_agg(k ORDER BY k) FILTER (WHERE NOT h))[1:20])::text[], ''{}''),
                CASE WHEN $3 THEN coalesce((array_agg(k) FILTER (WHERE NOT h))::text[], ''{}'') END
         FROM (SELECT x.%1$I AS k, coalesce(x.%2$I = ANY ($2), false) AS h FROM %3$s x
               WHERE %4$s < $1 %5$s) s',
        pk, fk, r, anchor_expr,
        -- An anonymised row names nobody any more: it is not due again.
        CASE WHEN t.action = 'anonymise' THEN format('AND x.%I IS NOT NULL', fk) ELSE '' END)
        INTO due, held, first_ids, ids USING cutoff, p_held, p_all_ids;
    END IF;
    RETURN NEXT;
  END LOOP;
END $$;

-- What the next run removes: {asOf, schedule: {enabled, everyDays, at, timeZone, lastSlot,
-- nextSlot, due}, policies: [{policyId, target, table, action, anchor, period, confirmed,
-- cutoff, due, held, firstIds, problem}], removes, held}.
CREATE FUNCTION reflect.retention_preview(p_now timestamptz DEFAULT NULL) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  at timestamptz := reflect.retention_clock(p_now);
  s reflect.retention_schedule;
  slots record;
  policies jsonb;
BEGIN
  IF NOT pg_has_role(session_user, 'reflect_officer', 'MEMBER') THEN
    RAISE EXCEPTION 'the role "%" may not preview retention: it needs the role "reflect_officer"', session_user
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  SELECT * INTO s FROM reflect.retention_schedule WHERE id = 1;
  SELECT * INTO slots FROM reflect.retention_slots(at);
  SELECT coalesce(jsonb_agg(jsonb_build_object('policyId', d.policy_id::text, 'target', d.target, 'table', d.rel,
           'action', d.action, 'anchor', d.anchor, 'period', d.period, 'confirmed', d.confirmed,
           'cutoff', d.cutoff, 'due', d.due, 'held', d.held, 'firstIds', to_jsonb(d.first_ids),
           'problem', d.problem) ORDER BY d.rel), '[]')
    INTO policies FROM reflect.retention_due(at, reflect.retention_held_customers(), false) d;
  RETURN jsonb_build_object('asOf', at,
    'schedule', jsonb_build_object('enabled', s.enabled, 'everyDays', s.every_days,
      'at', to_char(s.at_time, 'HH24:MI'), 'timeZone', s.time_zone, 'lastSlot', slots.last_slot,
      'nextSlot', slots.next_slot, 'lastSlotDone', s.last_slot_done,
      'due', s.enabled AND (s.last_slot_done IS NULL OR s.last_slot_done < slots.last_slot)),
    'policies', policies,
    'removes', (SELECT coalesce(sum((x ->> 'due')::bigint), 0) FROM jsonb_array_elements(policies) x
                WHERE (x ->> 'confirmed')::boolean AND x ->> 'problem' IS NULL),
    'held', (SELECT coalesce(sum((x ->> 'held')::bigint), 0) FROM jsonb_array_elements(policies) x
             WHERE (x ->> 'confirmed')::boolean AND x ->> 'problem' IS NULL));
END $$;

-- One run under the lock the caller holds: the confirmed policies' due rows go through erasure's
-- own apply function, one table at a time; the run log and the audit log record what was done.
CREATE FUNCTION reflect.retention_execute(p_now timestamptz, p_trigger text, p_started timestamptz) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  d record;
  applied jsonb;
  n bigint;
  summary jsonb := '[]';
  deleted bigint := 0;
  anonymised bigint := 0;
  skipped bigint := 0;
  run_id bigint;
BEGIN
  FOR d IN SELECT * FROM reflect.retention_due(p_now, reflect.retention_held_customers(), true) x
           WHERE x.confirmed AND x.problem IS NULL LOOP
    n := 0;
    IF cardinality(d.ids) > 0 THEN
      applied := reflect.erasure_apply(jsonb_build_object('subjects', '[]'::jsonb, 'tables', jsonb_build_array(
        jsonb_build_object('table', d.rel, 'strategy', d.action, 'pk', d.pk, 'pkType', d.pk_type, 'depth', 1,
          'keys', to_jsonb(d.ids), 'columns', CASE WHEN d.action = 'anonymise' THEN d.columns ELSE '{}'::jsonb END,
          'detach', CASE WHEN d.action = 'anonymise' THEN jsonb_build_array(d.fk) ELSE '[]'::jsonb END))), NULL);
      n := coalesce((applied -> d.rel ->> 'rows')::bigint, 0);
      IF d.action = 'delete' THEN
        -- Rows kept after an erasure and now gone need no later purge.
        UPDATE reflect.retained_rows SET purged_at = p_now
          WHERE table_name = d.rel AND pk = ANY (d.ids) AND purged_at IS NULL;
      END IF;
    END IF;
    IF d.action = 'delete' THEN deleted := deleted + n; ELSE anonymised := anonymised + n; END IF;
    skipped := skipped + d.held;
    summary := summary || jsonb_build_object('policyId', d.policy_id::text, 'target', d.target, 'table', d.rel,
      'action', d.action, 'removed', n, 'held', d.held, 'firstIds', to_jsonb(d.ids[1:50]));
  END LOOP;
  INSERT INTO reflect.retention_runs (started_at, finished_at, as_of, run_by, trigger, status,
    rows_deleted, rows_anonymised, skipped_held, policies)
  VALUES (p_started, clock_timestamp(), p_now, session_user, p_trigger, 'done', deleted, anonymised, skipped, summary)
  RETURNING id INTO run_id;
  INSERT INTO reflect.audit_log (actor, action, subject, details)
  VALUES (session_user, 'retention.run', 'retention-run:' || run_id, jsonb_build_object('trigger', p_trigger,
    'deleted', deleted, 'anonymised', anonymised, 'skippedHeld', skipped,
    'tables', (SELECT coalesce(jsonb_object_agg(x ->> 'table', x -> 'removed'), '{}') FROM jsonb_array_elements(summary) x)));
  RETURN jsonb_build_object('status', 'done', 'runId', run_id::text, 'deleted', deleted, 'anonymised', anonymised,
    'skippedHeld', skipped, 'policies', summary);
END $$;

-- A run that fails leaves no change and a failed entry in the run log.
CREATE FUNCTION reflect.retention_run_logged(p_now timestamptz, p_trigger text) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  started timestamptz := clock_timestamp();
  failure text;
  run_id bigint;
BEGIN
  BEGIN
    RETURN reflect.retention_execute(p_now, p_trigger, started);
  EXCEPTION WHEN OTHERS THEN
    failure := SQLERRM;
  END;
  INSERT INTO reflect.retention_runs (started_at, finished_at, as_of, run_by, trigger, status, error)
  VALUES (started, clock_timestamp(), p_now, session_user, p_trigger, 'failed', left(failure, 1000))
  RETURNING id INTO run_id;
  INSERT INTO reflect.audit_log (actor, action, subject, details)
  VALUES (session_user, 'retention.run-failed', 'retention-run:' || run_id, jsonb_build_object('trigger', p_trigger));
  RETURN jsonb_build_object('status', 'failed', 'runId', run_id::text, 'error', left(failure, 1000));
END $$;

-- An administrator's "run now": waits for a run in progress, then runs on what is left.
CREATE FUNCTION reflect.run_retention(p_now timestamptz DEFAULT NULL) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  at timestamptz := reflect.retention_clock(p_now);
BEGIN
  IF NOT pg_has_role(session_user, 'reflect_admin', 'MEMBER') THEN
    RAISE EXCEPTION 'the role "%" may not run retention: it needs the role "reflect_admin"', session_user
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  PERFORM pg_advisory_xact_lock(hashtext('reflect.retention'));
  RETURN reflect.retention_run_logged(at, 'manual');
END $$;

-- Every desk's sync and the CLI call this: it runs the schedule's latest slot once, or says why
-- not ({status: 'disabled' | 'not-due' | 'busy', nextSlot}).
CREATE FUNCTION reflect.run_retention_if_due(p_now timestamptz DEFAULT NULL) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  at timestamptz := reflect.retention_clock(p_now);
  s reflect.retention_schedule;
  slots record;
  outcome jsonb;
BEGIN
  IF NOT pg_has_role(session_user, 'reflect_viewer', 'MEMBER') THEN
    RAISE EXCEPTION 'the role "%" is not a Reflect login', session_user USING ERRCODE = 'insufficient_privilege';
  END IF;
  SELECT * INTO s FROM reflect.retention_schedule WHERE id = 1;
  IF NOT s.enabled THEN RETURN jsonb_build_object('status', 'disabled'); END IF;
  SELECT * INTO slots FROM reflect.retention_slots(at);
  IF s.last_slot_done IS NOT NULL AND s.last_slot_done >= slots.last_slot THEN
    RETURN jsonb_build_object('status', 'not-due', 'nextSlot', slots.next_slot);
  END IF;
  -- Another desk is running it: it will finish the slot.
  IF NOT pg_try_advisory_xact_lock(hashtext('reflect.retention')) THEN
    RETURN jsonb_build_object('status', 'busy', 'nextSlot', slots.next_slot);
  END IF;
  -- Read again under the lock: a run that just ended has marked the slot.
  SELECT * INTO s FROM reflect.retention_schedule WHERE id = 1 FOR UPDATE;
  IF s.last_slot_done IS NOT NULL AND s.last_slot_done >= slots.last_slot THEN
    RETURN jsonb_build_object('status', 'not-due', 'nextSlot', slots.next_slot);
  END IF;
  outcome := reflect.retention_run_logged(at, 'schedule');
  UPDATE reflect.retention_schedule SET last_slot_done = slots.last_slot WHERE id = 1;
  RETURN outcome || jsonb_build_object('nextSlot', slots.next_slot);
END $$;

-- payload: {category | table, keep_amount, keep_unit, anchor, action, event_column?}. Saving is
-- the administrator's decision, so the policy is confirmed by it.
CREATE FUNCTION reflect.op_retention_set_policy(p jsonb, actor text) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_category text;
  v_table text;
  v_amount int;
  v_unit text := p ->> 'keep_unit';
  v_event text := nullif(p ->> 'event_column', '');
  problem text;
  old reflect.retention_policies;
  saved reflect.retention_policies;
  rel text;
BEGIN
  IF (p ? 'category') = (p ? 'table') THEN
    RETURN reflect.rejected('a retention policy is for one data category or one table: name exactly one');
  END IF;
  IF p ? 'category' THEN
    v_category := p ->> 'category';
    IF jsonb_typeof(p -> 'category') IS DISTINCT FROM 'string'
       OR reflect.retention_category_tables(v_category) IS NULL THEN
      RETURN reflect.rejected(format('"%s" is not a data category: transactional, behavioural or communications', left(coalesce(v_category, ''), 40)));
    END IF;
  ELSE
    v_table := p ->> 'table';
    IF jsonb_typeof(p -> 'table') IS DISTINCT FROM 'string' OR v_table !~ '^[a-z_][a-z0-9_]{0,62}\\.[a-z_][a-z0-9_]{0,62}$' THEN
      RETURN reflect.rejected(format('"%s" is not a table name such as reflect.orders', left(coalesce(v_table, ''), 60)));
    END IF;
  END IF;
  IF v_unit IS NULL OR v_unit NOT IN ('days', 'years') THEN
    RETURN reflect.rejected('the period is counted in days or years');
  END IF;
  IF jsonb_typeof(p -> 'keep_amount') IS DISTINCT FROM 'number' OR (p ->> 'keep_amount') !~ '^[0-9]{1,5}$'
     OR (p ->> 'keep_amount')::int < 1
     OR (p ->> 'keep_amount')::int > (CASE WHEN v_unit = 'years' THEN 100 ELSE 36500 END) THEN
    RETURN reflect.rejected(CASE WHEN v_unit = 'years' THEN 'rows are kept for 1 to 100 years' ELSE 'rows are kept for 1 to 36500 days' END);
  END IF;
  v_amount := (p ->> 'keep_amount')::int;
  IF coalesce(p ->> 'anchor', '') NOT IN ('event', 'last_activity') THEN
    RETURN reflect.rejected('the period counts from the row''s event (event) or the person''s last activity (last_activity)');
  END IF;
  IF coalesce(p ->> 'action', '') NOT IN ('delete', 'anonymise') THEN
    RETURN reflect.rejected('after the period, rows are deleted or anonymised');
  END IF;
  IF v_event IS NOT NULL AND (jsonb_typeof(p -> 'event_column') <> 'string' OR v_event !~ '^[a-z_][a-z0-9_]{0,62}$') THEN
    RETURN reflect.rejected('the date column is a column name such as placed_at');
  END IF;
  FOREACH rel IN ARRAY coalesce(reflect.retention_category_tables(v_category), ARRAY[v_table]) LOOP
    problem := reflect.retention_table_problem(to_regclass(rel), coalesce(v_event, reflect.retention_default_column(rel)), p ->> 'action');
    IF problem IS NOT NULL THEN RETURN reflect.rejected(problem); END IF;
  END LOOP;
  SELECT * INTO old FROM reflect.retention_policies
    WHERE category IS NOT DISTINCT FROM v_category AND table_name IS NOT DISTINCT FROM v_table FOR UPDATE;
  IF FOUND THEN
    UPDATE reflect.retention_policies SET keep_amount = v_amount, keep_unit = v_unit, anchor = p ->> 'anchor',
      action = p ->> 'action', event_column = v_event, confirmed = true, confirmed_by = actor, confirmed_at = now(),
      updated_by = actor, updated_at = now()
    WHERE id = old.id RETURNING * INTO saved;
  ELSE
    INSERT INTO reflect.retention_policies (category, table_name, keep_amount, keep_unit, anchor, action,
      event_column, confirmed, confirmed_by, confirmed_at, updated_by)
    VALUES (v_category, v_table, v_amount, v_unit, p ->> 'anchor', p ->> 'action', v_event, true, actor, now(), actor)
    RETURNING * INTO saved;
  END IF;
  RETURN reflect.applied('retention-policy:' || saved.id, jsonb_build_object('policyId', saved.id,
    'target', coalesce(v_category, v_table),
    'before', CASE WHEN old.id IS NULL THEN NULL ELSE jsonb_build_object('period', old.period_text,
      'anchor', old.anchor, 'action', old.action, 'confirmed', old.confirmed) END,
    'after', jsonb_build_object('period', saved.period_text, 'anchor', saved.anchor, 'action', saved.action)));
END $$;

CREATE FUNCTION reflect.retention_policy_id(p jsonb) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN p ->> 'policy_id' ~ '^[0-9]{1,18}$' THEN (p ->> 'policy_id')::bigint END
$$;

-- payload: {policy_id}
CREATE FUNCTION reflect.op_retention_remove_policy(p jsonb, actor text) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  old reflect.retention_policies;
BEGIN
  DELETE FROM reflect.retention_policies WHERE id = reflect.retention_policy_id(p) RETURNING * INTO old;
  IF NOT FOUND THEN
    RETURN reflect.rejected(format('there is no retention policy %s', left(coalesce(p ->> 'policy_id', ''), 20)));
  END IF;
  RETURN reflect.applied('retention-policy:' || old.id, jsonb_build_object('policyId', old.id,
    'target', coalesce(old.category, old.table_name), 'period', old.period_text, 'action', old.action));
END $$;

-- payload: {policy_id, confirmed?: true | false}. false pauses a policy without removing it.
CREATE FUNCTION reflect.op_retention_confirm(p jsonb, actor text) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  old reflect.retention_policies;
  v_confirmed boolean;
  problem text;
  rel text;
BEGIN
  IF p ? 'confirmed' AND jsonb_typeof(p -> 'confirmed') IS DISTINCT FROM 'boolean' THEN
    RETURN reflect.rejected('say whether the policy is confirmed (true) or paused (false)');
  END IF;
  v_confirmed := coalesce((p ->> 'confirmed')::boolean, true);
  SELECT * INTO old FROM reflect.retention_policies WHERE id = reflect.retention_policy_id(p) FOR UPDATE;
  IF NOT FOUND THEN
    RETURN reflect.rejected(format('there is no retention policy %s', left(coalesce(p ->> 'policy_id', ''), 20)));
  END IF;
  IF v_confirmed THEN
    FOREACH rel IN ARRAY coalesce(reflect.retention_category_tables(old.category), ARRAY[old.table_name]) LOOP
      problem := reflect.retention_table_problem(to_regclass(rel),
        coalesce(old.event_column, reflect.retention_default_column(rel)), old.action);
      IF problem IS NOT NULL THEN RETURN reflect.rejected(problem); END IF;
    END LOOP;
  END IF;
  UPDATE reflect.retention_policies SET confirmed = v_confirmed,
    confirmed_by = CASE WHEN v_confirmed THEN actor END, confirmed_at = CASE WHEN v_confirmed THEN now() END,
    updated_by = actor, updated_at = now()
  WHERE id = old.id;
  RETURN reflect.applied('retention-policy:' || old.id, jsonb_build_object('policyId', old.id,
    'target', coalesce(old.category, old.table_name), 'confirmed', v_confirmed, 'changed', old.confirmed <> v_confirmed));
END $$;

-- payload: {enabled, every_days, at: 'HH:MM', time_zone}. The first run is the next slot after
-- the change, not one already past.
CREATE FUNCTION reflect.op_retention_set_schedule(p jsonb, actor text) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  old reflect.retention_schedule;
BEGIN
  IF jsonb_typeof(p -> 'enabled') IS DISTINCT FROM 'boolean' THEN
    RETURN reflect.rejected('say whether the schedule is on (enabled: true or false)');
  END IF;
  IF jsonb_typeof(p -> 'every_days') IS DISTINCT FROM 'number' OR (p ->> 'every_days') !~ '^[0-9]{1,3}$'
     OR (p ->> 'every_days')::int NOT BETWEEN 1 AND 365 THEN
    RETURN reflect.rejected('retention runs every 1 to 365 days');
  END IF;
  IF coalesce(p ->> 'at', '') !~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' THEN
    RETURN reflect.rejected('the time of day is HH:MM, from 00:00 to 23:59');
  END IF;
  IF jsonb_typeof(p -> 'time_zone') IS DISTINCT FROM 'string' OR length(p ->> 'time_zone') > 64
     OR NOT EXISTS (SELECT 1 FROM pg_timezone_names WHERE name = p ->> 'time_zone') THEN
    RETURN reflect.rejected(format('"%s" is not a time zone central knows (e.g. Europe/Berlin)', left(coalesce(p ->> 'time_zone', ''), 64)));
  END IF;
  SELECT * INTO old FROM reflect.retention_schedule WHERE id = 1 FOR UPDATE;
  UPDATE reflect.retention_schedule SET enabled = (p ->> 'enabled')::boolean,
    every_days = (p ->> 'every_days')::int, at_time = (p ->> 'at')::time, time_zone = p ->> 'time_zone',
    updated_by = actor, updated_at = now()
  WHERE id = 1;
  UPDATE reflect.retention_schedule SET last_slot_done = (SELECT last_slot FROM reflect.retention_slots(now()))
  WHERE id = 1;
  RETURN reflect.applied('retention-schedule', jsonb_build_object(
    'before', jsonb_build_object('enabled', old.enabled, 'every_days', old.every_days,
      'at', to_char(old.at_time, 'HH24:MI'), 'time_zone', old.time_zone),
    'after', p - '_op_id'));
END $$;

-- payload: {customer_id | case_id, reason}
CREATE FUNCTION reflect.op_legal_hold_place(p jsonb, actor text) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_reason text := btrim(coalesce(p ->> 'reason', ''));
  v_customer bigint;
  v_case uuid;
  existing bigint;
  hold_id bigint;
BEGIN
  IF (p ? 'customer_id') = (p ? 'case_id') THEN
    RETURN reflect.rejected('a legal hold is for one person or one case: name exactly one');
  END IF;
  IF p ? 'customer_id' THEN
    IF coalesce(p ->> 'customer_id', '') !~ '^[0-9]{1,18}$' THEN
      RETURN reflect.rejected('name the person by their customer number');
    END IF;
    v_customer := (p ->> 'customer_id')::bigint;
    IF NOT EXISTS (SELECT 1 FROM reflect.customers WHERE customer_id = v_customer) THEN
      RETURN reflect.rejected(format('there is no customer %s in the central database', v_customer));
    END IF;
  ELSE
    IF coalesce(p ->> 'case_id', '') !~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN
      RETURN reflect.rejected('name the case by its id');
    END IF;
    v_case := (p ->> 'case_id')::uuid;
    IF NOT EXISTS (SELECT 1 FROM reflect.cases WHERE case_id = v_case) THEN
      RETURN reflect.rejected('there is no such case in the central database');
    END IF;
  END IF;
  IF v_reason = '' THEN RETURN reflect.rejected('a legal hold needs a reason (the matter or the authority asking)'); END IF;
  IF length(v_reason) > 500 THEN RETURN reflect.rejected('the reason is longer than 500 characters'); END IF;
  IF replace(v_reason, chr(10), ' ') ~ '[[:cntrl:]]' THEN
    RETURN reflect.rejected('the reason contains a control character');
  END IF;
  SELECT id INTO existing FROM reflect.legal_holds WHERE released_at IS NULL
    AND (customer_id = v_customer OR case_id = v_case);
  IF FOUND THEN
    RETURN reflect.rejected(format('%s is already under legal hold %s', CASE WHEN v_customer IS NULL THEN 'this case' ELSE 'customer ' || v_customer END, existing));
  END IF;
  INSERT INTO reflect.legal_holds (customer_id, case_id, reason, placed_by)
  VALUES (v_customer, v_case, v_reason, actor) RETURNING id INTO hold_id;
  -- The reason may name someone: the audit log keeps its length.
  RETURN reflect.applied(CASE WHEN v_customer IS NULL THEN 'case:' || v_case ELSE 'customer:' || v_customer END,
    jsonb_build_object('holdId', hold_id, 'reasonLength', length(v_reason)));
END $$;

-- payload: {hold_id}
CREATE FUNCTION reflect.op_legal_hold_release(p jsonb, actor text) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  h reflect.legal_holds;
BEGIN
  IF coalesce(p ->> 'hold_id', '') !~ '^[0-9]{1,18}$' THEN
    RETURN reflect.rejected('name the legal hold by its number');
  END IF;
  SELECT * INTO h FROM reflect.legal_holds WHERE id = (p ->> 'hold_id')::bigint FOR UPDATE;
  IF NOT FOUND THEN RETURN reflect.rejected(format('there is no legal hold %s', p ->> 'hold_id')); END IF;
  IF h.released_at IS NOT NULL THEN
    RETURN reflect.rejected(format('legal hold %s was already released by %s', h.id, h.released_by));
  END IF;
  UPDATE reflect.legal_holds SET released_by = actor, released_at = now() WHERE id = h.id;
  RETURN reflect.applied(CASE WHEN h.customer_id IS NULL THEN 'case:' || h.case_id ELSE 'customer:' || h.customer_id END,
    jsonb_build_object('holdId', h.id));
END $$;

INSERT INTO reflect.operation_kinds VALUES
  ('retention.set-policy', 'op_retention_set_policy', 'reflect_admin'),
  ('retention.remove-policy', 'op_retention_remove_policy', 'reflect_admin'),
  ('retention.confirm', 'op_retention_confirm', 'reflect_admin'),
  ('retention.set-schedule', 'op_retention_set_schedule', 'reflect_admin'),
  ('legal-hold.place', 'op_legal_hold_place', 'reflect_approver'),
  ('legal-hold.release', 'op_legal_hold_release', 'reflect_approver');

-- Retention changes are administrators' policy changes: a fresh two-step code, as migration 23
-- asks of the others.
CREATE OR REPLACE FUNCTION reflect.admin_operation_needs_mfa() RETURNS trigger
LANGUAGE plpgsql SET search_path = reflect, pg_temp AS $$
BEGIN
  IF NEW.kind IN ('erasure.set-policy', 'erasure.remove-policy', 'datamap.save',
                  'datamap.capture', 'datamap.uncapture', 'alerts.set-rule',
                  'retention.set-policy', 'retention.remove-policy', 'retention.confirm',
                  'retention.set-schedule') THEN
    PERFORM reflect.require_admin_mfa(NEW.kind);
  END IF;
  RETURN NEW;
END $$;

-- Policies and the schedule describe no one; runs and holds name people by id.
GRANT SELECT ON reflect.retention_policies, reflect.retention_schedule TO reflect_viewer;
GRANT SELECT ON reflect.retention_runs, reflect.legal_holds TO reflect_officer;

-- Functions are executable by PUBLIC when created: only the documented entry points stay callable.
REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA reflect FROM PUBLIC;
GRANT EXECUTE ON FUNCTION reflect.retention_preview(timestamptz) TO reflect_officer;
GRANT EXECUTE ON FUNCTION reflect.run_retention(timestamptz) TO reflect_admin;
GRANT EXECUTE ON FUNCTION reflect.run_retention_if_due(timestamptz) TO reflect_viewer;
`,
};
