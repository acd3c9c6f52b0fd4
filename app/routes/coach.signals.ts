import { json, type ActionFunctionArgs } from "@remix-run/node";
import { analyseNote } from "~/domain/coach/analyse-note";
import { CoachNoteSchema } from "~/schemas/coach-note-schema";
import { toFieldErrors } from "~/schemas/form-errors";
import { invariantResponse } from "~/utils/invariant";
import { requireUser } from "~/utils/session.server";

// The evidence coach as a server call: the scorecard posts a note's text and gets its signals.
// Running the analyser here keeps the language library (~128 KB gzipped) out of every page's
// JavaScript. Any signed-in user may ask: it reads only the text it is sent.
export async function action({ request }: ActionFunctionArgs) {
  await requireUser(request);
  invariantResponse(request.method === "POST", "Method not allowed", { status: 405 });
  const form = await request.formData().catch(() => new FormData());
  const text = form.get("text");
  const parsed = CoachNoteSchema.safeParse({ text: typeof text === "string" ? text : undefined });
  if (!parsed.success) return json({ errors: toFieldErrors(parsed.error) }, { status: 400 });
  return json({ signals: analyseNote(parsed.data.text) });
}
