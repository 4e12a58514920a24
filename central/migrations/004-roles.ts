/**
 * Least-privilege roles. Officers log in as themselves and are granted one of these group roles:
 * viewer (read the replica tables and the change log, push audit entries), officer (apply
 * operations), approver and admin (read the central audit log). Nobody but the owner writes the
 * tables directly: every change goes through reflect.apply_operation.
 */
export const roles = {
  version: 4,
  name: 'roles',
  sql: /* sql */ `
DO $$
DECLARE r text;
BEGIN
  FOREACH r IN ARRAY ARRAY['reflect_viewer', 'reflect_officer', 'reflect_approver', 'reflect_admin'] LOOP
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = r) THEN
      EXECUTE format('CREATE ROLE %I NOLOGIN', r);
    END IF;
  END LOOP;
END $$;
GRANT reflect_viewer TO reflect_officer;
GRANT reflect_officer TO reflect_approver;
GRANT reflect_approver TO reflect_admin;

REVOKE ALL ON SCHEMA reflect FROM PUBLIC;
GRANT USAGE ON SCHEMA reflect TO reflect_viewer;
REVOKE ALL ON ALL TABLES IN SCHEMA reflect FROM PUBLIC;
GRANT SELECT ON reflect.customers, reflect.addresses, reflect.orders, reflect.interactions,
  reflect.events, reflect.consents, reflect.change_log, reflect.tombstones, reflect.operation_kinds
  TO reflect_viewer;
GRANT SELECT (key, value) ON reflect.settings TO reflect_viewer;
GRANT SELECT ON reflect.audit_log, reflect.applied_operations, reflect.merges TO reflect_admin;

REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA reflect FROM PUBLIC;
GRANT EXECUTE ON FUNCTION reflect.apply_operation(uuid, text, jsonb) TO reflect_viewer;
GRANT EXECUTE ON FUNCTION reflect.subject_hash(bigint) TO reflect_viewer;
`,
};
