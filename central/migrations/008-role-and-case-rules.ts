/**
 * Central operations do only what the role and the case allow.
 *
 * - Erasure and restriction act for a case: the payload names it, and it must be an open case of
 *   that type (GDPR erasure or CCPA delete; GDPR restriction), in progress, with the customer
 *   among its subjects, the requester's identity verified, and a second officer's approval for
 *   those subjects. Restriction now needs that approval too: it withholds a person's data from
 *   every use, as lasting as an erasure while it holds.
 * - Rectification changes only the fields a rectification may change (name, email, phone).
 * - A fulfilment export is recorded only on an approved case of a type answered with a copy.
 * - Four eyes is judged on everyone who worked the case: who created it, who verified the
 *   requester, who asked for approval. None of them may approve it.
 * - No function in the schema can be executed by PUBLIC, now or when added later: only
 *   apply_operation (which checks the role per operation) and subject_hash are granted.
 *
 * The earlier operation functions stay as they are; each rule here is a guard that runs first
 * and then hands over to them, so no function body is copied.
 */
export const roleAndCaseRules = {
  version: 8,
  name: 'role-and-case-rules',
  sql: /* sql */ `
UPDATE reflect.case_request_types SET needs_approval = true
  WHERE jurisdiction = 'gdpr' AND request_type = 'restriction';

-- Why case p.case_id does not allow this action on customer, or NULL when it does.
CREATE FUNCTION reflect.case_permits(p jsonb, customer bigint, types text[], what text)
RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  c reflect.cases;
BEGIN
  IF p ->> 'case_id' IS NULL THEN
    RETURN format('%s is carried out only for a case: name the approved case', what);
  END IF;
  SELECT * INTO c FROM reflect.cases WHERE case_id = (p ->> 'case_id')::uuid FOR SHARE;
  IF NOT FOUND THEN RETURN 'the case does not exist'; END IF;
  IF NOT c.request_type = ANY (types) THEN
    RETURN format('a case of type %s does not allow %s', replace(c.request_type, '_', ' '), what);
  END IF;
  IF c.status <> 'in_progress' THEN
    RETURN format('the case is %s, not in progress', replace(c.status, '_', ' '));
  END IF;
  IF customer IS NOT NULL AND NOT customer = ANY (c.subject_ids) THEN
    RETURN format('customer %s is not a subject of this case', customer);
  END IF;
  IF c.verification IS NULL THEN
    RETURN 'the requester''s identity is not verified (nor the check overridden)';
  END IF;
  IF coalesce(c.approval ->> 'decision', '') <> 'approved' THEN
    RETURN format('%s needs a second officer''s approval of the case first', what);
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION reflect.op_customer_erase_for_case(p jsonb, actor text) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  problem text := reflect.case_permits(p, (p ->> 'customer_id')::bigint, ARRAY['erasure', 'delete'], 'an erasure');
BEGIN
  IF problem IS NOT NULL THEN RETURN reflect.rejected(problem); END IF;
  RETURN reflect.op_customer_erase(p, actor);
END $$;

CREATE FUNCTION reflect.op_customer_restrict_for_case(p jsonb, actor text) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  problem text := reflect.case_permits(p, (p ->> 'customer_id')::bigint, ARRAY['restriction'], 'a restriction');
BEGIN
  IF problem IS NOT NULL THEN RETURN reflect.rejected(problem); END IF;
  RETURN reflect.op_customer_restrict(p, actor);
END $$;

CREATE FUNCTION reflect.op_customer_rectify_fields(p jsonb, actor text) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  k text;
BEGIN
  IF jsonb_typeof(p -> 'changes') IS DISTINCT FROM 'object' OR p -> 'changes' = '{}'::jsonb THEN
    RETURN reflect.rejected('a rectification names the fields it corrects');
  END IF;
  FOR k IN SELECT jsonb_object_keys(p -> 'changes') LOOP
    IF NOT k = ANY (ARRAY['name', 'email', 'phone']) THEN
      RETURN reflect.rejected(format('a rectification corrects name, email or phone, not %s', k));
    END IF;
  END LOOP;
  RETURN reflect.op_customer_rectify(p, actor);
END $$;

CREATE FUNCTION reflect.op_case_record_export_approved(p jsonb, actor text) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  c reflect.cases;
BEGIN
  SELECT * INTO c FROM reflect.cases WHERE case_id = (p ->> 'case_id')::uuid;
  IF FOUND AND NOT c.request_type = ANY (ARRAY['access', 'portability', 'know']) THEN
    RETURN reflect.rejected(format('a %s case is not answered with a copy of the data', c.request_type));
  END IF;
  IF FOUND AND coalesce(c.approval ->> 'decision', '') <> 'approved' THEN
    RETURN reflect.rejected('an export is recorded only for an approved case');
  END IF;
  RETURN reflect.op_case_record_export(p, actor);
END $$;

-- Everyone who worked the case, by central login: none of them may be its second pair of eyes.
CREATE FUNCTION reflect.case_workers(c reflect.cases) RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
  SELECT array_remove(ARRAY[c.created_by, c.verification ->> 'verifiedBy', c.approval ->> 'requestedBy'], NULL)
$$;

CREATE FUNCTION reflect.op_case_decide_approval_four_eyes(p jsonb, actor text) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  c reflect.cases;
BEGIN
  SELECT * INTO c FROM reflect.cases WHERE case_id = (p ->> 'case_id')::uuid FOR UPDATE;
  IF FOUND AND c.status = 'awaiting_approval' AND actor = ANY (reflect.case_workers(c)) THEN
    RETURN reflect.rejected(format(
      'four eyes: %s worked this case (%s), so a different officer must approve it', actor,
      concat_ws(', ',
        CASE WHEN c.created_by = actor THEN 'created it' END,
        CASE WHEN c.verification ->> 'verifiedBy' = actor THEN 'verified the requester' END,
        CASE WHEN c.approval ->> 'requestedBy' = actor THEN 'asked for approval' END)));
  END IF;
  RETURN reflect.op_case_decide_approval(p, actor);
END $$;

UPDATE reflect.operation_kinds SET function_name = 'op_customer_erase_for_case' WHERE kind = 'customer.erase';
UPDATE reflect.operation_kinds SET function_name = 'op_customer_restrict_for_case' WHERE kind = 'customer.restrict';
UPDATE reflect.operation_kinds SET function_name = 'op_customer_rectify_fields' WHERE kind = 'customer.rectify';
UPDATE reflect.operation_kinds SET function_name = 'op_case_record_export_approved' WHERE kind = 'case.record-export';
UPDATE reflect.operation_kinds SET function_name = 'op_case_decide_approval_four_eyes' WHERE kind = 'case.decide-approval';

-- Functions are executable by PUBLIC when created; migrations 6 and 7 added some after the last
-- revoke. Revoke them all, and make it the default for whatever the installing role adds later.
REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA reflect FROM PUBLIC;
ALTER DEFAULT PRIVILEGES IN SCHEMA reflect REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
GRANT EXECUTE ON FUNCTION reflect.apply_operation(uuid, text, jsonb) TO reflect_viewer;
GRANT EXECUTE ON FUNCTION reflect.subject_hash(bigint) TO reflect_viewer;
`,
};
