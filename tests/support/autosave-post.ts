// The scorecard's autosave as its fetcher posts it over HTTP: the route's data-request parameter and
// a draft body (shared by autosave-http.test.ts and autosave-front.test.ts).

/** The `_data=` parameter of a fetcher's post to the scorecard route's action. */
export const SCORECARD_DATA = `_data=${encodeURIComponent("routes/interviews.$interviewId.scorecard")}`;

/** A small valid draft save, with `over` replacing any of its fields. */
export const autosaveDraft = (over: Record<string, unknown> = {}) => ({
  intent: "save",
  baseRevision: 0,
  rubricVersionId: 1,
  ratings: { ownership: 3 },
  capJustifications: {},
  redFlags: ["passive_voice"],
  star: ["situation"],
  recommendation: null,
  recommendationJustification: "",
  notes: [{ id: "n1", dimension: "ownership", elapsedSeconds: 12, text: "Said I." }],
  timer: { elapsedMs: 1000, runningSince: null },
  ...over,
});
