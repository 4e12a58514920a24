/**
 * The data map, kept centrally: each saved version of the document that says where the
 * company's database keeps a person (src/main/datamap/datamap-document.ts). Versions are never
 * changed or deleted, so what a desk worked on can always be read back.
 *
 * - datamap.save (administrators): a new version, refused when a table or column it names is
 *   not in the database, or when another administrator saved a version since the one this
 *   change was made from (base_version). The desk checks the document's shape first with line
 *   numbers; central checks what only the database knows.
 * - datamap.discovered (administrators): the audit entry of a discovery, which reads a bounded
 *   sample of values (counts only; never a value).
 */
export const dataMaps = {
  version: 20,
  name: 'data-maps',
  sql: /* sql */ `
CREATE TABLE reflect.data_maps (
  version        int PRIMARY KEY CHECK (version > 0),
  document       jsonb NOT NULL CHECK (jsonb_typeof(document) = 'object'
                   AND document ->> 'format' = 'reflect-data-map/1'
                   AND jsonb_typeof(document -> 'tables') = 'array'),
  document_hash  text NOT NULL CHECK (document_hash ~ '^[0-9a-f]{64}$'),
  note           text CHECK (length(note) <= 1000),
  saved_by       text NOT NULL,
  saved_at       timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION reflect.data_maps_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'a saved data map version is never changed: save a new one' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER data_maps_append_only BEFORE UPDATE OR DELETE ON reflect.data_maps
  FOR EACH ROW EXECUTE FUNCTION reflect.data_maps_append_only();

-- A table named schema.table in a map, as the catalog knows it (names are taken literally, not
-- folded to lower case as unquoted SQL would), or NULL.
CREATE FUNCTION reflect.data_map_table(name text) RETURNS regclass LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp AS $$
  SELECT CASE WHEN name ~ '^[^.]+\\.[^.]+$'
    THEN to_regclass(quote_ident(split_part(name, '.', 1)) || '.' || quote_ident(split_part(name, '.', 2))) END
$$;

-- What in a map the database does not have: tables, keys, columns, the subject's identity columns.
CREATE FUNCTION reflect.data_map_problems(doc jsonb) RETURNS SETOF text LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  t jsonb;
  rel regclass;
  col text;
  ident record;
BEGIN
  IF jsonb_typeof(doc -> 'tables') IS DISTINCT FROM 'array' THEN
    RETURN NEXT 'the map lists no tables';
    RETURN;
  END IF;
  FOR t IN SELECT value FROM jsonb_array_elements(doc -> 'tables') LOOP
    rel := reflect.data_map_table(t ->> 'table');
    IF rel IS NULL THEN
      RETURN NEXT format('%s: no such table', coalesce(t ->> 'table', '(a table without a name)'));
      CONTINUE;
    END IF;
    FOR col IN
      SELECT k FROM jsonb_object_keys(CASE WHEN jsonb_typeof(t -> 'columns') = 'object' THEN t -> 'columns' ELSE '{}' END) k
      UNION SELECT k FROM jsonb_array_elements_text(CASE WHEN jsonb_typeof(t -> 'key') = 'array' THEN t -> 'key' ELSE '[]' END) k
      UNION SELECT x ->> 0 FROM jsonb_array_elements(CASE WHEN jsonb_typeof(t #> '{link,on}') = 'array' THEN t #> '{link,on}' ELSE '[]' END) x
    LOOP
      IF NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = rel AND attname = col AND attnum > 0 AND NOT attisdropped) THEN
        RETURN NEXT format('%s has no column %s', t ->> 'table', col);
      END IF;
    END LOOP;
  END LOOP;
  IF NOT EXISTS (SELECT 1 FROM jsonb_array_elements(doc -> 'tables') x WHERE x ->> 'table' = doc #>> '{subject,table}') THEN
    RETURN NEXT format('the subject table %s is not one of the tables listed', coalesce(doc #>> '{subject,table}', '(none)'));
  END IF;
  FOR ident IN SELECT key AS role, value FROM jsonb_each(CASE WHEN jsonb_typeof(doc #> '{subject,identity}') = 'object' THEN doc #> '{subject,identity}' ELSE '{}' END) LOOP
    rel := reflect.data_map_table(ident.value ->> 'table');
    IF rel IS NULL OR NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = rel AND attname = ident.value ->> 'column' AND attnum > 0 AND NOT attisdropped) THEN
      RETURN NEXT format('the %s is said to be in %s.%s, which the database does not have', replace(ident.role, '_', ' '), ident.value ->> 'table', ident.value ->> 'column');
    END IF;
  END LOOP;
END $$;

-- payload: { document, note?, base_version (null for the first map) }
CREATE FUNCTION reflect.op_datamap_save(p jsonb, actor text) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  doc jsonb := p -> 'document';
  problems text[];
  latest int;
  v int;
  doc_hash text;
BEGIN
  IF jsonb_typeof(doc) IS DISTINCT FROM 'object' OR doc ->> 'format' IS DISTINCT FROM 'reflect-data-map/1' THEN
    RETURN reflect.rejected('the document is not a data map (format reflect-data-map/1)');
  END IF;
  IF length(doc::text) > 4194304 THEN RETURN reflect.rejected('the data map is larger than 4 MB'); END IF;
  IF p ->> 'note' IS NOT NULL AND length(p ->> 'note') > 1000 THEN
    RETURN reflect.rejected('the note is longer than 1,000 characters');
  END IF;
  problems := ARRAY(SELECT reflect.data_map_problems(doc) LIMIT 20);
  IF cardinality(problems) > 0 THEN
    RETURN reflect.rejected('the map does not match the database: ' || array_to_string(problems, '; '));
  END IF;
  -- One version at a time: two administrators saving at once get one version each, in turn,
  -- and the second is refused unless it was made from the first.
  LOCK TABLE reflect.data_maps IN SHARE ROW EXCLUSIVE MODE;
  SELECT max(version) INTO latest FROM reflect.data_maps;
  IF (p -> 'base_version') IS NULL OR jsonb_typeof(p -> 'base_version') NOT IN ('number', 'null')
     OR (p ->> 'base_version')::numeric IS DISTINCT FROM latest THEN
    RETURN reflect.rejected(format('the map was changed since (now version %s): read it again, apply your change, then save', coalesce(latest::text, 'none')));
  END IF;
  v := coalesce(latest, 0) + 1;
  doc_hash := encode(sha256(convert_to(doc::text, 'UTF8')), 'hex');
  INSERT INTO reflect.data_maps (version, document, document_hash, note, saved_by)
  VALUES (v, doc, doc_hash, nullif(btrim(p ->> 'note'), ''), actor);
  RETURN reflect.applied('datamap:' || v, jsonb_build_object(
    'version', v, 'hash', doc_hash, 'tables', jsonb_array_length(doc -> 'tables')));
END $$;

-- payload: { schemas, tables, sampled_tables, sampled_rows }: counts only.
CREATE FUNCTION reflect.op_datamap_discovered(p jsonb, actor text) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  RETURN reflect.applied('datamap', jsonb_build_object(
    'schemas', coalesce(p -> 'schemas', 'null'),
    'tables', (p ->> 'tables')::int,
    'sampled_tables', (p ->> 'sampled_tables')::int,
    'sampled_rows', (p ->> 'sampled_rows')::int));
END $$;

INSERT INTO reflect.operation_kinds VALUES
  ('datamap.save', 'op_datamap_save', 'reflect_admin'),
  ('datamap.discovered', 'op_datamap_discovered', 'reflect_admin');

-- Every desk reads the map it works on; it names tables and columns, never a value.
GRANT SELECT ON reflect.data_maps TO reflect_viewer;

-- Functions are executable by PUBLIC when created: only the documented entry points stay callable.
REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA reflect FROM PUBLIC;
GRANT EXECUTE ON FUNCTION reflect.erasure_preview(uuid) TO reflect_officer;
GRANT EXECUTE ON FUNCTION reflect.erasure_edges() TO reflect_admin;
GRANT EXECUTE ON FUNCTION reflect.export_proposal(uuid), reflect.confirmed_export_approval(uuid) TO reflect_officer;
GRANT EXECUTE ON FUNCTION reflect.data_map_problems(jsonb) TO reflect_admin;
`,
};
