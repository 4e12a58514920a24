/**
 * Word lists for the synthetic customer generator: names, streets, cities and telephone numbering
 * for the five countries the demo covers, then the vocabulary of customer activity. Changing any
 * entry changes the output for every seed, so edit deliberately.
 */

export type CountryCode = 'GB' | 'DE' | 'FR' | 'US' | 'ES';

export interface CityEntry {
  readonly name: string;
  readonly region: string;
  /** GB: the postcode area letters; elsewhere the numeric range [low, high, step]. */
  readonly postcode: string | readonly [low: number, high: number, step: number];
}

/**
 * A block of telephone numbers reserved for fiction (drama numbers) wherever the regulator offers
 * one: `prefix` is the start of the national significant number (no trunk 0), followed by `free`
 * digits, and `groups` says how people write it (digit counts of the whole number's groups).
 */
export interface PhoneBlock {
  readonly prefix: string;
  readonly free: number;
  readonly groups: readonly number[];
}

/** Writes a national significant number, split into its groups, the way some person would. */
export type PhoneFormat = (nsn: string, groups: readonly string[]) => string;

export interface Locale {
  readonly country: CountryCode;
  /** Relative share of customers. */
  readonly weight: number;
  readonly currency: string;
  readonly language: string;
  readonly givenNames: readonly string[];
  readonly familyNames: readonly string[];
  /** Spanish customers usually carry two surnames. */
  readonly twoSurnames: boolean;
  readonly streets: readonly string[];
  readonly streetLine: (street: string, houseNumber: number) => string;
  /** American house numbers run into the thousands; European ones rarely pass 200. */
  readonly houseNumbers: readonly [low: number, high: number];
  readonly line2s: readonly string[];
  readonly cities: readonly CityEntry[];
  readonly phoneBlocks: readonly PhoneBlock[];
  readonly phoneFormats: readonly PhoneFormat[];
}

const rest = (groups: readonly string[]): string => groups.slice(1).join(' ');
const head = (groups: readonly string[]): string => groups[0] ?? '';

/** The usual European styles: trunk 0 nationally, +CC or 00CC abroad. */
function europeanFormats(cc: string): PhoneFormat[] {
  return [
    (_, g) => `0${g.join(' ')}`,
    (nsn) => `0${nsn}`,
    (_, g) => `+${cc} ${g.join(' ')}`,
    (nsn) => `+${cc}${nsn}`,
    (_, g) => `00${cc} ${g.join(' ')}`,
    (_, g) => `+${cc} (0)${g.join(' ')}`,
    (_, g) => `(0${head(g)}) ${rest(g)}`,
  ];
}

/** Ofcom's drama numbers: 1,000 each in a mobile range and in several cities. */
const GB_BLOCKS: PhoneBlock[] = [
  { prefix: '7700900', free: 3, groups: [4, 6] },
  ...['113', '114', '115', '116', '117', '118', '121', '131', '141', '151', '161'].map((area) => ({
    prefix: `${area}4960`,
    free: 3,
    groups: [3, 3, 4],
  })),
  { prefix: '1914980', free: 3, groups: [3, 3, 4] },
  { prefix: '2079460', free: 3, groups: [2, 4, 4] },
  { prefix: '2920180', free: 3, groups: [2, 4, 4] },
  { prefix: '1632960', free: 3, groups: [4, 6] },
];

/** Bundesnetzagentur drama numbers (Mitteilung 148/2021): Berlin, Frankfurt, Hamburg, Köln, München. */
const DE_BLOCKS: PhoneBlock[] = [
  { prefix: '3023125', free: 3, groups: [2, 5, 3] },
  { prefix: '6990009', free: 3, groups: [2, 5, 3] },
  { prefix: '4066969', free: 3, groups: [2, 5, 3] },
  { prefix: '2214710', free: 3, groups: [3, 4, 3] },
  { prefix: '8999998', free: 3, groups: [2, 5, 3] },
];

