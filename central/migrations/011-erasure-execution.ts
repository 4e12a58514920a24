/**
 * Carrying out an erasure: the function that applies a plan, the dry run that previews it, the
 * approval bound to it, and the operation that executes it once.
 *
 * The execution also keeps salted hashes of the erased person's identifiers (email, phone, name
 * with date of birth, ids). A record that later arrives with one of them is flagged for an
 * officer's decision instead of being dropped or shown silently; nobody reads the hashes
 * themselves (only a SECURITY DEFINER trigger does), and the tombstones of customer ids are no
 * longer readable by the viewer role, so a low-privileged login cannot test ids against them.
 */
export const erasureExecution = {
  version: 11,
  name: 'erasure-execution',
  sql: /* sql */ `
CREATE FUNCTION reflect.anonymise_sets(columns jsonb, salt text) RETURNS text[]
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
  SELECT coalesce(array_agg(CASE
    WHEN rule = 'null' THEN format('%I = NULL', col)
    WHEN rule = 'hash' THEN format('%I = encode(sha256(convert_to(%L || %I::text, ''UTF8'')), ''hex'')', col, salt || ':', col)
    ELSE format('%I = %L', col, substr(rule, 7)) END), '{}')
  FROM jsonb_each_text(columns) AS x(col, rule)
$$;

-- Applies a complete plan and returns what it did per table. The preview and the execution both
-- run exactly this.
CREATE FUNCTION reflect.erasure_apply(plan jsonb, p_case_id uuid) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  t jsonb;
  n bigint;
  sets text[];
  keys text[];
  rel regclass;
  salt text := (SELECT value FROM reflect.settings WHERE key = 'tombstone_salt');
  counts jsonb := '{}';
  subjects bigint[] := ARRAY(SELECT jsonb_array_elements_text(plan -> 'subjects')::bigint);
  until_first timestamptz;
  until_last timestamptz;
BEGIN
  -- Rows that stay change first, so no row that goes is still pointed at when it goes.
  FOR t IN SELECT x FROM jsonb_array_elements(plan -> 'tables') x
           WHERE x ->> 'strategy' IN ('anonymise', 'retain') LOOP
    keys := ARRAY(SELECT jsonb_array_elements_text(t -> 'keys'));
    CONTINUE WHEN cardinality(keys) = 0;
    rel := (t ->> 'table')::regclass;
    sets := ARRAY(SELECT format('%I = NULL', d) FROM jsonb_array_elements_text(t -> 'detach') d);
    until_first := NULL;
    until_last := NULL;
    IF t ->> 'strategy' = 'anonymise' THEN
      sets := sets || reflect.anonymise_sets(t -> 'columns', salt);
    ELSE
      EXECUTE format(
        'INSERT INTO reflect.retained_rows (table_name, pk, case_id, legal_basis, retain_until, then_strategy, columns)
         SELECT %L, x.%I::text, $2, $3, coalesce(%s, now()) + make_interval(years => $4), $5, $6
         FROM %s x WHERE x.%I = ANY ($1::text[]::%s[]) ON CONFLICT DO NOTHING',
        rel::text, t ->> 'pk',
        CASE WHEN t ->> 'retainFrom' IS NULL THEN 'NULL::timestamptz' ELSE format('x.%I::timestamptz', t ->> 'retainFrom') END,
        rel, t ->> 'pk', t ->> 'pkType')
        USING keys, p_case_id, t ->> 'legalBasis', (t ->> 'retainYears')::int, t ->> 'thenStrategy', t -> 'columns';
      SELECT min(retain_until), max(retain_until) INTO until_first, until_last
        FROM reflect.retained_rows WHERE table_name = rel::text AND pk = ANY (keys);
    END IF;
    n := cardinality(keys);
    IF cardinality(sets) > 0 THEN
      EXECUTE format('UPDATE %s SET %s WHERE %I = ANY ($1::text[]::%s[])',
                     rel, array_to_string(sets, ', '), t ->> 'pk', t ->> 'pkType') USING keys;
      GET DIAGNOSTICS n = ROW_COUNT;
    END IF;
    counts := counts || jsonb_build_object(rel::text, jsonb_build_object(
      'strategy', t ->> 'strategy', 'rows', n,
      'fields', (SELECT coalesce(jsonb_agg(k), '[]') FROM jsonb_object_keys(t -> 'columns') k),
      'detached', t -> 'detach', 'legalBasis', t ->> 'legalBasis',
      'retainUntilFirst', until_first, 'retainUntilLast', until_last));
  END LOOP;

  -- Then the rows that go, deepest first.
  FOR t IN SELECT x FROM jsonb_array_elements(plan -> 'tables') x
           WHERE x ->> 'strategy' = 'delete' AND x ->> 'table' <> 'reflect.customers'
           ORDER BY (x ->> 'depth')::int DESC LOOP
    keys := ARRAY(SELECT jsonb_array_elements_text(t -> 'keys'));
    n := 0;
    IF cardinality(keys) > 0 THEN
      EXECUTE format('DELETE FROM %s WHERE %I = ANY ($1::text[]::%s[])',
                     (t ->> 'table')::regclass, t ->> 'pk', t ->> 'pkType') USING keys;
      GET DIAGNOSTICS n = ROW_COUNT;
    END IF;
    counts := counts || jsonb_build_object(t ->> 'table', jsonb_build_object('strategy', 'delete', 'rows', n));
  END LOOP;

  -- Merge snapshots hold the person's earlier values; records merged into a subject go with it.
  DELETE FROM reflect.merges WHERE survivor_id = ANY (subjects) OR merged_ids && subjects;
  UPDATE reflect.customers SET merged_into = NULL WHERE customer_id = ANY (subjects) AND merged_into IS NOT NULL;
  DELETE FROM reflect.customers WHERE customer_id = ANY (subjects);
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN counts || jsonb_build_object('reflect.customers', jsonb_build_object('strategy', 'delete', 'rows', n));
END $$;

-- The plan with what its execution would do, found by doing it and rolling it back. Samples of
-- the rows are shown to the officer; only ids and the plan's hash reach the audit log.
CREATE FUNCTION reflect.erasure_preview(p_case_id uuid) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  plan jsonb;
  counts jsonb := '{}';
  failure text;
BEGIN
  IF NOT pg_has_role(session_user, 'reflect_officer', 'MEMBER') THEN
    RAISE EXCEPTION 'the role "%" may not preview an erasure: it needs the role "reflect_officer"', session_user
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  plan := reflect.erasure_plan(p_case_id, true);
  IF plan ? 'refusal' THEN RETURN plan; END IF;
  IF (plan ->> 'complete')::boolean THEN
    BEGIN
      counts := reflect.erasure_apply(plan, p_case_id);
      RAISE EXCEPTION 'dry run' USING ERRCODE = 'RF001';
    EXCEPTION
      WHEN SQLSTATE 'RF001' THEN NULL;
      WHEN OTHERS THEN failure := SQLERRM;
    END;
  END IF;
  INSERT INTO reflect.audit_log (actor, action, subject, details)
  VALUES (session_user, 'erasure.previewed', 'case:' || p_case_id,
          jsonb_build_object('subjects', plan -> 'subjects', 'planHash', plan ->> 'hash',
                             'complete', failure IS NULL AND (plan ->> 'complete')::boolean));
  plan := jsonb_set(plan, '{tables}', (
    SELECT jsonb_agg((t - 'keys') || jsonb_build_object('applied', counts -> (t ->> 'table')))
    FROM jsonb_array_elements(plan -> 'tables') t));
  IF failure IS NOT NULL THEN
    plan := plan || jsonb_build_object('complete', false,
      'problems', (plan -> 'problems') || to_jsonb('the dry run stopped: ' || failure));
  END IF;
  RETURN plan;
END $$;

CREATE TABLE reflect.tombstone_identifiers (
  hash            text PRIMARY KEY,
  kind            text NOT NULL,
  case_reference  text NOT NULL,
  erased_at       timestamptz NOT NULL DEFAULT now()
);

-- Salted hashes of a record's identifiers, normalised so a re-typed email or phone still matches.
CREATE FUNCTION reflect.identifier_hashes(name text, email text, phone text, attributes jsonb)
RETURNS TABLE (kind text, hash text) LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
  WITH ids(kind, v) AS (VALUES
    ('email', nullif(lower(btrim(email)), '')),
    ('phone', CASE WHEN length(regexp_replace(coalesce(phone, ''), '\\D', '', 'g')) >= 6
                   THEN right(regexp_replace(phone, '\\D', '', 'g'), 9) END),
    ('name and date of birth', CASE WHEN nullif(btrim(name), '') IS NOT NULL AND nullif(attributes ->> 'date_of_birth', '') IS NOT NULL
      THEN regexp_replace(lower(btrim(name)), '\\s+', ' ', 'g') || '|' || (attributes ->> 'date_of_birth') END),
    ('national id', nullif(upper(regexp_replace(coalesce(attributes ->> 'national_id', ''), '\\s', '', 'g')), '')),
    ('customer number', nullif(btrim(attributes ->> 'customer_number'), '')))
  SELECT kind, encode(sha256(convert_to(
    (SELECT value FROM reflect.settings WHERE key = 'tombstone_salt') || ':' || kind || ':' || v, 'UTF8')), 'hex')
  FROM ids WHERE v IS NOT NULL
$$;

CREATE TABLE reflect.reappearances (
  reappearance_id  uuid PRIMARY KEY,
  customer_id      bigint NOT NULL,
  matched_on       text[] NOT NULL,
  erased_at        timestamptz NOT NULL,
  case_reference   text NOT NULL,
  raised_at        timestamptz NOT NULL DEFAULT now(),
  decision         text CHECK (decision IN ('keep', 'erase')),
  decided_by       text,
  decided_at       timestamptz,
  note             text,
  version          bigint NOT NULL DEFAULT 1
);
CREATE INDEX reappearances_customer ON reflect.reappearances (customer_id);
CREATE TRIGGER reappearances_version BEFORE UPDATE ON reflect.reappearances
  FOR EACH ROW EXECUTE FUNCTION reflect.bump_version();
CREATE TRIGGER reappearances_log_i AFTER INSERT ON reflect.reappearances REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION reflect.log_keyed_changes('reappearance_id', 'I');
CREATE TRIGGER reappearances_log_u AFTER UPDATE ON reflect.reappearances REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION reflect.log_keyed_changes('reappearance_id', 'U');
CREATE TRIGGER reappearances_log_d AFTER DELETE ON reflect.reappearances REFERENCING OLD TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION reflect.log_keyed_changes('reappearance_id', 'D');

-- Statement-level, and free while nobody has been erased, so bulk loads stay fast.
CREATE FUNCTION reflect.flag_reappearances() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM reflect.tombstone_identifiers) THEN RETURN NULL; END IF;
  INSERT INTO reflect.reappearances (reappearance_id, customer_id, matched_on, erased_at, case_reference)
  SELECT gen_random_uuid(), n.customer_id, array_agg(DISTINCT t.kind ORDER BY t.kind), max(t.erased_at), max(t.case_reference)
  FROM changed_rows n
  CROSS JOIN LATERAL reflect.identifier_hashes(n.name, n.email, n.phone, n.attributes) h
  JOIN reflect.tombstone_identifiers t ON t.hash = h.hash
  WHERE n.merged_into IS NULL
    AND NOT EXISTS (SELECT 1 FROM reflect.reappearances r WHERE r.customer_id = n.customer_id)
  GROUP BY n.customer_id;
  RETURN NULL;
END $$;
CREATE TRIGGER customers_reappearance_i AFTER INSERT ON reflect.customers REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION reflect.flag_reappearances();
CREATE TRIGGER customers_reappearance_u AFTER UPDATE ON reflect.customers REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION reflect.flag_reappearances();

-- payload: {case_id, plan_hash}. One transaction: the plan as approved, applied; the tombstones;
-- the erasure record on the case. Idempotent by operation id (apply_operation).
CREATE FUNCTION reflect.op_case_erase(p jsonb, actor text) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  c reflect.cases;
  problem text;
  plan jsonb;
  approved reflect.erasure_approvals;
  counts jsonb;
  subjects bigint[];
BEGIN
  SELECT * INTO c FROM reflect.cases WHERE case_id = (p ->> 'case_id')::uuid FOR UPDATE;
  problem := reflect.case_permits(p, NULL, ARRAY['erasure', 'delete'], 'an erasure');
  IF problem IS NOT NULL THEN RETURN reflect.rejected(problem); END IF;
  IF EXISTS (SELECT 1 FROM reflect.case_actions WHERE case_id = c.case_id AND kind = 'erasure') THEN
    RETURN reflect.rejected('the erasure of this case was already carried out');
  END IF;
  plan := reflect.erasure_plan(c.case_id, false);
  IF NOT (plan ->> 'complete')::boolean THEN
    RETURN reflect.rejected('the erasure plan is incomplete: ' ||
      (SELECT string_agg(x, '; ') FROM jsonb_array_elements_text(plan -> 'problems') x));
  END IF;
  SELECT * INTO approved FROM reflect.erasure_approvals WHERE case_id = c.case_id ORDER BY approval_id DESC LIMIT 1;
  IF approved IS NULL OR approved.approved_by IS DISTINCT FROM c.approval ->> 'decidedBy'
     OR approved.approved_at IS DISTINCT FROM (c.approval ->> 'decidedAt')::timestamptz THEN
    RETURN reflect.rejected('the approval of this case was not given to an erasure plan: the approver opens the preview and approves what it shows');
  END IF;
  IF approved.plan_hash <> plan ->> 'hash' THEN
    RETURN reflect.rejected('the erasure plan changed since it was approved (rows were added or removed, or a policy changed): preview it again and ask for a new approval');
  END IF;
  IF p ->> 'plan_hash' IS DISTINCT FROM plan ->> 'hash' THEN
    RETURN reflect.rejected('the plan sent is not the plan approved: preview it again before executing');
  END IF;
  subjects := ARRAY(SELECT jsonb_array_elements_text(plan -> 'subjects')::bigint);
  INSERT INTO reflect.tombstone_identifiers (hash, kind, case_reference)
    SELECT h.hash, h.kind, c.reference FROM reflect.customers x
    CROSS JOIN LATERAL reflect.identifier_hashes(x.name, x.email, x.phone, x.attributes) h
    WHERE x.customer_id = ANY (subjects)
    ON CONFLICT (hash) DO NOTHING;
  counts := reflect.erasure_apply(plan, c.case_id);
  INSERT INTO reflect.tombstones (subject_hash)
    SELECT reflect.subject_hash(id) FROM unnest(subjects) id ON CONFLICT DO NOTHING;
  INSERT INTO reflect.case_actions (action_id, case_id, kind, actor, details)
  VALUES ((p ->> '_op_id')::uuid, c.case_id, 'erasure', actor, jsonb_build_object(
    'planHash', plan ->> 'hash', 'subjects', plan -> 'subjects', 'tables', counts,
    'approvedBy', approved.approved_by, 'approvedAt', approved.approved_at));
  RETURN reflect.case_audit(c, jsonb_build_object('planHash', plan ->> 'hash', 'subjects', plan -> 'subjects', 'tables', counts));
END $$;

-- An erasure case is approved for its plan: the hash the approver was shown must be the plan's
-- hash now, and it is recorded with the decision.
CREATE FUNCTION reflect.op_case_decide_approval_bound(p jsonb, actor text) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  c reflect.cases;
  plan jsonb;
  outcome jsonb;
BEGIN
  SELECT * INTO c FROM reflect.cases WHERE case_id = (p ->> 'case_id')::uuid;
  -- Four eyes and the workflow refuse first, in their own words; the plan is judged after.
  IF FOUND AND c.request_type IN ('erasure', 'delete') AND p ->> 'decision' = 'approved'
     AND c.status = 'awaiting_approval' AND NOT actor = ANY (reflect.case_workers(c)) THEN
    plan := reflect.erasure_plan(c.case_id, false);
    IF NOT (plan ->> 'complete')::boolean THEN
      RETURN reflect.rejected('the erasure plan is incomplete, so it cannot be approved: ' ||
        (SELECT string_agg(x, '; ') FROM jsonb_array_elements_text(plan -> 'problems') x));
    END IF;
    IF p ->> 'plan_hash' IS NULL THEN
      RETURN reflect.rejected('an erasure is approved for its plan: open the erasure preview and approve what it shows');
    END IF;
    IF p ->> 'plan_hash' <> plan ->> 'hash' THEN
      RETURN reflect.rejected('the erasure plan changed since it was previewed: open the preview again and approve what it shows now');
    END IF;
  END IF;
  outcome := reflect.op_case_decide_approval_four_eyes(p, actor);
  IF outcome ->> 'status' = 'applied' AND plan IS NOT NULL THEN
    INSERT INTO reflect.erasure_approvals (case_id, plan_hash, approved_by, approved_at)
    VALUES (c.case_id, plan ->> 'hash', actor, coalesce((p ->> 'at')::timestamptz, now()));
  END IF;
  RETURN outcome;
END $$;

-- Erasing one customer outside its case's plan would skip the policies and the approval's hash.
CREATE OR REPLACE FUNCTION reflect.op_customer_erase_for_case(p jsonb, actor text) RETURNS jsonb LANGUAGE sql AS $$
  SELECT reflect.rejected('an erasure is carried out for its whole case, from the approved plan: use the case''s "Erase" action (reflect case erase)')
$$;
DROP FUNCTION reflect.op_customer_erase(jsonb, text);

UPDATE reflect.operation_kinds SET function_name = 'op_case_decide_approval_bound' WHERE kind = 'case.decide-approval';
INSERT INTO reflect.operation_kinds VALUES ('case.erase', 'op_case_erase', 'reflect_officer');

REVOKE SELECT ON reflect.tombstones FROM reflect_viewer;
GRANT SELECT ON reflect.tombstones TO reflect_officer;
REVOKE SELECT (key, value) ON reflect.settings FROM reflect_viewer;
GRANT SELECT (key, value) ON reflect.settings TO reflect_officer;
REVOKE EXECUTE ON FUNCTION reflect.subject_hash(bigint) FROM reflect_viewer;
GRANT EXECUTE ON FUNCTION reflect.subject_hash(bigint) TO reflect_officer;
GRANT SELECT ON reflect.case_actions, reflect.erasure_policies TO reflect_viewer;
GRANT SELECT ON reflect.reappearances, reflect.retained_rows TO reflect_officer;
GRANT EXECUTE ON FUNCTION reflect.erasure_preview(uuid) TO reflect_officer;

-- Functions are executable by PUBLIC when created: only the documented entry points stay callable.
REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA reflect FROM PUBLIC;
GRANT EXECUTE ON FUNCTION reflect.erasure_preview(uuid) TO reflect_officer;
`,
};
