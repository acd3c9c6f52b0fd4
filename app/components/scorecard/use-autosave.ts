import { useCallback, useEffect, useRef, useState } from "react";
import type { AutosaveReply } from "~/domain/scorecard/autosave-reply";
import type { MergeConflict } from "~/domain/scorecard/merge-draft";
import type { DraftContent } from "~/domain/scorecard-content";
import type { FetcherSubmit } from "./fetcher-bridge";
import { createSaveStatusStore } from "./save-status-store";

// Sends every change to the route's action within about a second, one request at a time, each
// carrying the revision it was based on. The server merges a save based on an older revision
// with what it holds; the reply says what is stored now. "Saved" only once the latest change has
// been acknowledged. A submit made offline waits, visibly, and goes when the network returns.
// The fetcher itself lives in a FetcherBridge (its every step would re-render the caller); its
// replies arrive through onFetcher, and the status goes to a store only the status line reads.

const DEBOUNCE_MS = 600;
const OFFLINE_RETRY_MS = 4000;

export interface AutosaveCallbacks {
  /** The content to send now. */
  content: () => DraftContent;
  onAcknowledged: (revision: number, clean: boolean) => void;
  /**
   * The server merged this save with changes made elsewhere: `sent` is what this page sent. Nothing
   * more is sent until the promise settles (the merge is on the page).
   */
  onMerged: (merged: DraftContent, conflicts: MergeConflict[], sent: DraftContent) => Promise<void>;
  onErrors: (errors: Record<string, string>) => void;
  onSubmitted: () => void;
}

export function useAutosave(
  opts: AutosaveCallbacks & {
    /** The bridge's fetcher.submit, once rendered. */
    submitRef: { current: FetcherSubmit | null };
    initialRevision: number;
    rubricVersionId: number;
  },
) {
  const { submitRef } = opts;
  const [statusStore] = useState(createSaveStatusStore);
  const setStatus = statusStore.set;
  const revision = useRef(opts.initialRevision);
  const changes = useRef(0);
  const sent = useRef(0);
  const sentContent = useRef<DraftContent | null>(null);
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
      setStatus({ state: "offline", submitQueued: submitRequested.current });
      return;
    }
    const intent = submitRequested.current ? "submit" : "save";
    inFlight.current = true;
    sent.current = changes.current;
    const content = latest.current.content();
    sentContent.current = content;
    setStatus({ state: "saving" });
    const payload = {
      intent,
      baseRevision: revision.current,
      rubricVersionId: latest.current.rubricVersionId,
      ...content,
    };
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON body; Remix types it loosely
    submitRef.current?.(payload as any, { method: "post", encType: "application/json" });
  }, [submitRef, setStatus]);

  const schedule = useCallback(
    (delay = DEBOUNCE_MS) => {
      clearTimeout(timer.current);
      timer.current = setTimeout(send, delay);
    },
    [send],
  );

  const notifyChange = useCallback(() => {
    changes.current++;
    setStatus((s) => (s.state === "offline" ? s : { state: "pending" }));
    schedule();
  }, [schedule, setStatus]);

  const requestSubmit = useCallback(() => {
    submitRequested.current = true;
    changes.current++;
    send();
  }, [send]);

  /** Save now (the Save draft button, or a conflict settled). */
  const flush = useCallback(() => {
    changes.current++;
    send();
  }, [send]);

  /** A local draft restored on load was based on this revision: its first save says so, and the server merges. */
  const rebase = useCallback((base: number) => {
    revision.current = base;
  }, []);

  /** Each step of the fetcher (from the bridge): a reply, once idle, is handled once. */
  const onFetcher = useCallback(
    (state: string, data: unknown) => {
      const reply = data as AutosaveReply | undefined;
      if (state !== "idle" || reply === undefined || reply === handled.current) return;
      handled.current = reply;
      inFlight.current = false;
      const wasSubmit = submitRequested.current;
      submitRequested.current = false;
      const cb = latest.current;

      if (reply.kind === "offline") {
        submitRequested.current = wasSubmit;
        setStatus({ state: "offline", submitQueued: wasSubmit });
        schedule(OFFLINE_RETRY_MS);
      } else if (reply.kind === "refused") {
        setStatus({ state: "error", message: reply.message });
        cb.onErrors(reply.errors);
      } else if (reply.kind === "saved") {
        revision.current = reply.revision;
        if (reply.submitted) return cb.onSubmitted();
        const acknowledge = () => {
          acknowledged.current = sent.current;
          const clean = changes.current === sent.current;
          cb.onAcknowledged(reply.revision, clean);
          if (clean) setStatus({ state: "saved", at: reply.savedAt });
          else send();
        };
        if (!reply.merged || !sentContent.current) return acknowledge();
        inFlight.current = true; // held until the merge is on the page: a save sent before it would undo it
        void cb.onMerged(reply.merged, reply.conflicts, sentContent.current).then(() => {
          inFlight.current = false;
          acknowledge();
        });
      }
    },
    [schedule, send, setStatus],
  );

  useEffect(() => {
    const retry = () => (changes.current !== acknowledged.current || submitRequested.current) && send();
    const offline = () => setStatus({ state: "offline", submitQueued: submitRequested.current });
    window.addEventListener("online", retry);
    window.addEventListener("offline", offline);
    return () => {
      window.removeEventListener("online", retry);
      window.removeEventListener("offline", offline);
      clearTimeout(timer.current);
    };
  }, [send, setStatus]);

  return { statusStore, onFetcher, notifyChange, requestSubmit, flush, rebase, revision: () => revision.current };
}