/** ARCEP's ranges for audiovisual works (plan de numérotation, 2.5.12). */
const FR_BLOCKS: PhoneBlock[] = ['19900', '26191', '35301', '46571', '53649', '63998'].map(
  (prefix) => ({ prefix, free: 4, groups: [1, 2, 2, 2, 2] }),
);

/**
 * NANP: 555-0100..0199 is fictional in every area code. Area codes are generated from the NANP
 * pattern, leaving out N11 service codes, toll-free 8YY, premium 900 and reserved 37X/96X.
 */
const US_BLOCKS: PhoneBlock[] = usAreaCodes().map((npa) => ({
  prefix: `${npa}55501`,
  free: 2,
  groups: [3, 3, 4],
}));

function usAreaCodes(): string[] {
  const tollFree = new Set(['800', '822', '833', '844', '855', '866', '877', '888', '900']);
  const codes: string[] = [];
  for (let npa = 201; npa <= 989; npa++) {
    const text = String(npa);
    const [, second, third] = text;
    if (second === '9' || (second === '1' && third === '1')) continue;
    if (tollFree.has(text) || text.startsWith('37') || text.startsWith('96')) continue;
    codes.push(text);
  }
  return codes;
}

/**
 * Spain has no range reserved for fiction, so numbers are plausible mobiles (6xx xxx xxx). They may
 * exist; they are never dialled, only shown in a demo database.
 */
const ES_BLOCKS: PhoneBlock[] = [{ prefix: '6', free: 8, groups: [3, 3, 3] }];

const usFormats: PhoneFormat[] = [
  (_, [a, b, c]) => `(${a}) ${b}-${c}`,
  (_, [a, b, c]) => `${a}-${b}-${c}`,
  (_, [a, b, c]) => `${a}.${b}.${c}`,
  (_, g) => `+1 ${g.join(' ')}`,
  (_, [a, b, c]) => `+1 (${a}) ${b}-${c}`,
  (_, g) => `1-${g.join('-')}`,
  (nsn) => nsn,
  (nsn) => `+1${nsn}`,
];

/** Spanish numbers have no trunk prefix: people write 612 345 678 or 612 34 56 78. */
const esFormats: PhoneFormat[] = [
  (_, g) => g.join(' '),
  (nsn) => nsn,
  (_, g) => `+34 ${g.join(' ')}`,
  (nsn) => `+34${nsn}`,
  (_, g) => `0034 ${g.join(' ')}`,
  (nsn) => `${nsn.slice(0, 3)} ${nsn.slice(3, 5)} ${nsn.slice(5, 7)} ${nsn.slice(7)}`,
  (_, g) => g.join('.'),
];

