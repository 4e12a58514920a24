import type { CatalogColumn } from './catalog';
import type { DataCategory, IdentityRole } from '../../shared/datamap';
import { shareOf, type ColumnSample, type ValueShape } from './value-patterns';

export interface ColumnGuess {
  category: DataCategory;
  role: IdentityRole | null;
  confidence: number;
  why: string;
}

/** What the table around a column is, as far as the column's meaning depends on it. */
export interface ColumnContext {
  /** The table's own name, lower case (`city`, `country`, `customer_address`). */
  tableName: string;
  /** The column is (part of) the table's primary key or of a foreign key. */
  isKey: boolean;
}

interface NameRule {
  /** Whole column names, or word sequences inside one, in the languages of the product's users. */
  names: string[];
  category: DataCategory;
  role?: IdentityRole;
  /** The values this rule expects, when it expects a shape. */
  shape?: ValueShape;
}

// Checked in order: the first rule whose name matches wins (a "birth_date" is a birth date
// before it is a date).
const NAME_RULES: NameRule[] = [
  {
    names: ['email', 'e_mail', 'mail', 'email_address', 'courriel', 'correo'],
    category: 'contact',
    role: 'email',
    shape: 'email',
  },
  {
    names: [
      'phone',
      'telephone',
      'tel',
      'mobile',
      'cell',
      'msisdn',
      'telefon',
      'telefono',
      'telefoon',
      'handy',
      'portable',
      'fax',
    ],
    category: 'contact',
    role: 'phone',
    shape: 'phone',
  },
  {
    names: [
      'first_name',
      'firstname',
      'given_name',
      'givenname',
      'forename',
      'fname',
      'vorname',
      'prenom',
      'nombre',
      'nome',
      'voornaam',
    ],
    category: 'identity',
    role: 'given_name',
    shape: 'person_name',
  },
  {
    names: [
      'last_name',
      'lastname',
      'surname',
      'family_name',
      'familyname',
      'lname',
      'nachname',
      'apellido',
      'apellidos',
      'cognome',
      'achternaam',
    ],
    category: 'identity',
    role: 'family_name',
    shape: 'person_name',
  },
  {
    names: [
      'full_name',
      'fullname',
      'customer_name',
      'client_name',
      'contact_name',
      'display_name',
      'person_name',
      'member_name',
    ],
    category: 'identity',
    role: 'full_name',
    shape: 'person_name',
  },
  {
    names: [
      'birth_date',
      'birthdate',
      'date_of_birth',
      'dob',
      'birthday',
      'geburtsdatum',
      'date_naissance',
      'fecha_nacimiento',
      'data_nascita',
      'geboortedatum',
      'born',
    ],
    category: 'identity',
    role: 'birth_date',
    shape: 'date',
  },
  {
    names: [
      'ssn',
      'national_id',
      'nationalid',
      'nin',
      'social_security',
      'social_security_number',
      'tax_id',
      'passport',
      'passport_number',
      'id_number',
      'steuer_id',
      'nif',
      'dni',
      'codice_fiscale',
      'bsn',
    ],
    category: 'identity',
    role: 'national_id',
  },
  {
    names: [
      'customer_number',
      'customer_no',
      'client_number',
      'client_no',
      'member_number',
      'member_no',
      'kundennummer',
      'loyalty_number',
    ],
    category: 'identity',
    role: 'customer_number',
  },
  {
    names: [
      'iban',
      'bic',
      'card_number',
      'card_no',
      'pan',
      'account_number',
      'bank_account',
      'credit_card',
    ],
    category: 'financial',
  },
  // Before the address rules: an "ip_address" is not a postal address.
  {
    names: [
      'ip',
      'ip_address',
      'user_agent',
      'url',
      'page',
      'page_url',
      'referrer',
      'session',
      'clicked',
      'viewed',
      'visited',
      'event',
      'event_type',
      'channel',
      'device',
      'last_login',
      'last_active',
      'occurred_at',
      'seen_at',
    ],
    category: 'behavioural',
  },
  {
    names: [
      'street',
      'street_name',
      'address_line1',
      'address_line_1',
      'line1',
      'address1',
      'strasse',
      'straße',
      'rue',
      'calle',
      'via',
      'straat',
      'address',
    ],
    category: 'address',
    role: 'street',
  },
  { names: ['address_line2', 'address_line_2', 'line2', 'address2'], category: 'address' },
  {
    names: [
      'house_no',
      'house_number',
      'housenumber',
      'street_number',
      'street_no',
      'hausnummer',
      'numero',
      'huisnummer',
      'building_number',
    ],
    category: 'address',
    role: 'house_number',
  },
  {
    names: [
      'postcode',
      'post_code',
      'postal_code',
      'zip',
      'zipcode',
      'zip_code',
      'plz',
      'code_postal',
      'cap',
      'cp',
    ],
    category: 'address',
    role: 'postcode',
  },
  {
    names: [
      'city',
      'town',
      'locality',
      'ort',
      'stadt',
      'ville',
      'ciudad',
      'citta',
      'plaats',
      'municipality',
    ],
    category: 'address',
    role: 'locality',
  },
  {
    names: ['region', 'state', 'county', 'province', 'bundesland', 'provincia'],
    category: 'address',
    role: 'region',
  },
  {
    names: ['country', 'country_code', 'country_name', 'land', 'pays', 'pais', 'paese'],
    category: 'address',
    role: 'country',
  },
  {
    names: ['gender', 'sex', 'nationality', 'marital_status', 'age', 'salutation', 'anrede'],
    category: 'demographic',
  },
  {
    names: [
      'consent',
      'opt_in',
      'optin',
      'opt_out',
      'newsletter',
      'marketing',
      'preference',
      'preferences',
      'subscribed',
      'unsubscribed',
      'purpose',
      'language',
      'locale',
      'granted',
      'withdrawn',
    ],
    category: 'preferences',
  },
  {
    names: [
      'amount',
      'total',
      'price',
      'salary',
      'income',
      'balance',
      'credit',
      'payment',
      'paid',
      'cents',
      'currency',
      'invoice',
      'refund',
      'discount',
    ],
    category: 'financial',
  },
  {
    names: [
      'note',
      'notes',
      'comment',
      'comments',
      'description',
      'message',
      'summary',
      'remarks',
      'remark',
      'body',
      'text',
      'feedback',
      'bemerkung',
      'notiz',
    ],
    category: 'free_text',
    shape: 'free_text',
  },
  {
    names: [
      'created_at',
      'updated_at',
      'modified_at',
      'created',
      'updated',
      'modified',
      'version',
      'row_version',
      'etag',
      'deleted_at',
    ],
    category: 'technical',
  },
];

