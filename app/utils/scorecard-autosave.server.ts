import type { AutosaveReply } from "~/domain/scorecard/autosave-reply";
import { getPanelInterview } from "~/models/interview.server";
import { findUserBySession } from "~/models/user.server";
import { parseId } from "./params";
import { answerScorecardPost } from "./scorecard-post.server";
import { sessionIdOfCookieHeader } from "./session.server";

// The scorecard's autosave (every interviewer, every second) answered by the HTTP front
// (app/server/autosave-front.ts) without Remix's request handler: building a web Request,
// matching the URL against every route (Remix flattens and ranks the route tree on each request)
// and converting the Response back cost more than the save itself. What is answered is what the
// route's action answers (answerScorecardPost, one definition), after the same access checks: a
// live session, the poster on the interview's panel. Anything else — no session, a revoked one,
// not on the panel, a body that is not JSON, a submit or an amendment — is left to the route
// (null), which answers it as it answers every post: the redirect to sign-in and the 404 keep
// Remix's own data-request form.
// Exported by app/entry.server.tsx, so the front calls the copy bundled into the build (the one
// whose database connection and caches the routes use), not a second one loaded from source.

export interface AutosavePost {
  /** The request's Cookie header. */
  cookie: string | undefined;
  /** The interview id from the URL, digits only. */
  interviewId: string;
  /** The JSON body, as text. */
  bodyText: string;
}

export type AnswerAutosave = (post: AutosavePost) => Promise<{ status: number; body: AutosaveReply } | null>;

export const answerAutosave: AnswerAutosave = async ({ cookie, interviewId, bodyText }) => {
  const sessionId = await sessionIdOfCookieHeader(cookie);
  const user = sessionId ? findUserBySession(sessionId) : null;
  if (!user) return null;
  const interview = getPanelInterview(parseId(interviewId), user.id); // digits: parseId throws only on 0
  if (!interview) return null;
  let input: unknown;
  try {
    input = JSON.parse(bodyText);
  } catch {
    return null;
  }
  // Only a draft save: submits and amendments stay the route's (they revalidate the page's loaders).
  if ((input as { intent?: unknown } | null)?.intent !== "save") return null;
  const answer = answerScorecardPost({ user, interview, input, isJson: true });
  return answer.kind === "reply" ? answer : null;
};
