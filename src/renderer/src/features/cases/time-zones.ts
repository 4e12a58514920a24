/** Every IANA zone the runtime knows, with the chosen one always present (e.g. "UTC"). */
export function timeZoneChoices(chosen: string): string[] {
  let all: string[] = [];
  try {
    all = Intl.supportedValuesOf('timeZone');
  } catch {
    // An old runtime without the list: the chosen zone alone is still a valid answer.
  }
  return all.includes(chosen) ? all : [chosen, ...all];
}
