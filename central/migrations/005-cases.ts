/**
 * DSAR cases, shared by the team. Keys are UUIDs made by the desk that opens the case, so a case
 * can be created and worked offline and still arrive centrally under the same id; central gives
 * the human reference (DSAR-2026-00042) when it first receives the case.
 *
 * The workflow rules are enforced here as well as on the desk, because a desk may be out of date
 * or offline for days: allowed transitions, reasons, identity before fulfilment, and four eyes
 * (the approver is a different login from the officer who asked for approval, and holds the
 * approver role). Each operation updates the case row at most once, so its version advances by
 * one, exactly as the desk's local copy does.
 *
 * The change log learns UUID keys (`key`), and apply_operation now turns a data error inside an
 * operation (a CHECK, a bad time zone) into a refusal, so a desk is told why instead of retrying.
 */
export const cases = {
  version: 5,
  name: 'cases',
  sql: /* sql */ `
ALTER TABLE reflect.change_log ALTER COLUMN pk DROP NOT NULL;
ALTER TABLE reflect.change_log ADD COLUMN key uuid;
ALTER TABLE reflect.change_log ADD CONSTRAINT change_log_one_key
  CHECK ((pk IS NULL) <> (key IS NULL)) NOT VALID;

CREATE FUNCTION reflect.log_keyed_changes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('INSERT INTO reflect.change_log (table_name, key, op) SELECT %L, %I, %L FROM changed_rows',
                 TG_TABLE_NAME, TG_ARGV[0], TG_ARGV[1]);
  RETURN NULL;
END $$;

CREATE TABLE reflect.case_request_types (
  jurisdiction    text NOT NULL,
  request_type    text NOT NULL,
  -- Erasure, or data leaving the company: four eyes before fulfilment.
  needs_approval  boolean NOT NULL,
  PRIMARY KEY (jurisdiction, request_type)
);
INSERT INTO reflect.case_request_types VALUES
  ('gdpr', 'access', true), ('gdpr', 'rectification', false), ('gdpr', 'erasure', true),
  ('gdpr', 'portability', true), ('gdpr', 'restriction', false), ('gdpr', 'objection', false),
  ('gdpr', 'consent_withdrawal', false),
  ('ccpa', 'know', true), ('ccpa', 'delete', true), ('ccpa', 'correct', false), ('ccpa', 'opt_out', false);

CREATE TABLE reflect.case_transitions (
  from_status  text NOT NULL,
  to_status    text NOT NULL,
  PRIMARY KEY (from_status, to_status)
);
INSERT INTO reflect.case_transitions VALUES
  ('received', 'verifying_identity'), ('received', 'in_progress'), ('received', 'rejected'),
  ('received', 'withdrawn'),
  ('verifying_identity', 'in_progress'), ('verifying_identity', 'rejected'), ('verifying_identity', 'withdrawn'),
  ('in_progress', 'verifying_identity'), ('in_progress', 'awaiting_approval'), ('in_progress', 'fulfilled'),
  ('in_progress', 'rejected'), ('in_progress', 'withdrawn'),
  ('awaiting_approval', 'in_progress'), ('awaiting_approval', 'withdrawn'),
  ('fulfilled', 'in_progress'), ('rejected', 'in_progress'), ('withdrawn', 'in_progress');

CREATE SEQUENCE reflect.case_reference_seq;

CREATE TABLE reflect.cases (
  case_id           uuid PRIMARY KEY,
  reference         text NOT NULL UNIQUE,
  jurisdiction      text NOT NULL,
  request_type      text NOT NULL,
  channel           text NOT NULL CHECK (channel IN ('email', 'web_form', 'phone', 'letter')),
  status            text NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'verifying_identity',
                      'in_progress', 'awaiting_approval', 'fulfilled', 'rejected', 'withdrawn')),
  requester         jsonb NOT NULL CHECK (jsonb_typeof(requester) = 'object'),
  agent             jsonb,
  received_at       timestamptz NOT NULL,
  time_zone         text NOT NULL,
  subject_ids       bigint[] NOT NULL DEFAULT '{}',
  assignee          text,
  priority          text NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
  tags              text[] NOT NULL DEFAULT '{}',
  verification      jsonb,
  extension         jsonb,
  pauses            jsonb NOT NULL DEFAULT '[]',
  approval          jsonb,
  acknowledged_at   timestamptz,
  resolution        text,
  related_case_ids  uuid[] NOT NULL DEFAULT '{}',
  closed_at         timestamptz,
  created_by        text NOT NULL,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  version           bigint NOT NULL DEFAULT 1,
  FOREIGN KEY (jurisdiction, request_type) REFERENCES reflect.case_request_types
);
CREATE INDEX cases_subjects ON reflect.cases USING gin (subject_ids);
CREATE INDEX cases_open ON reflect.cases (status) WHERE closed_at IS NULL;

-- The case's timeline: transitions, notes, communications sent. Append-only.
CREATE TABLE reflect.case_events (
  event_id     uuid PRIMARY KEY,
  case_id      uuid NOT NULL REFERENCES reflect.cases (case_id),
  occurred_at  timestamptz NOT NULL,
  actor        text NOT NULL,
  kind         text NOT NULL,
  details      jsonb NOT NULL DEFAULT '{}',
  version      bigint NOT NULL DEFAULT 1
);
CREATE INDEX case_events_case ON reflect.case_events (case_id, occurred_at);

CREATE TRIGGER cases_version BEFORE UPDATE ON reflect.cases
  FOR EACH ROW EXECUTE FUNCTION reflect.bump_version();
CREATE TRIGGER case_events_version BEFORE UPDATE ON reflect.case_events
  FOR EACH ROW EXECUTE FUNCTION reflect.bump_version();

DO $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT * FROM (VALUES ('cases', 'case_id'), ('case_events', 'event_id')) AS v(name, key) LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON reflect.%I REFERENCING NEW TABLE AS changed_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION reflect.log_keyed_changes(%L, ''I'')', t.name || '_log_i', t.name, t.key);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON reflect.%I REFERENCING NEW TABLE AS changed_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION reflect.log_keyed_changes(%L, ''U'')', t.name || '_log_u', t.name, t.key);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON reflect.%I REFERENCING OLD TABLE AS changed_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION reflect.log_keyed_changes(%L, ''D'')', t.name || '_log_d', t.name, t.key);
  END LOOP;
END $$;

-- Why the locked case cannot take this operation, or NULL. c is all NULLs when no case was found.
CREATE FUNCTION reflect.case_problem(c reflect.cases, p jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN c.case_id IS NULL THEN reflect.rejected('the case does not exist')
    WHEN p ? 'base_version' AND c.version <> (p ->> 'base_version')::bigint THEN reflect.conflict(to_jsonb(c))
  END
$$;

CREATE FUNCTION reflect.add_case_event(p jsonb, kind text, actor text) RETURNS void LANGUAGE sql AS $$
  INSERT INTO reflect.case_events (event_id, case_id, occurred_at, actor, kind, details)
  VALUES ((p ->> 'event_id')::uuid, (p ->> 'case_id')::uuid, coalesce((p ->> 'at')::timestamptz, now()),
          actor, kind, coalesce(p -> 'details', '{}'))
$$;

CREATE FUNCTION reflect.case_audit(c reflect.cases, extra jsonb DEFAULT '{}') RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
  SELECT reflect.applied('case:' || c.case_id,
    jsonb_build_object('reference', c.reference, 'request_type', c.request_type) || extra)
$$;

-- The pauses with the open one (if any) ended at the given moment.
CREATE FUNCTION reflect.end_open_pause(pauses jsonb, at timestamptz) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(jsonb_agg(CASE WHEN x ->> 'to' IS NULL THEN jsonb_set(x, '{to}', to_jsonb(at)) ELSE x END), '[]')
  FROM jsonb_array_elements(pauses) x
$$;

-- payload: {case_id, event_id, at, jurisdiction, request_type, channel, requester, agent,
--           received_at, time_zone, subject_ids, assignee, priority, tags, related_case_ids}
CREATE FUNCTION reflect.op_case_create(p jsonb, actor text) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  c reflect.cases;
BEGIN
  IF EXISTS (SELECT 1 FROM reflect.cases WHERE case_id = (p ->> 'case_id')::uuid) THEN
    RETURN reflect.rejected('a case with this id already exists');
  END IF;
  -- Validates the zone: an unknown name raises, and apply_operation turns that into a refusal.
  PERFORM now() AT TIME ZONE (p ->> 'time_zone');
  INSERT INTO reflect.cases (case_id, reference, jurisdiction, request_type, channel, requester, agent,
    received_at, time_zone, subject_ids, assignee, priority, tags, related_case_ids, created_by)
  VALUES ((p ->> 'case_id')::uuid,
    'DSAR-' || to_char(now(), 'YYYY') || '-' || lpad(nextval('reflect.case_reference_seq')::text, 5, '0'),
    p ->> 'jurisdiction', p ->> 'request_type', p ->> 'channel', p -> 'requester',
    nullif(p -> 'agent', 'null'::jsonb), (p ->> 'received_at')::timestamptz, p ->> 'time_zone',
    ARRAY(SELECT jsonb_array_elements_text(coalesce(p -> 'subject_ids', '[]'))::bigint),
    p ->> 'assignee', coalesce(p ->> 'priority', 'normal'),
    ARRAY(SELECT jsonb_array_elements_text(coalesce(p -> 'tags', '[]'))),
    ARRAY(SELECT jsonb_array_elements_text(coalesce(p -> 'related_case_ids', '[]'))::uuid),
    actor)
  RETURNING * INTO c;
  PERFORM reflect.add_case_event(p, 'created', actor);
  RETURN reflect.case_audit(c, jsonb_build_object('subject_ids', to_jsonb(c.subject_ids)));
END $$;

-- payload: {case_id, base_version, event_id, at, changes: {field: value}, details}
CREATE FUNCTION reflect.op_case_update(p jsonb, actor text) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  c reflect.cases;
  ch jsonb := coalesce(p -> 'changes', '{}');
  field text;
  problem jsonb;
BEGIN
  SELECT * INTO c FROM reflect.cases WHERE case_id = (p ->> 'case_id')::uuid FOR UPDATE;
  problem := reflect.case_problem(c, p);
  IF problem IS NOT NULL THEN RETURN problem; END IF;
  FOR field IN SELECT jsonb_object_keys(ch) LOOP
    IF NOT field = ANY (ARRAY['assignee', 'priority', 'tags', 'channel', 'requester', 'agent', 'subject_ids']) THEN
      RETURN reflect.rejected(format('the case field %s cannot be changed', field));
    END IF;
  END LOOP;
  UPDATE reflect.cases SET
    assignee    = CASE WHEN ch ? 'assignee' THEN ch ->> 'assignee' ELSE assignee END,
    priority    = CASE WHEN ch ? 'priority' THEN ch ->> 'priority' ELSE priority END,
    tags        = CASE WHEN ch ? 'tags' THEN ARRAY(SELECT jsonb_array_elements_text(ch -> 'tags')) ELSE tags END,
    channel     = CASE WHEN ch ? 'channel' THEN ch ->> 'channel' ELSE channel END,
    requester   = CASE WHEN ch ? 'requester' THEN ch -> 'requester' ELSE requester END,
    agent       = CASE WHEN ch ? 'agent' THEN nullif(ch -> 'agent', 'null'::jsonb) ELSE agent END,
    subject_ids = CASE WHEN ch ? 'subject_ids'
                    THEN ARRAY(SELECT jsonb_array_elements_text(ch -> 'subject_ids')::bigint) ELSE subject_ids END,
    -- An approval covered the subjects it was given for; a changed set needs a new one.
    approval    = CASE WHEN ch ? 'subject_ids' AND approval ->> 'decision' = 'approved' THEN NULL ELSE approval END,
    updated_at  = now()
  WHERE case_id = c.case_id RETURNING * INTO c;
  PERFORM reflect.add_case_event(p, 'updated', actor);
  RETURN reflect.case_audit(c, jsonb_build_object('fields', (SELECT jsonb_agg(k) FROM jsonb_object_keys(ch) k)));
END $$;

-- payload: {case_id, base_version, event_id, at, to, reason}
CREATE FUNCTION reflect.op_case_transition(p jsonb, actor text) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  c reflect.cases;
  target text := p ->> 'to';
  at timestamptz := coalesce((p ->> 'at')::timestamptz, now());
  reason text := nullif(btrim(p ->> 'reason'), '');
  closing boolean := target IN ('fulfilled', 'rejected', 'withdrawn');
  problem jsonb;
BEGIN
  SELECT * INTO c FROM reflect.cases WHERE case_id = (p ->> 'case_id')::uuid FOR UPDATE;
  problem := reflect.case_problem(c, p);
  IF problem IS NOT NULL THEN RETURN problem; END IF;
  IF NOT EXISTS (SELECT 1 FROM reflect.case_transitions WHERE from_status = c.status AND to_status = target) THEN
    RETURN reflect.rejected(format('a case cannot go from %s to %s', c.status, target));
  END IF;
  IF target = 'rejected' AND reason IS NULL THEN
    RETURN reflect.rejected('a rejection needs a reason');
  END IF;
  IF target = 'fulfilled' THEN
    IF c.verification IS NULL THEN
      RETURN reflect.rejected('the requester''s identity is not verified (nor the check overridden)');
    END IF;
    IF (SELECT needs_approval FROM reflect.case_request_types
        WHERE jurisdiction = c.jurisdiction AND request_type = c.request_type)
       AND coalesce(c.approval ->> 'decision', '') <> 'approved' THEN
      RETURN reflect.rejected('this request needs a second officer''s approval before it is fulfilled');
    END IF;
  END IF;
  UPDATE reflect.cases SET
    status = target,
    closed_at = CASE WHEN closing THEN at END,
    resolution = CASE WHEN closing THEN reason END,
    approval = CASE
      WHEN target = 'awaiting_approval' THEN jsonb_build_object('requestedBy', actor, 'requestedAt', at,
        'decision', NULL, 'decidedBy', NULL, 'decidedAt', NULL, 'note', reason)
      WHEN c.status = 'awaiting_approval' OR c.status IN ('fulfilled', 'rejected', 'withdrawn') THEN NULL
      ELSE approval END,
    pauses = CASE WHEN c.status = 'verifying_identity' THEN reflect.end_open_pause(pauses, at) ELSE pauses END,
    updated_at = now()
  WHERE case_id = c.case_id RETURNING * INTO c;
  PERFORM reflect.add_case_event(p, 'transition', actor);
  RETURN reflect.case_audit(c, jsonb_build_object('to', target));
END $$;

-- payload: {case_id, base_version, event_id, at, method, evidence} or {..., override: true, reason}
CREATE FUNCTION reflect.op_case_verify(p jsonb, actor text) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  c reflect.cases;
  at timestamptz := coalesce((p ->> 'at')::timestamptz, now());
  override boolean := coalesce((p ->> 'override')::boolean, false);
  problem jsonb;
BEGIN
  SELECT * INTO c FROM reflect.cases WHERE case_id = (p ->> 'case_id')::uuid FOR UPDATE;
  problem := reflect.case_problem(c, p);
  IF problem IS NOT NULL THEN RETURN problem; END IF;
  IF c.closed_at IS NOT NULL THEN RETURN reflect.rejected('the case is closed'); END IF;
  IF override AND nullif(btrim(p ->> 'reason'), '') IS NULL THEN
    RETURN reflect.rejected('an override of identity verification needs a reason');
  END IF;
  IF NOT override AND (nullif(p ->> 'method', '') IS NULL OR nullif(btrim(p ->> 'evidence'), '') IS NULL) THEN
    RETURN reflect.rejected('a verification needs a method and an evidence note');
  END IF;
  UPDATE reflect.cases SET
    verification = CASE WHEN override
      THEN jsonb_build_object('kind', 'override', 'reason', p ->> 'reason', 'verifiedBy', actor, 'verifiedAt', at)
      ELSE jsonb_build_object('kind', 'verified', 'method', p ->> 'method', 'evidence', p ->> 'evidence',
                              'verifiedBy', actor, 'verifiedAt', at) END,
    pauses = reflect.end_open_pause(pauses, at),
    updated_at = now()
  WHERE case_id = c.case_id RETURNING * INTO c;
  PERFORM reflect.add_case_event(p, CASE WHEN override THEN 'verification_overridden' ELSE 'identity_verified' END, actor);
  RETURN reflect.case_audit(c, jsonb_build_object('override', override));
END $$;

-- payload: {case_id, base_version, event_id, at, reason, requester_informed_at}
CREATE FUNCTION reflect.op_case_extend(p jsonb, actor text) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  c reflect.cases;
  problem jsonb;
BEGIN
  SELECT * INTO c FROM reflect.cases WHERE case_id = (p ->> 'case_id')::uuid FOR UPDATE;
  problem := reflect.case_problem(c, p);
  IF problem IS NOT NULL THEN RETURN problem; END IF;
  IF c.closed_at IS NOT NULL THEN RETURN reflect.rejected('the case is closed'); END IF;
  IF c.extension IS NOT NULL THEN RETURN reflect.rejected('the deadline was already extended once'); END IF;
  IF c.request_type = 'opt_out' THEN RETURN reflect.rejected('an opt-out cannot be extended'); END IF;
  IF nullif(btrim(p ->> 'reason'), '') IS NULL OR p ->> 'requester_informed_at' IS NULL THEN
    RETURN reflect.rejected('an extension needs a reason and the date the requester was told');
  END IF;
  UPDATE reflect.cases SET
    extension = jsonb_build_object('reason', p ->> 'reason',
      'requesterInformedAt', ((p ->> 'requester_informed_at')::timestamptz),
      'extendedBy', actor, 'extendedAt', coalesce((p ->> 'at')::timestamptz, now())),
    updated_at = now()
  WHERE case_id = c.case_id RETURNING * INTO c;
  PERFORM reflect.add_case_event(p, 'extended', actor);
  RETURN reflect.case_audit(c);
END $$;

-- payload: {case_id, base_version, event_id, at, pause: true|false, reason}
CREATE FUNCTION reflect.op_case_pause(p jsonb, actor text) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  c reflect.cases;
  at timestamptz := coalesce((p ->> 'at')::timestamptz, now());
  pausing boolean := (p ->> 'pause')::boolean;
  open_pause boolean;
  problem jsonb;
BEGIN
  SELECT * INTO c FROM reflect.cases WHERE case_id = (p ->> 'case_id')::uuid FOR UPDATE;
  problem := reflect.case_problem(c, p);
  IF problem IS NOT NULL THEN RETURN problem; END IF;
  open_pause := EXISTS (SELECT 1 FROM jsonb_array_elements(c.pauses) x WHERE x ->> 'to' IS NULL);
  IF pausing THEN
    IF c.jurisdiction <> 'gdpr' OR c.status <> 'verifying_identity' THEN
      RETURN reflect.rejected('only a GDPR case waiting for identity clarification can be paused');
    END IF;
    IF open_pause THEN RETURN reflect.rejected('the case is already paused'); END IF;
    IF nullif(btrim(p ->> 'reason'), '') IS NULL THEN RETURN reflect.rejected('a pause needs a reason'); END IF;
  ELSIF NOT open_pause THEN
    RETURN reflect.rejected('the case is not paused');
  END IF;
  UPDATE reflect.cases SET
    pauses = CASE WHEN pausing
      THEN pauses || jsonb_build_array(jsonb_build_object('reason', p ->> 'reason', 'from', at, 'to', NULL))
      ELSE reflect.end_open_pause(pauses, at) END,
    updated_at = now()
  WHERE case_id = c.case_id RETURNING * INTO c;
  PERFORM reflect.add_case_event(p, CASE WHEN pausing THEN 'paused' ELSE 'resumed' END, actor);
  RETURN reflect.case_audit(c, jsonb_build_object('paused', pausing));
END $$;

-- payload: {case_id, base_version, event_id, at, decision: 'approved'|'declined', note}
CREATE FUNCTION reflect.op_case_decide_approval(p jsonb, actor text) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  c reflect.cases;
  decision text := p ->> 'decision';
  problem jsonb;
BEGIN
  SELECT * INTO c FROM reflect.cases WHERE case_id = (p ->> 'case_id')::uuid FOR UPDATE;
  problem := reflect.case_problem(c, p);
  IF problem IS NOT NULL THEN RETURN problem; END IF;
  IF c.status <> 'awaiting_approval' THEN RETURN reflect.rejected('the case is not awaiting approval'); END IF;
  IF c.approval ->> 'requestedBy' = actor THEN
    RETURN reflect.rejected('four eyes: the officer who asked for approval cannot give it');
  END IF;
  IF decision NOT IN ('approved', 'declined') THEN RETURN reflect.rejected('decide approved or declined'); END IF;
  IF decision = 'declined' AND nullif(btrim(p ->> 'note'), '') IS NULL THEN
    RETURN reflect.rejected('a declined approval needs a note saying why');
  END IF;
  UPDATE reflect.cases SET
    status = 'in_progress',
    approval = approval || jsonb_build_object('decision', decision, 'decidedBy', actor,
      'decidedAt', coalesce((p ->> 'at')::timestamptz, now()), 'note', p ->> 'note'),
    updated_at = now()
  WHERE case_id = c.case_id RETURNING * INTO c;
  PERFORM reflect.add_case_event(p, decision, actor);
  RETURN reflect.case_audit(c, jsonb_build_object('decision', decision));
END $$;

-- payload: {case_id, event_id, at, details: {text}}: notes never conflict, so no base version.
CREATE FUNCTION reflect.op_case_note(p jsonb, actor text) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  c reflect.cases;
BEGIN
  SELECT * INTO c FROM reflect.cases WHERE case_id = (p ->> 'case_id')::uuid;
  IF NOT FOUND THEN RETURN reflect.rejected('the case does not exist'); END IF;
  IF nullif(btrim(p -> 'details' ->> 'text'), '') IS NULL THEN RETURN reflect.rejected('a note needs text'); END IF;
  PERFORM reflect.add_case_event(p, 'note', actor);
  RETURN reflect.case_audit(c);
END $$;

-- payload: {case_id, event_id, at, details: {template, channel, subject, body}}. An
-- acknowledgement records when receipt was confirmed (the case row changes only then).
CREATE FUNCTION reflect.op_case_communicate(p jsonb, actor text) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  c reflect.cases;
BEGIN
  SELECT * INTO c FROM reflect.cases WHERE case_id = (p ->> 'case_id')::uuid FOR UPDATE;
  IF NOT FOUND THEN RETURN reflect.rejected('the case does not exist'); END IF;
  IF p -> 'details' ->> 'template' = 'acknowledgement' AND c.acknowledged_at IS NULL THEN
    UPDATE reflect.cases SET acknowledged_at = coalesce((p ->> 'at')::timestamptz, now()), updated_at = now()
    WHERE case_id = c.case_id RETURNING * INTO c;
  END IF;
  PERFORM reflect.add_case_event(p, 'communication', actor);
  RETURN reflect.case_audit(c, jsonb_build_object('template', p -> 'details' ->> 'template'));
END $$;

INSERT INTO reflect.operation_kinds VALUES
  ('case.create', 'op_case_create', 'reflect_officer'),
  ('case.update', 'op_case_update', 'reflect_officer'),
  ('case.transition', 'op_case_transition', 'reflect_officer'),
  ('case.verify', 'op_case_verify', 'reflect_officer'),
  ('case.extend', 'op_case_extend', 'reflect_officer'),
  ('case.pause', 'op_case_pause', 'reflect_officer'),
  ('case.decide-approval', 'op_case_decide_approval', 'reflect_approver'),
  ('case.note', 'op_case_note', 'reflect_officer'),
  ('case.communicate', 'op_case_communicate', 'reflect_officer');

CREATE OR REPLACE FUNCTION reflect.apply_operation(p_op_id uuid, p_kind text, p_payload jsonb)
RETURNS jsonb LANGUAGE plpgsql SECURITY DEFINER SET search_path = reflect, pg_temp AS $$
DECLARE
  k reflect.operation_kinds;
  previous jsonb;
  outcome jsonb;
BEGIN
  SELECT * INTO k FROM reflect.operation_kinds WHERE kind = p_kind;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'unknown operation "%"', p_kind USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF NOT pg_has_role(session_user, k.required_role, 'MEMBER') THEN
    RAISE EXCEPTION 'the role "%" may not apply "%": it needs the role "%"', session_user, p_kind, k.required_role
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  -- Claims the id first: a concurrent duplicate waits here and then sees the stored result.
  INSERT INTO reflect.applied_operations (op_id, kind, actor, result)
  VALUES (p_op_id, p_kind, session_user, '{}') ON CONFLICT (op_id) DO NOTHING;
  IF NOT FOUND THEN
    SELECT result INTO previous FROM reflect.applied_operations WHERE op_id = p_op_id;
    RETURN previous || jsonb_build_object('repeated', true);
  END IF;

  BEGIN
    EXECUTE format('SELECT reflect.%I($1, $2)', k.function_name)
      INTO outcome USING p_payload || jsonb_build_object('_op_id', p_op_id), session_user::text;
  EXCEPTION WHEN data_exception OR integrity_constraint_violation THEN
    -- Bad data in the payload: refused with the reason, the operation's partial work undone.
    outcome := reflect.rejected(SQLERRM);
  END;

  IF outcome ->> 'status' = 'applied' THEN
    UPDATE reflect.applied_operations SET result = outcome - 'audit' WHERE op_id = p_op_id;
    IF p_kind <> 'audit.append' THEN
      INSERT INTO reflect.audit_log (actor, action, subject, details, op_id)
      VALUES (session_user, p_kind, outcome ->> 'subject', coalesce(outcome -> 'audit', '{}'), p_op_id);
    END IF;
  ELSE
    -- A conflict or refusal is not remembered: the desk may send the same operation again later.
    DELETE FROM reflect.applied_operations WHERE op_id = p_op_id;
  END IF;
  RETURN outcome;
END $$;

GRANT SELECT ON reflect.cases, reflect.case_events, reflect.case_request_types, reflect.case_transitions
  TO reflect_viewer;
REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA reflect FROM PUBLIC;
GRANT EXECUTE ON FUNCTION reflect.apply_operation(uuid, text, jsonb) TO reflect_viewer;
GRANT EXECUTE ON FUNCTION reflect.subject_hash(bigint) TO reflect_viewer;
`,
};
