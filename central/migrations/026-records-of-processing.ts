/**
 * Records of processing activities (GDPR Art. 30), kept centrally so every desk, the exported
 * register and the access reports read the same text.
 *
 * - reflect.processing_records: one activity per row, as it stands now, with its version.
 * - reflect.processing_record_history: every version ever saved (and each removal), append-only,
 *   so an edit never loses what the record said before.
 * - records.set (administrators): saves one or more activities in one change (a pre-filled
 *   register is saved with one two-step code). Every field is checked here: lengths, control
 *   characters, the data map's categories, the access report's sections, the languages. A
 *   base_version that is no longer current is refused, so two desks cannot overwrite each other.
 * - records.remove (administrators): removes an activity; its history stays.
 *
 * Both changes need a fresh two-step code from an enrolled administrator (migration 23), through
 * a trigger of their own beside admin_operation_needs_mfa, so that function is not copied here.
 */
const DATA_CATEGORIES = [
  'identity',
  'contact',
  'address',
  'demographic',
  'financial',
  'behavioural',
  'preferences',
  'free_text',
  'technical',
  'not_personal',
];
const REPORT_SECTIONS = ['identity', 'addresses', 'orders', 'interactions', 'events', 'consents'];
const LANGUAGES = ['en', 'de', 'fr', 'es', 'it', 'nl'];

const list = (values: string[]) => `ARRAY[${values.map((v) => `'${v}'`).join(', ')}]::text[]`;

