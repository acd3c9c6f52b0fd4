// Seed 004: "The whole answer should run two to two and a half minutes." How an answer's length
// reads against that guide, on the live card, the submitted card and in the debrief.

export interface AnswerGuide {
  minSeconds: number;
  maxSeconds: number;
}

const clock = (s: number) => `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, "0")}`;

export function answerAgainstGuide(
  seconds: number,
  guide: AnswerGuide,
): { tone: "under" | "within" | "over"; text: string } {
  if (seconds < guide.minSeconds) return { tone: "under", text: `under ${clock(guide.minSeconds)}` };
  if (seconds <= guide.maxSeconds)
    return { tone: "within", text: `${clock(guide.minSeconds)}–${clock(guide.maxSeconds)}: in the guide` };
  return { tone: "over", text: `past ${clock(guide.maxSeconds)}` };
}

/** The answer's length from its marks: null before it started; running up to `nowSeconds` before it ended. */
export function answerLength(
  marks: { answerStartSeconds: number | null; answerEndSeconds: number | null },
  nowSeconds: number | null,
): number | null {
  if (marks.answerStartSeconds == null) return null;
  const end = marks.answerEndSeconds ?? nowSeconds;
  return end == null ? null : Math.max(0, end - marks.answerStartSeconds);
}
