/**
 * An erasure policy is refused when it is set, not when a plan first meets it: a retention of
 * 0 or 500 years, an unknown "then" strategy, or a start date the table does not have used to be
 * accepted (or fail as a database error) and only made later plans incomplete. A guard that
 * runs first and hands over to migration 12's operation, so nothing is copied. The desk checks
 * the same (src/shared/erasure-policies.ts) for a fast answer; this is the guarantee.
 */
export const erasurePolicyChecks = {
  version: 16,
  name: 'erasure-policy-checks',
  sql: /* sql */ `
CREATE FUNCTION reflect.op_erasure_set_policy_checked(p jsonb, actor text) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  rel regclass := to_regclass(p ->> 'table');
BEGIN
  -- Only once migration 12's own checks would pass, so a policy with several faults is refused
  -- for the same first one on the desk and here.
  IF rel IS NOT NULL AND rel <> 'reflect.customers'::regclass
     AND EXISTS (SELECT 1 FROM reflect.erasure_edges() WHERE child = rel)
     AND jsonb_typeof(coalesce(p -> 'columns', '{}')) = 'object'
     AND NOT EXISTS (SELECT 1 FROM jsonb_each_text(coalesce(p -> 'columns', '{}')) x(col, rule)
                     WHERE reflect.column_rule_problem(rel, x.col, x.rule) IS NOT NULL)
     AND p ->> 'strategy' = 'retain' AND nullif(btrim(p ->> 'legal_basis'), '') IS NOT NULL
     AND p ->> 'retain_years' IS NOT NULL AND p ->> 'then_strategy' IS NOT NULL THEN
    IF jsonb_typeof(p -> 'retain_years') <> 'number' OR (p ->> 'retain_years')::numeric NOT BETWEEN 1 AND 100
       OR (p ->> 'retain_years')::numeric <> trunc((p ->> 'retain_years')::numeric) THEN
      RETURN reflect.rejected('rows are kept for 1 to 100 years');
    END IF;
    IF p ->> 'then_strategy' NOT IN ('delete', 'anonymise') THEN
      RETURN reflect.rejected('after the period, rows are deleted or anonymised');
    END IF;
    IF nullif(p ->> 'retain_from', '') IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM pg_attribute WHERE attrelid = rel AND attname = p ->> 'retain_from'
          AND attnum > 0 AND NOT attisdropped
          AND atttypid IN ('timestamptz'::regtype, 'timestamp'::regtype, 'date'::regtype)) THEN
      RETURN reflect.rejected(format('%s has no date column %s to count the retention from', rel, p ->> 'retain_from'));
    END IF;
  END IF;
  RETURN reflect.op_erasure_set_policy(p, actor);
END $$;

UPDATE reflect.operation_kinds SET function_name = 'op_erasure_set_policy_checked' WHERE kind = 'erasure.set-policy';

-- Functions are executable by PUBLIC when created: only the documented entry points stay callable.
REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA reflect FROM PUBLIC;
GRANT EXECUTE ON FUNCTION reflect.erasure_preview(uuid) TO reflect_officer;
GRANT EXECUTE ON FUNCTION reflect.erasure_edges() TO reflect_admin;
`,
};
