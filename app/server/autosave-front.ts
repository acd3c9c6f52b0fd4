import type { NextFunction, Request, RequestHandler, Response } from "express";
import type { AnswerAutosave } from "~/utils/scorecard-autosave.server";

// The scorecard's autosave — a fetcher's JSON post to the route's `?_data=` action, every second
// from every interviewer — answered straight from express: the build's answerAutosave runs the
// route's own checks and save (app/utils/scorecard-autosave.server.ts). Mounted after every
// middleware that protects requests (methods, helmet's headers, the cross-site refusal, the body
// limit) and after json-body.ts has read the body, so those apply as to any post. Only exactly
// the URL the fetcher posts to: any other spelling, and any post answerAutosave leaves alone, goes
// on to Remix, which answers it as before.

/** The URL the scorecard page's fetcher posts a save to (Remix's data request for the route's action). */
export const AUTOSAVE_URL =
  /^\/interviews\/([1-9]\d{0,11})\/scorecard\?_data=routes%2Finterviews\.%24interviewId\.scorecard$/;

/** What Remix answers a data request whose action threw (production mode: no details). */
const UNEXPECTED = JSON.stringify({ message: "Unexpected Server Error" });

function send(res: Response, status: number, body: string, headers: Record<string, string>) {
  res.writeHead(status, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": String(Buffer.byteLength(body)),
    ...headers,
  });
  res.end(body);
}

/** Express middleware: autosaves answered by `answer` (the server build's answerAutosave), when the build has one. */
export function answerAutosaves(answer: AnswerAutosave | undefined): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const bodyText = res.locals.bodyText as string | undefined;
    if (!answer || bodyText === undefined || req.method !== "POST") return next();
    const url = AUTOSAVE_URL.exec(req.url);
    if (!url) return next();
    answer({ cookie: req.headers.cookie, interviewId: url[1], bodyText }).then(
      (reply) => {
        if (!reply) return next();
        // X-Remix-Response: the fetcher tells a reply of the action from a proxy's error by it.
        send(res, reply.status, JSON.stringify(reply.body), { "X-Remix-Response": "yes" });
      },
      (error: unknown) => {
        console.error(error);
        send(res, 500, UNEXPECTED, { "X-Remix-Error": "yes" });
      },
    );
  };
}