/** Shapes that name a column on their own, whatever it is called. */
const SHAPE_RULES: {
  shape: ValueShape;
  category: DataCategory;
  role: IdentityRole | null;
  label: string;
}[] = [
  { shape: 'email', category: 'contact', role: 'email', label: 'emails' },
  { shape: 'iban', category: 'financial', role: null, label: 'IBANs' },
  { shape: 'card_number', category: 'financial', role: null, label: 'card numbers' },
  { shape: 'phone', category: 'contact', role: 'phone', label: 'phone numbers' },
  { shape: 'ip_address', category: 'behavioural', role: null, label: 'IP addresses' },
  { shape: 'url', category: 'behavioural', role: null, label: 'web addresses' },
  { shape: 'free_text', category: 'free_text', role: null, label: 'free text' },
];

/** Enough sampled values for their shape to count as evidence. */
const MIN_SAMPLED = 10;

/**
 * Guesses what a column holds about a person from its name (in several languages), its type and
 * the shapes of its sampled values, and says how sure and why.
 */
export function guessColumn(
  column: CatalogColumn,
  context: ColumnContext,
  sample: ColumnSample | undefined,
): ColumnGuess {
  const words = nameWords(column.name);
  const sampled = sample?.present ?? 0;
  const named = NAME_RULES.find((rule) => rule.names.some((n) => matchesName(words, n)));

  // A table named for a place keeps its place in a column called "name".
  const lookupRole = placeTableRole(context.tableName);
  if (!named && lookupRole && (column.name === 'name' || column.name.endsWith('_name'))) {
    return {
      category: 'address',
      role: lookupRole,
      confidence: 0.8,
      why: `the name column of a table called ${context.tableName}`,
    };
  }

  if (named) {
    const expected = named.shape;
    if (expected && sampled >= MIN_SAMPLED) {
      const share = shareOf(sample, expected);
      if (share >= 0.6) {
        return guess(
          named,
          0.95,
          `named "${column.name}"; ${percent(share)} of ${sampled} sampled values look like ${shapeLabel(expected)}`,
        );
      }
      if (share < 0.2 && named.role !== 'full_name') {
        const other = byShape(sample, sampled);
        if (other) return other;
        return guess(
          named,
          0.4,
          `named "${column.name}", but only ${percent(share)} of ${sampled} sampled values look like ${shapeLabel(expected)}: check it`,
        );
      }
    }
    if (context.isKey && named.category !== 'identity') {
      return {
        category: 'technical',
        role: null,
        confidence: 0.7,
        why: `a key column named "${column.name}"`,
      };
    }
    return guess(named, 0.7, `named "${column.name}"`);
  }

  const shaped = byShape(sample, sampled);
  if (shaped) return shaped;

  // A bare "name" is a person's name only when its values read like one.
  if (column.name === 'name' && sampled >= MIN_SAMPLED && shareOf(sample, 'person_name') >= 0.6) {
    return {
      category: 'identity',
      role: 'full_name',
      confidence: 0.75,
      why: `named "name"; ${percent(shareOf(sample, 'person_name'))} of ${sampled} sampled values read like names`,
    };
  }
  if (context.isKey) {
    return {
      category: 'technical',
      role: null,
      confidence: 0.8,
      why: 'a key: it joins the rows, it says nothing of the person',
    };
  }
  if (column.typeCategory === 'B' || column.typeCategory === 'N' || column.typeCategory === 'D') {
    return {
      category: 'behavioural',
      role: null,
      confidence: 0.3,
      why: `no rule matched "${column.name}" (${column.type}): review it`,
    };
  }
  return {
    category: 'free_text',
    role: null,
    confidence: 0.3,
    why: `no rule matched "${column.name}" (${column.type}): review it`,
  };
}

