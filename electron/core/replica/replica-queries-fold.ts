// The case folding of SQLite's FTS5 trigram tokenizer (case_sensitive 0),
// mirrored in JavaScript so that searches too short for the trigram index
// (one or two characters) and the check of every index hit fold exactly as
// the index does: one definition of "matches", whichever path answers.
//
// FTS5 folds with its own Unicode tables; they agree with toLowerCase() on
// every code point except the ones listed here (found by indexing every code
// point; replica-queries-fold.test.ts checks this table against the SQLite in
// use, so an upgrade that changes either side fails a test).

/** Letters JavaScript lowercases but FTS5 leaves as they are (mostly letters newer than its tables). */
const KEPT_BY_FTS5: ReadonlyArray<readonly [number, number]> = [
  [0x130, 0x130], [0x37f, 0x37f], [0x528, 0x528], [0x52a, 0x52a], [0x52c, 0x52c], [0x52e, 0x52e],
  [0x13a0, 0x13f5], [0x1c89, 0x1c89], [0x1c90, 0x1cba], [0x1cbd, 0x1cbf], [0x2c2f, 0x2c2f],
  [0xa698, 0xa698], [0xa69a, 0xa69a], [0xa796, 0xa796], [0xa798, 0xa798], [0xa79a, 0xa79a], [0xa79c, 0xa79c],
  [0xa79e, 0xa79e], [0xa7ab, 0xa7ae], [0xa7b0, 0xa7b4], [0xa7b6, 0xa7b6], [0xa7b8, 0xa7b8], [0xa7ba, 0xa7ba],
  [0xa7bc, 0xa7bc], [0xa7be, 0xa7be], [0xa7c0, 0xa7c0], [0xa7c2, 0xa7c2], [0xa7c4, 0xa7c7], [0xa7c9, 0xa7c9],
  [0xa7cb, 0xa7cc], [0xa7ce, 0xa7ce], [0xa7d0, 0xa7d0], [0xa7d2, 0xa7d2], [0xa7d4, 0xa7d4], [0xa7d6, 0xa7d6],
  [0xa7d8, 0xa7d8], [0xa7da, 0xa7da], [0xa7dc, 0xa7dc], [0xa7f5, 0xa7f5],
  [0x104b0, 0x104d3], [0x10570, 0x1057a], [0x1057c, 0x1058a], [0x1058c, 0x10592], [0x10594, 0x10595],
  [0x10c80, 0x10cb2], [0x10d50, 0x10d65], [0x118a0, 0x118bf], [0x16e40, 0x16e5f], [0x16ea0, 0x16eb8], [0x1e900, 0x1e921],
];

/** Code points FTS5 folds where toLowerCase() does not: case folding proper (ſ to s, final sigma to sigma), and noncharacters. */
const FOLDED_BY_FTS5_ONLY: ReadonlyMap<number, number> = new Map([
  [0x17f, 0x73], [0x3d0, 0x3b2], [0x3f5, 0x3b5], [0x3d1, 0x3b8], [0x345, 0x3b9], [0x1fbe, 0x3b9], [0x3f0, 0x3ba],
  [0xb5, 0x3bc], [0x3d6, 0x3c0], [0x3f1, 0x3c1], [0x3c2, 0x3c3], [0x3d5, 0x3c6], [0x1e9b, 0x1e61],
  [0xfffe, 0xfffd], [0xffff, 0xfffd],
]);

/** No code point above this one folds, in either table. */
const LAST_CASED_CODE_POINT = 0x1ffff;

function isKeptByFts5(codePoint: number): boolean {
  for (const [first, last] of KEPT_BY_FTS5) {
    if (codePoint < first) return false;
    if (codePoint <= last) return true;
  }
  return false;
}

/** The code point FTS5 indexes in place of this one. */
export function foldCodePoint(codePoint: number): number {
  const special = FOLDED_BY_FTS5_ONLY.get(codePoint);
  if (special !== undefined) return special;
  if (codePoint > LAST_CASED_CODE_POINT || isKeptByFts5(codePoint)) return codePoint;
  const lower = String.fromCodePoint(codePoint).toLowerCase();
  const folded = lower.codePointAt(0) ?? codePoint;
  // A lowercase of more than one code point (only U+0130, kept above) is not a fold.
  return lower.length === String.fromCodePoint(folded).length ? folded : codePoint;
}

/** Text as FTS5 folds it, code point by code point. */
export function foldText(text: string): string {
  let folded = '';
  for (const character of text) folded += String.fromCodePoint(foldCodePoint(character.codePointAt(0) ?? 0));
  return folded;
}

let unfoldings: Map<number, number[]> | null = null;

/** Every code point that folds to another, grouped by what it folds to; built once, on the first short search (about 20 ms). */
function unfoldingTable(): Map<number, number[]> {
  if (unfoldings) return unfoldings;
  const table = new Map<number, number[]>();
  for (let codePoint = 0; codePoint <= LAST_CASED_CODE_POINT; codePoint += 1) {
    if (codePoint >= 0xd800 && codePoint <= 0xdfff) continue;
    const folded = foldCodePoint(codePoint);
    if (folded === codePoint) continue;
    const forms = table.get(folded) ?? [];
    forms.push(codePoint);
    table.set(folded, forms);
  }
  unfoldings = table;
  return table;
}

/** Every character that FTS5 folds the same as this one (the character's fold first). */
export function caseVariants(character: string): string[] {
  const folded = foldCodePoint(character.codePointAt(0) ?? 0);
  return [folded, ...(unfoldingTable().get(folded) ?? [])].map((codePoint) => String.fromCodePoint(codePoint));
}
