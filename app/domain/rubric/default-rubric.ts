import type { Rubric } from "./types";

// Rubric version 1, derived from the two source documents kept in tests/fixtures/seeds/:
//   seed 000 — the interview-prep card for the question (intent, key points, STAR template,
//              example answer, the "Companies Known to Ask This" table);
//   seed 004 — the article "Tell Me About a Time You Made a Mistake: It's Not Testing What You
//              Think" (mistake vs failure, the five-part weighting, the six killers, scope by level).
// Every weight, cap and variant says where it comes from, in `source` or `rationale`.

export const DEFAULT_RUBRIC: Rubric = {
  question: "Tell me about a time you made a mistake as a leader. How did you recover?",
  intent:
    "Can the candidate own a mistake, learn from it and repair trust? Self-awareness, accountability " +
    "and resilience — not whether they have never made a mistake (seed 000). A mistake is a specific " +
    "action they got wrong, not an outcome they missed (seed 004).",
  scale: { min: 1, max: 4 },
  rationale:
    "Weights follow seed 004's weighting of the five-part answer: situation 10% + the mistake 15% " +
    "= Ownership 25%; root cause 20% = Accountability 20%; immediate response 20% = Repair 20%; " +
    "behavioural change 35% = Behavioural change 35% ('the highest-scored section').",
  dimensions: [
    {
      key: "ownership",
      name: "Ownership",
      weight: 25,
      covers:
        "The situation and the mistake itself: a specific decision, in the first person and active " +
        "voice, with real stakes; scope that fits the level.",
      anchors: [
        { score: 1, text: "No real mistake: a fake or trivial stumble, someone else's error, or no story at all." },
        { score: 2, text: 'A mistake is named but hedged: passive voice or "we", vague decision, stakes minimised.' },
        {
          score: 3,
          text: "A specific decision they got wrong, first person, active voice, real stakes, brief context.",
        },
        {
          score: 4,
          text: "As 3, and the scope fits or exceeds the level (organisational surface area for senior/staff+).",
        },
      ],
      probes: [
        "What exactly did you decide or do that turned out to be wrong?",
        "What was at stake, and for whom?",
        "If you could replay it, which decision would you change?",
      ],
      source:
        "Seed 000 key point 1; seed 004 parts 1–2 (situation 10%, the mistake 15%) and 'the scope needs to match'.",
    },
    {
      key: "accountability",
      name: "Accountability",
      weight: 20,
      covers:
        "How they recognised and acknowledged the mistake, to themselves and to others; the root " +
        "cause — which assumption was false, which process was missing.",
      anchors: [
        { score: 1, text: "Deflects or minimises: blames others or circumstances, never acknowledges it." },
        { score: 2, text: 'Acknowledges it in general terms; no root cause beyond "I should have been more careful".' },
        {
          score: 3,
          text: "Owned it to the people affected (apologised, told their manager) and names the false assumption or missing process.",
        },
        {
          score: 4,
          text: "As 3, with a sharp diagnosis of their own mental model, acknowledged promptly and unprompted.",
        },
      ],
      probes: [
        "When and how did you realise it was your mistake?",
        "Who did you tell, and what did you say to them?",
        "Which assumption turned out to be false, and why did you hold it?",
      ],
      source: "Seed 000 key point 2; seed 004 part 3 (root cause 20%).",
    },
    {
      key: "repair",
      name: "Repair",
      weight: 20,
      covers:
        "Concrete immediate actions that fixed or limited the impact, and how they repaired " +
        "relationships and trust.",
      anchors: [
        { score: 1, text: "No concrete action: intentions only, or the problem was left for others to fix." },
        { score: 2, text: "Some action, but generic or slow; trust with the people affected is not addressed." },
        {
          score: 3,
          text: "Concrete actions that fixed or limited the impact, and a direct step to repair the relationship.",
        },
        {
          score: 4,
          text: "As 3, done fast and with a visible outcome: impact contained, trust demonstrably restored.",
        },
      ],
      probes: [
        "What did you do in the first hours after you found out?",
        "How did you repair things with the people affected?",
        "What was the outcome — in numbers, if you have them?",
      ],
      source: "Seed 000 key points 3–4; seed 004 part 4 (immediate response 20%).",
    },
    {
      key: "behavioural_change",
      name: "Behavioural change",
      weight: 35,
      covers:
        "A concrete mechanism they run differently now (a checklist step, a standing sync, a " +
        "playbook question), with evidence that it stuck.",
      anchors: [
        { score: 1, text: 'No lesson, or only a sentiment ("I learned communication matters").' },
        { score: 2, text: "A lesson without a mechanism: a resolution to be more careful, nothing they now run." },
        { score: 3, text: "A concrete mechanism they run now (checklist step, standing sync, playbook question)." },
        { score: 4, text: "As 3, with evidence it stuck — it has caught later problems, or others adopted it." },
      ],
      probes: [
        "What do you do differently now, concretely?",
        "When did that change last catch something?",
        "How would I see it if I joined your team today?",
      ],
      source: "Seed 000 key point 4; seed 004 part 5 (behavioural change 35%, 'the highest-scored section').",
    },
  ],
  redFlags: [
    {
      key: "fake_mistake",
      name: "Fake mistake",
      description: '"I care too much about quality", "I push myself too hard": a virtue dressed as a mistake.',
      caps: [{ dimension: "ownership", max: 1 }],
      source: "Seed 004, the six killers: the fake mistake.",
    },
    {
      key: "blame_diffusion",
      name: "Blame diffusion",
      description: '"We" does all the grammatical work; their own part cannot be seen.',
      caps: [
        { dimension: "ownership", max: 2 },
        { dimension: "accountability", max: 2 },
      ],
      source: "Seed 004, the six killers: blame diffusion ('The word \"I\" is load-bearing here').",
    },
    {
      key: "consequence_free",
      name: "Consequence-free stumble",
      description: "So minor that nothing was affected; nothing to manage, no recovery worth hearing.",
      caps: [{ dimension: "ownership", max: 2 }],
      source: "Seed 004, the six killers: the consequence-free stumble; 'bigger mistakes work better'.",
    },
    {
      key: "generic_lesson",
      name: "Generic lesson",
      description: '"I learned that communication is really important": a sentiment, not a change.',
      caps: [{ dimension: "behavioural_change", max: 1 }],
      source: "Seed 004, the six killers: generic lessons.",
    },
    {
      key: "no_mechanism",
      name: "Lesson without a mechanism",
      description: "A specific lesson, but no process they now run that anyone could check.",
      caps: [{ dimension: "behavioural_change", max: 2 }],
      source: "Seed 004, the six killers: missing the mechanism.",
    },
    {
      key: "claims_immunity",
      name: "Claims immunity",
      description: '"I can\'t think of a significant mistake": the non-answer, an immediate loss.',
      caps: [
        { dimension: "ownership", max: 1 },
        { dimension: "accountability", max: 1 },
        { dimension: "repair", max: 1 },
        { dimension: "behavioural_change", max: 1 },
      ],
      source:
        "Seed 004, the six killers: claiming immunity; seed 000: never having erred suggests a lack of experience or honesty.",
    },
    {
      key: "passive_voice",
      name: "Passive voice",
      description: '"The decision was made", "the assumption was made": ownership dodged in the grammar.',
      caps: [{ dimension: "ownership", max: 2 }],
      source: "Seed 004: 'Passive voice is a red flag … signals dodged ownership'.",
    },
    {
      key: "failure_not_mistake",
      name: "Failure, not a mistake",
      description: "Tells an outcome they missed (a late launch) instead of an action they got wrong.",
      caps: [{ dimension: "ownership", max: 2 }],
      source: 'Seed 004: \'"Mistake" and "Failure" are not the same question\'.',
    },
  ],
  star: [
    { key: "situation", name: "Situation", prompt: "The context: what was happening, which team, what was at stake." },
    { key: "task", name: "Task", prompt: "Their specific responsibility or challenge." },
    { key: "action", name: "Action", prompt: "The specific steps they took — their actions, not the team's." },
    { key: "result", name: "Result", prompt: "The outcome, with metrics where possible, and what they learned." },
  ],
  answerGuide: {
    minSeconds: 120,
    maxSeconds: 150,
    source: "Seed 004: 'The whole answer should run two to two and a half minutes.'",
  },
  levels: [
    {
      key: "mid",
      name: "Mid-level",
      scope:
        "A bounded, technical mistake is enough: a bad assumption, a missed edge case, a poorly framed requirement.",
    },
    {
      key: "senior",
      name: "Senior",
      scope:
        "Organisational surface area: a design direction they championed that didn't hold up, a " +
        "cross-functional dependency they failed to surface.",
    },
    {
      key: "staff",
      name: "Staff+",
      scope:
        "Organisational surface area at the widest scale — a direction, dependency or hiring call — " +
        "with diagnosis and behavioural change operating across teams.",
    },
  ],
  recommendations: [
    { key: "strong_no", name: "Strong no", consistentWith: { min: 1, max: 2 } },
    { key: "no", name: "No", consistentWith: { min: 1, max: 3 } },
    { key: "yes", name: "Yes", consistentWith: { min: 2, max: 4 } },
    { key: "strong_yes", name: "Strong yes", consistentWith: { min: 3, max: 4 } },
  ],
  variants: [
    {
      key: "default",
      company: null,
      name: "Default",
      focus: "Self-awareness, accountability, resilience",
      question: "Tell me about a time you made a mistake as a leader. How did you recover?",
      probes: [],
      weights: null,
      rationale: "The question and its intent as seed 000 states them ('Why This Is Asked').",
    },
    {
      key: "amazon",
      company: "Amazon",
      name: "Amazon — Earn Trust",
      focus: "Earn Trust, Learn & Be Curious",
      question: "Tell me about a mistake you made as a leader.",
      probes: ["How did you earn back the trust of the people affected?", "What did you go and learn because of it?"],
      weights: null,
      rationale:
        "Seed 000's table: Amazon — 'Earn Trust, Learn & Be Curious — \"Tell me about a mistake you " +
        "made as a leader\"'. The seed gives the focus and phrasing but no weighting, so the default weights apply.",
    },
    {
      key: "meta",
      company: "Meta",
      name: "Meta — candor",
      focus: "Candor, hard calls",
      question: "Tell me about a time you made a mistake as a leader. How did you recover?",
      probes: ["How candid were you about it, and with whom?", "What hard call did the recovery require?"],
      weights: null,
      rationale: "Seed 000's table: Meta — 'Candor, hard calls'. No weighting in the seed: default weights.",
    },
    {
      key: "microsoft",
      company: "Microsoft",
      name: "Microsoft — growth mindset",
      focus: "Growth mindset, accountability",
      question: "Tell me about a time you made a mistake as a leader. How did you recover?",
      probes: ["What did you believe before that you no longer believe?", "How did you hold yourself accountable?"],
      weights: null,
      rationale:
        "Seed 000's table: Microsoft — 'Growth mindset, accountability'. No weighting in the seed: default weights.",
    },
    {
      key: "netflix",
      company: "Netflix",
      name: "Netflix — candor",
      focus: "Candor, culture fit",
      question: "Tell me about a time you made a mistake as a leader. How did you recover?",
      probes: ["Who told you it was a mistake, or did you say it first?", "How did the team talk about it afterwards?"],
      weights: null,
      rationale: "Seed 000's table: Netflix — 'Candor, culture fit'. No weighting in the seed: default weights.",
    },
    {
      key: "growth_self_awareness",
      company: null,
      name: "Growth mindset and self-awareness",
      focus: "Growth mindset, self-awareness",
      question: "Tell me about a time you made a mistake as a leader. How did you recover?",
      probes: ["What did this mistake teach you about yourself?"],
      weights: null,
      rationale:
        "Seed 000's table lists 'Growth mindset, self-awareness' with the company cell empty; kept as a " +
        "named focus without a company. Default weights.",
    },
    {
      key: "learning_agility",
      company: null,
      name: "Learning agility and professional growth",
      focus: "Learning agility, professional growth",
      question: "Tell me about a time you made a mistake as a leader. How did you recover?",
      probes: ["How quickly did you change course, and what did you learn to do it?"],
      weights: null,
      rationale:
        "Seed 000's table lists 'Learning agility, professional growth' with the company cell empty; kept " +
        "as a named focus without a company. Default weights.",
    },
  ],
};
