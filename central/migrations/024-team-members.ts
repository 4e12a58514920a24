/**
 * The team directory: the officers behind the database logins, so letters, timelines and audit
 * screens name a person ("Alex Meyer") rather than a login ("demo_alex").
 *
 * - team.set (administrators): adds or changes one member. The login must be a PostgreSQL role
 *   that exists; display name and email are checked for length, control characters and shape.
 *   Setting the same values twice changes nothing and says so.
 * - team.remove (administrators): marks a member inactive (kept, so old entries still read).
 *
 * The role shown is never typed in: reflect.team_directory reads it from the role membership
 * PostgreSQL enforces (pg_has_role), so the directory cannot claim a role the login lacks.
 */
export const teamMembers = {
  version: 24,
  name: 'team-members',
  sql: /* sql */ `
CREATE TABLE reflect.team_members (
  login         text PRIMARY KEY CHECK (length(login) BETWEEN 1 AND 63),
  display_name  text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 120),
  email         text CHECK (length(email) <= 254),
  active        boolean NOT NULL DEFAULT true,
  updated_at    timestamptz NOT NULL DEFAULT now(),
  updated_by    text NOT NULL
);

-- The highest Reflect role a login holds right now, from PostgreSQL's own membership.
CREATE FUNCTION reflect.team_role(login text) RETURNS text LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp AS $$
  SELECT CASE
    WHEN NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = login) THEN NULL
    WHEN pg_has_role(login, 'reflect_admin', 'MEMBER') THEN 'admin'
    WHEN pg_has_role(login, 'reflect_approver', 'MEMBER') THEN 'approver'
    WHEN pg_has_role(login, 'reflect_officer', 'MEMBER') THEN 'officer'
    WHEN pg_has_role(login, 'reflect_viewer', 'MEMBER') THEN 'viewer'
    ELSE 'none' END
$$;

CREATE VIEW reflect.team_directory AS
  SELECT login, display_name, email, active, reflect.team_role(login) AS role,
         updated_at, updated_by
  FROM reflect.team_members;

-- payload: { login, display_name, email? (null or absent: none) }
CREATE FUNCTION reflect.op_team_set(p jsonb, actor text) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_login text := p ->> 'login';
  v_name text := btrim(p ->> 'display_name');
  v_email text := nullif(btrim(coalesce(p ->> 'email', '')), '');
  old reflect.team_members;
BEGIN
  IF jsonb_typeof(p -> 'login') IS DISTINCT FROM 'string' OR length(v_login) NOT BETWEEN 1 AND 63 THEN
    RETURN reflect.rejected('the login is a PostgreSQL login name of 1 to 63 characters');
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = v_login AND rolcanlogin) THEN
    RETURN reflect.rejected(format('there is no PostgreSQL login "%s": create the login first, then add it to the team', v_login));
  END IF;
  IF jsonb_typeof(p -> 'display_name') IS DISTINCT FROM 'string' OR length(v_name) = 0 THEN
    RETURN reflect.rejected('the display name is empty');
  END IF;
  IF length(v_name) > 120 THEN
    RETURN reflect.rejected('the display name is longer than 120 characters');
  END IF;
  IF v_name ~ '[[:cntrl:]]' THEN
    RETURN reflect.rejected('the display name contains a control character (a line break or tab)');
  END IF;
  IF p -> 'email' IS NOT NULL AND jsonb_typeof(p -> 'email') NOT IN ('string', 'null') THEN
    RETURN reflect.rejected('the email is not text');
  END IF;
  IF v_email IS NOT NULL AND (length(v_email) > 254 OR v_email !~ '^[^@[:space:][:cntrl:]]+@[^@[:space:][:cntrl:]]+\\.[^@[:space:][:cntrl:]]+$') THEN
    RETURN reflect.rejected('the email does not look like name@example.org');
  END IF;
  SELECT * INTO old FROM reflect.team_members WHERE login = v_login FOR UPDATE;
  IF FOUND AND old.display_name = v_name AND old.email IS NOT DISTINCT FROM v_email AND old.active THEN
    RETURN reflect.applied('team:' || v_login, jsonb_build_object('changed', false));
  END IF;
  INSERT INTO reflect.team_members (login, display_name, email, active, updated_at, updated_by)
  VALUES (v_login, v_name, v_email, true, now(), actor)
  ON CONFLICT (login) DO UPDATE SET display_name = EXCLUDED.display_name, email = EXCLUDED.email,
    active = true, updated_at = now(), updated_by = EXCLUDED.updated_by;
  -- Field names only: the audit log keeps no personal values.
  RETURN reflect.applied('team:' || v_login, jsonb_build_object('changed', true, 'added', old.login IS NULL,
    'fields', to_jsonb(array_remove(ARRAY[
      CASE WHEN old.display_name IS DISTINCT FROM v_name THEN 'display_name' END,
      CASE WHEN old.email IS DISTINCT FROM v_email THEN 'email' END,
      CASE WHEN old.active IS DISTINCT FROM true THEN 'active' END], NULL))));
END $$;

-- payload: { login }
CREATE FUNCTION reflect.op_team_remove(p jsonb, actor text) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  UPDATE reflect.team_members SET active = false, updated_at = now(), updated_by = actor
  WHERE login = p ->> 'login' AND active;
  IF NOT FOUND THEN
    IF EXISTS (SELECT 1 FROM reflect.team_members WHERE login = p ->> 'login') THEN
      RETURN reflect.applied('team:' || (p ->> 'login'), jsonb_build_object('changed', false));
    END IF;
    RETURN reflect.rejected(format('"%s" is not in the team directory', coalesce(p ->> 'login', '')));
  END IF;
  RETURN reflect.applied('team:' || (p ->> 'login'), jsonb_build_object('changed', true));
END $$;

INSERT INTO reflect.operation_kinds VALUES
  ('team.set', 'op_team_set', 'reflect_admin'),
  ('team.remove', 'op_team_remove', 'reflect_admin');

-- Every desk shows who did what; the directory holds work names and addresses, nothing else.
GRANT SELECT ON reflect.team_members, reflect.team_directory TO reflect_viewer;

-- Functions are executable by PUBLIC when created: only the documented entry points stay callable.
REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA reflect FROM PUBLIC;
GRANT EXECUTE ON FUNCTION reflect.erasure_preview(uuid) TO reflect_officer;
GRANT EXECUTE ON FUNCTION reflect.erasure_edges() TO reflect_admin;
GRANT EXECUTE ON FUNCTION reflect.export_proposal(uuid), reflect.confirmed_export_approval(uuid) TO reflect_officer;
GRANT EXECUTE ON FUNCTION reflect.data_map_problems(jsonb) TO reflect_admin;
GRANT EXECUTE ON FUNCTION reflect.team_role(text) TO reflect_viewer;
`,
};