export const LOCALES: readonly Locale[] = [
  {
    country: 'GB',
    weight: 24,
    currency: 'GBP',
    language: 'en-GB',
    // prettier-ignore
    givenNames: ['Oliver', 'Amelia', 'George', 'Isla', 'Harry', 'Olivia', 'Jack', 'Ava', 'Charlie', 'Emily', 'Thomas', 'Sophie', 'James', 'Grace', 'William', 'Chloe', 'Alfie', 'Lily', 'Siobhán', 'Niamh', 'Aoife', 'Rhys', 'Dafydd', 'Eilidh', 'Callum', 'Mary-Kate', 'Zoë', 'Priya', 'Mohammed', 'Aisha', 'Ciarán', 'Ffion'],
    // prettier-ignore
    familyNames: ['Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Robinson', 'Wright', 'Thompson', 'Evans', 'Walker', 'White', 'Roberts', 'Green', 'Hall', 'Wood', 'Jackson', 'Clarke', "O'Brien", "O'Connor", 'McDonald', 'MacLeod', 'Fitzgerald', 'Ashworth-Jones', 'Patel', 'Khan', 'Ahmed', 'Singh', 'Nowak', 'Llewellyn'],
    twoSurnames: false,
    // prettier-ignore
    streets: ['High Street', 'Station Road', 'Church Lane', 'Victoria Road', 'Park Avenue', "Queen's Road", 'King Street', 'Mill Lane', 'The Crescent', 'Albert Road', "St John's Close", 'Orchard Way', 'Manor Drive', 'Green Lane', 'New Road', 'Springfield Road'],
    streetLine: (street, n) => `${n} ${street}`,
    houseNumbers: [1, 180],
    line2s: [
      'Flat 1',
      'Flat 3',
      'Flat 12',
      'Apartment 4',
      'Rose Cottage',
      'Unit 7',
      'Second Floor',
    ],
    cities: [
      { name: 'London', region: 'Greater London', postcode: 'SE' },
      { name: 'London', region: 'Greater London', postcode: 'N' },
      { name: 'Manchester', region: 'Greater Manchester', postcode: 'M' },
      { name: 'Leeds', region: 'West Yorkshire', postcode: 'LS' },
      { name: 'Birmingham', region: 'West Midlands', postcode: 'B' },
      { name: 'Bristol', region: 'Bristol', postcode: 'BS' },
      { name: 'Glasgow', region: 'Scotland', postcode: 'G' },
      { name: 'Edinburgh', region: 'Scotland', postcode: 'EH' },
      { name: 'Cardiff', region: 'Wales', postcode: 'CF' },
      { name: 'Liverpool', region: 'Merseyside', postcode: 'L' },
      { name: 'Newcastle upon Tyne', region: 'Tyne and Wear', postcode: 'NE' },
      { name: 'Sheffield', region: 'South Yorkshire', postcode: 'S' },
      { name: 'Nottingham', region: 'Nottinghamshire', postcode: 'NG' },
      { name: 'Belfast', region: 'Northern Ireland', postcode: 'BT' },
      { name: 'Brighton', region: 'East Sussex', postcode: 'BN' },
      { name: 'York', region: 'North Yorkshire', postcode: 'YO' },
    ],
    phoneBlocks: GB_BLOCKS,
    phoneFormats: europeanFormats('44'),
  },
  {
    country: 'DE',
    weight: 22,
    currency: 'EUR',
    language: 'de-DE',
    // prettier-ignore
    givenNames: ['Anna', 'Lena', 'Hannah', 'Lea', 'Marie', 'Sophie', 'Jürgen', 'Jörg', 'Björn', 'Günther', 'Uwe', 'Lukas', 'Maximilian', 'Jonas', 'Felix', 'Leon', 'Katharina', 'Anke', 'Sören', 'Hans-Peter', 'Karl-Heinz', 'Anne-Kathrin', 'Ömer', 'Mehmet', 'Elif', 'Małgorzata', 'Dörte', 'Käthe'],
    // prettier-ignore
    familyNames: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann', 'Schäfer', 'Koch', 'Bauer', 'Richter', 'Klein', 'Wolf', 'Schröder', 'Neumann', 'Schwarz', 'Zimmermann', 'Krüger', 'Köhler', 'Groß', 'Weiß', 'Jäger', 'Meier-Böhm', 'Yılmaz', 'Öztürk', 'von Arnim', 'Kowalczyk'],
    twoSurnames: false,
    // prettier-ignore
    streets: ['Hauptstraße', 'Schulstraße', 'Gartenstraße', 'Bahnhofstraße', 'Dorfstraße', 'Bergstraße', 'Lindenstraße', 'Kirchweg', 'Goethestraße', 'Schillerstraße', 'Am Markt', 'Mühlenweg', 'Friedrich-Ebert-Straße', 'Rosenstraße', 'Wiesenweg', 'Kastanienallee'],
    streetLine: (street, n) => `${street} ${n}`,
    houseNumbers: [1, 160],
    line2s: ['3. OG', 'Hinterhaus', 'Whg. 5', 'c/o Familie Wagner', '2. OG links', 'Seitenflügel'],
    cities: [
      { name: 'Berlin', region: 'Berlin', postcode: [10115, 14199, 1] },
      { name: 'Hamburg', region: 'Hamburg', postcode: [20095, 22769, 1] },
      { name: 'München', region: 'Bayern', postcode: [80331, 81929, 1] },
      { name: 'Köln', region: 'Nordrhein-Westfalen', postcode: [50667, 51149, 1] },
      { name: 'Frankfurt am Main', region: 'Hessen', postcode: [60306, 60599, 1] },
      { name: 'Stuttgart', region: 'Baden-Württemberg', postcode: [70173, 70629, 1] },
      { name: 'Düsseldorf', region: 'Nordrhein-Westfalen', postcode: [40210, 40629, 1] },
      { name: 'Leipzig', region: 'Sachsen', postcode: [4103, 4357, 1] },
      { name: 'Dresden', region: 'Sachsen', postcode: [1067, 1328, 1] },
      { name: 'Nürnberg', region: 'Bayern', postcode: [90402, 90491, 1] },
      { name: 'Bremen', region: 'Bremen', postcode: [28195, 28779, 1] },
      { name: 'Hannover', region: 'Niedersachsen', postcode: [30159, 30669, 1] },
    ],
    phoneBlocks: DE_BLOCKS,
    phoneFormats: [
      ...europeanFormats('49'),
      (_, g) => `0${head(g)}/${g.slice(1).join('')}`,
      (_, g) => `0${head(g)}-${g.slice(1).join('')}`,
    ],
  },
  {
    country: 'FR',
    weight: 20,
    currency: 'EUR',
    language: 'fr-FR',
    // prettier-ignore
    givenNames: ['Jean', 'Marie', 'Pierre', 'Camille', 'Léa', 'Chloé', 'Manon', 'Inès', 'Zoé', 'Hélène', 'Élodie', 'Émile', 'Théo', 'Noël', 'Gaël', 'Loïc', 'François', 'Jérôme', 'Benoît', 'Anaïs', 'Maëlle', 'Jean-Luc', 'Marie-Claire', 'Jean-Baptiste', 'Anne-Sophie', 'Yasmine', 'Karim'],
    // prettier-ignore
    familyNames: ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent', 'Lefèvre', 'Michel', 'Garcia', 'Faure', 'Rousseau', 'Fontaine', 'Chevalier', 'Girard', "D'Aubigné", 'de La Fontaine', 'Le Goff', 'Prévost', 'Bénard', 'Benali', 'Nguyen', 'Da Silva'],
    twoSurnames: false,
    // prettier-ignore
    streets: ['rue de la République', 'avenue Jean Jaurès', 'boulevard Voltaire', 'rue Victor Hugo', 'place de la Mairie', 'rue des Écoles', 'chemin des Vignes', 'allée des Tilleuls', 'rue du Général-de-Gaulle', 'impasse des Lilas', "rue de l'Église", 'quai des Célestins', 'rue Pasteur', 'avenue de la Gare'],
    streetLine: (street, n) => `${n} ${street}`,
    houseNumbers: [1, 220],
    line2s: [
      'Bâtiment B',
      'Appartement 12',
      'Résidence Les Pins',
      '3e étage',
      'Escalier C',
      'BP 42',
    ],
    cities: [
      { name: 'Paris', region: 'Île-de-France', postcode: [75001, 75020, 1] },
      { name: 'Lyon', region: 'Auvergne-Rhône-Alpes', postcode: [69001, 69009, 1] },
      { name: 'Marseille', region: "Provence-Alpes-Côte d'Azur", postcode: [13001, 13016, 1] },
      { name: 'Toulouse', region: 'Occitanie', postcode: [31000, 31500, 100] },
      { name: 'Nice', region: "Provence-Alpes-Côte d'Azur", postcode: [6000, 6300, 100] },
      { name: 'Nantes', region: 'Pays de la Loire', postcode: [44000, 44300, 100] },
      { name: 'Strasbourg', region: 'Grand Est', postcode: [67000, 67200, 100] },
      { name: 'Montpellier', region: 'Occitanie', postcode: [34000, 34090, 10] },
      { name: 'Bordeaux', region: 'Nouvelle-Aquitaine', postcode: [33000, 33800, 100] },
      { name: 'Lille', region: 'Hauts-de-France', postcode: [59000, 59800, 100] },
      { name: 'Rennes', region: 'Bretagne', postcode: [35000, 35700, 100] },
      { name: 'Saint-Étienne', region: 'Auvergne-Rhône-Alpes', postcode: [42000, 42100, 100] },
    ],
    phoneBlocks: FR_BLOCKS,
    phoneFormats: [
      ...europeanFormats('33').slice(0, 6),
      (_, g) => `0${g.join('.')}`,
      (_, g) => `0${g.join('-')}`,
    ],
  },
  {
    country: 'US',
    weight: 19,
    currency: 'USD',
    language: 'en-US',
    // prettier-ignore
    givenNames: ['James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth', 'Chris', 'Jessica', 'Ashley', 'Tyler', 'Madison', 'DeShawn', 'Latoya', 'Jamal', 'Keisha', 'Mei', 'Wei', 'Priya', 'Raj', 'José', 'María', 'Renée', 'Zoë', "D'Andre"],
    // prettier-ignore
    familyNames: ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Lee', 'Nguyen', "O'Neill", "D'Angelo", 'Kowalski', 'Washington', 'Smith-Hill', 'Kim', 'Nakamura'],
    twoSurnames: false,
    // prettier-ignore
    streets: ['Main Street', 'Oak Avenue', 'Maple Drive', 'Cedar Lane', 'Elm Street', 'Washington Avenue', 'Lakeview Drive', 'Pine Street', 'Sunset Boulevard', 'Park Place', '2nd Avenue', 'Hillcrest Road', 'Martin Luther King Jr. Boulevard', 'Willow Court'],
    streetLine: (street, n) => `${n} ${street}`,
    houseNumbers: [10, 9899],
    line2s: ['Apt 4B', 'Suite 210', 'Unit 12', 'Apt 1101', '#3', 'PO Box 77'],
    cities: [
      { name: 'New York', region: 'NY', postcode: [10001, 10292, 1] },
      { name: 'Los Angeles', region: 'CA', postcode: [90001, 90089, 1] },
      { name: 'Chicago', region: 'IL', postcode: [60601, 60661, 1] },
      { name: 'Houston', region: 'TX', postcode: [77001, 77099, 1] },
      { name: 'Phoenix', region: 'AZ', postcode: [85001, 85055, 1] },
      { name: 'Philadelphia', region: 'PA', postcode: [19102, 19154, 1] },
      { name: 'San Diego', region: 'CA', postcode: [92101, 92199, 1] },
      { name: 'Dallas', region: 'TX', postcode: [75201, 75398, 1] },
      { name: 'Seattle', region: 'WA', postcode: [98101, 98199, 1] },
      { name: 'Boston', region: 'MA', postcode: [2108, 2137, 1] },
      { name: 'Denver', region: 'CO', postcode: [80202, 80299, 1] },
      { name: 'Atlanta', region: 'GA', postcode: [30301, 30399, 1] },
      { name: 'Miami', region: 'FL', postcode: [33101, 33199, 1] },
      { name: 'Springfield', region: 'IL', postcode: [62701, 62796, 1] },
    ],
    phoneBlocks: US_BLOCKS,
    phoneFormats: usFormats,
  },
  {
    country: 'ES',
    weight: 15,
    currency: 'EUR',
    language: 'es-ES',
    // prettier-ignore
    givenNames: ['Antonio', 'José', 'Manuel', 'Francisco', 'David', 'Juan', 'Javier', 'María', 'Carmen', 'Lucía', 'Ana', 'Laura', 'Sofía', 'Martina', 'Paula', 'Íñigo', 'Begoña', 'Núria', 'Jordi', 'Àlex', 'Xavier', 'José María', 'María José', 'Ángel', 'Inés', 'Raúl', 'Montserrat'],
    // prettier-ignore
    familyNames: ['García', 'Rodríguez', 'González', 'Fernández', 'López', 'Martínez', 'Sánchez', 'Pérez', 'Gómez', 'Martín', 'Jiménez', 'Ruiz', 'Hernández', 'Díaz', 'Moreno', 'Muñoz', 'Álvarez', 'Romero', 'Alonso', 'Gutiérrez', 'Navarro', 'Torres', 'Domínguez', 'Vázquez', 'Ramos', 'Ibáñez', 'Peña', 'Núñez', 'Puig', 'Castaño'],
    twoSurnames: true,
    // prettier-ignore
    streets: ['Calle Mayor', 'Calle Real', 'Avenida de la Constitución', 'Plaza de España', 'Calle de Alcalá', 'Calle San Juan', 'Avenida de Andalucía', 'Calle Nueva', 'Paseo de la Castellana', 'Carrer de Sant Pere', 'Calle del Carmen', 'Ronda de Segovia'],
    streetLine: (street, n) => `${street}, ${n}`,
    houseNumbers: [1, 150],
    line2s: ['3º 2ª', 'Piso 4, Puerta B', 'Bajo', 'Escalera 2, 1º A', 'Ático', '5º izq.'],
    cities: [
      { name: 'Madrid', region: 'Comunidad de Madrid', postcode: [28001, 28055, 1] },
      { name: 'Barcelona', region: 'Cataluña', postcode: [8001, 8042, 1] },
      { name: 'Valencia', region: 'Comunidad Valenciana', postcode: [46001, 46026, 1] },
      { name: 'Sevilla', region: 'Andalucía', postcode: [41001, 41020, 1] },
      { name: 'Zaragoza', region: 'Aragón', postcode: [50001, 50021, 1] },
      { name: 'Málaga', region: 'Andalucía', postcode: [29001, 29018, 1] },
      { name: 'Bilbao', region: 'País Vasco', postcode: [48001, 48015, 1] },
      { name: 'Palma', region: 'Illes Balears', postcode: [7001, 7015, 1] },
      { name: 'Murcia', region: 'Región de Murcia', postcode: [30001, 30012, 1] },
      { name: 'Valladolid', region: 'Castilla y León', postcode: [47001, 47016, 1] },
      { name: 'A Coruña', region: 'Galicia', postcode: [15001, 15011, 1] },
    ],
    phoneBlocks: ES_BLOCKS,
    phoneFormats: esFormats,
  },
];

