/**
 * Named operations: the only way a desk changes central data. `reflect.apply_operation` runs one
 * operation in the caller's transaction, once per operation id (a repeated id returns the first
 * result), checks the row versions the desk saw, and writes the central audit log.
 *
 * Adding an operation: one function `reflect.op_<name>(payload jsonb, actor text) RETURNS jsonb`
 * plus one row in `reflect.operation_kinds` (kind, function, least role). Each returns
 * {status: 'applied', subject, audit} or {status: 'conflict', current} or {status: 'rejected', reason}.
 * No personal values are written to the audit log or the operation record, only ids and field names.
 */
export const operations = {
  version: 3,
  name: 'operations',
  sql: /* sql */ `
CREATE TABLE reflect.settings (key text PRIMARY KEY, value text NOT NULL);
-- Salt of tombstone hashes: a bare hash of a customer id could be reversed by counting.
INSERT INTO reflect.settings VALUES ('tombstone_salt', replace(gen_random_uuid()::text, '-', ''));

CREATE TABLE reflect.operation_kinds (
  kind           text PRIMARY KEY,
  function_name  text NOT NULL,
  required_role  text NOT NULL
);

CREATE TABLE reflect.applied_operations (
  op_id       uuid PRIMARY KEY,
  kind        text NOT NULL,
  actor       text NOT NULL,
  result      jsonb NOT NULL,
  applied_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE reflect.audit_log (
  id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at        timestamptz NOT NULL DEFAULT now(),
  actor     text NOT NULL,
  action    text NOT NULL,
  subject   text,
  details   jsonb NOT NULL DEFAULT '{}',
  op_id     uuid,
  desk_id   uuid,
  desk_seq  bigint,
  UNIQUE (desk_id, desk_seq)
);

CREATE TABLE reflect.tombstones (
  subject_hash  text PRIMARY KEY,
  erased_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE reflect.erasure_strategy (
  table_name  text PRIMARY KEY,
  strategy    text NOT NULL CHECK (strategy IN ('delete', 'anonymise'))
);
-- Orders stay for bookkeeping and consents as proof of what was asked, detached from the person.
INSERT INTO reflect.erasure_strategy VALUES
  ('addresses', 'delete'), ('interactions', 'delete'), ('events', 'delete'),
  ('orders', 'anonymise'), ('consents', 'anonymise');

CREATE TABLE reflect.merges (
  op_id                   uuid PRIMARY KEY,
  survivor_id             bigint NOT NULL,
  merged_ids              bigint[] NOT NULL,
  -- The records and child links as they were, so an unmerge restores them exactly.
  before                  jsonb NOT NULL,
  provenance              jsonb NOT NULL DEFAULT '{}',
  survivor_version_after  bigint NOT NULL,
  undone_by               uuid
);

CREATE FUNCTION reflect.subject_hash(customer_id bigint) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT encode(sha256(convert_to(
    (SELECT value FROM reflect.settings WHERE key = 'tombstone_salt') || ':customer:' || customer_id, 'UTF8')), 'hex')
$$;

CREATE FUNCTION reflect.applied(subject text, audit jsonb DEFAULT '{}') RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
  SELECT jsonb_build_object('status', 'applied', 'subject', subject, 'audit', audit)
$$;

CREATE FUNCTION reflect.rejected(reason text) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
  SELECT jsonb_build_object('status', 'rejected', 'reason', reason)
$$;

CREATE FUNCTION reflect.conflict(latest jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
  SELECT jsonb_build_object('status', 'conflict', 'current', latest)
$$;

-- Writes the given customer fields; shared by rectify and merge so both accept the same fields.
CREATE FUNCTION reflect.write_customer_fields(id bigint, fields jsonb) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  k text;
BEGIN
  FOR k IN SELECT jsonb_object_keys(fields) LOOP
    IF NOT k = ANY (ARRAY['name', 'email', 'phone', 'status', 'lifecycle_stage', 'tags', 'attributes', 'last_active']) THEN
      RETURN format('the field %s cannot be changed by an operation', k);
    END IF;
  END LOOP;
  UPDATE reflect.customers SET
    name            = CASE WHEN fields ? 'name' THEN fields ->> 'name' ELSE name END,
    email           = CASE WHEN fields ? 'email' THEN fields ->> 'email' ELSE email END,
    phone           = CASE WHEN fields ? 'phone' THEN fields ->> 'phone' ELSE phone END,
    status          = CASE WHEN fields ? 'status' THEN fields ->> 'status' ELSE status END,
    lifecycle_stage = CASE WHEN fields ? 'lifecycle_stage' THEN fields ->> 'lifecycle_stage' ELSE lifecycle_stage END,
    last_active     = CASE WHEN fields ? 'last_active' THEN (fields ->> 'last_active')::timestamptz ELSE last_active END,
    tags            = CASE WHEN fields ? 'tags'
                        THEN ARRAY(SELECT jsonb_array_elements_text(fields -> 'tags')) ELSE tags END,
    attributes      = CASE WHEN fields ? 'attributes' THEN fields -> 'attributes' ELSE attributes END
  WHERE customer_id = id;
  RETURN NULL;
END $$;

-- payload: {customer_id, base_version, changes: {field: value}}
CREATE FUNCTION reflect.op_customer_rectify(p jsonb, actor text) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  c reflect.customers;
  problem text;
BEGIN
  SELECT * INTO c FROM reflect.customers WHERE customer_id = (p ->> 'customer_id')::bigint FOR UPDATE;
  IF NOT FOUND OR c.merged_into IS NOT NULL THEN
    RETURN reflect.rejected('the customer does not exist or was merged');
  END IF;
  IF c.version <> (p ->> 'base_version')::bigint THEN
    RETURN reflect.conflict(to_jsonb(c));
  END IF;
  problem := reflect.write_customer_fields(c.customer_id, p -> 'changes');
  IF problem IS NOT NULL THEN RETURN reflect.rejected(problem); END IF;
  RETURN reflect.applied('customer:' || c.customer_id,
    jsonb_build_object('fields', (SELECT jsonb_agg(k) FROM jsonb_object_keys(p -> 'changes') k)));
END $$;

-- payload: {customer_id, base_version, restricted, reason}
CREATE FUNCTION reflect.op_customer_restrict(p jsonb, actor text) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  c reflect.customers;
BEGIN
  SELECT * INTO c FROM reflect.customers WHERE customer_id = (p ->> 'customer_id')::bigint FOR UPDATE;
  IF NOT FOUND THEN RETURN reflect.rejected('the customer does not exist'); END IF;
  IF c.version <> (p ->> 'base_version')::bigint THEN RETURN reflect.conflict(to_jsonb(c)); END IF;
  UPDATE reflect.customers SET restricted = (p ->> 'restricted')::boolean WHERE customer_id = c.customer_id;
  RETURN reflect.applied('customer:' || c.customer_id,
    jsonb_build_object('restricted', (p ->> 'restricted')::boolean, 'reason', p ->> 'reason'));
END $$;

-- payload: {customer_id, purpose, granted, source, base_version (of the consent row, null if none)}
CREATE FUNCTION reflect.op_consent_set(p jsonb, actor text) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  c reflect.consents;
  wanted boolean := (p ->> 'granted')::boolean;
BEGIN
  PERFORM 1 FROM reflect.customers WHERE customer_id = (p ->> 'customer_id')::bigint FOR UPDATE;
  IF NOT FOUND THEN RETURN reflect.rejected('the customer does not exist'); END IF;
  SELECT * INTO c FROM reflect.consents
    WHERE customer_id = (p ->> 'customer_id')::bigint AND purpose = p ->> 'purpose'
    ORDER BY consent_id DESC LIMIT 1 FOR UPDATE;
  IF FOUND AND c.version IS DISTINCT FROM (p ->> 'base_version')::bigint THEN
    RETURN reflect.conflict(to_jsonb(c));
  END IF;
  IF NOT FOUND AND p ->> 'base_version' IS NOT NULL THEN
    RETURN reflect.conflict('null'::jsonb);
  END IF;
  IF FOUND THEN
    UPDATE reflect.consents SET
      granted = wanted, source = p ->> 'source', updated_at = now(),
      granted_at = CASE WHEN wanted THEN now() ELSE granted_at END,
      withdrawn_at = CASE WHEN wanted THEN NULL ELSE now() END
    WHERE consent_id = c.consent_id;
  ELSE
    INSERT INTO reflect.consents (customer_id, purpose, granted, source, granted_at, withdrawn_at)
    VALUES ((p ->> 'customer_id')::bigint, p ->> 'purpose', wanted, p ->> 'source',
            CASE WHEN wanted THEN now() END, CASE WHEN wanted THEN NULL ELSE now() END);
  END IF;
  RETURN reflect.applied('customer:' || (p ->> 'customer_id'),
    jsonb_build_object('purpose', p ->> 'purpose', 'granted', wanted));
END $$;

-- payload: {survivor_id, merged_ids: [], base_versions: {id: version}, fields: {...}, provenance: {...}}
CREATE FUNCTION reflect.op_customer_merge(p jsonb, actor text) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  survivor bigint := (p ->> 'survivor_id')::bigint;
  ids bigint[] := ARRAY(SELECT jsonb_array_elements_text(p -> 'merged_ids')::bigint);
  everyone bigint[];
  stale jsonb;
  before jsonb;
  problem text;
  version_after bigint;
BEGIN
  IF cardinality(ids) = 0 OR survivor = ANY (ids) THEN
    RETURN reflect.rejected('a merge needs a survivor and at least one other record');
  END IF;
  everyone := survivor || ids;
  -- Locked in key order, so two merges over the same records cannot deadlock.
  PERFORM 1 FROM reflect.customers WHERE customer_id = ANY (everyone) ORDER BY customer_id FOR UPDATE;
  SELECT jsonb_agg(to_jsonb(c)) INTO stale FROM reflect.customers c
    WHERE customer_id = ANY (everyone)
      AND version IS DISTINCT FROM (p -> 'base_versions' ->> customer_id::text)::bigint;
  IF stale IS NOT NULL THEN RETURN reflect.conflict(stale); END IF;
  IF (SELECT count(*) FROM reflect.customers WHERE customer_id = ANY (everyone) AND merged_into IS NULL)
     <> cardinality(everyone) THEN
    RETURN reflect.rejected('a record is missing or already merged');
  END IF;

  before := jsonb_build_object(
    'customers', (SELECT jsonb_agg(to_jsonb(c)) FROM reflect.customers c WHERE customer_id = ANY (everyone)),
    'addresses', (SELECT coalesce(jsonb_agg(jsonb_build_array(address_id, customer_id)), '[]') FROM reflect.addresses WHERE customer_id = ANY (ids)),
    'orders', (SELECT coalesce(jsonb_agg(jsonb_build_array(order_id, customer_id)), '[]') FROM reflect.orders WHERE customer_id = ANY (ids)),
    'interactions', (SELECT coalesce(jsonb_agg(jsonb_build_array(interaction_id, customer_id)), '[]') FROM reflect.interactions WHERE customer_id = ANY (ids)),
    'events', (SELECT coalesce(jsonb_agg(jsonb_build_array(event_id, customer_id)), '[]') FROM reflect.events WHERE customer_id = ANY (ids)),
    'consents', (SELECT coalesce(jsonb_agg(jsonb_build_array(consent_id, customer_id)), '[]') FROM reflect.consents WHERE customer_id = ANY (ids)));

  problem := reflect.write_customer_fields(survivor, coalesce(p -> 'fields', '{}'));
  IF problem IS NOT NULL THEN RETURN reflect.rejected(problem); END IF;
  UPDATE reflect.addresses SET customer_id = survivor WHERE customer_id = ANY (ids);
  UPDATE reflect.orders SET customer_id = survivor WHERE customer_id = ANY (ids);
  UPDATE reflect.interactions SET customer_id = survivor WHERE customer_id = ANY (ids);
  UPDATE reflect.events SET customer_id = survivor WHERE customer_id = ANY (ids);
  UPDATE reflect.consents SET customer_id = survivor WHERE customer_id = ANY (ids);
  UPDATE reflect.customers SET status = 'merged', merged_into = survivor WHERE customer_id = ANY (ids);
  -- Bump the survivor even when no field changed, so the unmerge can tell whether it moved on since.
  UPDATE reflect.customers SET version = version WHERE customer_id = survivor RETURNING version INTO version_after;

  INSERT INTO reflect.merges (op_id, survivor_id, merged_ids, before, provenance, survivor_version_after)
  VALUES ((p ->> '_op_id')::uuid, survivor, ids, before, coalesce(p -> 'provenance', '{}'), version_after);
  RETURN reflect.applied('customer:' || survivor, jsonb_build_object('merged_ids', to_jsonb(ids)));
END $$;

-- payload: {merge_op_id}
CREATE FUNCTION reflect.op_customer_unmerge(p jsonb, actor text) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  m reflect.merges;
  survivor_now reflect.customers;
  link jsonb;
  t text;
BEGIN
  SELECT * INTO m FROM reflect.merges WHERE op_id = (p ->> 'merge_op_id')::uuid FOR UPDATE;
  IF NOT FOUND THEN RETURN reflect.rejected('no such merge'); END IF;
  IF m.undone_by IS NOT NULL THEN RETURN reflect.rejected('this merge was already undone'); END IF;
  PERFORM 1 FROM reflect.customers WHERE customer_id = ANY (m.survivor_id || m.merged_ids)
    ORDER BY customer_id FOR UPDATE;
  SELECT * INTO survivor_now FROM reflect.customers WHERE customer_id = m.survivor_id;
  IF survivor_now.version <> m.survivor_version_after THEN RETURN reflect.conflict(to_jsonb(survivor_now)); END IF;

  UPDATE reflect.customers c SET
    name = r.name, email = r.email, phone = r.phone, status = r.status, created_at = r.created_at,
    last_active = r.last_active, tags = r.tags, lifecycle_stage = r.lifecycle_stage,
    attributes = r.attributes, restricted = r.restricted, merged_into = r.merged_into
  FROM jsonb_populate_recordset(NULL::reflect.customers, m.before -> 'customers') r
  WHERE c.customer_id = r.customer_id;
  FOREACH t IN ARRAY ARRAY['addresses', 'orders', 'interactions', 'events', 'consents'] LOOP
    EXECUTE format(
      'UPDATE reflect.%1$I x SET customer_id = (l ->> 1)::bigint
         FROM jsonb_array_elements($1) l WHERE x.%2$I = (l ->> 0)::bigint',
      t, CASE t WHEN 'addresses' THEN 'address_id' WHEN 'orders' THEN 'order_id'
                WHEN 'interactions' THEN 'interaction_id' WHEN 'events' THEN 'event_id'
                ELSE 'consent_id' END)
    USING m.before -> t;
  END LOOP;
  UPDATE reflect.merges SET undone_by = (p ->> '_op_id')::uuid WHERE op_id = m.op_id;
  RETURN reflect.applied('customer:' || m.survivor_id,
    jsonb_build_object('merge_op_id', m.op_id, 'restored_ids', to_jsonb(m.merged_ids)));
END $$;

-- payload: {customer_id, base_version, reason}. Records merged into the subject are the same person
-- and go with it; merge snapshots holding their data are removed too.
CREATE FUNCTION reflect.op_customer_erase(p jsonb, actor text) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  c reflect.customers;
  ids bigint[];
  s reflect.erasure_strategy;
BEGIN
  SELECT * INTO c FROM reflect.customers WHERE customer_id = (p ->> 'customer_id')::bigint FOR UPDATE;
  IF NOT FOUND THEN RETURN reflect.rejected('the customer does not exist'); END IF;
  IF c.version <> (p ->> 'base_version')::bigint THEN RETURN reflect.conflict(to_jsonb(c)); END IF;
  ids := c.customer_id || ARRAY(SELECT customer_id FROM reflect.customers WHERE merged_into = c.customer_id);
  FOR s IN SELECT * FROM reflect.erasure_strategy LOOP
    IF s.strategy = 'delete' THEN
      EXECUTE format('DELETE FROM reflect.%I WHERE customer_id = ANY ($1)', s.table_name) USING ids;
    ELSE
      EXECUTE format('UPDATE reflect.%I SET customer_id = NULL WHERE customer_id = ANY ($1)', s.table_name) USING ids;
    END IF;
  END LOOP;
  DELETE FROM reflect.merges WHERE survivor_id = ANY (ids) OR merged_ids && ids;
  DELETE FROM reflect.customers WHERE customer_id = ANY (ids) AND customer_id <> c.customer_id;
  DELETE FROM reflect.customers WHERE customer_id = c.customer_id;
  INSERT INTO reflect.tombstones (subject_hash)
    SELECT reflect.subject_hash(id) FROM unnest(ids) id ON CONFLICT DO NOTHING;
  RETURN reflect.applied('customer:' || c.customer_id,
    jsonb_build_object('erased_ids', to_jsonb(ids), 'reason', p ->> 'reason'));
END $$;

-- payload: {desk_id, entries: [{seq, at, actor, action, subject, details, hash}]}: the desk's own
-- audit entries (views, searches, exports) reach the central log; a repeated push adds nothing.
CREATE FUNCTION reflect.op_audit_append(p jsonb, actor text) RETURNS jsonb LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO reflect.audit_log (actor, action, subject, details, desk_id, desk_seq)
  SELECT actor, e ->> 'action', e ->> 'subject',
         coalesce(e -> 'details', '{}') || jsonb_build_object(
           'desk_actor', e ->> 'actor', 'desk_at', e ->> 'at', 'desk_hash', e ->> 'hash'),
         (p ->> 'desk_id')::uuid, (e ->> 'seq')::bigint
  FROM jsonb_array_elements(p -> 'entries') e
  ON CONFLICT (desk_id, desk_seq) DO NOTHING;
  RETURN jsonb_build_object('status', 'applied', 'subject', NULL, 'audit', NULL);
END $$;

INSERT INTO reflect.operation_kinds VALUES
  ('customer.rectify', 'op_customer_rectify', 'reflect_officer'),
  ('customer.restrict', 'op_customer_restrict', 'reflect_officer'),
  ('consent.set', 'op_consent_set', 'reflect_officer'),
  ('customer.merge', 'op_customer_merge', 'reflect_officer'),
  ('customer.unmerge', 'op_customer_unmerge', 'reflect_officer'),
  ('customer.erase', 'op_customer_erase', 'reflect_officer'),
  ('audit.append', 'op_audit_append', 'reflect_viewer');

CREATE FUNCTION reflect.apply_operation(p_op_id uuid, p_kind text, p_payload jsonb)
RETURNS jsonb LANGUAGE plpgsql SECURITY DEFINER SET search_path = reflect, pg_temp AS $$
DECLARE
  k reflect.operation_kinds;
  previous jsonb;
  outcome jsonb;
BEGIN
  SELECT * INTO k FROM reflect.operation_kinds WHERE kind = p_kind;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'unknown operation "%"', p_kind USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF NOT pg_has_role(session_user, k.required_role, 'MEMBER') THEN
    RAISE EXCEPTION 'the role "%" may not apply "%": it needs the role "%"', session_user, p_kind, k.required_role
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  -- Claims the id first: a concurrent duplicate waits here and then sees the stored result.
  INSERT INTO reflect.applied_operations (op_id, kind, actor, result)
  VALUES (p_op_id, p_kind, session_user, '{}') ON CONFLICT (op_id) DO NOTHING;
  IF NOT FOUND THEN
    SELECT result INTO previous FROM reflect.applied_operations WHERE op_id = p_op_id;
    RETURN previous || jsonb_build_object('repeated', true);
  END IF;

  EXECUTE format('SELECT reflect.%I($1, $2)', k.function_name)
    INTO outcome USING p_payload || jsonb_build_object('_op_id', p_op_id), session_user::text;

  IF outcome ->> 'status' = 'applied' THEN
    UPDATE reflect.applied_operations SET result = outcome - 'audit' WHERE op_id = p_op_id;
    IF p_kind <> 'audit.append' THEN
      INSERT INTO reflect.audit_log (actor, action, subject, details, op_id)
      VALUES (session_user, p_kind, outcome ->> 'subject', coalesce(outcome -> 'audit', '{}'), p_op_id);
    END IF;
  ELSE
    -- A conflict or refusal is not remembered: the desk may send the same operation again later.
    DELETE FROM reflect.applied_operations WHERE op_id = p_op_id;
  END IF;
  RETURN outcome;
END $$;
`,
};
