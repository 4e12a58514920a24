/**
 * A change log of keys only, filled by statement-level triggers (one insert per statement, not per
 * row, so bulk loads stay fast). Readers take only entries whose transaction id is below
 * pg_snapshot_xmin(pg_current_snapshot()): every such transaction has ended, so no entry below
 * that horizon can still appear, and a long transaction delays its changes but never loses them.
 * No replication privilege is needed.
 */
export const changeLog = {
  version: 2,
  name: 'change-log',
  sql: /* sql */ `
CREATE TABLE reflect.change_log (
  seq         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  xid         xid8 NOT NULL DEFAULT pg_current_xact_id(),
  table_name  text NOT NULL,
  pk          bigint NOT NULL,
  op          "char" NOT NULL CHECK (op IN ('I', 'U', 'D'))
);
CREATE INDEX change_log_xid ON reflect.change_log (xid, seq);

-- TG_ARGV: the primary-key column and the operation letter. Every trigger names its transition
-- table changed_rows (new rows for inserts and updates, old rows for deletes), so one function serves.
CREATE FUNCTION reflect.log_changes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('INSERT INTO reflect.change_log (table_name, pk, op) SELECT %L, %I, %L FROM changed_rows',
                 TG_TABLE_NAME, TG_ARGV[0], TG_ARGV[1]);
  RETURN NULL;
END $$;

DO $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT * FROM (VALUES
      ('customers', 'customer_id'), ('addresses', 'address_id'), ('orders', 'order_id'),
      ('interactions', 'interaction_id'), ('events', 'event_id'), ('consents', 'consent_id')
    ) AS v(name, pk)
  LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON reflect.%I REFERENCING NEW TABLE AS changed_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION reflect.log_changes(%L, ''I'')', t.name || '_log_i', t.name, t.pk);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON reflect.%I REFERENCING NEW TABLE AS changed_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION reflect.log_changes(%L, ''U'')', t.name || '_log_u', t.name, t.pk);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON reflect.%I REFERENCING OLD TABLE AS changed_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION reflect.log_changes(%L, ''D'')', t.name || '_log_d', t.name, t.pk);
  END LOOP;
END $$;
`,
};
