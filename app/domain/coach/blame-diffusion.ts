import { isWord, type Sentence, type Term } from "./parse-note";
import { makeSignal, type Signal } from "./signal-kinds";

// Seed 004: "If 'we' is doing all the grammatical work, the interviewer can't see your individual
// accountability." A clause diffuses blame when someone other than the candidate — we, the team,
// another person or team, nobody, "things", "the process" — is the agent of the mistake or the fix
// and the candidate does nothing in the same sentence. In notes "he"/"she" is the candidate.

const AGENT_PRONOUNS = new Set(["we", "they", "nobody", "everyone", "everybody", "someone", "somebody"]);
const AGENT_NOUNS = new Set([
  "team",
  "teams",
  "group",
  "pm",
  "manager",
  "leadership",
  "management",
  "qa",
  "design",
  "engineering",
  "product",
  "contractor",
  "vendor",
  "process",
  "thing",
  "things",
  "ops",
  "support",
  "director",
  "lead",
  "sales",
  "people",
  "org",
  "company",
  "stakeholders",
  "client",
]);
const MISTAKE_VERBS = new Set([
  "miss",
  "drop",
  "forget",
  "fail",
  "overlook",
  "ignore",
  "mess",
  "break",
  "lose",
  "underestimate",
  "overestimate",
  "misjudge",
  "miscommunicate",
  "misunderstand",
  "misread",
  "skip",
  "blame",
  "neglect",
  "assume",
  "screw",
  "botch",
  "rush",
]);
const FIX_VERBS = new Set([
  "fix",
  "roll",
  "patch",
  "revert",
  "resolve",
  "restore",
  "repair",
  "mitigate",
  "catch",
  "hotfix",
  "redo",
]);
const MISTAKE_NOUNS = new Set([
  "breakdown",
  "miscommunication",
  "misunderstanding",
  "lack",
  "mix-up",
  "disconnect",
  "misalignment",
  "failure",
]);
const SKIP = new Set([
  "all",
  "kind",
  "sort",
  "of",
  "just",
  "also",
  "then",
  "both",
  "really",
  "honestly",
  "collectively",
]);
const NOT_BLAME = new Set(["notice", "know", "see", "realise", "realize", "say", "think", "want", "need", "like"]);

/** The candidate acts in this sentence: "we shipped the fix after I wrote the patch". */
function candidateActs(terms: Term[]): boolean {
  return terms.some((t, i) => t.normal === "i" && terms.slice(i + 1).some((n) => n.tags.has("Verb")));
}

function isAgent(term: Term, previous: Term | undefined): boolean {
  if (AGENT_PRONOUNS.has(term.normal)) return true;
  if (term.normal === "one") return previous?.normal === "no"; // "no one checked"
  return (
    (term.tags.has("Noun") || term.normal === "engineering") &&
    !term.tags.has("Pronoun") &&
    (isWord(term, AGENT_NOUNS) || term.tags.has("Person"))
  );
}

/** Start of the noun phrase ending at `i`: "the other team", "our team", "my manager". */
function phraseStart(terms: Term[], i: number): number {
  let k = i;
  while (
    k > 0 &&
    ["Determiner", "Possessive", "Adjective"].some((tag) => terms[k - 1].tags.has(tag)) &&
    terms[k - 1].normal !== "i"
  )
    k--;
  return k;
}

function pastToRoot(word: string): string {
  const bare = word.replace(/ed$/, "");
  return MISTAKE_VERBS.has(bare) || FIX_VERBS.has(bare) ? bare : word.replace(/d$/, "");
}

function blameAt(terms: Term[], i: number): number | null {
  let j = i + 1;
  let negated = false;
  let should = false;
  while (j < terms.length) {
    const t = terms[j];
    if (t.normal === "not" || t.normal === "never") negated = true;
    else if (t.normal === "should" || t.normal === "ought") should = true;
    else if (!(
      isWord(t, SKIP) ||
      t.tags.has("Adverb") ||
      t.tags.has("Modal") ||
      (t.tags.has("Auxiliary") && !t.tags.has("Copula")) ||
      t.normal === "did"
    ))
      break;
    j++;
  }
  const verb = terms[j];
  if (!verb || verb.tags.has("Copula")) return null;
  // After "kind of" compromise reads "assumed" as an adjective; a bare -ed word there is the verb.
  const adjectivalPast = !verb.tags.has("Verb") && verb.tags.has("Adjective") && /ed$/.test(verb.normal);
  if (!verb.tags.has("Verb") && !adjectivalPast) return null;
  const rest = terms.slice(j + 1, j + 6);
  const root = adjectivalPast ? pastToRoot(verb.normal) : verb.root || verb.normal;
  if (NOT_BLAME.has(root)) return null;
  if (root === "have" && rest.slice(0, 2).some((t) => isWord(t, MISTAKE_NOUNS)))
    return rest.find((t) => isWord(t, MISTAKE_NOUNS))!.end;
  if (root === "have" && !should) return null;
  if (negated || should || MISTAKE_VERBS.has(root) || FIX_VERBS.has(root)) return verb.end;
  if (terms[i].normal === "nobody" || (terms[i].normal === "one" && terms[i - 1]?.normal === "no")) return verb.end;
  const next = rest[0];
  if (
    (root === "push" || root === "force" || root === "pressure") &&
    next &&
    ["us", "me", "them"].includes(next.normal)
  )
    return next.end;
  if ((root === "cut" && next?.normal === "corners") || (root === "fall" && next?.normal === "through"))
    return rest[Math.min(2, rest.length - 1)].end;
  const tooLate = rest.findIndex(
    (t, k) => t.normal === "wrong" || (t.normal === "too" && rest[k + 1]?.normal === "late"),
  );
  if (tooLate >= 0) return rest[tooLate].normal === "too" ? rest[tooLate + 1].end : rest[tooLate].end;
  const without = rest.findIndex((t) => t.normal === "without");
  if (without >= 0 && rest[without + 1]?.tags.has("Gerund")) return rest[without + 1].end;
  return null;
}

export function findBlameDiffusion(sentences: Sentence[]): Signal[] {
  const signals: Signal[] = [];
  for (const { terms } of sentences) {
    if (candidateActs(terms)) continue;
    for (let i = 0; i < terms.length; i++) {
      const t = terms[i];
      // "There was a lack of alignment", "it was the contractor's fault".
      if (t.normal === "there" && terms[i + 1]?.root === "is") {
        const noun = terms.slice(i + 2, i + 5).find((n) => isWord(n, MISTAKE_NOUNS));
        if (noun) signals.push(makeSignal("blame_diffusion", t.start, noun.end));
        continue;
      }
      if (t.tags.has("Possessive") && !["my", "our"].includes(t.normal) && terms[i + 1]?.normal === "fault") {
        signals.push(makeSignal("blame_diffusion", terms[phraseStart(terms, i)].start, terms[i + 1].end));
        continue;
      }
      if (!isAgent(t, terms[i - 1])) continue;
      // The head of "the other team changed" is the last noun before the verb.
      if (terms[i + 1] && isAgent(terms[i + 1], t)) continue;
      const end = blameAt(terms, i);
      if (end !== null)
        signals.push(
          makeSignal("blame_diffusion", terms[phraseStart(terms, t.normal === "one" ? i - 1 : i)].start, end),
        );
    }
  }
  return signals;
}