/** Mailbox providers; only the reserved example.* domains, never a real provider's. */
// prettier-ignore
export const EMAIL_DOMAINS: readonly string[] = ['example.com', 'mail.example.com', 'example.org', 'post.example.org', 'example.net', 'inbox.example.net', 'web.example.com'];

// prettier-ignore
/** Latin letters with marks, as people drop them when typing an email address. */
export const ASCII_FOLDING: Readonly<Record<string, string>> = {
  ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss', à: 'a', á: 'a', â: 'a', å: 'a', ç: 'c', è: 'e', é: 'e',
  ê: 'e', ë: 'e', ì: 'i', í: 'i', î: 'i', ï: 'i', ı: 'i', ñ: 'n', ò: 'o', ó: 'o', ô: 'o', ù: 'u',
  ú: 'u', û: 'u', ÿ: 'y', œ: 'oe', æ: 'ae', ł: 'l', ą: 'a', ę: 'e', ğ: 'g', ş: 's',
};

// prettier-ignore
/** A mark dropped in a typo: the base letter only (Müller → Muller). */
export const STRIPPED_MARK: Readonly<Record<string, string>> = {
  ä: 'a', ö: 'o', ü: 'u', à: 'a', á: 'a', â: 'a', ç: 'c', è: 'e', é: 'e', ê: 'e', ë: 'e',
  í: 'i', î: 'i', ï: 'i', ñ: 'n', ó: 'o', ô: 'o', ú: 'u', û: 'u', Á: 'A', É: 'E', Í: 'I',
  Ö: 'O', Ü: 'U', Ä: 'A', Ñ: 'N', À: 'A', Ó: 'O', Ú: 'U', ł: 'l', ğ: 'g', ş: 's', ı: 'i',
};

