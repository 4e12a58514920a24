/**
 * Most days a period ends on can be moved past days off: this many days after the calendar end
 * covers every calendar of the EEA, the UK, Switzerland and the United States in the holiday
 * library the desk uses (the longest run there is 5 days, e.g. Maundy Thursday to Easter Monday
 * in Norway); test/unit/central/deadline-checks.test.ts holds the library to it.
 */
export const DEADLINE_SLACK_DAYS = 10;

/**
 * Central checks the two deadline rules the desk checks (src/main/cases/deadline-rules.ts):
 *
 * - the requester is told of an extension within the first period (GDPR Art. 12(3), CCPA
 *   §1798.130(a)(2)), not before the request arrived and not after the extension is recorded
 *   (a notice in the future), and the extension itself is recorded within that period;
 * - a pause (GDPR, waiting for the requester) starts before the deadline has passed.
 *
 * Where a period ends depends on public holidays, which central does not know: they are the
 * organisation's calendar, kept on the desk from a maintained library, and PostgreSQL has no
 * such calendar. So the desk sends the end it computed (first_period_ends_at, due_at), and
 * central takes it only within what the law can give: no earlier than the calendar end of the
 * period (receipt + one or three months + days paused, or 45 / 90 days, in the case's own time
 * zone) and at most DEADLINE_SLACK_DAYS later, the most that weekends and holidays can add. A
 * desk that sends nothing (an operation queued before this check) gets the generous bound. So
 * central judges by the same deadline the desk showed the officer, and no desk, however wrong
 * its clock or calendar, can stretch a period by more than the slack.
 *
 * As in migration 8, each check is a guard that runs first and hands over to the operation
 * function of migration 5, so no function body is copied.
 */
