import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyOperation } from '../../../src/main/central/operations';
import { asSentence } from '../../../src/main/cases/case-templates';
import { AppError } from '../../../src/shared/errors';
import { TEMPLATE_KINDS, type FilledLetter, type TemplateKind } from '../../../src/shared/cases';
import type { RequesterLanguage } from '../../../src/shared/requester-languages';
import { centralWithClient, seedCentral } from '../../support/central-fixture';
import { createLoginRole } from '../../support/postgres-database';
import { accessRequest } from '../../support/case-requests';
import { letterScreenshot, rendersDir } from '../../support/requester-renders';
import { tempDir } from '../../support/temp-dir';
import { testServices } from '../../support/workspace';

const NOW = new Date('2027-02-10T09:00:00Z');

async function officerDesk() {
  const { database, central } = await centralWithClient();
  await seedCentral(central, 5);
  const url = await createLoginRole(database, 'reflect_officer');
  const desk = testServices(join(tempDir(), 'desk'), { now: () => NOW });
  await desk.workspace.create({ name: 'desk', keyMode: 'keychain' });
  await desk.sync.connect({ url: `${url}?sslmode=disable` });
  await desk.sync.run();
  const client = await database.connect(url);
  return { desk, central, client };
}

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).message;
  }
  throw new Error('expected a refusal');
}

function organise(desk: ReturnType<typeof testServices>) {
  desk.cases.saveSettings({
    ...desk.cases.settings(),
    organisationName: 'Beispiel Versand GmbH',
    organisationAddress: 'Beispielstraße 1\n10115 Berlin',
    signatory: 'Anna Schmidt, Datenschutzbeauftragte',
  });
}

