// Hostile payloads for the fuzz tests (tests/integration/fuzz-*.slow.test.ts), and the property every
// action must keep under them: the answer is a Response below 500, and a refused request leaves
// every table of the database as it was.
// One import for the fuzz files; the parts live in fuzz-values, fuzz-forms, fuzz-json and fuzz-property.
export * from "./fuzz-values";
export * from "./fuzz-forms";
export * from "./fuzz-json";
export * from "./fuzz-property";
