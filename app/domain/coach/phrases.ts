import { compilePatterns, matchSpans, type ParsedNote, type Pattern } from "./parse-note";
import { makeSignal, type Signal, type SignalKind } from "./signal-kinds";

// Fixed phrasings, matched with compromise patterns so that inflections ({affect} = affects,
// affected), contractions (can't = can not) and intervening adverbs (#Adverb?) come for free.

/** The consequence played down (seed 004: "so minor that nothing was affected"). */
const MINIMISING = [
  "(a|just a|only a) #Adverb? (small|minor|tiny|little) (thing|issue|glitch|slip|mistake|problem|bug|typo)",
  "(just|only) a (minor|small|tiny)? (typo|glitch|blip|hiccup)",
  "no #Adverb? (real|actual|lasting|major|significant)? (impact|harm|damage|consequence|consequences) (done|caused)?",
  "no harm done",
  "nobody #Adverb? noticed",
  "no one #Adverb? noticed",
  "not a (big|huge) deal",
  "did not #Adverb? (affect|impact|hurt) (anyone|anybody|anything|customers|users)",
  "#Adverb? (pretty|fairly|quite|really)? trivial",
  "(fixed|sorted|resolved) in (seconds|minutes|a minute|five minutes|two minutes)",
];

/** No mistake offered at all (seed 004: "claiming immunity"). */
const CLAIMS_IMMUNITY = [
  "i can not #Adverb? think of (a|any|one|an) #Adjective? (mistake|time|example|failure|error|one)",
  "i can not #Adverb? think of (one|any|anything)",
  "nothing #Adverb? comes to mind",
  "(never|not) {make} (a|any) #Adjective? (mistake|mistakes|error|errors)",
  "i do not #Adverb? {make} (mistakes|many mistakes|big mistakes)",
  "i can not #Adverb? (recall|remember) (a|any) #Adjective? (mistake|time)",
];

/** Softeners that invite a probe, not a flag. "kind of"/"sort of" only before a verb, adjective or pronoun. */
const HEDGING = [
  "i think maybe",
  "(sort|kind) of [#Verb]",
  "(sort|kind) of (#Adjective|#Pronoun|#Possessive|#Adverb|my|his|her|their|our)",
  "i guess",
  "i suppose",
  "^perhaps",
  "perhaps",
  "maybe",
  "probably",
  "possibly",
  "to (some|a certain) extent",
  "(somewhat|arguably|more or less)",
  "a bit #Adjective",
];

const PHRASES: Array<[SignalKind, Pattern[]]> = [
  ["minimising", compilePatterns(MINIMISING)],
  ["claims_immunity", compilePatterns(CLAIMS_IMMUNITY)],
  ["hedging", compilePatterns(HEDGING)],
];

/** "I thought it was minor" is the candidate's misjudgement, not consequences played down. */
const [OWN_MISJUDGEMENT] = compilePatterns([
  "(felt|seemed|seems|thought|think|assumed|looked) #Adverb? (it was|was)? #Adverb? (minor|small|trivial)",
]);

export function findPhrases(note: ParsedNote): Signal[] {
  const signals: Signal[] = [];
  const misjudged = matchSpans(note.doc, OWN_MISJUDGEMENT);
  for (const [kind, patterns] of PHRASES) {
    for (const pattern of patterns) {
      for (const span of matchSpans(note.doc, pattern)) {
        if (kind === "minimising" && misjudged.some((m) => m.start <= span.start && span.end <= m.end + 1)) continue;
        signals.push(makeSignal(kind, span.start, span.end));
      }
    }
  }
  return signals;
}
