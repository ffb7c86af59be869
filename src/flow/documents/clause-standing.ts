/**
 * Whether an offer's clause is standard: it names a library clause and keeps its text (or leaves
 * the text to the library). Edited text, or a clause the library does not know, is non-standard,
 * which the approval policy can route to legal. The server decides; a client's flag is not trusted.
 */
export interface LibraryClause {
  key: string;
  body: string;
}

export interface OfferClause {
  key: string;
  text?: string;
  standard: boolean;
}

const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();

export function judgeClauses<T extends OfferClause>(clauses: readonly T[], library: readonly LibraryClause[]): T[] {
  const byKey = new Map(library.map((c) => [c.key, c]));
  return clauses.map((clause) => {
    const known = byKey.get(clause.key);
    const standard = !!known && (clause.text === undefined || normalise(clause.text) === normalise(known.body));
    return { ...clause, standard };
  });
}
