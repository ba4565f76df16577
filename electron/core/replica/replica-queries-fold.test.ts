// Issue 12: the JavaScript mirror of FTS5's case folding is exactly what the
// SQLite in use does, code point by code point; a search of one or two
// characters (which the trigram index cannot answer) then finds exactly what
// a longer one would.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { caseVariants, foldCodePoint, foldText } from './replica-queries-fold';

/** What FTS5's trigram tokenizer (as the replica declares it) indexes for each code point. */
function sqliteFolds(codePoints: readonly number[]): Map<number, number> {
  const sqlite = new Database(':memory:');
  try {
    sqlite.exec(`CREATE VIRTUAL TABLE probe USING fts5(text, tokenize='trigram case_sensitive 0 remove_diacritics 0')`);
    sqlite.exec(`CREATE VIRTUAL TABLE probe_terms USING fts5vocab(probe, 'instance')`);
    const insert = sqlite.prepare('INSERT INTO probe(rowid, text) VALUES (?, ?)');
    // Each code point followed by two plain letters: the first trigram's first character is its fold.
    sqlite.transaction(() => {
      for (const codePoint of codePoints) insert.run(codePoint, `${String.fromCodePoint(codePoint)}ab`);
    })();
    const rows = sqlite.prepare('SELECT doc, term FROM probe_terms WHERE offset = 0').all() as Array<{ doc: number; term: string }>;
    return new Map(rows.map((row) => [row.doc, row.term.codePointAt(0) ?? -1]));
  } finally {
    sqlite.close();
  }
}

function codePointsToCheck(): number[] {
  const codePoints: number[] = [];
  // Every code point of the planes that have letters with case, then a sample of the rest.
  for (let codePoint = 1; codePoint < 0x110000; codePoint += codePoint <= 0x2ffff ? 1 : 13) {
    if (codePoint < 0xd800 || codePoint > 0xdfff) codePoints.push(codePoint);
  }
  return codePoints;
}

describe('FTS5 case folding, mirrored', () => {
  it('issue 12: folds every code point exactly as the trigram index of this SQLite does', () => {
    const codePoints = codePointsToCheck();
    const folds = sqliteFolds(codePoints);
    const differing = codePoints.filter((codePoint) => folds.get(codePoint) !== foldCodePoint(codePoint)).map((codePoint) => codePoint.toString(16));
    expect(differing).toEqual([]);
  });

  it('issue 12: groups every character with the ones that fold like it', () => {
    expect(caseVariants('a').sort()).toEqual(['A', 'a']);
    expect(caseVariants('S').sort()).toEqual(['S', 's', 'ſ']);
    expect(caseVariants('ς').sort()).toEqual(['Σ', 'ς', 'σ']);
    expect(caseVariants('李')).toEqual(['李']);
    expect(caseVariants('😀')).toEqual(['😀']);
    expect(foldText('ΣΊΣΥΦΟΣ Straße')).toBe('σίσυφοσ straße');
  });
});
