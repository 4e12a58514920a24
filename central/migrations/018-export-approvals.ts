/**
 * An export to a requester is approved for its contents, and written only once central has
 * confirmed that approval.
 *
 * - The officer proposes the package (case.propose-export): what it holds (tables and row
 *   counts) and what is withheld and why, with the hash the desk computed over the records'
 *   keys and versions and the withheld items. Ids, counts and reasons only, never a value.
 * - The approver opens that proposal, their desk recomputes it from its own copy, and they
 *   approve that hash (export_hash on case.decide-approval); the proposer may not approve it.
 * - Before writing, the desk asks central for the confirmed approval (confirmed_export_approval)
 *   and writes only when its hash is the hash of the package about to be written: a record
 *   changed since, or another thing withheld, means a new proposal and a new approval. Central
 *   records the export (case.record-export) only with that hash.
 */
export const exportApprovals = {
  version: 18,
  name: 'export-approvals',
  sql: /* sql */ `
CREATE TABLE reflect.export_proposals (
  proposal_id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_id        uuid NOT NULL REFERENCES reflect.cases (case_id),
  contents       jsonb NOT NULL CHECK (jsonb_typeof(contents) = 'object'),
  contents_hash  text NOT NULL CHECK (contents_hash ~ '^[0-9a-f]{64}$'),
  proposed_by    text NOT NULL,
  proposed_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX export_proposals_case ON reflect.export_proposals (case_id);

CREATE TABLE reflect.export_approvals (
  approval_id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_id        uuid NOT NULL REFERENCES reflect.cases (case_id),
  contents_hash  text NOT NULL,
  approved_by    text NOT NULL,
  approved_at    timestamptz NOT NULL
);
CREATE INDEX export_approvals_case ON reflect.export_approvals (case_id);

-- Whether case c's export needs a second officer's approval.
CREATE FUNCTION reflect.export_needs_approval(c reflect.cases) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT c.request_type IN ('access', 'portability', 'know') AND coalesce((
    SELECT needs_approval FROM reflect.case_request_types t
    WHERE t.jurisdiction = c.jurisdiction AND t.request_type = c.request_type), false)
$$;

-- payload: {case_id, contents, contents_hash}
CREATE FUNCTION reflect.op_case_propose_export(p jsonb, actor text) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  c reflect.cases;
BEGIN
  SELECT * INTO c FROM reflect.cases
    WHERE case_id = CASE WHEN p ->> 'case_id' ~ '^[0-9a-f-]{36}$' THEN (p ->> 'case_id')::uuid END FOR SHARE;
  IF NOT FOUND THEN RETURN reflect.rejected('the case does not exist'); END IF;
  IF NOT reflect.export_needs_approval(c) THEN
    RETURN reflect.rejected(format('a %s request is exported without an approval, so there is nothing to propose', replace(c.request_type, '_', ' ')));
  END IF;
  IF c.status NOT IN ('in_progress', 'awaiting_approval') THEN
    RETURN reflect.rejected(format('the case is %s: a package is proposed while the case is worked', replace(c.status, '_', ' ')));
  END IF;
  IF jsonb_typeof(p -> 'contents') IS DISTINCT FROM 'object' OR coalesce(p ->> 'contents_hash', '') !~ '^[0-9a-f]{64}$' THEN
    RETURN reflect.rejected('a proposal names what the package holds and its hash');
  END IF;
  INSERT INTO reflect.export_proposals (case_id, contents, contents_hash, proposed_by)
  VALUES (c.case_id, p -> 'contents', p ->> 'contents_hash', actor);
  RETURN reflect.case_audit(c, jsonb_build_object('contentsHash', p ->> 'contents_hash'));
END $$;

-- An export case is approved for the package proposed; the hash the approver saw is recorded.
CREATE FUNCTION reflect.op_case_decide_approval_export(p jsonb, actor text) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  c reflect.cases;
  proposal reflect.export_proposals;
  outcome jsonb;
  bound boolean := false;
BEGIN
  SELECT * INTO c FROM reflect.cases WHERE case_id = (p ->> 'case_id')::uuid;
  -- Four eyes and the workflow refuse first, in their own words; the package is judged after.
  IF FOUND AND reflect.export_needs_approval(c) AND p ->> 'decision' = 'approved'
     AND c.status = 'awaiting_approval' AND NOT actor = ANY (reflect.case_workers(c)) THEN
    SELECT * INTO proposal FROM reflect.export_proposals WHERE case_id = c.case_id
      ORDER BY proposal_id DESC LIMIT 1;
    IF proposal.proposal_id IS NULL THEN
      RETURN reflect.rejected('no package has been proposed for this case yet: the officer prepares the export and proposes it for approval');
    END IF;
    IF proposal.proposed_by = actor THEN
      RETURN reflect.rejected('four eyes: you proposed this package, so a different officer approves it');
    END IF;
    IF p ->> 'export_hash' IS NULL THEN
      RETURN reflect.rejected('a disclosure is approved for its package: open the package proposed and approve what it shows');
    END IF;
    IF p ->> 'export_hash' <> proposal.contents_hash THEN
      RETURN reflect.rejected('the package proposed changed since you opened it: open it again and approve what it shows now');
    END IF;
    bound := true;
  END IF;
  outcome := reflect.op_case_decide_approval_bound(p, actor);
  IF outcome ->> 'status' = 'applied' AND bound THEN
    INSERT INTO reflect.export_approvals (case_id, contents_hash, approved_by, approved_at)
    VALUES (c.case_id, proposal.contents_hash, actor, coalesce((p ->> 'at')::timestamptz, now()));
  END IF;
  RETURN outcome;
END $$;

-- The latest proposal for a case, for the approver to open: {contents, contentsHash, proposedBy, proposedAt}.
CREATE FUNCTION reflect.export_proposal(p_case_id uuid) RETURNS jsonb
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  SELECT jsonb_build_object('contents', contents, 'contentsHash', contents_hash,
                            'proposedBy', proposed_by, 'proposedAt', proposed_at)
  FROM reflect.export_proposals WHERE case_id = p_case_id ORDER BY proposal_id DESC LIMIT 1
$$;

-- The approval central holds for the case's current decision, with the hash it was given to;
-- NULL when there is none (not approved, declined since, or approved before this rule).
CREATE FUNCTION reflect.confirmed_export_approval(p_case_id uuid) RETURNS jsonb
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  SELECT jsonb_build_object('contentsHash', a.contents_hash, 'approvedBy', a.approved_by, 'approvedAt', a.approved_at)
  FROM reflect.cases c
  JOIN LATERAL (SELECT * FROM reflect.export_approvals x WHERE x.case_id = c.case_id
                ORDER BY x.approval_id DESC LIMIT 1) a ON true
  WHERE c.case_id = p_case_id AND c.approval ->> 'decision' = 'approved'
    AND a.approved_by = c.approval ->> 'decidedBy'
    AND a.approved_at = (c.approval ->> 'decidedAt')::timestamptz
$$;

-- An export is recorded (the evidence fulfilment waits for) only for the package approved.
CREATE FUNCTION reflect.op_case_record_export_bound(p jsonb, actor text) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  c reflect.cases;
BEGIN
  SELECT * INTO c FROM reflect.cases WHERE case_id = (p ->> 'case_id')::uuid;
  -- Migration 8's refusals (wrong type, not approved) come first and in its words.
  IF FOUND AND reflect.export_needs_approval(c) AND c.approval ->> 'decision' = 'approved'
     AND (p -> 'details' ->> 'contentsHash') IS DISTINCT FROM
         (reflect.confirmed_export_approval(c.case_id) ->> 'contentsHash') THEN
    RETURN reflect.rejected('the package recorded is not the one approved: propose it again and ask for a new approval');
  END IF;
  RETURN reflect.op_case_record_export_approved(p, actor);
END $$;

UPDATE reflect.operation_kinds SET function_name = 'op_case_decide_approval_export' WHERE kind = 'case.decide-approval';
UPDATE reflect.operation_kinds SET function_name = 'op_case_record_export_bound' WHERE kind = 'case.record-export';
INSERT INTO reflect.operation_kinds VALUES ('case.propose-export', 'op_case_propose_export', 'reflect_officer');

-- Functions are executable by PUBLIC when created: only the documented entry points stay callable.
REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA reflect FROM PUBLIC;
GRANT EXECUTE ON FUNCTION reflect.export_proposal(uuid), reflect.confirmed_export_approval(uuid) TO reflect_officer;
GRANT EXECUTE ON FUNCTION reflect.erasure_preview(uuid) TO reflect_officer;
GRANT EXECUTE ON FUNCTION reflect.erasure_edges() TO reflect_admin;
`,
};
