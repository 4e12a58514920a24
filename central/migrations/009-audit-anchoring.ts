/**
 * An audit trail nobody can forge or lose.
 *
 * - Each desk is registered to the login that first sends its entries (session_user, never a
 *   value from the payload); entries for that desk from any other login are refused.
 * - An entry central already holds under a desk's sequence number is never silently kept in
 *   place of a different one: a batch naming a held number with another hash is refused.
 * - The central audit log is itself hash-chained: a trigger links every row, under a lock on the
 *   chain's head, to the one before (chain_seq order); updates and deletes are refused, and
 *   reflect.verify_audit_log() names the first row that does not hold.
 * - A desk may read back the hashes central holds for its own entries (desk_audit_hashes), so
 *   `audit verify` can compare both chains.
 */
export const auditAnchoring = {
  version: 9,
  name: 'audit-anchoring',
  sql: /* sql */ `
CREATE TABLE reflect.desks (
  desk_id        uuid PRIMARY KEY,
  login          text NOT NULL,
  registered_at  timestamptz NOT NULL DEFAULT now()
);
-- Desks that sent entries before this migration belong to the login that sent them.
INSERT INTO reflect.desks (desk_id, login, registered_at)
  SELECT DISTINCT ON (desk_id) desk_id, actor, at FROM reflect.audit_log
  WHERE desk_id IS NOT NULL ORDER BY desk_id, id;

ALTER TABLE reflect.audit_log
  ADD COLUMN chain_seq bigint UNIQUE,
  ADD COLUMN prev_hash text,
  ADD COLUMN hash text;
CREATE TABLE reflect.audit_head (
  id         int PRIMARY KEY CHECK (id = 1),
  chain_seq  bigint NOT NULL,
  hash       text NOT NULL
);

-- Every column but the hash itself; the time in UTC text, so the session's time zone cannot change it.
CREATE FUNCTION reflect.audit_entry_hash(a reflect.audit_log) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT encode(sha256(convert_to(jsonb_build_array(
    a.chain_seq, a.prev_hash, a.id, to_char(a.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    a.actor, a.action, a.subject, a.details, a.op_id, a.desk_id, a.desk_seq)::text, 'UTF8')), 'hex')
$$;

DO $$
DECLARE
  r reflect.audit_log;
  previous text := repeat('0', 64);
  n bigint := 0;
BEGIN
  FOR r IN SELECT * FROM reflect.audit_log ORDER BY id LOOP
    n := n + 1;
    r.chain_seq := n;
    r.prev_hash := previous;
    r.hash := reflect.audit_entry_hash(r);
    UPDATE reflect.audit_log SET chain_seq = r.chain_seq, prev_hash = r.prev_hash, hash = r.hash WHERE id = r.id;
    previous := r.hash;
  END LOOP;
  INSERT INTO reflect.audit_head VALUES (1, n, previous);
END $$;
ALTER TABLE reflect.audit_log ALTER COLUMN chain_seq SET NOT NULL,
  ALTER COLUMN prev_hash SET NOT NULL, ALTER COLUMN hash SET NOT NULL;

CREATE FUNCTION reflect.audit_chain_link() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  head reflect.audit_head;
BEGIN
  -- The head's row lock orders concurrent writers: chain order is the order they took it.
  SELECT * INTO head FROM reflect.audit_head WHERE id = 1 FOR UPDATE;
  NEW.chain_seq := head.chain_seq + 1;
  NEW.prev_hash := head.hash;
  NEW.hash := reflect.audit_entry_hash(NEW);
  UPDATE reflect.audit_head SET chain_seq = NEW.chain_seq, hash = NEW.hash WHERE id = 1;
  RETURN NEW;
END $$;
CREATE TRIGGER audit_log_chain BEFORE INSERT ON reflect.audit_log
  FOR EACH ROW EXECUTE FUNCTION reflect.audit_chain_link();

CREATE FUNCTION reflect.audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the central audit log is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON reflect.audit_log
  FOR EACH ROW EXECUTE FUNCTION reflect.audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON reflect.audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION reflect.audit_log_append_only();

-- {ok, entries} or {ok: false, entries, broken_at, reason}: the first row that does not hold.
CREATE FUNCTION reflect.verify_audit_log() RETURNS jsonb LANGUAGE plpgsql STABLE AS $$
DECLARE
  r reflect.audit_log;
  previous text := repeat('0', 64);
  n bigint := 0;
  head reflect.audit_head;
BEGIN
  FOR r IN SELECT * FROM reflect.audit_log ORDER BY chain_seq LOOP
    n := n + 1;
    IF r.chain_seq <> n THEN
      RETURN jsonb_build_object('ok', false, 'entries', n - 1, 'broken_at', n, 'reason', format('entry %s is missing', n));
    END IF;
    IF r.prev_hash <> previous THEN
      RETURN jsonb_build_object('ok', false, 'entries', n - 1, 'broken_at', n,
        'reason', format('entry %s does not follow entry %s', n, n - 1));
    END IF;
    IF reflect.audit_entry_hash(r) <> r.hash THEN
      RETURN jsonb_build_object('ok', false, 'entries', n - 1, 'broken_at', n,
        'reason', format('entry %s was changed after it was written', n));
    END IF;
    previous := r.hash;
  END LOOP;
  SELECT * INTO head FROM reflect.audit_head WHERE id = 1;
  IF head.chain_seq <> n OR head.hash <> previous THEN
    RETURN jsonb_build_object('ok', false, 'entries', n, 'broken_at', n + 1,
      'reason', 'entries are missing from the end of the chain');
  END IF;
  RETURN jsonb_build_object('ok', true, 'entries', n);
END $$;

-- payload: {desk_id, entries: [{seq, at, actor, action, subject, details, hash}]}
CREATE OR REPLACE FUNCTION reflect.op_audit_append(p jsonb, actor text) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  desk uuid := (p ->> 'desk_id')::uuid;
  owner text;
  differing bigint;
BEGIN
  IF desk IS NULL THEN RETURN reflect.rejected('audit entries name the desk that wrote them'); END IF;
  INSERT INTO reflect.desks (desk_id, login) VALUES (desk, actor) ON CONFLICT (desk_id) DO NOTHING;
  -- Locks the desk's registration: two pushes of one desk take turns.
  SELECT login INTO owner FROM reflect.desks WHERE desk_id = desk FOR UPDATE;
  IF owner <> actor THEN
    RETURN reflect.rejected(format(
      'this desk is registered to the login %s; entries for it sent by %s are refused', owner, actor));
  END IF;
  SELECT (e ->> 'seq')::bigint INTO differing
    FROM jsonb_array_elements(p -> 'entries') e
    JOIN reflect.audit_log a ON a.desk_id = desk AND a.desk_seq = (e ->> 'seq')::bigint
    WHERE a.details ->> 'desk_hash' IS DISTINCT FROM e ->> 'hash'
    ORDER BY 1 LIMIT 1;
  IF differing IS NOT NULL THEN
    RETURN reflect.rejected(format(
      'entry #%s differs from the entry #%s central already holds for this desk', differing, differing));
  END IF;
  INSERT INTO reflect.audit_log (actor, action, subject, details, desk_id, desk_seq)
  SELECT actor, e ->> 'action', e ->> 'subject',
         coalesce(e -> 'details', '{}') || jsonb_build_object(
           'desk_actor', e ->> 'actor', 'desk_at', e ->> 'at', 'desk_hash', e ->> 'hash'),
         desk, (e ->> 'seq')::bigint
  FROM jsonb_array_elements(p -> 'entries') e
  WHERE NOT EXISTS (SELECT 1 FROM reflect.audit_log a WHERE a.desk_id = desk AND a.desk_seq = (e ->> 'seq')::bigint)
  ORDER BY (e ->> 'seq')::bigint;
  RETURN jsonb_build_object('status', 'applied', 'subject', NULL, 'audit', NULL);
END $$;

-- The hashes central holds for the caller's own desk, in sequence order, one page at a time.
CREATE FUNCTION reflect.desk_audit_hashes(desk uuid, after_seq bigint, page int)
RETURNS TABLE (desk_seq bigint, desk_hash text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = reflect, pg_temp AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM reflect.desks d WHERE d.desk_id = desk AND d.login = session_user) THEN
    IF EXISTS (SELECT 1 FROM reflect.desks d WHERE d.desk_id = desk) THEN
      RAISE EXCEPTION 'this desk is registered to another login' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN;
  END IF;
  RETURN QUERY SELECT a.desk_seq, a.details ->> 'desk_hash' FROM reflect.audit_log a
    WHERE a.desk_id = desk AND a.desk_seq > after_seq ORDER BY a.desk_seq LIMIT least(page, 5000);
END $$;

REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA reflect FROM PUBLIC;
GRANT EXECUTE ON FUNCTION reflect.apply_operation(uuid, text, jsonb) TO reflect_viewer;
GRANT EXECUTE ON FUNCTION reflect.subject_hash(bigint) TO reflect_viewer;
GRANT EXECUTE ON FUNCTION reflect.desk_audit_hashes(uuid, bigint, int) TO reflect_viewer;
GRANT EXECUTE ON FUNCTION reflect.verify_audit_log() TO reflect_admin;
GRANT EXECUTE ON FUNCTION reflect.audit_entry_hash(reflect.audit_log) TO reflect_admin;
GRANT SELECT ON reflect.desks, reflect.audit_head TO reflect_admin;
`,
};
