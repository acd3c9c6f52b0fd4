import { isWord, type Sentence, type Term } from "./parse-note";
import { makeSignal, type Signal } from "./signal-kinds";

// A passive clause is a form of "be" or "get" followed by a past participle ("was made", "got
// pushed", "had been signed", "wasn't updated"). compromise tags the participle as a past-tense
// verb, or — when it reads it as a state ("wasn't updated", "got lost") — as an adjective.
const BE = new Set(["am", "is", "are", "was", "were", "be", "been", "being"]);
const GET = new Set(["get", "gets", "got", "gotten", "getting"]);
const BETWEEN = new Set([
  "not",
  "never",
  "still",
  "already",
  "just",
  "also",
  "then",
  "only",
  "all",
  "kind",
  "sort",
  "of",
]);

// Participles that describe a state rather than an action done to the subject: "I was surprised",
// "I was involved", "it was based on" — adjectives in all but form (Quirk et al., §3.74–3.78).
const STATIVE = new Set([
  "surprised",
  "convinced",
  "worried",
  "concerned",
  "interested",
  "excited",
  "pleased",
  "disappointed",
  "frustrated",
  "embarrassed",
  "shocked",
  "confused",
  "scared",
  "tired",
  "annoyed",
  "relieved",
  "impressed",
  "stressed",
  "overwhelmed",
  "satisfied",
  "determined",
  "committed",
  "involved",
  "based",
  "supposed",
  "done",
  "gone",
  "married",
  "qualified",
  "prepared",
  "experienced",
  "focused",
  "stuck",
  "aligned",
  "located",
  "known",
  "called",
  "named",
  "excited",
  "exhausted",
  "motivated",
  "engaged",
  "disengaged",
  "burned",
  "burnt",
  "unaware",
  "aware",
]);

// Irregular participles compromise may read as adjectives ("got lost").
const IRREGULAR = new Set([
  "lost",
  "made",
  "told",
  "given",
  "taken",
  "left",
  "sent",
  "written",
  "broken",
  "forgotten",
  "shown",
  "hidden",
  "thrown",
  "caught",
  "built",
  "bought",
  "brought",
  "put",
  "cut",
  "set",
  "shut",
  "hit",
  "kept",
  "held",
  "run",
  "read",
  "said",
  "seen",
  "paid",
  "sold",
  "spent",
  "meant",
]);

function isParticiple(term: Term | undefined): boolean {
  if (!term || STATIVE.has(term.normal)) return false;
  if (term.tags.has("Gerund") || term.tags.has("Infinitive")) return false;
  if (term.tags.has("Passive") && term.tags.has("Verb") && !term.tags.has("Auxiliary")) return true;
  if (term.tags.has("Verb") && (term.tags.has("PastTense") || term.tags.has("Participle"))) return true;
  return term.tags.has("Adjective") && (/(ed|en|ne|wn)$/.test(term.normal) || IRREGULAR.has(term.normal));
}

/** "used to" + a noun or gerund is habit ("I was used to working alone"), not a passive. */
function isUsedTo(terms: Term[], i: number): boolean {
  if (terms[i].normal !== "used" || terms[i + 1]?.normal !== "to") return false;
  const next = terms[i + 2];
  return !next || !next.tags.has("Infinitive");
}

export function findPassiveVoice(sentences: Sentence[]): Signal[] {
  const signals: Signal[] = [];
  for (const { terms } of sentences) {
    for (let i = 0; i < terms.length; i++) {
      const aux = terms[i];
      const isGet = isWord(aux, GET);
      if (!BE.has(aux.normal) && !isGet) continue;
      let j = i + 1;
      // Skip a perfect/progressive chain and adverbs: "had been", "was never", "is still", "wasn't".
      while (j < terms.length && (BE.has(terms[j].normal) || isWord(terms[j], BETWEEN) || terms[j].tags.has("Adverb")))
        j++;
      const participle = terms[j];
      if (!isParticiple(participle) || isUsedTo(terms, j)) continue;
      // "got" + a participle is passive only when nothing sits between ("got it wrong" is not).
      if (isGet && j !== i + 1) continue;
      signals.push(makeSignal("passive_voice", aux.start, participle.end));
      i = j;
    }
  }
  return signals;
}
