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

/** compromise's own term objects (read directly: its json() output costs several times more). */
type RawTerm = {
  text: string;
  normal: string;
  implicit?: string;
  machine?: string;
  root?: string;
  tags: Set<string>;
  offset: { start: number; length: number };
};

export type ParsedNote = { doc: ReturnType<typeof nlp>; sentences: Sentence[] };

export function parseNote(text: string): ParsedNote {
  const doc = nlp(text);
  doc.compute(["root", "offset"]);
  return { doc, sentences: readSentences(doc) };
}

function readSentences(doc: ReturnType<typeof nlp>): Sentence[] {
  const sentences = doc.docs as unknown as RawTerm[][];
  return sentences
    .map((sentence) => {
      const terms: Term[] = [];
      for (const term of sentence) {
        const implicit = term.offset.length === 0 && terms.length > 0;
        const host = implicit ? terms[terms.length - 1] : null;
        const normal = (term.implicit || term.machine || term.normal || "").toLowerCase();
        terms.push({
          text: term.text,
          normal: implicit ? normal : term.normal.toLowerCase(),
          root: (term.root || normal).toLowerCase(),
          tags: term.tags,
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
export function matchSpans(doc: ParsedNote["doc"], pattern: Pattern): Array<{ start: number; end: number }> {
  const matches = doc.match(pattern).docs as unknown as RawTerm[][];
  const spans: Array<{ start: number; end: number }> = [];
  for (const match of matches) {
    const visible = match.filter((t) => t.offset && t.offset.length > 0);
    if (visible.length === 0) continue;
    spans.push({
      start: visible[0].offset.start,
      end: Math.max(...visible.map((t) => t.offset.start + t.offset.length)),
    });
  }
  return spans;
}

export type Pattern = ReturnType<typeof nlp.parseMatch>;

/** Patterns are parsed once, at module load, not on every note. */
export function compilePatterns(patterns: string[]): Pattern[] {
  return patterns.map((p) => nlp.parseMatch(p));
}
