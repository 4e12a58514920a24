/**
 * Erasure computed from PostgreSQL's own catalog, previewed by a dry run, approved for its exact
 * content and executed once.
 *
 * - The plan starts at a case's subjects (and every record merged into them) and follows every
 *   foreign key that reaches them, at any depth. Each table reached needs a policy row in
 *   reflect.erasure_policies (delete, anonymise named columns, or retain under a legal basis
 *   until a date); a table without one makes the plan incomplete, and an incomplete plan can be
 *   neither approved nor executed.
 * - The preview runs the very function the execution runs, inside a block that is then rolled
 *   back, so its counts are what the execution will do, and a constraint that would stop the
 *   execution shows up in the preview.
 * - The plan's hash covers the subjects, the policies applied and the keys of every row touched;
 *   the approver's decision records the hash they saw, and the execution refuses a plan whose
 *   hash differs (a new order arrived, a policy changed): it must be approved again.
 */
export const erasurePlans = {
  version: 10,
  name: 'erasure-plans',
  sql: /* sql */ `
CREATE TABLE reflect.erasure_policies (
  table_schema   text NOT NULL DEFAULT 'reflect',
  table_name     text NOT NULL,
  strategy       text NOT NULL CHECK (strategy IN ('delete', 'anonymise', 'retain')),
  -- anonymise, and retain once its period ends: {column: "null" | "hash" | "fixed:<text>"}
  columns        jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(columns) = 'object'),
  legal_basis    text,
  retain_years   int CHECK (retain_years BETWEEN 1 AND 100),
  -- The row's own date the period counts from (e.g. the invoice date); now() when it is empty.
  retain_from    text,
  then_strategy  text CHECK (then_strategy IN ('delete', 'anonymise')),
  updated_by     text NOT NULL DEFAULT session_user,
  updated_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (table_schema, table_name),
  CHECK (strategy <> 'retain' OR (nullif(btrim(legal_basis), '') IS NOT NULL
         AND retain_years IS NOT NULL AND then_strategy IS NOT NULL))
);
-- Safe defaults for the reference tables: what describes the person goes; orders stay for the
-- bookkeeping period, detached from the person; consents stay detached as proof of what was asked.
INSERT INTO reflect.erasure_policies (table_name, strategy, columns, legal_basis, retain_years, retain_from, then_strategy, updated_by) VALUES
  ('addresses', 'delete', '{}', NULL, NULL, NULL, NULL, 'install'),
  ('interactions', 'delete', '{}', NULL, NULL, NULL, NULL, 'install'),
  ('events', 'delete', '{}', NULL, NULL, NULL, NULL, 'install'),
  ('consents', 'anonymise', '{"source": "fixed:erased"}', NULL, NULL, NULL, NULL, 'install'),
  ('orders', 'retain', '{}', 'commercial and tax law: bookkeeping records are kept for ten years, HGB 257 and AO 147', 10, 'placed_at', 'delete', 'install');

-- The policy rows superseded by erasure_policies.
DROP TABLE reflect.erasure_strategy;

-- Rows kept under a legal basis, purged once the date has passed (reflect central purge-retained).
CREATE TABLE reflect.retained_rows (
  table_name     text NOT NULL,
  pk             text NOT NULL,
  case_id        uuid NOT NULL,
  legal_basis    text NOT NULL,
  retain_until   timestamptz NOT NULL,
  then_strategy  text NOT NULL,
  columns        jsonb NOT NULL,
  purged_at      timestamptz,
  PRIMARY KEY (table_name, pk)
);
CREATE INDEX retained_rows_due ON reflect.retained_rows (retain_until) WHERE purged_at IS NULL;

-- The approver's decision on an erasure, bound to the plan they were shown.
CREATE TABLE reflect.erasure_approvals (
  approval_id  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_id      uuid NOT NULL REFERENCES reflect.cases (case_id),
  plan_hash    text NOT NULL,
  approved_by  text NOT NULL,
  approved_at  timestamptz NOT NULL DEFAULT now()
);

-- What was done for a case, as central confirmed it: the evidence a case is fulfilled on.
-- Replicated to the desks; ids, counts and field names only, never a value.
CREATE TABLE reflect.case_actions (
  action_id  uuid PRIMARY KEY,
  case_id    uuid NOT NULL REFERENCES reflect.cases (case_id),
  kind       text NOT NULL CHECK (kind IN ('erasure', 'restriction', 'restriction_lifted',
               'consent', 'rectification')),
  at         timestamptz NOT NULL DEFAULT now(),
  actor      text NOT NULL,
  details    jsonb NOT NULL DEFAULT '{}',
  version    bigint NOT NULL DEFAULT 1
);
CREATE INDEX case_actions_case ON reflect.case_actions (case_id);
CREATE TRIGGER case_actions_version BEFORE UPDATE ON reflect.case_actions
  FOR EACH ROW EXECUTE FUNCTION reflect.bump_version();
CREATE TRIGGER case_actions_log_i AFTER INSERT ON reflect.case_actions REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION reflect.log_keyed_changes('action_id', 'I');
CREATE TRIGGER case_actions_log_u AFTER UPDATE ON reflect.case_actions REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION reflect.log_keyed_changes('action_id', 'U');
CREATE TRIGGER case_actions_log_d AFTER DELETE ON reflect.case_actions REFERENCING OLD TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION reflect.log_keyed_changes('action_id', 'D');

-- The subjects and every record merged into them, at any depth.
CREATE FUNCTION reflect.erasure_subjects(ids bigint[]) RETURNS bigint[] LANGUAGE sql STABLE AS $$
  WITH RECURSIVE s(id) AS (
    SELECT unnest(ids)
    UNION
    SELECT c.customer_id FROM reflect.customers c JOIN s ON c.merged_into = s.id
  )
  SELECT coalesce(array_agg(id ORDER BY id), '{}') FROM s
$$;

-- Every foreign key on the way to reflect.customers, read from the catalog: the table holding
-- it (child), the table it points at (parent), and how deep the child lies.
CREATE FUNCTION reflect.erasure_edges() RETURNS TABLE (
  depth int, child regclass, parent regclass, fk_column text, ref_column text,
  fk_nullable boolean, problem text
) LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
  WITH RECURSIVE edge AS (
    SELECT 1 AS depth, c.conrelid, c.confrelid, c.conkey, c.confkey, ARRAY[c.confrelid, c.conrelid] AS seen
    FROM pg_constraint c
    WHERE c.contype = 'f' AND c.confrelid = 'reflect.customers'::regclass AND c.conrelid <> c.confrelid
    UNION ALL
    SELECT e.depth + 1, c.conrelid, c.confrelid, c.conkey, c.confkey, e.seen || c.conrelid
    FROM edge e JOIN pg_constraint c ON c.contype = 'f' AND c.confrelid = e.conrelid
    WHERE NOT c.conrelid = ANY (e.seen) AND e.depth < 8
  )
  SELECT DISTINCT ON (e.conrelid, e.confrelid, e.conkey)
    e.depth, e.conrelid::regclass, e.confrelid::regclass,
    (SELECT attname FROM pg_attribute WHERE attrelid = e.conrelid AND attnum = e.conkey[1])::text,
    (SELECT attname FROM pg_attribute WHERE attrelid = e.confrelid AND attnum = e.confkey[1])::text,
    NOT (SELECT attnotnull FROM pg_attribute WHERE attrelid = e.conrelid AND attnum = e.conkey[1]),
    CASE WHEN cardinality(e.conkey) > 1
      THEN 'its foreign key to ' || e.confrelid::regclass || ' has several columns, which an erasure plan cannot follow' END
  FROM edge e
  ORDER BY e.conrelid, e.confrelid, e.conkey, e.depth
$$;

-- A table's single-column primary key and its type, or nothing.
CREATE FUNCTION reflect.primary_key_of(rel regclass) RETURNS TABLE (column_name text, type_name text)
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
  SELECT a.attname::text, format_type(a.atttypid, a.atttypmod)
  FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
  WHERE i.indrelid = rel AND i.indisprimary AND i.indnkeyatts = 1
$$;

-- Why a policy's column rule cannot be applied to rel, or NULL.
CREATE FUNCTION reflect.column_rule_problem(rel regclass, col text, rule text) RETURNS text
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  a pg_attribute;
BEGIN
  SELECT * INTO a FROM pg_attribute WHERE attrelid = rel AND attname = col AND attnum > 0 AND NOT attisdropped;
  IF NOT FOUND THEN RETURN format('%s has no column %s', rel, col); END IF;
  IF rule = 'null' AND a.attnotnull THEN
    RETURN format('%s.%s cannot be emptied (NOT NULL): use "hash" or "fixed:<text>"', rel, col);
  END IF;
  IF (rule = 'hash' OR rule LIKE 'fixed:%') AND a.atttypid NOT IN ('text'::regtype, 'varchar'::regtype, 'bpchar'::regtype) THEN
    RETURN format('%s.%s is not text, so it can only be emptied ("null")', rel, col);
  END IF;
  IF NOT (rule IN ('null', 'hash') OR rule LIKE 'fixed:%') THEN
    RETURN format('%s.%s: "%s" is not a rule (null, hash or fixed:<text>)', rel, col, rule);
  END IF;
  RETURN NULL;
END $$;

-- The plan for case p_case_id, changing nothing: {caseId, subjects, missing, complete, problems,
-- tables: [{table, strategy, columns, detach, legalBasis, retainYears, retainFrom, thenStrategy,
-- depth, pk, pkType, keys, rows, samples?}], hash}.
-- Table names are read with pg_catalog alone on the path, so they always carry their schema.
CREATE FUNCTION reflect.erasure_plan(p_case_id uuid, with_samples boolean) RETURNS jsonb
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  c reflect.cases;
  subjects bigint[];
  present bigint[];
  keys jsonb;
  problems text[] := '{}';
  e record;
  pk record;
  parent_pk record;
  reached jsonb;
  before int;
  pass int := 0;
  grown boolean := true;
  rel regclass;
  pol reflect.erasure_policies;
  tables jsonb := '[]';
  entry jsonb;
  detach text[];
  col text;
  rule text;
  rule_problem text;
  samples jsonb;
BEGIN
  SELECT * INTO c FROM reflect.cases WHERE case_id = p_case_id;
  IF NOT FOUND THEN RETURN jsonb_build_object('refusal', 'the case does not exist'); END IF;
  IF NOT c.request_type = ANY (ARRAY['erasure', 'delete']) THEN
    RETURN jsonb_build_object('refusal', format('a %s case does not erase data', replace(c.request_type, '_', ' ')));
  END IF;
  subjects := reflect.erasure_subjects(c.subject_ids);
  present := ARRAY(SELECT customer_id FROM reflect.customers WHERE customer_id = ANY (subjects) ORDER BY 1);
  IF cardinality(c.subject_ids) = 0 THEN problems := problems || 'the case has no linked subject'::text; END IF;
  keys := jsonb_build_object('reflect.customers', to_jsonb(present::text[]));

  -- Follow the foreign keys until no new row is reached: a table may be reached by several paths.
  WHILE grown AND pass < 10 LOOP
    grown := false;
    pass := pass + 1;
    FOR e IN SELECT * FROM reflect.erasure_edges() WHERE problem IS NULL LOOP
      SELECT * INTO pk FROM reflect.primary_key_of(e.child);
      SELECT * INTO parent_pk FROM reflect.primary_key_of(e.parent);
      CONTINUE WHEN pk IS NULL OR parent_pk IS NULL OR NOT (keys ? e.parent::text);
      EXECUTE format(
        'SELECT coalesce(jsonb_agg(DISTINCT x.%1$I::text), ''[]'') FROM %2$s x
          WHERE x.%3$I IN (SELECT y.%4$I FROM %5$s y WHERE y.%6$I = ANY ($1::text[]::%7$s[]))',
        pk.column_name, e.child, e.fk_column, e.ref_column, e.parent, parent_pk.column_name, parent_pk.type_name)
        INTO reached USING ARRAY(SELECT jsonb_array_elements_text(keys -> e.parent::text));
      before := coalesce(jsonb_array_length(keys -> e.child::text), 0);
      keys := jsonb_set(keys, ARRAY[e.child::text], (
        SELECT coalesce(jsonb_agg(DISTINCT k ORDER BY k), '[]')
        FROM (SELECT jsonb_array_elements_text(coalesce(keys -> e.child::text, '[]')) k
              UNION SELECT jsonb_array_elements_text(reached)) u));
      IF jsonb_array_length(keys -> e.child::text) > before THEN grown := true; END IF;
    END LOOP;
  END LOOP;

  -- One entry per table reached, whether or not this person has rows in it: a table without a
  -- policy blocks every erasure until an administrator decides what happens to it.
  FOR rel IN SELECT DISTINCT child FROM reflect.erasure_edges() LOOP
    SELECT * INTO pk FROM reflect.primary_key_of(rel);
    SELECT * INTO pol FROM reflect.erasure_policies
      WHERE (table_schema, table_name) = (SELECT n.nspname::text, cl.relname::text FROM pg_class cl
                                          JOIN pg_namespace n ON n.oid = cl.relnamespace WHERE cl.oid = rel);
    FOR e IN SELECT * FROM reflect.erasure_edges() WHERE child = rel AND problem IS NOT NULL LOOP
      problems := problems || format('%s: %s', rel, e.problem);
    END LOOP;
    IF pk IS NULL THEN
      problems := problems || format('%s has no single-column primary key, so its rows cannot be named', rel);
    END IF;
    IF pol IS NULL THEN
      problems := problems || format('%s reaches the person through a foreign key but has no erasure policy: an administrator sets one (reflect central erasure-policy set)', rel);
      tables := tables || jsonb_build_object('table', rel::text, 'strategy', NULL,
        'rows', coalesce(jsonb_array_length(keys -> rel::text), 0), 'keys', coalesce(keys -> rel::text, '[]'),
        'depth', (SELECT max(depth) FROM reflect.erasure_edges() WHERE child = rel));
      CONTINUE;
    END IF;
    -- Rows that stay lose their link to every row that goes.
    detach := ARRAY(
      SELECT DISTINCT x.fk_column FROM reflect.erasure_edges() x
      LEFT JOIN reflect.erasure_policies pp ON (pp.table_schema, pp.table_name) =
        (SELECT n.nspname::text, cl.relname::text FROM pg_class cl JOIN pg_namespace n ON n.oid = cl.relnamespace WHERE cl.oid = x.parent)
      WHERE x.child = rel AND x.problem IS NULL
        AND (x.parent = 'reflect.customers'::regclass OR pp.strategy = 'delete'));
    IF pol.strategy <> 'delete' THEN
      FOR e IN SELECT * FROM reflect.erasure_edges() WHERE child = rel AND fk_column = ANY (detach) AND NOT fk_nullable LOOP
        problems := problems || format('%s.%s cannot be emptied (NOT NULL), so its rows cannot stay without the person: choose "delete"', rel, e.fk_column);
      END LOOP;
      FOR col, rule IN SELECT * FROM jsonb_each_text(pol.columns) LOOP
        rule_problem := reflect.column_rule_problem(rel, col, rule);
        IF rule_problem IS NOT NULL THEN problems := problems || rule_problem; END IF;
      END LOOP;
      IF pol.strategy = 'retain' AND pol.retain_from IS NOT NULL AND NOT EXISTS (
          SELECT 1 FROM pg_attribute WHERE attrelid = rel AND attname = pol.retain_from
            AND atttypid IN ('timestamptz'::regtype, 'timestamp'::regtype, 'date'::regtype)) THEN
        problems := problems || format('%s has no date column %s to count the retention from', rel, pol.retain_from);
      END IF;
    END IF;
    samples := NULL;
    IF with_samples AND pk IS NOT NULL AND coalesce(jsonb_array_length(keys -> rel::text), 0) > 0 THEN
      EXECUTE format('SELECT jsonb_agg(to_jsonb(x)) FROM (SELECT * FROM %1$s WHERE %2$I = ANY ($1::text[]::%3$s[]) ORDER BY %2$I LIMIT 3) x',
                     rel, pk.column_name, pk.type_name)
        INTO samples USING ARRAY(SELECT jsonb_array_elements_text(keys -> rel::text));
    END IF;
    entry := jsonb_build_object(
      'table', rel::text, 'strategy', pol.strategy, 'columns', pol.columns, 'detach', to_jsonb(detach),
      'legalBasis', pol.legal_basis, 'retainYears', pol.retain_years, 'retainFrom', pol.retain_from,
      'thenStrategy', pol.then_strategy, 'pk', pk.column_name, 'pkType', pk.type_name,
      'depth', (SELECT max(depth) FROM reflect.erasure_edges() WHERE child = rel),
      'keys', coalesce(keys -> rel::text, '[]'), 'rows', coalesce(jsonb_array_length(keys -> rel::text), 0));
    IF samples IS NOT NULL THEN entry := entry || jsonb_build_object('samples', samples); END IF;
    tables := tables || entry;
  END LOOP;

  samples := NULL;
  IF with_samples THEN
    SELECT jsonb_agg(to_jsonb(x)) INTO samples
    FROM (SELECT * FROM reflect.customers WHERE customer_id = ANY (present) ORDER BY customer_id LIMIT 3) x;
  END IF;
  tables := jsonb_build_array(jsonb_build_object('table', 'reflect.customers', 'strategy', 'delete',
    'columns', '{}'::jsonb, 'detach', '[]'::jsonb, 'pk', 'customer_id', 'pkType', 'bigint', 'depth', 0,
    'keys', to_jsonb(present::text[]), 'rows', cardinality(present))
    || CASE WHEN samples IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('samples', samples) END) || tables;
  IF cardinality(present) = 0 AND cardinality(c.subject_ids) > 0 THEN
    problems := problems || 'none of the case''s subjects is in the central database any more: nothing is left to erase'::text;
  END IF;

  RETURN jsonb_build_object(
    'caseId', c.case_id, 'subjects', to_jsonb(subjects),
    'missing', to_jsonb(ARRAY(SELECT unnest(subjects) EXCEPT SELECT unnest(present))),
    'complete', cardinality(problems) = 0, 'problems', to_jsonb(problems), 'tables', tables,
    -- What was approved: subjects, the rule applied to each table and the keys of every row.
    'hash', encode(sha256(convert_to((SELECT jsonb_build_object('subjects', to_jsonb(subjects),
        'tables', (SELECT jsonb_agg(t - 'samples' - 'rows' - 'depth' ORDER BY t ->> 'table') FROM jsonb_array_elements(tables) t))::text), 'UTF8')), 'hex'));
END $$;
`,
};