export const recordsOfProcessing = {
  version: 26,
  name: 'records-of-processing',
  sql: /* sql */ `
CREATE TABLE reflect.processing_records (
  activity_id         text PRIMARY KEY CHECK (activity_id ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  name                text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  purposes            text NOT NULL CHECK (length(purposes) BETWEEN 1 AND 4000),
  legal_basis         text NOT NULL CHECK (length(legal_basis) BETWEEN 1 AND 2000),
  subject_categories  text[] NOT NULL,
  data_categories     text[] NOT NULL CHECK (data_categories <@ ${list(DATA_CATEGORIES)}),
  report_sections     text[] NOT NULL CHECK (report_sections <@ ${list(REPORT_SECTIONS)}),
  recipients          text NOT NULL CHECK (length(recipients) <= 4000),
  transfers           text NOT NULL CHECK (length(transfers) <= 4000),
  retention           text NOT NULL CHECK (length(retention) BETWEEN 1 AND 2000),
  security_measures   text NOT NULL CHECK (length(security_measures) <= 4000),
  controller_contact  text NOT NULL CHECK (length(controller_contact) <= 2000),
  dpo_contact         text NOT NULL CHECK (length(dpo_contact) <= 2000),
  language            text NOT NULL CHECK (language = ANY (${list(LANGUAGES)})),
  requester_text      jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(requester_text) = 'object'),
  version             int NOT NULL CHECK (version > 0),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  updated_by          text NOT NULL
);

CREATE TABLE reflect.processing_record_history (
  activity_id  text NOT NULL,
  version      int NOT NULL,
  change       text NOT NULL CHECK (change IN ('set', 'remove')),
  -- The whole row as it was saved (for a removal: as it was when removed).
  record       jsonb NOT NULL,
  changed_at   timestamptz NOT NULL DEFAULT now(),
  changed_by   text NOT NULL,
  PRIMARY KEY (activity_id, version)
);

CREATE FUNCTION reflect.processing_history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the history of the records of processing is never changed or deleted'
    USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER processing_history_append_only BEFORE UPDATE OR DELETE ON reflect.processing_record_history
  FOR EACH ROW EXECUTE FUNCTION reflect.processing_history_append_only();

-- A text field of an activity: present as text, within its bounds, and free of control
-- characters (a single line allows none; paragraphs allow line breaks and tabs). Raises a
-- data exception, which apply_operation turns into a refusal with this reason.
CREATE FUNCTION reflect.record_text(p jsonb, field text, label text, min_len int, max_len int, single_line boolean)
RETURNS text LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v text;
BEGIN
  IF p -> field IS NULL OR jsonb_typeof(p -> field) = 'null' THEN
    v := '';
  ELSIF jsonb_typeof(p -> field) <> 'string' THEN
    RAISE EXCEPTION '% is not text', label USING ERRCODE = 'invalid_parameter_value';
  ELSE
    v := btrim(p ->> field, E' \\t\\r\\n');
  END IF;
  IF length(v) < min_len THEN
    RAISE EXCEPTION '% is empty', label USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF length(v) > max_len THEN
    RAISE EXCEPTION '% is longer than % characters', label, max_len USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF (single_line AND v ~ '[[:cntrl:]]') OR v ~ E'[\\\\x01-\\\\x08\\\\x0b\\\\x0c\\\\x0e-\\\\x1f\\\\x7f]' THEN
    RAISE EXCEPTION '% contains a control character%', label,
      CASE WHEN single_line THEN ' (a line break or tab)' ELSE '' END USING ERRCODE = 'invalid_parameter_value';
  END IF;
  RETURN v;
END $$;

-- A list of words from a known vocabulary (known null: any short line), without repeats.
CREATE FUNCTION reflect.record_list(p jsonb, field text, label text, known text[], min_len int, max_len int)
RETURNS text[] LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  out text[] := '{}';
  item jsonb;
  v text;
BEGIN
  IF jsonb_typeof(p -> field) IS DISTINCT FROM 'array' THEN
    RAISE EXCEPTION '% is not a list', label USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF jsonb_array_length(p -> field) > max_len THEN
    RAISE EXCEPTION '% has more than % entries', label, max_len USING ERRCODE = 'invalid_parameter_value';
  END IF;
  FOR item IN SELECT * FROM jsonb_array_elements(p -> field) LOOP
    IF jsonb_typeof(item) <> 'string' THEN
      RAISE EXCEPTION '% holds something that is not text', label USING ERRCODE = 'invalid_parameter_value';
    END IF;
    v := btrim(item #>> '{}');
    IF length(v) = 0 OR length(v) > 200 OR v ~ '[[:cntrl:]]' THEN
      RAISE EXCEPTION '% holds an entry that is empty, longer than 200 characters or not one line', label
        USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF known IS NOT NULL AND NOT v = ANY (known) THEN
      RAISE EXCEPTION '% holds "%", which is not one of: %', label, v, array_to_string(known, ', ')
        USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF NOT v = ANY (out) THEN
      out := out || v;
    END IF;
  END LOOP;
  IF cardinality(out) < min_len THEN
    RAISE EXCEPTION '% is empty', label USING ERRCODE = 'invalid_parameter_value';
  END IF;
  RETURN out;
END $$;

-- Requester text in other languages: {de: {purposes, legal_basis, recipients, retention, transfers}}.
CREATE FUNCTION reflect.record_requester_text(p jsonb, own_language text)
RETURNS jsonb LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  out jsonb := '{}';
  lang text;
  t jsonb;
  key text;
BEGIN
  IF p -> 'requester_text' IS NULL OR jsonb_typeof(p -> 'requester_text') = 'null' THEN
    RETURN out;
  END IF;
  IF jsonb_typeof(p -> 'requester_text') <> 'object' THEN
    RAISE EXCEPTION 'the requester text is not a set of languages' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  FOR lang, t IN SELECT * FROM jsonb_each(p -> 'requester_text') LOOP
    IF NOT lang = ANY (${list(LANGUAGES)}) OR lang = own_language THEN
      RAISE EXCEPTION 'the requester text names "%", which is not another language of requester documents (%)', left(lang, 20), array_to_string(${list(LANGUAGES)}, ', ')
        USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF jsonb_typeof(t) <> 'object' THEN
      RAISE EXCEPTION 'the requester text in "%" is not a set of fields', lang USING ERRCODE = 'invalid_parameter_value';
    END IF;
    FOR key IN SELECT jsonb_object_keys(t) LOOP
      IF NOT key = ANY (ARRAY['purposes', 'legal_basis', 'recipients', 'retention', 'transfers']) THEN
        RAISE EXCEPTION 'the requester text in "%" has a field "%" (known: purposes, legal_basis, recipients, retention, transfers)', lang, left(key, 40)
          USING ERRCODE = 'invalid_parameter_value';
      END IF;
    END LOOP;
    out := out || jsonb_build_object(lang, jsonb_strip_nulls(jsonb_build_object(
      'purposes', nullif(reflect.record_text(t, 'purposes', format('the %s purposes', lang), 0, 4000, false), ''),
      'legal_basis', nullif(reflect.record_text(t, 'legal_basis', format('the %s legal basis', lang), 0, 2000, false), ''),
      'recipients', nullif(reflect.record_text(t, 'recipients', format('the %s recipients', lang), 0, 4000, false), ''),
      'retention', nullif(reflect.record_text(t, 'retention', format('the %s retention', lang), 0, 2000, false), ''),
      'transfers', nullif(reflect.record_text(t, 'transfers', format('the %s transfers', lang), 0, 4000, false), ''))));
  END LOOP;
  RETURN out;
END $$;

-- Saves one checked activity; the caller has locked the row. Returns whether anything changed.
CREATE FUNCTION reflect.record_save(a jsonb, actor text) RETURNS boolean
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_id text;
  v_language text;
  fresh reflect.processing_records;
  old reflect.processing_records;
BEGIN
  IF jsonb_typeof(a) IS DISTINCT FROM 'object' THEN
    RAISE EXCEPTION 'an activity is a set of fields' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  v_id := a ->> 'activity_id';
  IF jsonb_typeof(a -> 'activity_id') IS DISTINCT FROM 'string' OR v_id !~ '^[a-z0-9][a-z0-9-]{0,62}$' THEN
    RAISE EXCEPTION 'the activity id "%" is not 1 to 63 lower-case letters, digits and dashes', left(coalesce(v_id, ''), 70)
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  v_language := coalesce(a ->> 'language', 'en');
  IF NOT v_language = ANY (${list(LANGUAGES)}) THEN
    RAISE EXCEPTION '%: the language "%" is not one of %', v_id, left(v_language, 20), array_to_string(${list(LANGUAGES)}, ', ')
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  BEGIN
    fresh := ROW(
      v_id,
      reflect.record_text(a, 'name', 'the name', 1, 200, true),
      reflect.record_text(a, 'purposes', 'the purposes', 1, 4000, false),
      reflect.record_text(a, 'legal_basis', 'the legal basis', 1, 2000, false),
      reflect.record_list(a, 'subject_categories', 'the categories of people', NULL, 1, 30),
      reflect.record_list(a, 'data_categories', 'the categories of data', ${list(DATA_CATEGORIES)}, 1, 10),
      reflect.record_list(a, 'report_sections', 'the access report sections', ${list(REPORT_SECTIONS)}, 0, 6),
      reflect.record_text(a, 'recipients', 'the recipients', 0, 4000, false),
      reflect.record_text(a, 'transfers', 'the transfers', 0, 4000, false),
      reflect.record_text(a, 'retention', 'the retention', 1, 2000, false),
      reflect.record_text(a, 'security_measures', 'the security measures', 0, 4000, false),
      reflect.record_text(a, 'controller_contact', 'the controller contact', 0, 2000, false),
      reflect.record_text(a, 'dpo_contact', 'the DPO contact', 0, 2000, false),
      v_language,
      reflect.record_requester_text(a, v_language),
      1, now(), actor)::reflect.processing_records;
  EXCEPTION WHEN invalid_parameter_value THEN
    RAISE EXCEPTION '%: %', v_id, SQLERRM USING ERRCODE = 'invalid_parameter_value';
  END;

  SELECT * INTO old FROM reflect.processing_records WHERE activity_id = v_id FOR UPDATE;
  -- base_version absent: save whatever is there (a file an administrator applies); null: a new
  -- activity, refused if one exists; a number: the version the edit started from.
  IF jsonb_typeof(a -> 'base_version') = 'null' AND FOUND THEN
    RAISE EXCEPTION '%: an activity with this id exists already (version %): reload and edit it instead',
      v_id, old.version USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF jsonb_typeof(a -> 'base_version') IS DISTINCT FROM 'null' AND a ? 'base_version'
     AND (a ->> 'base_version')::int IS DISTINCT FROM old.version THEN
    RAISE EXCEPTION '%: the activity changed since it was read (now %): reload it and edit it again',
      v_id, coalesce('version ' || old.version, 'removed') USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF FOUND AND (to_jsonb(old) - ARRAY['version', 'updated_at', 'updated_by'])
             = (to_jsonb(fresh) - ARRAY['version', 'updated_at', 'updated_by']) THEN
    RETURN false;
  END IF;
  -- Versions continue after a removal, so the history keeps one row per version.
  fresh.version := coalesce((SELECT max(version) FROM reflect.processing_record_history
                             WHERE activity_id = v_id), 0) + 1;
  INSERT INTO reflect.processing_records VALUES (fresh.*)
  ON CONFLICT (activity_id) DO UPDATE SET
    name = EXCLUDED.name, purposes = EXCLUDED.purposes, legal_basis = EXCLUDED.legal_basis,
    subject_categories = EXCLUDED.subject_categories, data_categories = EXCLUDED.data_categories,
    report_sections = EXCLUDED.report_sections, recipients = EXCLUDED.recipients,
    transfers = EXCLUDED.transfers, retention = EXCLUDED.retention,
    security_measures = EXCLUDED.security_measures, controller_contact = EXCLUDED.controller_contact,
    dpo_contact = EXCLUDED.dpo_contact, language = EXCLUDED.language,
    requester_text = EXCLUDED.requester_text, version = EXCLUDED.version,
    updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by;
  INSERT INTO reflect.processing_record_history (activity_id, version, change, record, changed_by)
    VALUES (v_id, fresh.version, 'set', to_jsonb(fresh), actor);
  RETURN true;
END $$;

-- payload: { activities: [ { activity_id, name, purposes, ..., base_version? } ] }
CREATE FUNCTION reflect.op_records_set(p jsonb, actor text) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  a jsonb;
  ids text[] := '{}';
  changed text[] := '{}';
BEGIN
  IF jsonb_typeof(p -> 'activities') IS DISTINCT FROM 'array' OR jsonb_array_length(p -> 'activities') = 0 THEN
    RETURN reflect.rejected('name at least one activity to save');
  END IF;
  IF jsonb_array_length(p -> 'activities') > 200 THEN
    RETURN reflect.rejected('at most 200 activities are saved at once');
  END IF;
  FOR a IN SELECT * FROM jsonb_array_elements(p -> 'activities') LOOP
    -- Raised, not returned: the activities saved before it are undone with it.
    IF (a ->> 'activity_id') = ANY (ids) THEN
      RAISE EXCEPTION 'the activity "%" is named twice', a ->> 'activity_id'
        USING ERRCODE = 'invalid_parameter_value';
    END IF;
    ids := ids || (a ->> 'activity_id');
    IF reflect.record_save(a, actor) THEN
      changed := changed || (a ->> 'activity_id');
    END IF;
  END LOOP;
  -- Ids only: the audit log says which activities changed, the history says how.
  RETURN reflect.applied('records:' || array_to_string(ids, ','),
    jsonb_build_object('changed', to_jsonb(changed), 'unchanged', cardinality(ids) - cardinality(changed)));
END $$;

-- payload: { activity_id, base_version? }
CREATE FUNCTION reflect.op_records_remove(p jsonb, actor text) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  old reflect.processing_records;
BEGIN
  SELECT * INTO old FROM reflect.processing_records WHERE activity_id = p ->> 'activity_id' FOR UPDATE;
  IF NOT FOUND THEN
    RETURN reflect.rejected(format('there is no activity "%s" in the records of processing', left(coalesce(p ->> 'activity_id', ''), 70)));
  END IF;
  IF p -> 'base_version' IS NOT NULL AND jsonb_typeof(p -> 'base_version') <> 'null'
     AND (p ->> 'base_version')::int <> old.version THEN
    RETURN reflect.rejected(format('the activity "%s" changed since it was read (now version %s): reload it first', old.activity_id, old.version));
  END IF;
  DELETE FROM reflect.processing_records WHERE activity_id = old.activity_id;
  INSERT INTO reflect.processing_record_history (activity_id, version, change, record, changed_by)
    VALUES (old.activity_id, old.version + 1, 'remove', to_jsonb(old), actor);
  RETURN reflect.applied('records:' || old.activity_id, jsonb_build_object('removed_version', old.version));
END $$;

INSERT INTO reflect.operation_kinds VALUES
  ('records.set', 'op_records_set', 'reflect_admin'),
  ('records.remove', 'op_records_remove', 'reflect_admin');

-- The records are admin changes like the policies: a fresh two-step code when the admin has one.
CREATE FUNCTION reflect.records_operation_needs_mfa() RETURNS trigger
LANGUAGE plpgsql SET search_path = reflect, pg_temp AS $$
BEGIN
  PERFORM reflect.require_admin_mfa(NEW.kind);
  RETURN NEW;
END $$;
CREATE TRIGGER records_operation_needs_mfa BEFORE INSERT ON reflect.applied_operations
  FOR EACH ROW WHEN (NEW.kind IN ('records.set', 'records.remove'))
  EXECUTE FUNCTION reflect.records_operation_needs_mfa();

-- Every role reads the register: it describes processing, not people.
GRANT SELECT ON reflect.processing_records, reflect.processing_record_history TO reflect_viewer;

-- Functions are executable by PUBLIC when created: only the documented entry points stay callable.
REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA reflect FROM PUBLIC;
GRANT EXECUTE ON FUNCTION reflect.erasure_preview(uuid) TO reflect_officer;
GRANT EXECUTE ON FUNCTION reflect.erasure_edges() TO reflect_admin;
GRANT EXECUTE ON FUNCTION reflect.export_proposal(uuid), reflect.confirmed_export_approval(uuid) TO reflect_officer;
GRANT EXECUTE ON FUNCTION reflect.data_map_problems(jsonb) TO reflect_admin;
GRANT EXECUTE ON FUNCTION reflect.team_role(text) TO reflect_viewer;
-- The pre-fill reads which tables a retention category covers, as the run does.
GRANT EXECUTE ON FUNCTION reflect.retention_category_tables(text) TO reflect_viewer;
`,
};
