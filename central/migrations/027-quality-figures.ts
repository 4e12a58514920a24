/**
 * What the Data quality screen asks central: how far behind each registered desk is, and how big
 * the change log has grown. Counts, times and logins only, never a customer's value.
 *
 * - The change logs (reference and mapped) note when each entry was written (logged_at), so the
 *   age of the oldest entry kept can be told; entries written before this migration count from it.
 * - reflect.quality_figures() (approvers and administrators): central's present, per desk its
 *   login, the officer behind it (team directory), when it last checked in, the changes logged
 *   since its horizon and the transactions between its horizon and the present; the logs' rows,
 *   oldest entry and size on disk.
 */
export const qualityFigures = {
  version: 27,
  name: 'quality-figures',
  sql: /* sql */ `
ALTER TABLE reflect.change_log ADD COLUMN logged_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE reflect.mapped_changes ADD COLUMN logged_at timestamptz NOT NULL DEFAULT now();

CREATE FUNCTION reflect.quality_figures() RETURNS jsonb
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = reflect, pg_temp AS $$
DECLARE
  present xid8 := pg_snapshot_xmin(pg_current_snapshot());
  desks jsonb;
BEGIN
  SELECT coalesce(jsonb_agg(jsonb_build_object(
      'desk_id', d.desk_id,
      'login', d.login,
      'officer', t.display_name,
      'last_seen_at', h.reported_at,
      'transactions_behind', CASE WHEN h.horizon IS NULL THEN NULL
        ELSE greatest(present::text::numeric - h.horizon::text::numeric, 0) END,
      'changes_behind', CASE WHEN h.horizon IS NULL THEN NULL ELSE
        (SELECT count(*) FROM reflect.change_log c WHERE c.xid >= h.horizon)
        + (SELECT count(*) FROM reflect.mapped_changes m WHERE m.xid >= h.horizon) END
    ) ORDER BY h.reported_at DESC NULLS LAST, d.desk_id), '[]'::jsonb)
  INTO desks
  FROM (SELECT * FROM reflect.desks ORDER BY registered_at DESC LIMIT 500) d
  LEFT JOIN reflect.desk_horizons h ON h.desk_id = d.desk_id
  LEFT JOIN reflect.team_members t ON t.login = d.login AND t.active;
  RETURN jsonb_build_object(
    'present', present::text,
    'at', now(),
    'desks', desks,
    'change_log', jsonb_build_object(
      'rows', (SELECT count(*) FROM reflect.change_log) + (SELECT count(*) FROM reflect.mapped_changes),
      'oldest_at', (SELECT min(at) FROM (
          SELECT min(logged_at) AS at FROM reflect.change_log
          UNION ALL SELECT min(logged_at) FROM reflect.mapped_changes) o),
      'bytes', pg_total_relation_size('reflect.change_log') + pg_total_relation_size('reflect.mapped_changes')));
END $$;

-- Functions are executable by PUBLIC when created: only the documented entry points stay callable.
REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA reflect FROM PUBLIC;
GRANT EXECUTE ON FUNCTION reflect.erasure_preview(uuid) TO reflect_officer;
GRANT EXECUTE ON FUNCTION reflect.erasure_edges() TO reflect_admin;
GRANT EXECUTE ON FUNCTION reflect.export_proposal(uuid), reflect.confirmed_export_approval(uuid) TO reflect_officer;
GRANT EXECUTE ON FUNCTION reflect.data_map_problems(jsonb) TO reflect_admin;
GRANT EXECUTE ON FUNCTION reflect.team_role(text) TO reflect_viewer;
GRANT EXECUTE ON FUNCTION reflect.quality_figures() TO reflect_approver;
`,
};