export const deadlineChecks = {
  version: 14,
  name: 'deadline-checks',
  sql: /* sql */ `
-- Whole days a GDPR case's clock was stopped, by the calendar of its zone; an open pause runs to
-- today. The desk counts the same (pausedDays in src/main/cases/deadlines.ts).
CREATE FUNCTION reflect.case_days_paused(c reflect.cases) RETURNS integer LANGUAGE sql STABLE AS $$
  SELECT coalesce(sum(greatest(0,
           (coalesce((x ->> 'to')::timestamptz, now()) AT TIME ZONE c.time_zone)::date
           - ((x ->> 'from')::timestamptz AT TIME ZONE c.time_zone)::date)), 0)::integer
  FROM jsonb_array_elements(c.pauses) x
  WHERE c.jurisdiction = 'gdpr'
$$;

-- The last moment of a case's period by the calendar alone (no weekends, no holidays): the first
-- period, or the whole one with its extension. PostgreSQL's month arithmetic gives 28 February
-- for 31 January + 1 month, as Regulation 1182/71 and the desk do.
CREATE FUNCTION reflect.case_calendar_end(c reflect.cases, extended boolean) RETURNS timestamptz
LANGUAGE sql STABLE AS $$
  SELECT ((((c.received_at AT TIME ZONE c.time_zone)::date
            + CASE WHEN c.jurisdiction = 'gdpr'
                THEN make_interval(months => CASE WHEN extended THEN 3 ELSE 1 END)
                ELSE make_interval(days => CASE WHEN extended THEN 90 ELSE 45 END) END)::date
           + reflect.case_days_paused(c) + 1)::timestamp AT TIME ZONE c.time_zone)
         - interval '1 millisecond'
$$;

-- The end the desk computed, kept within [calendar end, calendar end + slack].
CREATE FUNCTION reflect.case_period_end(c reflect.cases, extended boolean, desk_end text)
RETURNS timestamptz LANGUAGE sql STABLE AS $$
  SELECT least(greatest(coalesce(desk_end::timestamptz, e.calendar_end + slack), e.calendar_end),
               e.calendar_end + slack)
  FROM (SELECT reflect.case_calendar_end(c, extended) AS calendar_end,
               interval '${DEADLINE_SLACK_DAYS} days' AS slack) e
$$;

-- A moment as the case's zone reads it, for refusals an officer reads.
CREATE FUNCTION reflect.case_moment(c reflect.cases, t timestamptz) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT to_char(t AT TIME ZONE c.time_zone, 'FMDD FMMonth YYYY, HH24:MI') || ' (' || c.time_zone || ')'
$$;

-- payload adds: first_period_ends_at (the desk's computed end of the first period).
CREATE FUNCTION reflect.op_case_extend_in_time(p jsonb, actor text) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  c reflect.cases;
  problem jsonb;
  told timestamptz := (p ->> 'requester_informed_at')::timestamptz;
  at timestamptz := coalesce((p ->> 'at')::timestamptz, now());
  first_end timestamptz;
BEGIN
  SELECT * INTO c FROM reflect.cases WHERE case_id = (p ->> 'case_id')::uuid FOR UPDATE;
  problem := reflect.case_problem(c, p);
  IF problem IS NOT NULL THEN RETURN problem; END IF;
  IF c.request_type = 'limit' THEN
    RETURN reflect.rejected('a request to limit the use of sensitive information cannot be extended (15 business days)');
  END IF;
  -- Closed, already extended, an opt-out, no date given: migration 5 says why.
  IF c.closed_at IS NOT NULL OR c.extension IS NOT NULL OR c.request_type = 'opt_out' OR told IS NULL THEN
    RETURN reflect.op_case_extend(p, actor);
  END IF;
  first_end := reflect.case_period_end(c, false, p ->> 'first_period_ends_at');
  -- Not yet told when the extension was recorded. Central has the desk's moment of recording
  -- (the time the extension and its timeline entry are stored under), not the officer's, and
  -- allows the same 5 minutes as the desk for a clock or a minute typed ahead.
  IF told > at + interval '5 minutes' THEN
    RETURN reflect.rejected(format(
      'the requester cannot have been told of the extension on %s: that is in the future. Tell them first, then record the extension again with the time you told them',
      reflect.case_moment(c, told)));
  END IF;
  IF told < c.received_at THEN
    RETURN reflect.rejected(format(
      'the requester was told of the extension on %s, before the request was received (%s). Record it again with the right date',
      reflect.case_moment(c, told), reflect.case_moment(c, c.received_at)));
  END IF;
  IF told > first_end OR at > first_end THEN
    RETURN reflect.rejected(format(
      'an extension must be decided and told to the requester within the first period, which ended on %s; the original deadline stands, so answer the request now',
      reflect.case_moment(c, first_end)));
  END IF;
  RETURN reflect.op_case_extend(p, actor);
END $$;

-- payload adds: due_at (the desk's computed deadline when the pause starts).
CREATE FUNCTION reflect.op_case_pause_in_time(p jsonb, actor text) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  c reflect.cases;
  problem jsonb;
  at timestamptz := coalesce((p ->> 'at')::timestamptz, now());
  due timestamptz;
BEGIN
  SELECT * INTO c FROM reflect.cases WHERE case_id = (p ->> 'case_id')::uuid FOR UPDATE;
  problem := reflect.case_problem(c, p);
  IF problem IS NOT NULL THEN RETURN problem; END IF;
  -- Resuming, or a case that cannot be paused at all: migration 5 answers.
  IF (p ->> 'pause')::boolean IS NOT TRUE OR c.jurisdiction <> 'gdpr' THEN
    RETURN reflect.op_case_pause(p, actor);
  END IF;
  due := reflect.case_period_end(c, c.extension IS NOT NULL, p ->> 'due_at');
  IF at > due THEN
    RETURN reflect.rejected(format(
      'the deadline passed on %s, so the clock can no longer be paused; answer the request as soon as you can and note on the case why it is late',
      reflect.case_moment(c, due)));
  END IF;
  RETURN reflect.op_case_pause(p, actor);
END $$;

UPDATE reflect.operation_kinds SET function_name = 'op_case_extend_in_time' WHERE kind = 'case.extend';
UPDATE reflect.operation_kinds SET function_name = 'op_case_pause_in_time' WHERE kind = 'case.pause';

-- Already the default since migration 8; repeated so this migration stands on its own.
REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA reflect FROM PUBLIC;
`,
};
