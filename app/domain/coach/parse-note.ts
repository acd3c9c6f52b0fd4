import nlp from "compromise/two";

/**
 * The note as compromise reads it: sentences of tagged terms with exact offsets into the text.
 * compromise splits contractions ("wasn't" -> was + not, "it's" -> it + is); the implicit half has
 * no text of its own, so it gets the host term's span, and `normal` holds the expanded word.
 */
export type Term = {
  text: string;
  normal: string;
  root: string;
  tags: ReadonlySet<string>;
  start: number;
  end: number;
};

export type Sentence = { terms: Term[]; start: number; end: number };

type JsonTerm = {
  text: string;
  normal: string;
  implicit?: string;
  machine?: string;
  root?: string;
  tags: string[];
  offset: { start: number; length: number };
};

export type ParsedNote = { doc: ReturnType<typeof nlp>; sentences: Sentence[] };

export function parseNote(text: string): ParsedNote {
  const doc = nlp(text);
  doc.compute("root");
  return { doc, sentences: readSentences(doc) };
}

function readSentences(doc: ReturnType<typeof nlp>): Sentence[] {
  const sentences = doc.json({ offset: true, terms: { offset: true } }) as Array<{ terms: JsonTerm[] }>;
  return sentences
    .map((sentence) => {
      const terms: Term[] = [];
      for (const term of sentence.terms) {
        const implicit = term.offset.length === 0 && terms.length > 0;
        const host = implicit ? terms[terms.length - 1] : null;
        const normal = (term.implicit || term.machine || term.normal || "").toLowerCase();
        terms.push({
          text: term.text,
          normal: implicit ? normal : term.normal.toLowerCase(),
          root: (term.root || normal).toLowerCase(),
          tags: new Set(term.tags),
          start: host ? host.start : term.offset.start,
          end: host ? host.end : term.offset.start + term.offset.length,
        });
        // The host of a contraction reads as its first half ("it's" -> "it", "wasn't" -> "was").
        if (host && term.implicit) host.normal = host.normal.replace(/(n't|'s|'re|'ve|'d|'ll|'m|’s)$/, "");
      }
      const visible = terms.filter((t) => t.end > t.start);
      return {
        terms,
        start: visible.length ? visible[0].start : 0,
        end: visible.length ? visible[visible.length - 1].end : 0,
      };
    })
    .filter((s) => s.terms.length > 0);
}

/** True when a term is one of the words given (by its normal or expanded form). */
export function isWord(term: Term | undefined, words: ReadonlySet<string>): boolean {
  return term !== undefined && (words.has(term.normal) || words.has(term.root));
}

/**
 * Spans of the text matched by a compromise pattern ("{learn} to communicate better"); bounds come
 * from the terms, so trailing punctuation and quotation marks stay outside the span.
 */
export function matchSpans(doc: ParsedNote["doc"], pattern: string): Array<{ start: number; end: number }> {
  const matches = doc.match(pattern).json({ offset: true, terms: { offset: true } }) as Array<{ terms: JsonTerm[] }>;
  const spans: Array<{ start: number; end: number }> = [];
  for (const match of matches) {
    const visible = match.terms.filter((t) => t.offset.length > 0);
    if (visible.length === 0) continue;
    spans.push({ start: visible[0].offset.start, end: Math.max(...visible.map((t) => t.offset.start + t.offset.length)) });
  }
  return spans;
}
