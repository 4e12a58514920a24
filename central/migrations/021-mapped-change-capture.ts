/**
 * Change capture on the company's own tables, for the data map in force: statement-level
 * triggers on each mapped table write the keys of changed rows (any key type, composite keys
 * too, as jsonb) to reflect.mapped_changes, read by the same xid horizon as the reference change
 * log. Nothing is added to the company's tables but the three triggers, and
 * datamap.uncapture removes every one of them again.
 *
 * The triggers' function runs as the schema's owner, so the company's applications need no
 * right on schema reflect. Creating a trigger needs the TRIGGER privilege on the table: the
 * account that installed Reflect owns the company's tables or has been granted it.
 */
export const mappedChangeCapture = {
  version: 21,
  name: 'mapped-change-capture',
  sql: /* sql */ `
CREATE TABLE reflect.mapped_changes (
  seq         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  xid         xid8 NOT NULL DEFAULT pg_current_xact_id(),
  table_name  text NOT NULL,
  key         jsonb NOT NULL,
  op          "char" NOT NULL CHECK (op IN ('I', 'U', 'D'))
);
CREATE INDEX mapped_changes_xid ON reflect.mapped_changes (xid, seq);

-- The mapped tables that carry capture triggers now, and the key they log.
CREATE TABLE reflect.mapped_capture (
  table_name    text PRIMARY KEY,
  key_columns   text[] NOT NULL,
  map_version   int NOT NULL REFERENCES reflect.data_maps (version),
  installed_at  timestamptz NOT NULL DEFAULT now()
);

-- TG_ARGV: the table as the map names it, the operation letter, then the key columns.
CREATE FUNCTION reflect.log_mapped_changes() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  pairs text := '';
  i int;
BEGIN
  FOR i IN 2 .. TG_NARGS - 1 LOOP
    pairs := pairs || CASE WHEN i > 2 THEN ', ' ELSE '' END || format('%L, %I', TG_ARGV[i], TG_ARGV[i]);
  END LOOP;
  EXECUTE format('INSERT INTO reflect.mapped_changes (table_name, key, op) SELECT %L, jsonb_build_object(%s), %L FROM changed_rows',
                 TG_ARGV[0], pairs, TG_ARGV[1]);
  RETURN NULL;
END $$;

CREATE FUNCTION reflect.drop_mapped_capture(name text) RETURNS void LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  rel regclass := reflect.data_map_table(name);
BEGIN
  IF rel IS NOT NULL THEN
    EXECUTE format('DROP TRIGGER IF EXISTS reflect_capture_i ON %s', rel);
    EXECUTE format('DROP TRIGGER IF EXISTS reflect_capture_u ON %s', rel);
    EXECUTE format('DROP TRIGGER IF EXISTS reflect_capture_d ON %s', rel);
  END IF;
  DELETE FROM reflect.mapped_capture WHERE table_name = name;
END $$;

-- payload: { version }: capture on every table of that map version, which must be the one in
-- force and match the database; tables no longer in it lose their triggers.
CREATE FUNCTION reflect.op_datamap_capture(p jsonb, actor text) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  m reflect.data_maps;
  problems text[];
  t jsonb;
  rel regclass;
  cols text[];
  keys text;
  op record;
  old record;
  n int := 0;
BEGIN
  SELECT * INTO m FROM reflect.data_maps ORDER BY version DESC LIMIT 1;
  IF NOT FOUND THEN RETURN reflect.rejected('no data map has been saved'); END IF;
  IF (p ->> 'version')::numeric IS DISTINCT FROM m.version THEN
    RETURN reflect.rejected(format('the data map in force is version %s, not %s', m.version, coalesce(p ->> 'version', 'none')));
  END IF;
  problems := ARRAY(SELECT reflect.data_map_problems(m.document) LIMIT 20);
  IF cardinality(problems) > 0 THEN
    RETURN reflect.rejected('the map does not match the database: ' || array_to_string(problems, '; '));
  END IF;
  FOR old IN SELECT table_name FROM reflect.mapped_capture
             WHERE table_name NOT IN (SELECT x ->> 'table' FROM jsonb_array_elements(m.document -> 'tables') x) LOOP
    PERFORM reflect.drop_mapped_capture(old.table_name);
  END LOOP;
  FOR t IN SELECT value FROM jsonb_array_elements(m.document -> 'tables') LOOP
    rel := reflect.data_map_table(t ->> 'table');
    IF rel = ANY (ARRAY['reflect.customers', 'reflect.addresses', 'reflect.orders', 'reflect.interactions',
                        'reflect.events', 'reflect.consents']::regclass[]) THEN
      -- The reference tables log to reflect.change_log already.
      CONTINUE;
    END IF;
    cols := ARRAY(SELECT jsonb_array_elements_text(t -> 'key'));
    keys := (SELECT string_agg(format(', %L', c), '') FROM unnest(cols) c);
    PERFORM reflect.drop_mapped_capture(t ->> 'table');
    FOR op IN SELECT * FROM (VALUES ('i', 'INSERT', 'NEW', 'I'), ('u', 'UPDATE', 'NEW', 'U'), ('d', 'DELETE', 'OLD', 'D')) v(suffix, event, rows, letter) LOOP
      EXECUTE format('CREATE TRIGGER %I AFTER %s ON %s REFERENCING %s TABLE AS changed_rows
                      FOR EACH STATEMENT EXECUTE FUNCTION reflect.log_mapped_changes(%L, %L%s)',
                     'reflect_capture_' || op.suffix, op.event, rel, op.rows, t ->> 'table', op.letter, keys);
    END LOOP;
    INSERT INTO reflect.mapped_capture (table_name, key_columns, map_version) VALUES (t ->> 'table', cols, m.version);
    n := n + 1;
  END LOOP;
  RETURN reflect.applied('datamap:' || m.version, jsonb_build_object('version', m.version, 'tables', n));
END $$;

-- payload: {}: every capture trigger removed; the company's tables are as they were.
CREATE FUNCTION reflect.op_datamap_uncapture(p jsonb, actor text) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  old record;
  n int := 0;
BEGIN
  FOR old IN SELECT table_name FROM reflect.mapped_capture LOOP
    PERFORM reflect.drop_mapped_capture(old.table_name);
    n := n + 1;
  END LOOP;
  RETURN reflect.applied('datamap', jsonb_build_object('tables', n));
END $$;

INSERT INTO reflect.operation_kinds VALUES
  ('datamap.capture', 'op_datamap_capture', 'reflect_admin'),
  ('datamap.uncapture', 'op_datamap_uncapture', 'reflect_admin');

GRANT SELECT ON reflect.mapped_changes, reflect.mapped_capture TO reflect_viewer;

-- Functions are executable by PUBLIC when created: only the documented entry points stay callable.
REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA reflect FROM PUBLIC;
GRANT EXECUTE ON FUNCTION reflect.erasure_preview(uuid) TO reflect_officer;
GRANT EXECUTE ON FUNCTION reflect.erasure_edges() TO reflect_admin;
GRANT EXECUTE ON FUNCTION reflect.export_proposal(uuid), reflect.confirmed_export_approval(uuid) TO reflect_officer;
GRANT EXECUTE ON FUNCTION reflect.data_map_problems(jsonb) TO reflect_admin;
`,
};
