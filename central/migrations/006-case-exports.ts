/**
 * A fulfilment export on a desk is recorded on the case's shared timeline: which package (its id
 * and manifest checksum), in which formats, with how much withheld and why; never where on the
 * officer's disk it went, and never a withheld value. Like a note, it never conflicts.
 */
export const caseExports = {
  version: 6,
  name: 'case-exports',
  sql: /* sql */ `
-- payload: {case_id, event_id, at, details: {exportId, formats, manifestSha256, rows, redactions}}
CREATE FUNCTION reflect.op_case_record_export(p jsonb, actor text) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  c reflect.cases;
BEGIN
  SELECT * INTO c FROM reflect.cases WHERE case_id = (p ->> 'case_id')::uuid;
  IF NOT FOUND THEN RETURN reflect.rejected('the case does not exist'); END IF;
  IF p -> 'details' ->> 'manifestSha256' !~ '^[0-9a-f]{64}$' THEN
    RETURN reflect.rejected('an export names its manifest checksum');
  END IF;
  PERFORM reflect.add_case_event(p, 'exported', actor);
  RETURN reflect.case_audit(c, jsonb_build_object('exportId', p -> 'details' ->> 'exportId'));
END $$;

INSERT INTO reflect.operation_kinds VALUES
  ('case.record-export', 'op_case_record_export', 'reflect_officer');
`,
};
