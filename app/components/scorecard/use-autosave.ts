import type { FetcherWithComponents } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState } from "react";
import type { FieldErrors } from "~/utils/form-errors";

// Sends every change to the route's action within about a second, one request at a time, each
// carrying the revision it was based on. The server's answer decides what the status says:
// "Saved" only once the latest change has been acknowledged.

export type SaveStatus =
  | { state: "idle" }
  | { state: "pending" }
  | { state: "saving" }
  | { state: "saved"; at: string }
  | { state: "offline" }
  | { state: "conflict"; message: string }
  | { state: "error"; message: string };

/** What the route's action (through its clientAction) answers a fetcher. */
export type AutosaveReply =
  | { autosave: true; revision: number; savedAt: string; submitted: boolean }
  | { autosave: true; conflict: true; message: string; state: unknown }
  | { autosave: true; errors: FieldErrors; message: string }
  | { offline: true };

const DEBOUNCE_MS = 600;
const OFFLINE_RETRY_MS = 4000;

export function useAutosave(opts: {
  fetcher: FetcherWithComponents<unknown>;
  initialRevision: number;
  buildPayload: (intent: "save" | "submit", baseRevision: number) => Record<string, unknown>;
  onAcknowledged: (revision: number, clean: boolean) => void;
  onConflict: (serverState: unknown, message: string) => void;
  onErrors: (errors: FieldErrors) => void;
  onSubmitted: () => void;
}) {
  const { fetcher } = opts;
  const [status, setStatus] = useState<SaveStatus>({ state: "idle" });
  const revision = useRef(opts.initialRevision);
  const changes = useRef(0);
  const sent = useRef(0);
  const acknowledged = useRef(0);
  const inFlight = useRef(false);
  const submitRequested = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const handled = useRef<unknown>(undefined);
  const latest = useRef(opts);
  latest.current = opts;

  const send = useCallback(() => {
    clearTimeout(timer.current);
    if (inFlight.current) return; // the reply handler sends again if more changed meanwhile
    if (typeof navigator !== "undefined" && !navigator.onLine) {
      setStatus({ state: "offline" });
      return;
    }
    const intent = submitRequested.current ? "submit" : "save";
    inFlight.current = true;
    sent.current = changes.current;
    setStatus({ state: "saving" });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON body; Remix types it loosely
    fetcher.submit(latest.current.buildPayload(intent, revision.current) as any, { method: "post", encType: "application/json" });
  }, [fetcher]);

  const schedule = useCallback(
    (delay = DEBOUNCE_MS) => {
      clearTimeout(timer.current);
      timer.current = setTimeout(send, delay);
    },
    [send],
  );

  const notifyChange = useCallback(() => {
    changes.current++;
    setStatus((s) => (s.state === "offline" || s.state === "conflict" ? s : { state: "pending" }));
    schedule();
  }, [schedule]);

  const requestSubmit = useCallback(() => {
    submitRequested.current = true;
    changes.current++;
    send();
  }, [send]);

  /** After a conflict was resolved by taking the server's copy (or on purpose, ours on top of it). */
  const rebase = useCallback((serverRevision: number) => {
    revision.current = serverRevision;
  }, []);

  useEffect(() => {
    const reply = fetcher.data as AutosaveReply | undefined;
    if (fetcher.state !== "idle" || reply === undefined || reply === handled.current) return;
    handled.current = reply;
    inFlight.current = false;
    const wasSubmit = submitRequested.current;
    submitRequested.current = false;
    const cb = latest.current;

    if ("offline" in reply) {
      setStatus({ state: "offline" });
      submitRequested.current = wasSubmit;
      schedule(OFFLINE_RETRY_MS);
    } else if ("conflict" in reply) {
      setStatus({ state: "conflict", message: reply.message });
      cb.onConflict(reply.state, reply.message);
    } else if ("errors" in reply) {
      setStatus({ state: "error", message: reply.message });
      cb.onErrors(reply.errors);
    } else {
      revision.current = reply.revision;
      if (reply.submitted) {
        cb.onSubmitted();
        return;
      }
      acknowledged.current = sent.current;
      const clean = changes.current === sent.current;
      cb.onAcknowledged(reply.revision, clean);
      if (clean) setStatus({ state: "saved", at: reply.savedAt });
      else send();
    }
  }, [fetcher.state, fetcher.data, schedule, send]);

  useEffect(() => {
    const retry = () => changes.current !== acknowledged.current && send();
    const offline = () => setStatus({ state: "offline" });
    window.addEventListener("online", retry);
    window.addEventListener("offline", offline);
    return () => {
      window.removeEventListener("online", retry);
      window.removeEventListener("offline", offline);
      clearTimeout(timer.current);
    };
  }, [send]);

  return { status, notifyChange, requestSubmit, rebase, revision: () => revision.current };
}