export interface UserAgent {
  readonly header: string;
  readonly device: { readonly type: 'desktop' | 'mobile' | 'tablet'; readonly os: string };
}

export const USER_AGENTS: readonly UserAgent[] = [
  {
    header:
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
    device: { type: 'desktop', os: 'Windows' },
  },
  {
    header:
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.51',
    device: { type: 'desktop', os: 'Windows' },
  },
  {
    header:
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
    device: { type: 'desktop', os: 'macOS' },
  },
  {
    header: 'Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0',
    device: { type: 'desktop', os: 'Linux' },
  },
  {
    header:
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
    device: { type: 'mobile', os: 'iOS' },
  },
  {
    header:
      'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36',
    device: { type: 'mobile', os: 'Android' },
  },
  {
    header:
      'Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
    device: { type: 'tablet', os: 'iPadOS' },
  },
  {
    header: 'ReflectShop/5.2.1 (Android 13; SM-A546B)',
    device: { type: 'mobile', os: 'Android' },
  },
];

/** RFC 5737 documentation networks: addresses that route nowhere. */
export const DOCUMENTATION_NETWORKS = ['192.0.2.', '198.51.100.', '203.0.113.'] as const;

// prettier-ignore
export const PAGE_PATHS = ['/', '/products', '/products/winter-jacket', '/products/trail-shoes', '/cart', '/checkout', '/account', '/account/orders', '/help/returns', '/privacy', '/blog/spring-lookbook'];
// prettier-ignore
export const REFERRERS = ['https://www.example.com/', 'https://search.example.net/?q=trail+shoes', 'https://news.example.org/deals', 'https://social.example.com/post/8841'];
export const UTM_SOURCES = ['newsletter', 'search', 'social', 'partner', 'affiliate'];
export const UTM_MEDIUMS = ['email', 'cpc', 'organic', 'display', 'referral'];
// prettier-ignore
export const CAMPAIGNS = ['spring_sale_2024', 'black_friday_2023', 'winter_clearance', 'loyalty_double_points', 'welcome_series', 'back_in_stock', 'summer_2025'];
// prettier-ignore
export const TICKET_TOPICS = ['delivery', 'refund', 'account_access', 'data_request', 'product_question', 'complaint'];
export const CONSENT_SOURCES = [
  'web_signup',
  'checkout',
  'preference_centre',
  'call_centre',
  'paper_form',
  'crm_import',
];