function byShape(sample: ColumnSample | undefined, sampled: number): ColumnGuess | null {
  if (sampled < MIN_SAMPLED) return null;
  for (const rule of SHAPE_RULES) {
    const share = shareOf(sample, rule.shape);
    if (share >= 0.8) {
      return {
        category: rule.category,
        role: rule.role,
        confidence: Math.min(0.9, 0.5 + share * 0.4),
        why: `${percent(share)} of ${sampled} sampled values look like ${rule.label}`,
      };
    }
  }
  return null;
}

function guess(rule: NameRule, confidence: number, why: string): ColumnGuess {
  return { category: rule.category, role: rule.role ?? null, confidence, why };
}

/** `emailAddress`, `EMAIL_ADDRESS` and `email-address` are the same words. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

/** A rule's name matches the whole column name or a run of its words (`billing_email`). */
function matchesName(words: string[], ruleName: string): boolean {
  const rule = ruleName.split('_');
  for (let i = 0; i + rule.length <= words.length; i++) {
    if (rule.every((w, k) => words[i + k] === w)) return true;
  }
  return false;
}

function placeTableRole(table: string): IdentityRole | null {
  const words = nameWords(table);
  const last = words[words.length - 1] ?? '';
  if (['city', 'cities', 'town', 'towns', 'locality', 'localities'].includes(last))
    return 'locality';
  if (['country', 'countries'].includes(last)) return 'country';
  if (['region', 'regions', 'state', 'states', 'province', 'provinces'].includes(last))
    return 'region';
  return null;
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

function shapeLabel(shape: ValueShape): string {
  return SHAPE_RULES.find((r) => r.shape === shape)?.label ?? shape.replace('_', ' ') + 's';
}
