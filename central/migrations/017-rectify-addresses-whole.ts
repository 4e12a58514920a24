/**
 * A correction with addresses is checked whole before anything changes. Migration 12's
 * case.rectify wrote the identity fields first and only then met a refused address (another
 * customer's, a city emptied, changed meanwhile); its refusal came back as an answer, not an
 * error, so the identity fields stayed changed while the desk was told nothing was done. This
 * guard checks (and locks) every address first, in the same words, then hands over.
 */
export const rectifyAddressesWhole = {
  version: 17,
  name: 'rectify-addresses-whole',
  sql: /* sql */ `
-- Why the address corrections in p cannot be applied to customer, or NULL; a conflict as such.
CREATE FUNCTION reflect.address_corrections_problem(p jsonb, customer bigint) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  a jsonb;
  k text;
  addr reflect.addresses;
BEGIN
  IF jsonb_typeof(coalesce(p -> 'addresses', '[]')) <> 'array' THEN RETURN NULL; END IF;
  FOR a IN SELECT * FROM jsonb_array_elements(p -> 'addresses') LOOP
    IF jsonb_typeof(a) <> 'object' OR jsonb_typeof(coalesce(a -> 'changes', '{}')) <> 'object' THEN
      RETURN reflect.rejected('a correction lists its changes');
    END IF;
    SELECT * INTO addr FROM reflect.addresses
      WHERE address_id = CASE WHEN a ->> 'address_id' ~ '^\\d{1,18}$' THEN (a ->> 'address_id')::bigint END
      FOR UPDATE;
    IF NOT FOUND OR addr.customer_id IS DISTINCT FROM customer THEN
      RETURN reflect.rejected(format('address %s is not one of this customer''s', a ->> 'address_id'));
    END IF;
    IF addr.version IS DISTINCT FROM (a ->> 'base_version')::bigint THEN RETURN reflect.conflict(to_jsonb(addr)); END IF;
    FOR k IN SELECT jsonb_object_keys(coalesce(a -> 'changes', '{}')) LOOP
      IF NOT k = ANY (ARRAY['line1', 'line2', 'city', 'region', 'postcode', 'country']) THEN
        RETURN reflect.rejected(format('an address correction changes its lines, city, region, postcode or country, not %s', k));
      END IF;
      IF jsonb_typeof(a -> 'changes' -> k) NOT IN ('string', 'null') THEN
        RETURN reflect.rejected(format('%s is written as text', k));
      END IF;
      IF k IN ('line1', 'city', 'country') AND nullif(btrim(a -> 'changes' ->> k), '') IS NULL THEN
        RETURN reflect.rejected(format('an address keeps its %s', CASE k WHEN 'line1' THEN 'first line' ELSE k END));
      END IF;
    END LOOP;
  END LOOP;
  RETURN NULL;
END $$;

CREATE FUNCTION reflect.op_case_rectify_whole(p jsonb, actor text) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  c reflect.cases;
  problem jsonb;
BEGIN
  -- The case's own refusals come first and in migration 12's words.
  IF reflect.case_ready(p, ARRAY['rectification', 'correct'], 'a correction') IS NULL
     AND p ->> 'customer_id' ~ '^\\d{1,18}$' THEN
    SELECT * INTO c FROM reflect.cases WHERE case_id = (p ->> 'case_id')::uuid;
    IF (p ->> 'customer_id')::bigint = ANY (c.subject_ids) AND nullif(btrim(p ->> 'evidence'), '') IS NOT NULL THEN
      problem := reflect.address_corrections_problem(p, (p ->> 'customer_id')::bigint);
      IF problem IS NOT NULL THEN RETURN problem; END IF;
    END IF;
  END IF;
  RETURN reflect.op_case_rectify(p, actor);
END $$;

UPDATE reflect.operation_kinds SET function_name = 'op_case_rectify_whole' WHERE kind = 'case.rectify';

-- Functions are executable by PUBLIC when created: only the documented entry points stay callable.
REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA reflect FROM PUBLIC;
GRANT EXECUTE ON FUNCTION reflect.erasure_preview(uuid) TO reflect_officer;
GRANT EXECUTE ON FUNCTION reflect.erasure_edges() TO reflect_admin;
`,
};
