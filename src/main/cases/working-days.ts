import { createRequire } from 'node:module';
import type Holidays from 'date-holidays';
import type { DateTime } from 'luxon';
import type { HolidayCalendar, HolidayCalendarChoice } from '../../shared/cases';

/**
 * Which days count as working days for a case's deadline: Monday to Friday, less the public
 * holidays of the organisation's calendar. Holidays come from the date-holidays library (kept up
 * to date by its maintainers, per country, state and local area), not from a list of our own.
 *
 * Days are passed as UTC midnights standing for a calendar date of the case's time zone, as
 * deadlines.ts counts them, so no zone rule is consulted here.
 */
export interface WorkingCalendar {
  /** Stable text naming the calendar, for caches. */
  readonly key: string;
  /** For people: "Germany, Bayern", or "Weekends only (no public holidays)". */
  readonly name: string;
  /** Why `day` is not a working day ("Saturday", "Good Friday"), or null when it is one. */
  dayOff(day: DateTime): string | null;
}

const WEEKEND = new Map([
  [6, 'Saturday'],
  [7, 'Sunday'],
]);

/** Public holidays only: bank, school and observance days are working days in law. */
const HOLIDAY_TYPES = { types: ['public' as const], languages: 'en' };

const calendars = new Map<string, WorkingCalendar>();

/**
 * The library, loaded on first use: reading its data takes a good part of a second, which a
 * command line call that never counts a deadline (most of them) should not pay.
 */
let library: typeof Holidays | null = null;
function holidaysLibrary(): typeof Holidays {
  library ??= createRequire(import.meta.url)('date-holidays') as typeof Holidays;
  return library;
}

export function calendarKey(spec: HolidayCalendar | null): string {
  return spec ? [spec.country, spec.state, spec.region].filter(Boolean).join('-') : 'weekends';
}

/** The working calendar for a setting; null means weekends only. Built once per calendar. */
export function workingCalendar(spec: HolidayCalendar | null): WorkingCalendar {
  const key = calendarKey(spec);
  let calendar = calendars.get(key);
  if (!calendar) {
    calendar = spec ? holidayCalendar(spec, key) : weekendsOnly;
    calendars.set(key, calendar);
  }
  return calendar;
}

const weekendsOnly: WorkingCalendar = {
  key: 'weekends',
  name: 'Weekends only (no public holidays)',
  dayOff: (day) => WEEKEND.get(day.weekday) ?? null,
};

function holidayCalendar(spec: HolidayCalendar, key: string): WorkingCalendar {
  const Library = holidaysLibrary();
  const holidays = spec.region
    ? new Library(spec.country, spec.state ?? '', spec.region, HOLIDAY_TYPES)
    : spec.state
      ? new Library(spec.country, spec.state, HOLIDAY_TYPES)
      : new Library(spec.country, HOLIDAY_TYPES);
  // A year's holidays are worked out once (the library is slow at it), keyed by the day's UTC
  // midnight so a lookup costs no date formatting: a list of cases asks thousands of times.
  const years = new Map<number, Map<number, string>>();
  const holidaysOf = (year: number): Map<number, string> => {
    let days = years.get(year);
    if (!days) {
      days = new Map();
      for (const h of holidays.getHolidays(year, 'en')) {
        // A holiday from noon (some Swiss cantons) leaves a working morning: not a day off.
        if (h.type === 'public' && h.date.endsWith('00:00:00')) {
          const date = Date.parse(`${h.date.slice(0, 10)}T00:00:00Z`);
          const other = days.get(date);
          days.set(date, other ? `${other}, ${h.name}` : h.name);
        }
      }
      years.set(year, days);
    }
    return days;
  };
  return {
    key,
    name: calendarName(spec),
    dayOff: (day) => WEEKEND.get(day.weekday) ?? holidaysOf(day.year).get(day.toMillis()) ?? null,
  };
}

/** The first working day on or after `day`, with the days off passed over on the way. */
export function onOrAfterWorkingDay(
  calendar: WorkingCalendar,
  day: DateTime,
): { day: DateTime; passed: string[] } {
  const passed: string[] = [];
  let current = day;
  for (let reason = calendar.dayOff(current); reason !== null; reason = calendar.dayOff(current)) {
    passed.push(reason);
    current = current.plus({ days: 1 });
  }
  return { day: current, passed };
}

/** The `count`th working day after `start` (the start day itself is not counted). */
export function addWorkingDays(
  calendar: WorkingCalendar,
  start: DateTime,
  count: number,
): DateTime {
  let day = start;
  let added = 0;
  while (added < count) {
    day = day.plus({ days: 1 });
    if (calendar.dayOff(day) === null) added += 1;
  }
  return day;
}

let directoryInstance: Holidays | null = null;
const directory = (): Holidays => (directoryInstance ??= new (holidaysLibrary())());
// The library returns undefined where a country has no states or a state no areas, whatever
// its type declarations say.
const orUndefined = <T>(value: T): T | undefined => value;
const countriesOf = (): Record<string, string | undefined> => directory().getCountries('en');
const statesOf = (country: string): Record<string, string | undefined> =>
  orUndefined(directory().getStates(country, 'en')) ?? {};
const regionsOf = (country: string, state: string): Record<string, string | undefined> =>
  orUndefined(directory().getRegions(country, state, 'en')) ?? {};

let choices: HolidayCalendarChoice[] | null = null;

/** Every calendar the library knows, for the Settings screen: countries, their states, areas. */
export function holidayCalendarChoices(): HolidayCalendarChoice[] {
  choices ??= listCalendars();
  return choices;
}

function listCalendars(): HolidayCalendarChoice[] {
  const named = (entries: Record<string, string | undefined>) =>
    Object.entries(entries).map(([code, name]) => ({ code, name: name ?? code }));
  return named(countriesOf())
    .map(({ code, name }) => ({
      code,
      name,
      states: named(statesOf(code))
        .map((state) => ({
          ...state,
          regions: named(regionsOf(code, state.code)).sort(byName),
        }))
        .sort(byName),
    }))
    .sort(byName);
}

const byName = (a: { name: string }, b: { name: string }): number => a.name.localeCompare(b.name);

/** Why the library does not know this calendar, or null when it does. */
export function calendarProblem(spec: HolidayCalendar): string | null {
  const country = countriesOf()[spec.country];
  if (!country) return `There is no holiday calendar for the country code "${spec.country}".`;
  if (spec.state !== null && !statesOf(spec.country)[spec.state]) {
    return `${country} has no state or region "${spec.state}" in the holiday calendars.`;
  }
  if (spec.region !== null) {
    if (spec.state === null) return 'A local area needs the state or region it lies in.';
    if (!regionsOf(spec.country, spec.state)[spec.region]) {
      return `${country} has no local area "${spec.region}" in "${spec.state}".`;
    }
  }
  return null;
}

function calendarName(spec: HolidayCalendar): string {
  const state = spec.state ? (statesOf(spec.country)[spec.state] ?? spec.state) : null;
  const region =
    spec.state && spec.region
      ? (regionsOf(spec.country, spec.state)[spec.region] ?? spec.region)
      : null;
  return [countriesOf()[spec.country] ?? spec.country, state, region].filter(Boolean).join(', ');
}
