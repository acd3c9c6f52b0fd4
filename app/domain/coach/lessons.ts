import type { Sentence } from "./parse-note";
import { makeSignal, type Signal } from "./signal-kinds";

// Seed 004: "'I learned to be more careful' is not a behavioural change. It's a sentiment." A lesson
// is generic when it is only a sentiment, and lacks a mechanism when it is specific but names no
// practice anyone could check. Both need the whole note: a mechanism anywhere in it answers them.
// Sentences are read as compromise's lemmas ("learned" -> learn, "realised" -> realise), so one
// pattern covers every tense.

const LESSON_CUE =
  /\b(learn|teach me|lesson (for me )?(be|was|is)|lesson learn|main lesson|lesson :|takeaway|take away|what i take away|realise|realize|understand the (value|importance)|go forward|now i try|from now on|(make|made) me a better)\b/;
// "when I realised the backup hadn't run" is a discovery in the story, not a lesson.
const DISCOVERY = /\b(when|as soon as|once|until|then|before|after) i (realise|realize)\b/;

const SENTIMENT =
  /\b(better|more careful|more thorough|more proactive|be more|communicate more|listen more|earlier|importance of|value of|how important|is key|be key|is important|be important|is really important|be really important|matter|a lot|slow down|over-communicate|over communicate|overcommunicate|always double-check|double check|a better (manager|leader|listener|engineer|person)|listen first|listening first|trust (my|his|her|their) team)\b/;

// Standalone slogans that are lessons without any cue ("Listening first, always.").
const SLOGAN =
  /^(listen(ing)? first|always (double-check|double check|over-communicate|check)|be more (careful|thorough|proactive)|communication (is|be) (key|everything|important|king))\b|\b(communication|teamwork|alignment) (is|be) (key|everything|really important|so important|important)\b/;

// A mechanism: a cadence, or the candidate putting a concrete practice or artefact in place.
const CADENCE =
  /\b(every|each|any time|anytime|whenever|weekly|daily|monthly|standing|before (any|every|each|i|we)|since then|now (i )?(run|send|ask|keep|start|check|write|call|open|review|use|hold|add|do)|i now|is the question i ask)\b/;
const PRACTICE_VERB =
  /\b(add|start|create|build|set up|put|introduce|run|send|write|keep|schedule|make|set|wrote|built|open|institute|adopt)\b/;
const ARTEFACT =
  /\b(checklist|playbook|runbook|template|sync|standup|meeting|alert|audit|review|dry run|log|changelog|doc|document|calendar|rule|step|question|pre-mortem|premortem|guide|channel|summary|dashboard|test|script|approver|sign-off|retro|one-on-one)s?\b/;

function sentenceWords(sentence: Sentence, form: "normal" | "root"): string {
  return sentence.terms.map((t) => (form === "root" ? t.root || t.normal : t.normal)).join(" ");
}

function hasMechanism(sentences: Sentence[]): boolean {
  return sentences.some((s) => {
    const words = sentenceWords(s, "normal");
    const roots = sentenceWords(s, "root");
    return CADENCE.test(words) || ((PRACTICE_VERB.test(words) || PRACTICE_VERB.test(roots)) && ARTEFACT.test(words));
  });
}

export function findLessons(sentences: Sentence[]): Signal[] {
  if (hasMechanism(sentences)) return [];
  const signals: Signal[] = [];
  for (const sentence of sentences) {
    const words = sentenceWords(sentence, "normal");
    const roots = sentenceWords(sentence, "root");
    const cue = LESSON_CUE.test(roots) || LESSON_CUE.test(words);
    const isLesson = (cue && !DISCOVERY.test(roots)) || SLOGAN.test(words) || SLOGAN.test(roots);
    if (!isLesson) continue;
    const generic = SLOGAN.test(words) || SLOGAN.test(roots) || SENTIMENT.test(words) || SENTIMENT.test(roots);
    signals.push(makeSignal(generic ? "generic_lesson" : "no_mechanism", sentence.start, sentence.end));
  }
  return signals;
}
