// The scorecard route's one door to the models its loader and action call. The browser build
// replaces each *.server module a route imports with an empty stub, and a stub that several routes
// share becomes a chunk of its own: imported one by one, these cost the page four extra scripts
// (~0.6 KB gz and four requests) that hold nothing. Through this module, used by the route alone,
// the stub sits inside the route's own chunk.
export { getExemplarForInterview } from "./exemplar.server";
export { getPanelInterview } from "./interview.server";
export { getLatestRubricVersion, getRubricVersion, requireRubricVersion } from "./rubric.server";
export { amendScorecard } from "./scorecard-amend.server";
export { getOwnScorecard, getScorecardBasis, listRevisions } from "./scorecard.server";
export { saveScorecard } from "./scorecard-save.server";
