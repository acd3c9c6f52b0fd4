import type { AutosaveReply } from "~/domain/scorecard/autosave-reply";
import type { Rubric } from "~/domain/rubric/types";
import type { EvidenceNote } from "~/domain/scorecard-content";
import { submitTooEarlyMessage } from "~/domain/interview-schedule";
import { findMissingForSubmit } from "~/domain/scoring";
import type { PanelInterview } from "~/models/interview.server";
import {
  amendScorecard,
  getOwnScorecard,
  getRubricVersion,
  getScorecardBasis,
  saveScorecard,
} from "~/models/scorecard-page.server";
import type { SessionUser } from "~/models/user.server";
import {
  idFromText,
  scorecardDraftSchema,
  toFieldErrors,
  type ScorecardDraft,
} from "~/schemas/scorecard-schema-entry.server";
import type { FieldErrors } from "~/schemas/form-errors";

// What the scorecard page's post is answered, once the poster's access is checked: validation
// (the one zod schema), the rubric version and stale-revision refusals, the save, submit or
// amendment. Two callers: the route's action (every post) and the HTTP front's autosave path
// (scorecard-autosave.server.ts: a fetcher's JSON draft save, answered without Remix's routing).

/** A plain HTML post's refusal: what was typed, re-filled beside the errors. */
export interface RejectedPost {
  rejected: { values: ReturnType<typeof toStoredValues>; errors: FieldErrors };
}

export type ScorecardPostAnswer =
  | { kind: "reply"; status: number; body: AutosaveReply }
  | { kind: "rejected"; status: 400; body: RejectedPost }
  /** A plain HTML post that was saved: back to the page, which shows what is stored. */
  | { kind: "redirect"; to: string };

const reply = (body: AutosaveReply, status = 200): ScorecardPostAnswer => ({ kind: "reply", status, body });
export const refuse = (message: string, status: number, errors: FieldErrors = { form: message }) =>
  reply({ autosave: true, kind: "refused", errors, message }, status);

export interface ScorecardPost {
  user: SessionUser;
  /** The interview, already checked to have `user` on its panel. */
  interview: PanelInterview & { practice: boolean };
  /** The posted body: parsed JSON, or a form's fields as an object. */
  input: unknown;
  /** A fetcher's JSON post (answered with an AutosaveReply) rather than a plain HTML form post. */
  isJson: boolean;
}

export function answerScorecardPost({ user, interview, input: posted, isJson }: ScorecardPost): ScorecardPostAnswer {
  if (typeof posted !== "object" || posted === null || Array.isArray(posted))
    return refuse("Expected a scorecard object", 400);
  const input = posted as Record<string, unknown>;

  const existing = getScorecardBasis(interview.id, user.id);
  const version = getRubricVersion(existing?.rubricVersionId ?? idFromText(input.rubricVersionId) ?? 0);
  if (!version) return refuse("Unknown rubric version", 400, { rubricVersionId: "Unknown rubric version" });
  const variantKey = existing?.variantKey ?? interview.variantKey;

  const parsed = scorecardDraftSchema(version.rubric).safeParse(input);
  const fail = (errors: FieldErrors): ScorecardPostAnswer => {
    const message = Object.values(errors)[0] ?? "Check the highlighted fields";
    if (isJson) return refuse(message, 400, errors);
    // A plain HTML post re-renders the page: send back what was typed, notes too, beside the errors.
    const notes = getOwnScorecard(interview.id, user.id)?.notes ?? [];
    return { kind: "rejected", status: 400, body: { rejected: { values: toStoredValues(input, notes), errors } } };
  };
  if (!parsed.success) return fail(toFieldErrors(parsed.error));
  const draft = parsed.data;
  if (existing && draft.rubricVersionId !== existing.rubricVersionId) {
    return refuse("Reload the page", 409, {
      rubricVersionId: "This scorecard uses another rubric version; reload the page",
    });
  }
  const submit = draft.intent === "submit";
  if (submit || draft.intent === "amend") {
    const missing = findMissingForSubmit(version.rubric, variantKey, draft);
    if (draft.intent === "amend" && !draft.reason)
      missing.push({ field: "reason", message: "Say why you are amending this scorecard" });
    if (missing.length) return fail(Object.fromEntries(missing.map((m) => [m.field, m.message])));
  }
  const early = submit ? submitTooEarlyMessage(interview, new Date()) : null;
  if (early) return fail({ form: early });
  if (draft.intent === "amend") return amend(interview.id, user.id, version.rubric, draft);

  const result = saveScorecard({
    interviewId: interview.id,
    userId: user.id,
    rubricVersionId: version.id,
    rubric: version.rubric,
    variantKey,
    draft,
    submit,
  });
  if (result.kind === "already_submitted") return refuse("This scorecard is submitted and read-only", 409);
  if (result.kind === "stale")
    return refuse(
      "This scorecard was changed in another tab or on another device, from a version this server never had; reload the page",
      409,
    );
  if (!isJson) return { kind: "redirect", to: `/interviews/${interview.id}/scorecard` };
  const { revision, updatedAt: savedAt, submitted, merged, conflicts } = result;
  return reply({ autosave: true, kind: "saved", revision, savedAt, submitted, merged, conflicts });
}

function amend(interviewId: number, userId: number, rubric: Rubric, draft: ScorecardDraft): ScorecardPostAnswer {
  const result = amendScorecard({ interviewId, userId, rubric, draft, reason: draft.reason! });
  switch (result.kind) {
    case "not_submitted":
      return refuse("Only a submitted scorecard can be amended", 409);
    case "stale":
      return refuse("This scorecard was amended elsewhere meanwhile; reload to see it", 409);
    case "unchanged":
      return refuse("Nothing changed: an amendment must change something", 400);
    case "amended":
      return reply({
        autosave: true,
        kind: "amended",
        revision: result.state.revision,
        afterSeeingOthers: result.afterSeeingOthers,
      });
  }
}

/** The posted values in the stored shape, to re-fill the form after a no-JavaScript submit fails. */
function toStoredValues(input: Record<string, unknown>, notes: EvidenceNote[]) {
  // A hostile post can nest anything anywhere (and null-prototype objects cannot even be turned
  // into text): only text is taken back into the form, the last one where a name was repeated.
  const text = (v: unknown) =>
    typeof v === "string" ? v : Array.isArray(v) ? v.filter((x) => typeof x === "string").pop() : undefined;
  const texts = (v: unknown) =>
    Object.entries(v && typeof v === "object" && !Array.isArray(v) ? v : {}).flatMap(([k, x]) => {
      const value = text(x);
      return value === undefined ? [] : [[k, value] as const];
    });
  const list = (v: unknown) =>
    (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === "string" && x !== "");
  return {
    ratings: Object.fromEntries(
      texts(input.ratings)
        .filter(([, v]) => v !== "")
        .map(([k, v]) => [k, Number(v)]),
    ),
    capJustifications: Object.fromEntries(texts(input.capJustifications)),
    redFlags: list(input.redFlags),
    star: list(input.star),
    recommendation: typeof input.recommendation === "string" && input.recommendation ? input.recommendation : null,
    recommendationJustification:
      typeof input.recommendationJustification === "string" ? input.recommendationJustification : "",
    notes,
    noteDrafts: Object.fromEntries(texts(input.noteDrafts)),
  };
}
