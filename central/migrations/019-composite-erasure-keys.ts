/**
 * Erasure plans follow foreign keys of several columns too. Until now a table whose key to the
 * person's rows had two columns (an order line naming its order by (order_id, customer_id), a
 * company's table keyed by tenant and id) made every plan incomplete. Now:
 *
 * - erasure_edges gives each foreign key's columns and the columns they reference, in order;
 *   a child row is reached when its whole key matches a reached parent row's, and rows that stay
 *   are unlinked by emptying every column of the key (which must all allow NULL).
 * - erasure_plan reads the catalog's edges once per plan (the recursive catalog query ran
 *   several times per table before) and works from that copy.
 *
 * erasure_edges changes its columns, so it is dropped and created again (no view or function
 * depends on its row type), and re-granted; erasure_plan keeps its signature and its output.
 */
export const compositeErasureKeys = {
  version: 19,
  name: 'composite-erasure-keys',
  sql: /* sql */ `
DROP FUNCTION reflect.erasure_edges();

-- Every foreign key on the way to reflect.customers, read from the catalog: the table holding
-- it (child), the table it points at (parent), its columns and the ones they reference (in the
-- key's order), whether all of them allow NULL, and how deep the child lies.
CREATE FUNCTION reflect.erasure_edges() RETURNS TABLE (
  depth int, child regclass, parent regclass, fk_columns text[], ref_columns text[],
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
    ARRAY(SELECT a.attname::text FROM unnest(e.conkey) WITH ORDINALITY k(attnum, n)
          JOIN pg_attribute a ON a.attrelid = e.conrelid AND a.attnum = k.attnum ORDER BY k.n),
    ARRAY(SELECT a.attname::text FROM unnest(e.confkey) WITH ORDINALITY k(attnum, n)
          JOIN pg_attribute a ON a.attrelid = e.confrelid AND a.attnum = k.attnum ORDER BY k.n),
    NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = e.conrelid AND a.attnum = ANY (e.conkey) AND a.attnotnull),
    NULL::text
  FROM edge e
  ORDER BY e.conrelid, e.confrelid, e.conkey, e.depth
$$;

CREATE OR REPLACE FUNCTION reflect.erasure_plan(p_case_id uuid, with_samples boolean) RETURNS jsonb
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  c reflect.cases;
  subjects bigint[];
  present bigint[];
  keys jsonb;
  problems text[] := '{}';
  edges jsonb;
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
  match_child text;
  match_parent text;
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
  -- The catalog's edges, read once for the whole plan.
  edges := (SELECT coalesce(jsonb_agg(jsonb_build_object('depth', x.depth, 'child', x.child::text,
              'parent', x.parent::text, 'fk_columns', x.fk_columns, 'ref_columns', x.ref_columns,
              'fk_nullable', x.fk_nullable, 'problem', x.problem)), '[]')
            FROM reflect.erasure_edges() x);

  -- Follow the foreign keys until no new row is reached: a table may be reached by several paths.
  WHILE grown AND pass < 10 LOOP
    grown := false;
    pass := pass + 1;
    FOR e IN SELECT * FROM jsonb_to_recordset(edges) AS x(depth int, child text, parent text,
               fk_columns text[], ref_columns text[], fk_nullable boolean, problem text)
             WHERE x.problem IS NULL LOOP
      SELECT * INTO pk FROM reflect.primary_key_of(e.child::regclass);
      SELECT * INTO parent_pk FROM reflect.primary_key_of(e.parent::regclass);
      CONTINUE WHEN pk IS NULL OR parent_pk IS NULL OR NOT (keys ? e.parent);
      -- (x.a, x.b) IN (SELECT y.c, y.d ...): the whole key matches, whatever its width.
      match_child := (SELECT string_agg(format('x.%I', k), ', ' ORDER BY n) FROM unnest(e.fk_columns) WITH ORDINALITY u(k, n));
      match_parent := (SELECT string_agg(format('y.%I', k), ', ' ORDER BY n) FROM unnest(e.ref_columns) WITH ORDINALITY u(k, n));
      EXECUTE format(
        'SELECT coalesce(jsonb_agg(DISTINCT x.%1$I::text), ''[]'') FROM %2$s x
          WHERE (%3$s) IN (SELECT %4$s FROM %5$s y WHERE y.%6$I = ANY ($1::text[]::%7$s[]))',
        pk.column_name, e.child::regclass, match_child, match_parent, e.parent::regclass,
        parent_pk.column_name, parent_pk.type_name)
        INTO reached USING ARRAY(SELECT jsonb_array_elements_text(keys -> e.parent));
      before := coalesce(jsonb_array_length(keys -> e.child), 0);
      keys := jsonb_set(keys, ARRAY[e.child], (
        SELECT coalesce(jsonb_agg(DISTINCT k ORDER BY k), '[]')
        FROM (SELECT jsonb_array_elements_text(coalesce(keys -> e.child, '[]')) k
              UNION SELECT jsonb_array_elements_text(reached)) u));
      IF jsonb_array_length(keys -> e.child) > before THEN grown := true; END IF;
    END LOOP;
  END LOOP;

  -- One entry per table reached, whether or not this person has rows in it: a table without a
  -- policy blocks every erasure until an administrator decides what happens to it.
  FOR rel IN SELECT DISTINCT (x ->> 'child')::regclass FROM jsonb_array_elements(edges) x LOOP
    SELECT * INTO pk FROM reflect.primary_key_of(rel);
    SELECT * INTO pol FROM reflect.erasure_policies
      WHERE (table_schema, table_name) = (SELECT n.nspname::text, cl.relname::text FROM pg_class cl
                                          JOIN pg_namespace n ON n.oid = cl.relnamespace WHERE cl.oid = rel);
    IF pk IS NULL THEN
      problems := problems || format('%s has no single-column primary key, so its rows cannot be named', rel);
    END IF;
    IF pol IS NULL THEN
      problems := problems || format('%s reaches the person through a foreign key but has no erasure policy: an administrator sets one (reflect central erasure-policy set)', rel);
      tables := tables || jsonb_build_object('table', rel::text, 'strategy', NULL,
        'rows', coalesce(jsonb_array_length(keys -> rel::text), 0), 'keys', coalesce(keys -> rel::text, '[]'),
        'depth', (SELECT max((x ->> 'depth')::int) FROM jsonb_array_elements(edges) x WHERE x ->> 'child' = rel::text));
      CONTINUE;
    END IF;
    -- Rows that stay lose their link to every row that goes: every column of each such key.
    detach := ARRAY(
      SELECT DISTINCT fk FROM jsonb_to_recordset(edges) AS x(child text, parent text, fk_columns text[], problem text)
      CROSS JOIN unnest(x.fk_columns) fk
      LEFT JOIN reflect.erasure_policies pp ON (pp.table_schema, pp.table_name) =
        (SELECT n.nspname::text, cl.relname::text FROM pg_class cl JOIN pg_namespace n ON n.oid = cl.relnamespace
         WHERE cl.oid = x.parent::regclass)
      WHERE x.child = rel::text AND x.problem IS NULL
        AND (x.parent::regclass = 'reflect.customers'::regclass OR pp.strategy = 'delete'));
    IF pol.strategy <> 'delete' THEN
      FOR e IN SELECT * FROM jsonb_to_recordset(edges) AS x(child text, fk_columns text[], fk_nullable boolean)
               WHERE x.child = rel::text AND x.fk_columns && detach AND NOT x.fk_nullable LOOP
        problems := problems || format('%s.%s cannot be emptied (NOT NULL), so its rows cannot stay without the person: choose "delete"',
          rel, array_to_string(e.fk_columns, ', '));
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
      'depth', (SELECT max((x ->> 'depth')::int) FROM jsonb_array_elements(edges) x WHERE x ->> 'child' = rel::text),
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

-- Functions are executable by PUBLIC when created: only the documented entry points stay callable.
REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA reflect FROM PUBLIC;
GRANT EXECUTE ON FUNCTION reflect.erasure_edges() TO reflect_admin;
GRANT EXECUTE ON FUNCTION reflect.erasure_preview(uuid) TO reflect_officer;
GRANT EXECUTE ON FUNCTION reflect.export_proposal(uuid), reflect.confirmed_export_approval(uuid) TO reflect_officer;
`,
};
