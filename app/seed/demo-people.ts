// Who works at the demo organisation, and what their notes say. The interviewers' styles give the
// calibration dashboard something true to find: one lenient, one harsh, one halo and one
// central-tendency interviewer among neutral ones.
import type { SimulatedRater } from "./simulated-scorecard";

export const DEMO_PASSWORD = "panel-demo";
export const DEMO_SIGN_INS = [
  { email: "lead@demo.test", roles: "recruiting lead and admin" },
  { email: "interviewer@demo.test", roles: "interviewer with upcoming interviews" },
];

export interface DemoPerson extends SimulatedRater {
  email: string;
  name: string;
  roles: ("interviewer" | "lead" | "admin")[];
}

export const DEMO_PEOPLE: DemoPerson[] = [
  { email: "lead@demo.test", name: "Riley Morgan", roles: ["lead", "admin"] },
  { email: "lead2@demo.test", name: "Sam Okafor", roles: ["lead"] },
  { email: "interviewer@demo.test", name: "Alex Chen", roles: ["interviewer"], style: "neutral", severity: 0.05 },
  { email: "jordan@demo.test", name: "Jordan Lee", roles: ["interviewer"], style: "lenient", severity: 0.9 },
  { email: "casey@demo.test", name: "Casey Novak", roles: ["interviewer"], style: "harsh", severity: -0.9 },
  { email: "priya@demo.test", name: "Priya Nair", roles: ["interviewer"], style: "halo", severity: 0 },
  { email: "morgan@demo.test", name: "Morgan Diaz", roles: ["interviewer"], style: "central", severity: 0 },
  { email: "taylor@demo.test", name: "Taylor Brooks", roles: ["interviewer"], style: "neutral", severity: 0.15 },
  { email: "jamie@demo.test", name: "Jamie Fischer", roles: ["interviewer"], style: "neutral", severity: -0.15 },
  { email: "avery@demo.test", name: "Avery Kowalski", roles: ["interviewer"], style: "neutral", severity: 0.1 },
  { email: "quinn@demo.test", name: "Quinn Adebayo", roles: ["interviewer"], style: "neutral", severity: -0.1 },
  { email: "drew@demo.test", name: "Drew Santos", roles: ["interviewer"], style: "neutral", severity: 0.2 },
  { email: "kai@demo.test", name: "Kai Yamamoto", roles: ["interviewer"], style: "neutral", severity: -0.2 },
];

/** Evidence notes the demo scorecards draw from, per dimension. */
export const DEMO_NOTES: Record<string, string[]> = {
  ownership: [
    "Named the decision in first person: skipped the design review.",
    'Said "we missed it" twice before owning it.',
    "Stakes clear: two weeks of frontend work lost.",
  ],
  accountability: [
    "Told their manager the same day.",
    "Root cause: assumed the other team watched the same doc.",
    "Apologised directly to the engineer.",
  ],
  repair: [
    "Rolled back within the hour.",
    "Paired three days with the affected team.",
    "Paused the PIP and agreed a flexible arrangement.",
  ],
  behavioural_change: [
    "Added a step to the manager playbook.",
    "Now messages downstream consumers on every contract change.",
    'Lesson stayed generic: "communicate more".',
  ],
};
