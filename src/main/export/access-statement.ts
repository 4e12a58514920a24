import { readDeskSetting, writeDeskSetting } from '../db/desk-settings';
import type { SqliteDatabase } from '../db/open';
import { accessStatementSchema, type AccessStatement } from '../../shared/ipc/export-schemas';

const KEY = 'access-statement';

/**
 * A starting point an organisation edits in Settings: plain statements for an online shop's
 * customer database. The report shows them beside the data, as Article 15 asks.
 */
export function defaultAccessStatement(organisationName: string): AccessStatement {
  const shop = organisationName;
  return {
    controller: `${shop} is the controller of your personal data.`,
    dpoContact: '',
    supervisoryAuthority:
      'the data protection authority of the country where you live or work, or where you think the law was broken.',
    transfers: '',
    automatedDecisions: '',
    categories: {
      identity: {
        purposes: 'To run your customer account, deliver what you order and answer your questions.',
        legalBasis: 'Performance of our contract with you (Article 6(1)(b) GDPR).',
        recipients: 'Our IT service providers, who process it on our behalf.',
        retention: 'While your account is open, then 3 years.',
        source: 'You, when you created your account or updated it.',
      },
      addresses: {
        purposes: 'To deliver orders and send invoices.',
        legalBasis: 'Performance of our contract with you (Article 6(1)(b) GDPR).',
        recipients: 'Delivery companies, for the orders they carry.',
        retention: 'While your account is open, then 3 years.',
        source: 'You, when you placed orders.',
      },
      orders: {
        purposes: 'To fulfil orders, handle returns and keep accounting records.',
        legalBasis:
          'Performance of our contract with you, and our legal duty to keep accounting records (Article 6(1)(b) and (c) GDPR).',
        recipients: 'Payment providers and our accountants.',
        retention: '10 years after the order, as accounting law requires.',
        source: 'You, when you placed orders.',
      },
      interactions: {
        purposes: 'To answer your questions and complaints and improve our service.',
        legalBasis: 'Our legitimate interest in good customer service (Article 6(1)(f) GDPR).',
        recipients: 'Our customer service software provider.',
        retention: '3 years after the contact.',
        source: 'You, and our staff who recorded the contact.',
      },
      events: {
        purposes:
          'To keep our website and apps secure and working, and to understand how they are used.',
        legalBasis:
          'Our legitimate interest in a secure service, and your consent for analytics (Article 6(1)(f) and (a) GDPR).',
        recipients: 'Our hosting and analytics providers.',
        retention: '13 months.',
        source: 'Your use of our website and apps.',
      },
      consents: {
        purposes: 'To respect your choices about marketing and to show we did.',
        legalBasis: 'Our legal duty to be able to show consent (Article 7(1) GDPR).',
        recipients: '',
        retention: 'While your account is open, then 3 years.',
        source: 'You, when you gave or withdrew consent.',
      },
    },
  };
}

export function readAccessStatement(db: SqliteDatabase, organisationName: string): AccessStatement {
  return readDeskSetting(db, KEY, accessStatementSchema, () =>
    defaultAccessStatement(organisationName),
  );
}

export function saveAccessStatement(
  db: SqliteDatabase,
  statement: AccessStatement,
): AccessStatement {
  return writeDeskSetting(db, KEY, statement);
}
