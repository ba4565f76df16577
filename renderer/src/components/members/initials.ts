// A person's initials for their avatar: the first character a reader sees
// (a grapheme, so an emoji or an accented letter is never cut in half) of the
// first and of the last word of their name. "Grace 🚀 Hopper" gives "GH".
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

function isAscii(code: number): boolean {
  return code < 0x80;
}

function firstGrapheme(word: string): string {
  // An ASCII character followed by another (or by nothing) is a grapheme of
  // its own (CR LF cannot occur inside a word): most names skip the
  // segmenter, which costs tens of microseconds a row while scrolling.
  const second = word.charCodeAt(1);
  if (isAscii(word.charCodeAt(0)) && (Number.isNaN(second) || isAscii(second))) return word.charAt(0);
  for (const { segment } of graphemes.segment(word)) return segment;
  return '';
}

export function initialsOf(displayName: string): string {
  const words = displayName.trim().split(/\s+/u).filter((word) => word !== '');
  const first = words[0];
  if (first === undefined) return '';
  const last = words.length > 1 ? words[words.length - 1] : undefined;
  return (firstGrapheme(first) + (last === undefined ? '' : firstGrapheme(last))).toLocaleUpperCase();
}
