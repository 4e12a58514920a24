/**
 * Merges that keep what privacy law needs kept: the most restrictive consent wins (a purpose
 * withdrawn or refused on any record is withdrawn on the survivor), a restriction on any record
 * restricts the survivor, and open DSAR cases naming a merged record name the survivor instead.
 * Undo restores all of it exactly: consents, restriction, case subjects, records and child links.
 */
export const mergeSurvivorship = {
  version: 7,
  name: 'merge-survivorship',
  sql: /* sql */ `
-- payload: {survivor_id, merged_ids: [], base_versions: {id: version}, fields: {...},
--           provenance: {field: customer_id}, withdraw_consent_ids: []}
CREATE OR REPLACE FUNCTION reflect.op_customer_merge(p jsonb, actor text) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  survivor bigint := (p ->> 'survivor_id')::bigint;
  ids bigint[] := ARRAY(SELECT jsonb_array_elements_text(p -> 'merged_ids')::bigint);
  withdraw bigint[] := ARRAY(SELECT jsonb_array_elements_text(coalesce(p -> 'withdraw_consent_ids', '[]'))::bigint);
  everyone bigint[];
  stale jsonb;
  before jsonb;
  cases_before jsonb;
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
  IF EXISTS (SELECT 1 FROM unnest(withdraw) w WHERE NOT EXISTS (
      SELECT 1 FROM reflect.consents c WHERE c.consent_id = w AND c.customer_id = ANY (everyone))) THEN
    RETURN reflect.rejected('a consent to withdraw does not belong to the merged records');
  END IF;

  before := jsonb_build_object(
    'customers', (SELECT jsonb_agg(to_jsonb(c)) FROM reflect.customers c WHERE customer_id = ANY (everyone)),
    'addresses', (SELECT coalesce(jsonb_agg(jsonb_build_array(address_id, customer_id)), '[]') FROM reflect.addresses WHERE customer_id = ANY (ids)),
    'orders', (SELECT coalesce(jsonb_agg(jsonb_build_array(order_id, customer_id)), '[]') FROM reflect.orders WHERE customer_id = ANY (ids)),
    'interactions', (SELECT coalesce(jsonb_agg(jsonb_build_array(interaction_id, customer_id)), '[]') FROM reflect.interactions WHERE customer_id = ANY (ids)),
    'events', (SELECT coalesce(jsonb_agg(jsonb_build_array(event_id, customer_id)), '[]') FROM reflect.events WHERE customer_id = ANY (ids)),
    'consents', (SELECT coalesce(jsonb_agg(jsonb_build_array(consent_id, customer_id)), '[]') FROM reflect.consents WHERE customer_id = ANY (ids)),
    'withdrawn_consents', (SELECT coalesce(jsonb_agg(to_jsonb(c)), '[]') FROM reflect.consents c WHERE consent_id = ANY (withdraw)));
  cases_before := (SELECT coalesce(jsonb_object_agg(case_id, to_jsonb(subject_ids)), '{}')
                   FROM reflect.cases WHERE subject_ids && ids AND closed_at IS NULL);

  problem := reflect.write_customer_fields(survivor, coalesce(p -> 'fields', '{}'));
  IF problem IS NOT NULL THEN RETURN reflect.rejected(problem); END IF;
  -- Always one update (so the survivor's version moves by a known step): restricted if any was.
  UPDATE reflect.customers SET restricted = restricted OR EXISTS (
      SELECT 1 FROM reflect.customers m WHERE m.customer_id = ANY (ids) AND m.restricted)
    WHERE customer_id = survivor RETURNING version INTO version_after;
  UPDATE reflect.addresses SET customer_id = survivor WHERE customer_id = ANY (ids);
  UPDATE reflect.orders SET customer_id = survivor WHERE customer_id = ANY (ids);
  UPDATE reflect.interactions SET customer_id = survivor WHERE customer_id = ANY (ids);
  UPDATE reflect.events SET customer_id = survivor WHERE customer_id = ANY (ids);
  UPDATE reflect.consents SET
    customer_id  = survivor,
    granted      = CASE WHEN consent_id = ANY (withdraw) THEN false ELSE granted END,
    withdrawn_at = CASE WHEN consent_id = ANY (withdraw) THEN now() ELSE withdrawn_at END,
    source       = CASE WHEN consent_id = ANY (withdraw) THEN 'merge' ELSE source END,
    updated_at   = CASE WHEN consent_id = ANY (withdraw) THEN now() ELSE updated_at END
  WHERE customer_id = ANY (ids) OR consent_id = ANY (withdraw);
  UPDATE reflect.customers SET status = 'merged', merged_into = survivor WHERE customer_id = ANY (ids);
  -- Open cases follow the person: each merged id becomes the survivor, once, in first place.
  UPDATE reflect.cases SET subject_ids = ARRAY(
      SELECT s FROM (
        SELECT CASE WHEN x = ANY (ids) THEN survivor ELSE x END AS s, min(o) AS first
        FROM unnest(subject_ids) WITH ORDINALITY AS u(x, o) GROUP BY 1) q
      ORDER BY first)
    WHERE cases_before ? case_id::text;
  before := before || jsonb_build_object('cases', (
    SELECT coalesce(jsonb_agg(jsonb_build_array(case_id, cases_before -> case_id::text, to_jsonb(subject_ids))), '[]')
    FROM reflect.cases WHERE cases_before ? case_id::text));

  INSERT INTO reflect.merges (op_id, survivor_id, merged_ids, before, provenance, survivor_version_after)
  VALUES ((p ->> '_op_id')::uuid, survivor, ids, before, coalesce(p -> 'provenance', '{}'), version_after);
  RETURN reflect.applied('customer:' || survivor, jsonb_build_object(
    'merged_ids', to_jsonb(ids), 'provenance', coalesce(p -> 'provenance', '{}'),
    'withdrawn_consents', to_jsonb(withdraw)));
END $$;

-- payload: {merge_op_id}
CREATE OR REPLACE FUNCTION reflect.op_customer_unmerge(p jsonb, actor text) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  m reflect.merges;
  survivor_now reflect.customers;
  entry jsonb;
  was bigint[];
  became bigint[];
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
  UPDATE reflect.consents c SET
    customer_id = r.customer_id, granted = r.granted, source = r.source,
    granted_at = r.granted_at, withdrawn_at = r.withdrawn_at, updated_at = r.updated_at
  FROM jsonb_populate_recordset(NULL::reflect.consents, coalesce(m.before -> 'withdrawn_consents', '[]')) r
  WHERE c.consent_id = r.consent_id;
  -- A case's subjects as they were. Changed since? Then only the merge's own change is reversed:
  -- what it put in is taken out, what it took out is put back, in the original order.
  FOR entry IN SELECT * FROM jsonb_array_elements(coalesce(m.before -> 'cases', '[]')) LOOP
    was := ARRAY(SELECT jsonb_array_elements_text(entry -> 1)::bigint);
    became := ARRAY(SELECT jsonb_array_elements_text(entry -> 2)::bigint);
    UPDATE reflect.cases SET subject_ids = CASE WHEN subject_ids = became THEN was ELSE ARRAY(
        SELECT s FROM (
          SELECT s, min(o) AS first FROM unnest(
            ARRAY(SELECT x FROM unnest(subject_ids) x WHERE x = ANY (was) OR NOT x = ANY (became))
            || ARRAY(SELECT x FROM unnest(was) x WHERE NOT x = ANY (became))) WITH ORDINALITY AS u(s, o)
          GROUP BY s) q
        ORDER BY first) END
    WHERE case_id = (entry ->> 0)::uuid;
  END LOOP;
  UPDATE reflect.merges SET undone_by = (p ->> '_op_id')::uuid WHERE op_id = m.op_id;
  RETURN reflect.applied('customer:' || m.survivor_id,
    jsonb_build_object('merge_op_id', m.op_id, 'restored_ids', to_jsonb(m.merged_ids)));
END $$;
`,
};
