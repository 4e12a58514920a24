/**
 * A change log that does not grow for ever.
 *
 * - Each desk checks in at every pull with the horizon it has pulled to (reflect.desk_checkin),
 *   or asks for a fresh horizon when it starts a snapshot. A plain function rather than a named
 *   operation: a check-in per sync would otherwise fill applied_operations and the audit log.
 *   The desk must be registered to the caller's login (reflect.desks, as for audit entries).
 * - An administrator prunes (reflect.prune_change_log) below the oldest horizon of the desks
 *   that checked in within the retention period (setting desk_retention_days, default 30); the
 *   point pruned to is kept as the setting change_log_floor.
 * - A desk whose horizon is below that floor (gone longer than the retention) is told to take a
 *   fresh snapshot instead of replaying a log with a hole in it; so is one whose horizon is past
 *   central's present (central restored from a backup, or another server).
 * - Check-ins take a shared advisory lock and a prune an exclusive one, so a horizon is either
 *   counted by the prune or judged against the floor it set, never neither.
 */
export const boundedChangeLog = {
  version: 13,
  name: 'bounded-change-log',
  sql: /* sql */ `
CREATE TABLE reflect.desk_horizons (
  desk_id      uuid PRIMARY KEY REFERENCES reflect.desks (desk_id),
  horizon      xid8 NOT NULL,
  reported_at  timestamptz NOT NULL DEFAULT now()
);
INSERT INTO reflect.settings VALUES ('desk_retention_days', '30'), ('change_log_floor', '0')
  ON CONFLICT (key) DO NOTHING;

-- {status: 'ok', horizon, floor} or {status: 'resnapshot', reason: 'pruned' | 'ahead', floor}.
-- p_pulled NULL: a snapshot starts now; the horizon is taken here, under the lock.
CREATE FUNCTION reflect.desk_checkin(p_desk uuid, p_pulled xid8) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = reflect, pg_temp AS $$
DECLARE
  owner text;
  present xid8;
  pruned_below xid8;
BEGIN
  IF p_desk IS NULL THEN
    RAISE EXCEPTION 'a desk checks in under its workspace id' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  PERFORM pg_advisory_xact_lock_shared(hashtext('reflect.change_log.floor'));
  -- Taken before this call writes anything, so its own transaction cannot hold the horizon.
  present := pg_snapshot_xmin(pg_current_snapshot());
  INSERT INTO reflect.desks (desk_id, login) VALUES (p_desk, session_user) ON CONFLICT (desk_id) DO NOTHING;
  SELECT login INTO owner FROM reflect.desks WHERE desk_id = p_desk;
  IF owner <> session_user THEN
    RAISE EXCEPTION 'this desk is registered to the login %; % may not check in for it', owner, session_user
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  pruned_below := (SELECT value::xid8 FROM reflect.settings WHERE key = 'change_log_floor');
  IF p_pulled > present THEN
    RETURN jsonb_build_object('status', 'resnapshot', 'reason', 'ahead', 'floor', pruned_below::text);
  END IF;
  IF p_pulled < pruned_below THEN
    RETURN jsonb_build_object('status', 'resnapshot', 'reason', 'pruned', 'floor', pruned_below::text);
  END IF;
  INSERT INTO reflect.desk_horizons (desk_id, horizon) VALUES (p_desk, coalesce(p_pulled, present))
    ON CONFLICT (desk_id) DO UPDATE SET horizon = excluded.horizon, reported_at = now();
  RETURN jsonb_build_object('status', 'ok', 'horizon', coalesce(p_pulled, present)::text,
    'floor', pruned_below::text);
END $$;

CREATE FUNCTION reflect.set_desk_retention(p_days int) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = reflect, pg_temp AS $$
BEGIN
  IF p_days IS NULL OR p_days < 1 OR p_days > 3650 THEN
    RAISE EXCEPTION 'the desk retention is a whole number of days from 1 to 3650, not %', p_days
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  UPDATE reflect.settings SET value = p_days::text WHERE key = 'desk_retention_days';
END $$;

-- {status: 'pruned', removed, floor, previous_floor, live_desks, expired_desks, retention_days}
-- or {status: 'refused', unregistered: [{desk_id, login}], retention_days}: desks of an older
-- version that send audit entries but never check in would miss changes without knowing it.
CREATE FUNCTION reflect.prune_change_log(p_ignore_unregistered boolean DEFAULT false) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = reflect, pg_temp AS $$
DECLARE
  days int := (SELECT value::int FROM reflect.settings WHERE key = 'desk_retention_days');
  retention interval := make_interval(days => days);
  present xid8 := pg_snapshot_xmin(pg_current_snapshot());
  previous xid8;
  oldest xid8;
  live int;
  expired int;
  unregistered jsonb;
  target xid8;
  removed bigint := 0;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('reflect.change_log.floor'));
  SELECT coalesce(jsonb_agg(jsonb_build_object('desk_id', d.desk_id, 'login', d.login) ORDER BY d.desk_id), '[]')
    INTO unregistered FROM reflect.desks d
    WHERE NOT EXISTS (SELECT 1 FROM reflect.desk_horizons h WHERE h.desk_id = d.desk_id)
      AND EXISTS (SELECT 1 FROM reflect.audit_log a WHERE a.desk_id = d.desk_id AND a.at > now() - retention);
  IF jsonb_array_length(unregistered) > 0 AND NOT p_ignore_unregistered THEN
    RETURN jsonb_build_object('status', 'refused', 'unregistered', unregistered, 'retention_days', days);
  END IF;
  previous := (SELECT value::xid8 FROM reflect.settings WHERE key = 'change_log_floor');
  SELECT min(horizon), count(*) INTO oldest, live FROM reflect.desk_horizons
    WHERE reported_at > now() - retention;
  SELECT count(*) INTO expired FROM reflect.desk_horizons WHERE reported_at <= now() - retention;
  -- With no live desk everything final goes: a new desk starts from a snapshot anyway.
  target := CASE WHEN oldest IS NULL OR oldest > present THEN present ELSE oldest END;
  IF target > previous THEN
    DELETE FROM reflect.change_log WHERE xid < target;
    GET DIAGNOSTICS removed = ROW_COUNT;
    UPDATE reflect.settings SET value = target::text WHERE key = 'change_log_floor';
  ELSE
    target := previous;
  END IF;
  RETURN jsonb_build_object('status', 'pruned', 'removed', removed, 'floor', target::text,
    'previous_floor', previous::text, 'live_desks', live, 'expired_desks', expired, 'retention_days', days);
END $$;

REVOKE EXECUTE ON FUNCTION reflect.desk_checkin(uuid, xid8), reflect.set_desk_retention(int),
  reflect.prune_change_log(boolean) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION reflect.desk_checkin(uuid, xid8) TO reflect_viewer;
GRANT EXECUTE ON FUNCTION reflect.set_desk_retention(int), reflect.prune_change_log(boolean) TO reflect_admin;
GRANT SELECT ON reflect.desk_horizons TO reflect_admin;
`,
};
