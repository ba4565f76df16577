// Issue 13.5: a stored UTC date as the person reads it, in their own time zone
// (the one this window runs in), with the zone named so nobody guesses.
// Spelled out field by field: Intl refuses `dateStyle`/`timeStyle` together
// with `timeZoneName` (a RangeError that, thrown while rendering, took the
// whole two-step section and its open dialog off the page).
const WORDS: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' };

export function deadlineWords(at: number, timeZone: string = Intl.DateTimeFormat().resolvedOptions().timeZone): string {
  return new Intl.DateTimeFormat(undefined, { ...WORDS, timeZone }).format(at);
}
