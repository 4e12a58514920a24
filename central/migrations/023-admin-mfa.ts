/**
 * Two-step codes for administrators' changes: each admin login enrols a TOTP secret (RFC 6238,
 * HMAC-SHA1, 30-second steps, 6 digits) kept here, readable by no login, only by the functions
 * below. Before an erasure policy, a data map or the desk retention changes, the admin's session
 * presents a fresh code (reflect.mfa_verify); the code is spent on that one change, and a code
 * (its time step) once used is never accepted again for that login.
 *
 * An admin who has not enrolled yet may still change things while reflect.settings
 * 'admin_mfa_required' is 'false' (the default, so an install and the demo keep working); once an
 * enrolled admin sets it to 'true', every admin change needs a code.
 *
 * hmac() and gen_random_bytes() come from pgcrypto, a trusted extension shipped with PostgreSQL
 * (and with PGlite, which the demo loads it into); it is installed into schema reflect so the
 * functions below find it on their fixed search_path.
 *
 * reflect.my_access() tells a desk its login's effective Reflect role and enrolment, so the app
 * offers only what that role may do; central still re-checks every operation.
 */
export const adminMfa = {
  version: 23,
  name: 'admin-mfa',
  sql: /* sql */ `
CREATE EXTENSION IF NOT EXISTS pgcrypto SCHEMA reflect;
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                 WHERE n.nspname = 'reflect' AND p.proname = 'hmac') THEN
    RAISE EXCEPTION 'pgcrypto is installed in another schema of this database; Reflect needs it in schema reflect (DROP EXTENSION pgcrypto, or ALTER EXTENSION pgcrypto SET SCHEMA reflect)';
  END IF;
END $$;

CREATE TABLE reflect.admin_totp (
  login         name PRIMARY KEY,
  secret        bytea NOT NULL CHECK (length(secret) = 20),
  enrolled_at   timestamptz NOT NULL DEFAULT now(),
  confirmed_at  timestamptz,
  -- The newest time step a code was accepted for: an older or equal one is a replay.
  last_step     bigint NOT NULL DEFAULT 0
);

-- A verified code, waiting to be spent by the next admin change of the same session.
CREATE TABLE reflect.admin_mfa_grants (
  login        name NOT NULL,
  backend_pid  int NOT NULL,
  expires_at   timestamptz NOT NULL,
  PRIMARY KEY (login, backend_pid)
);
REVOKE ALL ON reflect.admin_totp, reflect.admin_mfa_grants FROM PUBLIC;

INSERT INTO reflect.settings (key, value) VALUES ('admin_mfa_required', 'false')
  ON CONFLICT (key) DO NOTHING;

-- RFC 4226 HOTP for one counter (the TOTP time step), six digits.
CREATE FUNCTION reflect.totp_code(p_secret bytea, p_step bigint) RETURNS text
LANGUAGE plpgsql IMMUTABLE STRICT SET search_path = reflect, pg_temp AS $$
DECLARE
  mac bytea := hmac(int8send(p_step), p_secret, 'sha1');
  o int := get_byte(mac, 19) & 15;
  bin bigint := ((get_byte(mac, o) & 127)::bigint << 24) | (get_byte(mac, o + 1)::bigint << 16)
                | (get_byte(mac, o + 2)::bigint << 8) | get_byte(mac, o + 3)::bigint;
BEGIN
  RETURN lpad((bin % 1000000)::text, 6, '0');
END $$;

-- Checks p_code for p_login at p_at (one step of clock drift either way), refuses a replay, and
-- remembers the step. p_confirming accepts the not yet confirmed secret of an enrolment.
CREATE FUNCTION reflect.mfa_check(p_login name, p_code text, p_at timestamptz, p_confirming boolean)
RETURNS void LANGUAGE plpgsql SET search_path = reflect, pg_temp AS $$
DECLARE
  t reflect.admin_totp;
  now_step bigint := floor(extract(epoch FROM p_at) / 30)::bigint;
  matched bigint;
BEGIN
  SELECT * INTO t FROM reflect.admin_totp WHERE login = p_login FOR UPDATE;
  IF NOT FOUND OR (t.confirmed_at IS NULL AND NOT p_confirming) THEN
    RAISE EXCEPTION 'the login "%" has not enrolled for two-step codes: enrol in Settings (or reflect central mfa enrol) first', p_login
      USING ERRCODE = 'RF401';
  END IF;
  IF p_code IS NULL OR p_code !~ '^[0-9]{6}$' THEN
    RAISE EXCEPTION 'a two-step code is six digits from the authenticator app' USING ERRCODE = 'RF402';
  END IF;
  SELECT s INTO matched FROM generate_series(now_step - 1, now_step + 1) s
    WHERE reflect.totp_code(t.secret, s) = p_code ORDER BY s DESC LIMIT 1;
  IF matched IS NULL THEN
    RAISE EXCEPTION 'the two-step code is not the current one: check the clock of the phone and enter the code shown now'
      USING ERRCODE = 'RF402';
  END IF;
  IF matched <= t.last_step THEN
    RAISE EXCEPTION 'this two-step code was used already: wait for the next code and enter it'
      USING ERRCODE = 'RF402';
  END IF;
  UPDATE reflect.admin_totp SET last_step = matched,
    confirmed_at = coalesce(confirmed_at, p_at) WHERE login = p_login;
END $$;

CREATE FUNCTION reflect.require_admin()
RETURNS void LANGUAGE plpgsql SET search_path = reflect, pg_temp AS $$
BEGIN
  IF NOT pg_has_role(session_user, 'reflect_admin', 'MEMBER') THEN
    RAISE EXCEPTION 'two-step codes are for administrators; the login "%" needs the role "reflect_admin"', session_user
      USING ERRCODE = 'insufficient_privilege';
  END IF;
END $$;

-- Spends the session's verified code on one admin change, or refuses it. The schema's owner (the
-- installer) is not held to it: it can change the tables directly anyway.
CREATE FUNCTION reflect.require_admin_mfa(p_what text)
RETURNS void LANGUAGE plpgsql SET search_path = reflect, pg_temp AS $$
DECLARE
  enrolled boolean;
BEGIN
  IF session_user = (SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = 'reflect') THEN
    RETURN;
  END IF;
  enrolled := EXISTS (SELECT FROM reflect.admin_totp WHERE login = session_user AND confirmed_at IS NOT NULL);
  IF NOT enrolled THEN
    IF (SELECT value FROM reflect.settings WHERE key = 'admin_mfa_required') = 'true' THEN
      RAISE EXCEPTION '"%" needs a two-step code, and the login "%" has not enrolled: enrol in Settings (or reflect central mfa enrol) first', p_what, session_user
        USING ERRCODE = 'RF401';
    END IF;
    RETURN;
  END IF;
  DELETE FROM reflect.admin_mfa_grants
    WHERE login = session_user AND backend_pid = pg_backend_pid() AND expires_at > clock_timestamp();
  IF NOT FOUND THEN
    RAISE EXCEPTION '"%" needs a fresh two-step code from the login "%": enter the code from the authenticator app', p_what, session_user
      USING ERRCODE = 'RF403';
  END IF;
END $$;

-- {login, role (admin, approver, officer, viewer or null), mfa_enrolled, mfa_required}
CREATE FUNCTION reflect.my_access() RETURNS jsonb
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = reflect, pg_temp AS $$
  SELECT jsonb_build_object(
    'login', session_user::text,
    'role', CASE
      WHEN pg_has_role(session_user, 'reflect_admin', 'MEMBER') THEN 'admin'
      WHEN pg_has_role(session_user, 'reflect_approver', 'MEMBER') THEN 'approver'
      WHEN pg_has_role(session_user, 'reflect_officer', 'MEMBER') THEN 'officer'
      WHEN pg_has_role(session_user, 'reflect_viewer', 'MEMBER') THEN 'viewer'
    END,
    'mfa_enrolled', EXISTS (SELECT FROM reflect.admin_totp WHERE login = session_user AND confirmed_at IS NOT NULL),
    'mfa_required', coalesce((SELECT value FROM reflect.settings WHERE key = 'admin_mfa_required'), 'false') = 'true')
$$;

-- Starts (or restarts, before it is confirmed) an enrolment: {secret_hex}. Re-enrolling a
-- confirmed login needs a code of the old secret first (reflect.mfa_verify), so a stolen
-- password alone cannot move the second step to another phone.
CREATE FUNCTION reflect.mfa_enrol() RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = reflect, pg_temp AS $$
DECLARE
  fresh bytea := gen_random_bytes(20);
BEGIN
  PERFORM reflect.require_admin();
  IF EXISTS (SELECT FROM reflect.admin_totp WHERE login = session_user AND confirmed_at IS NOT NULL) THEN
    PERFORM reflect.require_admin_mfa('a new two-step enrolment');
  END IF;
  INSERT INTO reflect.admin_totp (login, secret) VALUES (session_user, fresh)
    ON CONFLICT (login) DO UPDATE SET secret = fresh, enrolled_at = now(), confirmed_at = NULL, last_step = 0;
  INSERT INTO reflect.audit_log (actor, action, subject, details)
    VALUES (session_user, 'mfa.enrol', 'login:' || session_user, '{}');
  RETURN jsonb_build_object('secret_hex', encode(fresh, 'hex'));
END $$;

CREATE FUNCTION reflect.mfa_confirm(p_code text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = reflect, pg_temp AS $$
BEGIN
  PERFORM reflect.require_admin();
  PERFORM reflect.mfa_check(session_user, p_code, clock_timestamp(), true);
  INSERT INTO reflect.audit_log (actor, action, subject, details)
    VALUES (session_user, 'mfa.confirm', 'login:' || session_user, '{}');
END $$;

-- Verifies a code and lets this session make one admin change within five minutes.
CREATE FUNCTION reflect.mfa_verify(p_code text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = reflect, pg_temp AS $$
BEGIN
  PERFORM reflect.require_admin();
  PERFORM reflect.mfa_check(session_user, p_code, clock_timestamp(), false);
  INSERT INTO reflect.admin_mfa_grants (login, backend_pid, expires_at)
    VALUES (session_user, pg_backend_pid(), clock_timestamp() + interval '5 minutes')
    ON CONFLICT (login, backend_pid) DO UPDATE SET expires_at = EXCLUDED.expires_at;
END $$;

-- Requiring codes of admins who have not enrolled is itself an admin change.
CREATE FUNCTION reflect.set_admin_mfa_required(p_required boolean) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = reflect, pg_temp AS $$
BEGIN
  PERFORM reflect.require_admin();
  IF NOT EXISTS (SELECT FROM reflect.admin_totp WHERE login = session_user AND confirmed_at IS NOT NULL) THEN
    RAISE EXCEPTION 'enrol for two-step codes yourself before changing whether admins need them'
      USING ERRCODE = 'RF401';
  END IF;
  PERFORM reflect.require_admin_mfa('admin_mfa_required');
  UPDATE reflect.settings SET value = p_required::text WHERE key = 'admin_mfa_required';
  INSERT INTO reflect.audit_log (actor, action, subject, details)
    VALUES (session_user, 'mfa.required', 'settings:admin_mfa_required', jsonb_build_object('required', p_required));
END $$;

-- The admin changes: policies, alert rules, the data map and its capture, and the desk retention.
CREATE FUNCTION reflect.admin_operation_needs_mfa() RETURNS trigger
LANGUAGE plpgsql SET search_path = reflect, pg_temp AS $$
BEGIN
  IF NEW.kind IN ('erasure.set-policy', 'erasure.remove-policy', 'datamap.save',
                  'datamap.capture', 'datamap.uncapture', 'alerts.set-rule') THEN
    PERFORM reflect.require_admin_mfa(NEW.kind);
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER admin_operation_needs_mfa BEFORE INSERT ON reflect.applied_operations
  FOR EACH ROW EXECUTE FUNCTION reflect.admin_operation_needs_mfa();

CREATE FUNCTION reflect.retention_change_needs_mfa() RETURNS trigger
LANGUAGE plpgsql SET search_path = reflect, pg_temp AS $$
BEGIN
  IF NEW.value IS DISTINCT FROM OLD.value THEN
    PERFORM reflect.require_admin_mfa('the desk retention');
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER retention_change_needs_mfa BEFORE UPDATE ON reflect.settings
  FOR EACH ROW WHEN (OLD.key = 'desk_retention_days') EXECUTE FUNCTION reflect.retention_change_needs_mfa();

REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA reflect FROM PUBLIC;
GRANT EXECUTE ON FUNCTION reflect.my_access() TO reflect_viewer;
GRANT EXECUTE ON FUNCTION reflect.mfa_enrol(), reflect.mfa_confirm(text), reflect.mfa_verify(text),
  reflect.set_admin_mfa_required(boolean) TO reflect_admin;
`,
};