describe('letters to the requester', () => {
  it('marks every gap the case cannot fill, and neither the desk nor central records such a letter as sent', async () => {
    const { desk, client } = await officerDesk();
    const c = desk.cases.create(
      accessRequest({
        requester: { names: ['Jean Dupont'], emails: [], phones: [], language: 'fr' },
      }),
    );
    // Before central numbered the case, with the organisation never set up.
    const letter = desk.cases.template(c.caseId, 'acknowledgement');
    expect(letter.language).toBe('fr');
    expect(letter.body).toContain('[[reference, given by central on the next sync]]');
    expect(letter.body).not.toContain('Our company');
    expect(letter.problems).toEqual([
      expect.stringMatching(/Central has not given this case its reference yet/),
      expect.stringMatching(/still “Our company”/),
      expect.stringMatching(/No one signs the letters yet/),
    ]);
    const send = (
      subject: string,
      body: string,
      template: TemplateKind | null = 'acknowledgement',
    ) =>
      desk.cases.act(c.caseId, desk.cases.get(c.caseId).version, {
        action: 'communicate',
        template,
        channel: 'email',
        subject,
        body,
        sentAt: null,
      });
    expect(refusal(() => send(letter.subject, letter.body))).toMatch(
      /gap to fill: \[\[reference, given by central on the next sync\]\]/,
    );
    // An extension or rejection without its reason, or a completion with nothing done, has a gap too.
    expect(desk.cases.template(c.caseId, 'extension').problems).toContainEqual(
      expect.stringMatching(/No extension is recorded/),
    );
    expect(desk.cases.template(c.caseId, 'rejection').body).toContain(
      '[[reason for the rejection]]',
    );
    expect(desk.cases.template(c.caseId, 'completion').problems).toContainEqual(
      expect.stringMatching(/No export has been written/),
    );

    organise(desk);
    await desk.sync.run();
    const ready = desk.cases.template(c.caseId, 'acknowledgement');
    expect(ready.problems).toEqual([]);
    expect(ready.subject).toMatch(/^Votre demande DSAR-\d{4}-\d{5} : accusé de réception$/);
    send(ready.subject, ready.body);
    await desk.sync.run();
    expect(desk.sync.conflicts()).toEqual([]);

    // Central refuses a letter with a gap even from a desk that did not check.
    const outcome = await applyOperation(client, {
      opId: randomUUID(),
      kind: 'case.communicate',
      payload: {
        case_id: c.caseId,
        event_id: randomUUID(),
        at: NOW.toISOString(),
        details: {
          template: 'extension',
          channel: 'email',
          subject: 'Votre demande',
          body: 'Nous avons besoin de plus de temps, car [[reason for the extension]].',
        },
      },
    });
    expect(outcome).toMatchObject({
      status: 'rejected',
      reason: expect.stringMatching(/gap to fill: \[\[reason for the extension\]\]/),
    });
    // Central also keeps the requester's language to the ones letters are written in.
    const bad = await applyOperation(client, {
      opId: randomUUID(),
      kind: 'case.update',
      payload: {
        case_id: c.caseId,
        base_version: desk.cases.get(c.caseId).version,
        event_id: randomUUID(),
        at: NOW.toISOString(),
        changes: { requester: { names: ['Jean Dupont'], emails: [], phones: [], language: 'xx' } },
        details: {},
      },
    });
    expect(bad.status).toBe('rejected');
  });

  it('writes each letter for a German and a French requester in correct sentences', async () => {
    const { desk } = await officerDesk();
    organise(desk);
    const letters = new Map<string, FilledLetter>();
    for (const language of ['de', 'fr'] as RequesterLanguage[]) {
      let c = desk.cases.create(
        accessRequest({
          requester: {
            names: [language === 'de' ? 'Erika Mustermann' : 'Jean Dupont'],
            emails: [],
            phones: [],
            language,
          },
        }),
      );
      c = desk.cases.act(c.caseId, c.version, {
        action: 'extend',
        // As an officer types it: lower case, a colon inside, two full stops at the end.
        reason: 'complex request: records in three systems..',
        requesterInformedAt: NOW.toISOString(),
      });
      c = desk.cases.act(c.caseId, c.version, {
        action: 'transition',
        to: 'rejected',
        reason: 'the request repeats one answered on 2 January 2027',
      });
      await desk.sync.run();
      for (const kind of TEMPLATE_KINDS) {
        const letter = desk.cases.template(c.caseId, kind);
        letters.set(`${language}-${kind}`, letter);
        if (kind !== 'completion') expect(letter.problems, `${language} ${kind}`).toEqual([]);
        expect(letter.body).not.toMatch(/\.\.|because [A-Z]|\{\w+\}/);
        expect(letter.body).not.toContain('Our company');
      }
    }
    const de = (kind: TemplateKind) => letters.get(`de-${kind}`)?.body ?? '';
    const fr = (kind: TemplateKind) => letters.get(`fr-${kind}`)?.body ?? '';
    expect(de('acknowledgement')).toMatch(
      /^Guten Tag Erika Mustermann,\n\nwir haben Ihren Antrag auf Auskunft über Ihre personenbezogenen Daten am 31\. Januar 2027 erhalten und bearbeiten ihn unter dem Aktenzeichen DSAR-\d{4}-\d{5}\./,
    );
    expect(de('extension')).toContain(
      'und zwar aus folgendem Grund:\n\nComplex request: records in three systems.\n\nDas Gesetz erlaubt uns',
    );
    expect(de('extension')).toMatch(/Sie erhalten unsere Antwort nun bis zum \d+\. \w+ 2027\./);
    expect(de('rejection')).toContain(
      'müssen wir leider ablehnen, und zwar aus folgendem Grund:\n\nThe request repeats one answered on 2 January 2027.\n\n',
    );
    expect(de('acknowledgement')).toMatch(
      /Mit freundlichen Grüßen\nAnna Schmidt, Datenschutzbeauftragte\nBeispiel Versand GmbH\nBeispielstraße 1\n10115 Berlin$/,
    );
    expect(fr('acknowledgement')).toMatch(
      /^Bonjour Jean Dupont,\n\nNous avons bien reçu votre demande d’accès à vos données personnelles le 31 janvier 2027\./,
    );
    expect(fr('extension')).toContain(
      'pour la raison suivante :\n\nComplex request: records in three systems.\n\nLa loi nous permet',
    );
    // A rejected access request has nothing to report as done: the completion letter says so.
    expect(letters.get('fr-completion')?.problems).toEqual([
      expect.stringMatching(/No export has been written/),
    ]);

    const dir = rendersDir('letters');
    for (const [name, letter] of letters) {
      await letterScreenshot(letter.subject, letter.body, join(dir, `${name}.png`));
    }
  });

  it('assembles a reason as one sentence', () => {
    expect(asSentence('  complex request: records in three systems.. ', 'en')).toBe(
      'Complex request: records in three systems.',
    );
    expect(asSentence('why?', 'en')).toBe('Why?');
    expect(asSentence('ärger mit dem Versand', 'de')).toBe('Ärger mit dem Versand.');
    expect(asSentence('   ', 'en')).toBe('');
  });
});