/** Customer tags with the share of customers carrying each. */
export const TAG_RATES: readonly (readonly [tag: string, rate: number])[] = [
  ['newsletter', 0.35],
  ['loyalty', 0.2],
  ['sms-opt-in', 0.12],
  ['b2b', 0.06],
  ['vip', 0.04],
  ['do-not-call', 0.03],
  ['returns-risk', 0.03],
  ['wholesale', 0.015],
  ['dsar-2024', 0.005],
];

/** What an agent wrote after talking to the customer; `#` becomes a reference number. */
export const INTERACTION_SUMMARIES: Readonly<Record<string, readonly string[]>> = {
  email: [
    'Asked where order # is; sent tracking link.',
    'Requested a copy of their personal data (Art. 15); forwarded to privacy team.',
    'Asked to be removed from marketing emails.',
    'Complained about a late refund for order #.',
    'Asked for an invoice with a VAT number.',
  ],
  phone: [
    'Called about a damaged parcel; replacement arranged.',
    'Updated billing address by phone after identity check.',
    'Asked to delete their account; explained the retention of invoices.',
    'Queried a double charge on order #; refunded one payment.',
  ],
  chat: [
    'Could not log in; password reset link sent.',
    'Asked about sizes for product #.',
    'Asked how their data is used for recommendations.',
    'Wanted to change the delivery slot for order #.',
  ],
  in_store: [
    'Returned item from order # in store; refund to card.',
    'Signed up for loyalty card at the till.',
    'Asked staff to update phone number on file.',
  ],
};
