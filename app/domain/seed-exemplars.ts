import type { Exemplar } from "./practice";

// The two worked answers in the source documents (tests/fixtures/seeds/), as calibration
// exemplars. Each answer is copied verbatim; each key rating says which anchor of the default
// rubric (app/domain/rubric/default-rubric.ts) it meets and why not the next one, using the
// seed's own commentary where it has some (seed 004 explains why its example is strong; seed 000
// gives its example as the model response to its four key points).
//
// Both are scored at senior level: seed 000's answer is a people manager's decision about a
// report; seed 004's is "a cross-functional dependency you failed to surface", the article's own
// example of senior scope.

export const SEED_EXEMPLARS: Exemplar[] = [
  {
    title: "The engineer put on a PIP",
    source:
      'Seed 000 (interview-prep card), "Example Response": Situation to Result as printed, without the card\'s "STAR format" label.',
    level: "senior",
    answer: `Situation: I had an engineer who was struggling—missed deadlines, disengaged in meetings. I assumed it was performance and put them on a PIP. Two weeks in, they shared they'd been dealing with a serious health issue and hadn't felt safe to disclose. I had escalated without understanding the full picture.
Task: I needed to own my mistake, repair trust, and change how I handled similar situations.
Action: I apologized directly: "I made a mistake. I should have asked more questions before assuming. I'm sorry." I paused the PIP and had a real conversation about what support they needed. We agreed on a flexible arrangement—reduced hours, async where possible—and I connected them with our EAP. I also reflected on my process: I had skipped the "what's going on?" conversation and gone straight to formal process. I added a step to my manager playbook: before any performance process, I now ask "Is there anything outside work affecting your capacity?" I shared the lesson with my manager so she knew I'd made an error and was addressing it.
Result: The engineer stayed, recovered, and eventually became a strong contributor. I learned that assuming the worst and escalating quickly can cause real harm. Listening first, always.`,
    referenceKey: {
      ratings: { ownership: 3, accountability: 3, repair: 4, behavioural_change: 3 },
      recommendation: "strong_yes",
      redFlags: [],
      rationale: {
        ownership:
          '3: a specific decision in first person and active voice ("I assumed it was performance and put them on a PIP") with real stakes; the scope stays with one report, not the organisational surface area 4 asks of a senior.',
        accountability:
          "3: apologised directly and told their manager, and names the missing step (skipped the \"what's going on?\" conversation); not 4 — the realisation came from the engineer's disclosure, not unprompted.",
        repair:
          "4: paused the PIP, agreed a flexible arrangement and connected them with the EAP, with a visible outcome — the engineer stayed and became a strong contributor (trust demonstrably restored).",
        behavioural_change:
          "3: a concrete mechanism, a manager-playbook question before any performance process (the anchor's own example); not 4 — no evidence yet that it has caught anything.",
      },
    },
  },
  {
    title: "The API contract that changed under the frontend team",
    source:
      'Seed 004 (article "Tell Me About a Time You Made a Mistake: It\'s Not Testing What You Think"), "What a Strong Answer Looks Like": the quoted answer, without its quotation marks.',
    level: "senior",
    answer: `About two years ago, I was leading a migration of our order history service to a new data model. Six-week timeline, coordinating with two other engineers. In week four, I discovered that the API contract I'd told the frontend team to build against had changed. I had updated the schema but never synced the contract document, and I hadn't looped them in when the shape shifted.
The mistake was mine. I assumed they were monitoring the same Confluence page I was, and because the change felt minor at the time, I didn't explicitly communicate it.
When I found out, the frontend team had already built two weeks of work against the old contract. I told them that same day, walked through exactly what had changed, and spent the next three days pairing with them to adapt their implementation. We made the deadline by cutting scope elsewhere, with their agreement.
The root cause was that I was treating the API contract like internal notes rather than a communication surface. I've changed two habits since: I send a brief message to downstream consumers any time a shared contract changes, even when it seems minor, and I start every design review by explicitly listing which teams need to sign off on the interface before we touch implementation. Both habits have caught potential gaps on later projects.`,
    referenceKey: {
      ratings: { ownership: 4, accountability: 4, repair: 3, behavioural_change: 4 },
      recommendation: "strong_yes",
      redFlags: [],
      rationale: {
        ownership:
          "4: \"The mistake was mine\" — first person, no hedging (seed 004), two weeks of another team's work at stake, and a cross-team dependency they failed to surface: the seed's own senior scope.",
        accountability:
          '4: told the affected team the same day, unprompted, and a sharp diagnosis of their mental model — the contract treated "like internal notes rather than a communication surface" (seed 004: "a specific diagnosis of the mental model error").',
        repair:
          '3: concrete and fast — told them that day, three days pairing, deadline kept by cutting scope with their agreement (seed 004: "the response is concrete"); not 4 — the answer never shows the team\'s trust restored.',
        behavioural_change:
          '4: two mechanisms they run now (a message to downstream consumers on every contract change; sign-offs listed at the start of each design review), with evidence: "both habits have caught potential gaps on later projects".',
      },
    },
  },
];
