/**
 * Every right carried out from its case, and a case fulfilled only once central confirms it.
 *
 * - Restriction: each customer restricted for the case leaves a case action; lifting it later is
 *   its own decision with a reason (customer.lift-restriction), never a silent flag change.
 * - Objection, consent withdrawal, CCPA opt-out of sale/sharing and the CPRA right to limit the
 *   use of sensitive personal information (new request type "limit"): consents withdrawn per
 *   purpose for every subject (recorded as refused where none existed, so the choice holds for
 *   the future too), each purpose allowed by the request type.
 * - Rectification of every identity field, addresses included, from the case with the
 *   requester's evidence.
 * - Fulfilment needs the case's confirmed action: the erasure record, the restriction of every
 *   subject, the consents withdrawn, the correction made, or the export recorded.
 * - Administrators keep the erasure policies through operations (validated against the catalog,
 *   audited), and purge retained rows whose date has passed.
 */
export const rightsFromCases = {
  version: 12,
  name: 'rights-from-cases',
  sql: /* sql */ `
INSERT INTO reflect.case_request_types VALUES ('ccpa', 'limit', false);

-- Why case p.case_id cannot take this right's action now, or NULL. Approval is required only
-- where the request type asks for it.
CREATE FUNCTION reflect.case_ready(p jsonb, types text[], what text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  c reflect.cases;
BEGIN
  IF p ->> 'case_id' IS NULL THEN RETURN format('%s is carried out only for a case', what); END IF;
  SELECT * INTO c FROM reflect.cases WHERE case_id = (p ->> 'case_id')::uuid FOR SHARE;
  IF NOT FOUND THEN RETURN 'the case does not exist'; END IF;
  IF NOT c.request_type = ANY (types) THEN
    RETURN format('a case of type %s does not allow %s', replace(c.request_type, '_', ' '), what);
  END IF;
  IF c.status <> 'in_progress' THEN
    RETURN format('the case is %s, not in progress', replace(c.status, '_', ' '));
  END IF;
  IF c.verification IS NULL THEN
    RETURN 'the requester''s identity is not verified (nor the check overridden)';
  END IF;
  IF (SELECT needs_approval FROM reflect.case_request_types t
      WHERE t.jurisdiction = c.jurisdiction AND t.request_type = c.request_type)
     AND coalesce(c.approval ->> 'decision', '') <> 'approved' THEN
    RETURN format('%s needs a second officer''s approval of the case first', what);
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION reflect.record_case_action(p jsonb, kind text, actor text, details jsonb) RETURNS void LANGUAGE sql AS $$
  INSERT INTO reflect.case_actions (action_id, case_id, kind, actor, details)
  VALUES ((p ->> '_op_id')::uuid, (p ->> 'case_id')::uuid, kind, actor, details)
$$;

-- Restricting stays as before (an approved restriction case); lifting is its own decision.
CREATE FUNCTION reflect.op_customer_restrict_recorded(p jsonb, actor text) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  outcome jsonb;
BEGIN
  IF NOT coalesce((p ->> 'restricted')::boolean, false) THEN
    RETURN reflect.rejected('processing is restored with "Lift restriction", which records the decision and its reason');
  END IF;
  outcome := reflect.op_customer_restrict_for_case(p, actor);
  IF outcome ->> 'status' = 'applied' THEN
    PERFORM reflect.record_case_action(p, 'restriction', actor,
      jsonb_build_object('customerId', (p ->> 'customer_id')::bigint));
  END IF;
  RETURN outcome;
END $$;

-- payload: {case_id, customer_id, base_version, reason}: on a restriction case naming the
-- customer, whatever its status (a restriction often outlives its case).
CREATE FUNCTION reflect.op_customer_lift_restriction(p jsonb, actor text) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  c reflect.cases;
  x reflect.customers;
BEGIN
  SELECT * INTO c FROM reflect.cases WHERE case_id = (p ->> 'case_id')::uuid;
  IF NOT FOUND OR c.request_type <> 'restriction' THEN
    RETURN reflect.rejected('a restriction is lifted on the restriction case that set it');
  END IF;
  IF NOT (p ->> 'customer_id')::bigint = ANY (c.subject_ids) THEN
    RETURN reflect.rejected(format('customer %s is not a subject of this case', p ->> 'customer_id'));
  END IF;
  IF nullif(btrim(p ->> 'reason'), '') IS NULL THEN
    RETURN reflect.rejected('lifting a restriction needs the reason (e.g. the accuracy was verified, the objection was weighed)');
  END IF;
  SELECT * INTO x FROM reflect.customers WHERE customer_id = (p ->> 'customer_id')::bigint FOR UPDATE;
  IF NOT FOUND THEN RETURN reflect.rejected('the customer does not exist'); END IF;
  IF x.version <> (p ->> 'base_version')::bigint THEN RETURN reflect.conflict(to_jsonb(x)); END IF;
  IF NOT x.restricted THEN RETURN reflect.rejected('processing of this customer is not restricted'); END IF;
  UPDATE reflect.customers SET restricted = false WHERE customer_id = x.customer_id;
  PERFORM reflect.record_case_action(p, 'restriction_lifted', actor,
    jsonb_build_object('customerId', x.customer_id, 'reason', p ->> 'reason'));
  RETURN reflect.applied('customer:' || x.customer_id, jsonb_build_object('case_id', c.case_id, 'restricted', false));
END $$;

-- The purposes each request type may withdraw; NULL means any purpose the requester names.
CREATE FUNCTION reflect.withdrawable_purposes(request_type text) RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE request_type
    WHEN 'objection' THEN ARRAY['marketing_email', 'marketing_sms', 'profiling']
    WHEN 'opt_out' THEN ARRAY['third_party_sharing']
    WHEN 'limit' THEN ARRAY['sensitive_data_use']
    ELSE NULL END
$$;

-- payload: {case_id, purposes: [...]}
CREATE FUNCTION reflect.op_case_withdraw_consents(p jsonb, actor text) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  c reflect.cases;
  problem text := reflect.case_ready(p, ARRAY['objection', 'consent_withdrawal', 'opt_out', 'limit'], 'withdrawing consent');
  purposes text[];
  allowed text[];
  withdrawn bigint;
  recorded bigint;
BEGIN
  IF problem IS NOT NULL THEN RETURN reflect.rejected(problem); END IF;
  SELECT * INTO c FROM reflect.cases WHERE case_id = (p ->> 'case_id')::uuid;
  IF jsonb_typeof(p -> 'purposes') IS DISTINCT FROM 'array' THEN
    RETURN reflect.rejected('name the purposes whose consent is withdrawn');
  END IF;
  purposes := ARRAY(SELECT DISTINCT btrim(x) FROM jsonb_array_elements_text(p -> 'purposes') x WHERE btrim(x) <> '');
  IF cardinality(purposes) = 0 THEN RETURN reflect.rejected('name the purposes whose consent is withdrawn'); END IF;
  allowed := reflect.withdrawable_purposes(c.request_type);
  IF allowed IS NOT NULL AND NOT purposes <@ allowed THEN
    RETURN reflect.rejected(format('a %s request withdraws %s, not %s', replace(c.request_type, '_', ' '),
      array_to_string(allowed, ', '), array_to_string(ARRAY(SELECT unnest(purposes) EXCEPT SELECT unnest(allowed)), ', ')));
  END IF;
  IF cardinality(c.subject_ids) = 0 THEN RETURN reflect.rejected('the case has no linked subject'); END IF;
  PERFORM 1 FROM reflect.customers WHERE customer_id = ANY (c.subject_ids) ORDER BY customer_id FOR UPDATE;
  UPDATE reflect.consents SET granted = false, withdrawn_at = now(), updated_at = now(),
    source = 'request ' || c.reference
  WHERE customer_id = ANY (c.subject_ids) AND purpose = ANY (purposes) AND granted;
  GET DIAGNOSTICS withdrawn = ROW_COUNT;
  INSERT INTO reflect.consents (customer_id, purpose, granted, source, withdrawn_at)
  SELECT s, pu, false, 'request ' || c.reference, now()
  FROM unnest(c.subject_ids) s CROSS JOIN unnest(purposes) pu
  WHERE EXISTS (SELECT 1 FROM reflect.customers WHERE customer_id = s)
    AND NOT EXISTS (SELECT 1 FROM reflect.consents k WHERE k.customer_id = s AND k.purpose = pu);
  GET DIAGNOSTICS recorded = ROW_COUNT;
  PERFORM reflect.record_case_action(p, 'consent', actor, jsonb_build_object(
    'purposes', to_jsonb(purposes), 'subjects', to_jsonb(c.subject_ids), 'withdrawn', withdrawn, 'recordedRefused', recorded));
  RETURN reflect.case_audit(c, jsonb_build_object('purposes', to_jsonb(purposes), 'withdrawn', withdrawn, 'recordedRefused', recorded));
END $$;

-- payload: {case_id, customer_id, base_version, evidence, changes: {name, email, phone, given_name,
-- family_name, date_of_birth, national_id, customer_number}, addresses: [{address_id, base_version,
-- changes: {line1, line2, city, region, postcode, country}}]}
CREATE FUNCTION reflect.op_case_rectify(p jsonb, actor text) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  problem text := reflect.case_ready(p, ARRAY['rectification', 'correct'], 'a correction');
  c reflect.cases;
  x reflect.customers;
  ch jsonb := coalesce(p -> 'changes', '{}');
  k text;
  a jsonb;
  addr reflect.addresses;
  address_fields jsonb := '[]';
  attribute_keys text[] := ARRAY['given_name', 'family_name', 'date_of_birth', 'national_id', 'customer_number'];
BEGIN
  IF problem IS NOT NULL THEN RETURN reflect.rejected(problem); END IF;
  SELECT * INTO c FROM reflect.cases WHERE case_id = (p ->> 'case_id')::uuid;
  IF NOT (p ->> 'customer_id')::bigint = ANY (c.subject_ids) THEN
    RETURN reflect.rejected(format('customer %s is not a subject of this case', p ->> 'customer_id'));
  END IF;
  IF nullif(btrim(p ->> 'evidence'), '') IS NULL THEN
    RETURN reflect.rejected('a correction names the requester''s evidence');
  END IF;
  IF jsonb_typeof(ch) <> 'object' OR jsonb_typeof(coalesce(p -> 'addresses', '[]')) <> 'array' THEN
    RETURN reflect.rejected('a correction lists its changes');
  END IF;
  IF ch = '{}'::jsonb AND coalesce(jsonb_array_length(p -> 'addresses'), 0) = 0 THEN
    RETURN reflect.rejected('a correction changes at least one field');
  END IF;
  FOR k IN SELECT jsonb_object_keys(ch) LOOP
    IF NOT k = ANY (ARRAY['name', 'email', 'phone'] || attribute_keys) THEN
      RETURN reflect.rejected(format('a correction changes identity fields, not %s', k));
    END IF;
    IF jsonb_typeof(ch -> k) NOT IN ('string', 'null') THEN
      RETURN reflect.rejected(format('%s is written as text', replace(k, '_', ' ')));
    END IF;
  END LOOP;
  IF ch ? 'name' AND nullif(btrim(ch ->> 'name'), '') IS NULL THEN RETURN reflect.rejected('the name cannot be emptied'); END IF;
  IF nullif(ch ->> 'email', '') IS NOT NULL AND ch ->> 'email' !~ '^[^@\\s]+@[^@\\s]+$' THEN
    RETURN reflect.rejected('the email address is not one');
  END IF;
  IF nullif(ch ->> 'date_of_birth', '') IS NOT NULL AND ch ->> 'date_of_birth' !~ '^\\d{4}-\\d{2}-\\d{2}$' THEN
    RETURN reflect.rejected('the date of birth is written YYYY-MM-DD');
  END IF;
  PERFORM nullif(ch ->> 'date_of_birth', '')::date;
  SELECT * INTO x FROM reflect.customers WHERE customer_id = (p ->> 'customer_id')::bigint FOR UPDATE;
  IF NOT FOUND OR x.merged_into IS NOT NULL THEN RETURN reflect.rejected('the customer does not exist or was merged'); END IF;
  IF x.version <> (p ->> 'base_version')::bigint THEN RETURN reflect.conflict(to_jsonb(x)); END IF;
  IF ch <> '{}'::jsonb THEN
    UPDATE reflect.customers SET
      name = CASE WHEN ch ? 'name' THEN ch ->> 'name' ELSE name END,
      email = CASE WHEN ch ? 'email' THEN nullif(ch ->> 'email', '') ELSE email END,
      phone = CASE WHEN ch ? 'phone' THEN nullif(ch ->> 'phone', '') ELSE phone END,
      attributes = (attributes - ARRAY(SELECT k2 FROM jsonb_object_keys(ch) k2 WHERE k2 = ANY (attribute_keys)))
        || jsonb_strip_nulls((SELECT coalesce(jsonb_object_agg(k2, nullif(ch ->> k2, '')), '{}')
                              FROM jsonb_object_keys(ch) k2 WHERE k2 = ANY (attribute_keys)))
    WHERE customer_id = x.customer_id;
  END IF;
  FOR a IN SELECT * FROM jsonb_array_elements(coalesce(p -> 'addresses', '[]')) LOOP
    SELECT * INTO addr FROM reflect.addresses WHERE address_id = (a ->> 'address_id')::bigint FOR UPDATE;
    IF NOT FOUND OR addr.customer_id IS DISTINCT FROM x.customer_id THEN
      RETURN reflect.rejected(format('address %s is not one of this customer''s', a ->> 'address_id'));
    END IF;
    IF addr.version <> (a ->> 'base_version')::bigint THEN RETURN reflect.conflict(to_jsonb(addr)); END IF;
    FOR k IN SELECT jsonb_object_keys(coalesce(a -> 'changes', '{}')) LOOP
      IF NOT k = ANY (ARRAY['line1', 'line2', 'city', 'region', 'postcode', 'country']) THEN
        RETURN reflect.rejected(format('an address correction changes its lines, city, region, postcode or country, not %s', k));
      END IF;
      IF k IN ('line1', 'city', 'country') AND nullif(btrim(a -> 'changes' ->> k), '') IS NULL THEN
        RETURN reflect.rejected(format('an address keeps its %s', CASE k WHEN 'line1' THEN 'first line' ELSE k END));
      END IF;
    END LOOP;
    UPDATE reflect.addresses SET
      line1 = coalesce(a -> 'changes' ->> 'line1', line1),
      line2 = CASE WHEN a -> 'changes' ? 'line2' THEN nullif(a -> 'changes' ->> 'line2', '') ELSE line2 END,
      city = coalesce(a -> 'changes' ->> 'city', city),
      region = CASE WHEN a -> 'changes' ? 'region' THEN nullif(a -> 'changes' ->> 'region', '') ELSE region END,
      postcode = CASE WHEN a -> 'changes' ? 'postcode' THEN nullif(a -> 'changes' ->> 'postcode', '') ELSE postcode END,
      country = coalesce(a -> 'changes' ->> 'country', country)
    WHERE address_id = addr.address_id;
    address_fields := address_fields || jsonb_build_object('addressId', addr.address_id,
      'fields', (SELECT coalesce(jsonb_agg(k2), '[]') FROM jsonb_object_keys(coalesce(a -> 'changes', '{}')) k2));
  END LOOP;
  PERFORM reflect.record_case_action(p, 'rectification', actor, jsonb_build_object(
    'customerId', x.customer_id, 'fields', (SELECT coalesce(jsonb_agg(k2), '[]') FROM jsonb_object_keys(ch) k2),
    'addresses', address_fields, 'evidence', p ->> 'evidence'));
  RETURN reflect.applied('customer:' || x.customer_id, jsonb_build_object('case_id', c.case_id,
    'fields', (SELECT coalesce(jsonb_agg(k2), '[]') FROM jsonb_object_keys(ch) k2), 'addresses', address_fields));
END $$;

-- What a case still lacks before it can be fulfilled, or NULL.
CREATE FUNCTION reflect.case_unfulfilled(c reflect.cases) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT CASE
    WHEN c.request_type IN ('erasure', 'delete')
         AND NOT EXISTS (SELECT 1 FROM reflect.case_actions a WHERE a.case_id = c.case_id AND a.kind = 'erasure')
      THEN 'the erasure has not been carried out: preview the plan, have it approved, then execute it'
    WHEN c.request_type = 'restriction' AND EXISTS (
           SELECT 1 FROM reflect.customers x WHERE x.customer_id = ANY (c.subject_ids) AND NOT x.restricted)
      THEN 'processing is not restricted yet for every subject of the case: restrict it first'
    WHEN c.request_type = 'restriction'
         AND NOT EXISTS (SELECT 1 FROM reflect.case_actions a WHERE a.case_id = c.case_id AND a.kind = 'restriction')
      THEN 'no restriction was set for this case'
    WHEN c.request_type IN ('objection', 'consent_withdrawal', 'opt_out', 'limit')
         AND NOT EXISTS (SELECT 1 FROM reflect.case_actions a WHERE a.case_id = c.case_id AND a.kind = 'consent')
      THEN 'the consents have not been withdrawn yet: withdraw them from the case first'
    WHEN c.request_type IN ('rectification', 'correct')
         AND NOT EXISTS (SELECT 1 FROM reflect.case_actions a WHERE a.case_id = c.case_id AND a.kind = 'rectification')
      THEN 'no correction has been made for this case (if nothing needed correcting, reject the request and say why)'
    WHEN c.request_type IN ('access', 'portability', 'know')
         AND NOT EXISTS (SELECT 1 FROM reflect.case_events e WHERE e.case_id = c.case_id AND e.kind = 'exported')
      THEN 'no export has been written for this case yet'
  END
$$;

CREATE FUNCTION reflect.op_case_transition_confirmed(p jsonb, actor text) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  c reflect.cases;
  missing text;
BEGIN
  IF p ->> 'to' = 'fulfilled' THEN
    SELECT * INTO c FROM reflect.cases WHERE case_id = (p ->> 'case_id')::uuid;
    -- The workflow's own refusals (wrong status, identity, approval) come first and in its words.
    IF FOUND AND EXISTS (SELECT 1 FROM reflect.case_transitions WHERE from_status = c.status AND to_status = 'fulfilled')
       AND c.verification IS NOT NULL
       AND (NOT (SELECT needs_approval FROM reflect.case_request_types t
                 WHERE t.jurisdiction = c.jurisdiction AND t.request_type = c.request_type)
            OR c.approval ->> 'decision' = 'approved') THEN
      missing := reflect.case_unfulfilled(c);
      IF missing IS NOT NULL THEN RETURN reflect.rejected(missing); END IF;
    END IF;
  END IF;
  RETURN reflect.op_case_transition(p, actor);
END $$;

-- payload: {reappearance_id, base_version, decision: keep|erase, note}
CREATE FUNCTION reflect.op_reappearance_decide(p jsonb, actor text) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  r reflect.reappearances;
BEGIN
  SELECT * INTO r FROM reflect.reappearances WHERE reappearance_id = (p ->> 'reappearance_id')::uuid FOR UPDATE;
  IF NOT FOUND THEN RETURN reflect.rejected('there is no such flagged record'); END IF;
  IF r.version <> (p ->> 'base_version')::bigint THEN RETURN reflect.conflict(to_jsonb(r)); END IF;
  IF r.decision IS NOT NULL THEN RETURN reflect.rejected('this record was already decided'); END IF;
  IF p ->> 'decision' NOT IN ('keep', 'erase') THEN RETURN reflect.rejected('decide keep or erase'); END IF;
  IF nullif(btrim(p ->> 'note'), '') IS NULL THEN RETURN reflect.rejected('say why (e.g. the person signed up again on their own)'); END IF;
  UPDATE reflect.reappearances SET decision = p ->> 'decision', decided_by = actor, decided_at = now(), note = p ->> 'note'
  WHERE reappearance_id = r.reappearance_id;
  RETURN reflect.applied('customer:' || r.customer_id,
    jsonb_build_object('reappearance_id', r.reappearance_id, 'decision', p ->> 'decision'));
END $$;

-- payload: {table, strategy, columns, legal_basis, retain_years, retain_from, then_strategy}
CREATE FUNCTION reflect.op_erasure_set_policy(p jsonb, actor text) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  rel regclass := to_regclass(p ->> 'table');
  v_schema text;
  v_table text;
  col text;
  rule text;
  problem text;
BEGIN
  IF rel IS NULL THEN RETURN reflect.rejected(format('there is no table %s', p ->> 'table')); END IF;
  IF rel = 'reflect.customers'::regclass THEN
    RETURN reflect.rejected('the person''s own record is always deleted; no policy applies to it');
  END IF;
  IF NOT EXISTS (SELECT 1 FROM reflect.erasure_edges() WHERE child = rel) THEN
    RETURN reflect.rejected(format('%s does not reach a customer through a foreign key, so an erasure never touches it', rel));
  END IF;
  IF p ->> 'strategy' NOT IN ('delete', 'anonymise', 'retain') THEN
    RETURN reflect.rejected('the strategy is delete, anonymise or retain');
  END IF;
  IF jsonb_typeof(coalesce(p -> 'columns', '{}')) <> 'object' THEN
    RETURN reflect.rejected('columns map each column to null, hash or fixed:<text>');
  END IF;
  FOR col, rule IN SELECT * FROM jsonb_each_text(coalesce(p -> 'columns', '{}')) LOOP
    problem := reflect.column_rule_problem(rel, col, rule);
    IF problem IS NOT NULL THEN RETURN reflect.rejected(problem); END IF;
  END LOOP;
  IF p ->> 'strategy' = 'retain' AND (nullif(btrim(p ->> 'legal_basis'), '') IS NULL
      OR p ->> 'retain_years' IS NULL OR p ->> 'then_strategy' IS NULL) THEN
    RETURN reflect.rejected('keeping rows needs the legal basis, the number of years and what happens after');
  END IF;
  SELECT n.nspname, cl.relname INTO v_schema, v_table
    FROM pg_class cl JOIN pg_namespace n ON n.oid = cl.relnamespace WHERE cl.oid = rel;
  INSERT INTO reflect.erasure_policies AS e (table_schema, table_name, strategy, columns, legal_basis,
    retain_years, retain_from, then_strategy, updated_by, updated_at)
  VALUES (v_schema, v_table, p ->> 'strategy', coalesce(p -> 'columns', '{}'),
    nullif(btrim(p ->> 'legal_basis'), ''), (p ->> 'retain_years')::int, nullif(p ->> 'retain_from', ''),
    p ->> 'then_strategy', actor, now())
  ON CONFLICT (table_schema, table_name) DO UPDATE SET strategy = excluded.strategy, columns = excluded.columns,
    legal_basis = excluded.legal_basis, retain_years = excluded.retain_years, retain_from = excluded.retain_from,
    then_strategy = excluded.then_strategy, updated_by = excluded.updated_by, updated_at = excluded.updated_at;
  RETURN reflect.applied('table:' || rel::text, jsonb_build_object('strategy', p ->> 'strategy',
    'columns', (SELECT coalesce(jsonb_agg(k), '[]') FROM jsonb_object_keys(coalesce(p -> 'columns', '{}')) k)));
END $$;

-- payload: {table}
CREATE FUNCTION reflect.op_erasure_remove_policy(p jsonb, actor text) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  rel regclass := to_regclass(p ->> 'table');
BEGIN
  DELETE FROM reflect.erasure_policies e USING pg_class cl JOIN pg_namespace n ON n.oid = cl.relnamespace
  WHERE cl.oid = rel AND e.table_schema = n.nspname AND e.table_name = cl.relname;
  IF NOT FOUND THEN RETURN reflect.rejected(format('%s has no erasure policy', p ->> 'table')); END IF;
  RETURN reflect.applied('table:' || rel::text, '{}');
END $$;

-- payload: {}: rows kept under a legal basis whose date has passed are deleted or anonymised.
CREATE FUNCTION reflect.op_erasure_purge_due(p jsonb, actor text) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  r reflect.retained_rows;
  key_column record;
  salt text := (SELECT value FROM reflect.settings WHERE key = 'tombstone_salt');
  sets text[];
  counts jsonb := '{}';
  blocked jsonb := '[]';
BEGIN
  FOR r IN SELECT * FROM reflect.retained_rows WHERE purged_at IS NULL AND retain_until <= now()
           ORDER BY table_name, pk FOR UPDATE LOOP
    SELECT * INTO key_column FROM reflect.primary_key_of(r.table_name::regclass);
    -- One row that cannot go (another row still points at it) is reported, not fatal to the run.
    BEGIN
      IF r.then_strategy = 'delete' THEN
        EXECUTE format('DELETE FROM %s WHERE %I = $1::%s', r.table_name::regclass, key_column.column_name, key_column.type_name) USING r.pk;
      ELSE
        sets := reflect.anonymise_sets(r.columns, salt);
        IF cardinality(sets) > 0 THEN
          EXECUTE format('UPDATE %s SET %s WHERE %I = $1::%s', r.table_name::regclass, array_to_string(sets, ', '),
                         key_column.column_name, key_column.type_name) USING r.pk;
        END IF;
      END IF;
      UPDATE reflect.retained_rows x SET purged_at = now() WHERE x.table_name = r.table_name AND x.pk = r.pk;
      counts := jsonb_set(counts, ARRAY[r.table_name], to_jsonb(coalesce((counts ->> r.table_name)::int, 0) + 1));
    EXCEPTION WHEN integrity_constraint_violation THEN
      blocked := blocked || jsonb_build_object('table', r.table_name, 'pk', r.pk, 'reason', SQLERRM);
    END;
  END LOOP;
  RETURN reflect.applied(NULL, jsonb_build_object('purged', counts, 'blocked', blocked));
END $$;

UPDATE reflect.operation_kinds SET function_name = 'op_customer_restrict_recorded' WHERE kind = 'customer.restrict';
UPDATE reflect.operation_kinds SET function_name = 'op_case_transition_confirmed' WHERE kind = 'case.transition';
INSERT INTO reflect.operation_kinds VALUES
  ('customer.lift-restriction', 'op_customer_lift_restriction', 'reflect_officer'),
  ('case.withdraw-consents', 'op_case_withdraw_consents', 'reflect_officer'),
  ('case.rectify', 'op_case_rectify', 'reflect_officer'),
  ('reappearance.decide', 'op_reappearance_decide', 'reflect_officer'),
  ('erasure.set-policy', 'op_erasure_set_policy', 'reflect_admin'),
  ('erasure.remove-policy', 'op_erasure_remove_policy', 'reflect_admin'),
  ('erasure.purge-due', 'op_erasure_purge_due', 'reflect_admin');

-- Functions are executable by PUBLIC when created: only the documented entry points stay callable.
REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA reflect FROM PUBLIC;
GRANT EXECUTE ON FUNCTION reflect.erasure_preview(uuid) TO reflect_officer;
-- Which tables reach a customer (catalog facts only): what the policy list shows an administrator.
GRANT EXECUTE ON FUNCTION reflect.erasure_edges() TO reflect_admin;
`,
};
