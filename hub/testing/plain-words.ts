// The words check (issue 11.3) for text a person reads on the hub's own pages:
// no rule ID ("(A4)", "R7"), no name from the code ("maskContactDetails",
// "invalid_message", "member.invite"). The same patterns as
// hub/words-for-people.test.ts, for tests of single pages.
const RULE_ID = /\((?:[AULRVEDOX]\d)\)|\b[AULRVEDOX]\d\b/;
const CAMEL_CASE = /\b[a-z]+[A-Z][A-Za-z0-9]*\b/;
const SNAKE_CASE = /\b[A-Za-z0-9]+_[A-Za-z0-9_]+\b/;
const DOTTED_NAME = /\b[a-z]+\.[a-z][A-Za-z]*\b/;
const SCHEMA_WORDS = /\bexpected \w+, received\b|^Invalid input\b|^Unrecognized key/;
const PATTERNS = [RULE_ID, CAMEL_CASE, SNAKE_CASE, DOTTED_NAME, SCHEMA_WORDS];

/** Every piece of `texts` a person should not have to read, with what it has. */
export function unreadable(texts: Iterable<string>): string[] {
  const found: string[] = [];
  for (const text of texts) {
    // Addresses a person typed or a link they follow are theirs, not the code's.
    const words = text.replace(/\b[a-z]+:\/\/\S+/gi, '').replace(/\S+@\S+/g, '');
    for (const pattern of PATTERNS) {
      const match = pattern.exec(words);
      if (match) found.push(`${JSON.stringify(text)} has ${JSON.stringify(match[0])}`);
    }
  }
  return found;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** What a person reads on a page: its text, and the attributes a browser shows (title, alt, labels, placeholders, a field's value). */
export function readableText(html: string): string[] {
  const shown = [...html.matchAll(/\s(?:title|alt|aria-label|placeholder|value)="([^"]*)"/g)].map((match) => match[1] ?? '');
  const text = html
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]+>/g, '\n');
  const decode = (value: string) =>
    value.replace(/&(#\d+|[a-z]+);/g, (entity, name: string) => (name.startsWith('#') ? String.fromCharCode(Number(name.slice(1))) : (ENTITIES[name] ?? entity)));
  return [...text.split('\n'), ...shown].map((line) => decode(line).trim()).filter((line) => line.length > 0);
}
