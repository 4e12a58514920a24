import { REQUESTER_LANGUAGES } from '../../src/shared/requester-languages';

/**
 * Letters that cannot go out wrong, and the requester's language, checked centrally as on the
 * desk:
 *
 * - a letter (case.communicate) whose subject or body still holds a marked gap ([[…]]: a reference
 *   not yet given, a missing reason, the organisation's name or signatory) is refused, so a desk
 *   that is out of date or edited around its own check cannot record it as sent;
 * - a requester's language, when chosen on the case, is one the desk writes documents in.
 *
 * As in migration 14, the check is a guard that hands over to the operation function of
 * migration 5.
 */
export const lettersFilled = {
  version: 15,
  name: 'letters-filled',
  sql: /* sql */ `
ALTER TABLE reflect.cases ADD CONSTRAINT cases_requester_language
  CHECK (requester ->> 'language' IS NULL
         OR requester ->> 'language' IN (${REQUESTER_LANGUAGES.map((l) => `'${l}'`).join(', ')}));

CREATE FUNCTION reflect.op_case_communicate_filled(p jsonb, actor text) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  gap text := substring(coalesce(p -> 'details' ->> 'subject', '') || ' ' ||
                        coalesce(p -> 'details' ->> 'body', '') FROM '\\[\\[[^]]*\\]\\]');
BEGIN
  IF gap IS NOT NULL THEN
    RETURN reflect.rejected(format(
      'the letter still has a gap to fill: %s. Write it in, or choose the letter again once the case has it; a letter with a gap cannot be recorded as sent',
      gap));
  END IF;
  RETURN reflect.op_case_communicate(p, actor);
END $$;

UPDATE reflect.operation_kinds SET function_name = 'op_case_communicate_filled'
  WHERE kind = 'case.communicate';

REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA reflect FROM PUBLIC;
`,
};
