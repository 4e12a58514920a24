import { DateTime } from 'luxon';
import { REQUEST_TYPE_LABELS, type Deadline, type TemplateKind } from '../../shared/cases';
import type { CaseRecord } from './case-record';

interface TemplateContext {
  record: CaseRecord;
  deadline: Deadline;
  officer: string;
  organisationName: string;
  /** What was done, from central's confirmed actions (see rights/completion-statement). */
  actionsDone: string;
}

interface Template {
  subject: string;
  body: string;
}

/**
 * Letters for the four moments the law asks the requester to be told something. Placeholders in
 * {braces} are filled from the case; the officer edits the result before copying or logging it.
 */
const TEMPLATES: Record<TemplateKind, Template> = {
  acknowledgement: {
    subject: 'Your request {reference}: received',
    body: `Dear {requesterName},

We received your {requestType} request on {receivedDate} and are handling it under reference {reference}.

We will respond by {dueDate}. If we need to confirm your identity, we will contact you; we may not be able to act on the request until we can.

Kind regards,
{officer}
{organisationName}`,
  },
  extension: {
    subject: 'Your request {reference}: more time needed',
    body: `Dear {requesterName},

We are writing about your {requestType} request received on {receivedDate} (reference {reference}).

We need more time to respond because {extensionReason}. The law allows us to extend the time limit in this situation; we will now respond by {dueDate}.

Kind regards,
{officer}
{organisationName}`,
  },
  completion: {
    subject: 'Your request {reference}: completed',
    body: `Dear {requesterName},

We have completed your {requestType} request received on {receivedDate} (reference {reference}).

{actionsDone}

If you are not satisfied with how we handled your request, you may contact us, and you have the right to complain to a data protection supervisory authority.

Kind regards,
{officer}
{organisationName}`,
  },
  rejection: {
    subject: 'Your request {reference}: we cannot act on it',
    body: `Dear {requesterName},

We are writing about your {requestType} request received on {receivedDate} (reference {reference}).

We cannot act on this request because {rejectionReason}.

You have the right to complain to a data protection supervisory authority and to seek a judicial remedy.

Kind regards,
{officer}
{organisationName}`,
  },
};

export function fillTemplate(kind: TemplateKind, context: TemplateContext): Template {
  const { record, deadline } = context;
  const day = (iso: string) =>
    DateTime.fromISO(iso, { zone: record.timeZone }).toLocaleString(DateTime.DATE_FULL, {
      locale: 'en-GB',
    });
  const values: Record<string, string> = {
    requesterName: record.agent?.name ?? record.requester.names[0] ?? 'Sir or Madam',
    reference: record.reference ?? `(reference given on sync: ${record.caseId.slice(0, 8)})`,
    requestType: REQUEST_TYPE_LABELS[record.requestType].replace(/ \(.*\)$/, '').toLowerCase(),
    receivedDate: day(record.receivedAt),
    dueDate: day(deadline.dueAt),
    extensionReason: record.extension?.reason ?? '[reason for the extension]',
    rejectionReason: record.resolution ?? '[reason for the rejection]',
    officer: context.officer,
    organisationName: context.organisationName,
    actionsDone: context.actionsDone,
  };
  const fill = (text: string) =>
    text.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
  const template = TEMPLATES[kind];
  // A right with nothing to report (an access request) leaves no empty paragraph behind.
  const body = fill(template.body).replace(/\n{3,}/g, '\n\n');
  return { subject: fill(template.subject), body };
}
