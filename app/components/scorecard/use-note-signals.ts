import { useEffect, useRef, useState } from "react";
import type { Signal } from "~/domain/coach/signal-kinds";
import type { EvidenceNote } from "~/domain/scorecard-content";

// The evidence coach for the notes on the card: each note's text is sent once to
// POST /coach/signals, where the analyser runs, so the language library never reaches this page.
// A request that fails (offline, a server error) leaves the note without suggestions; it is asked
// again only when its text changes. Nothing is logged: an interviewer mid-call needs no noise.
// In the coach's chunk (coach-engine.tsx), with the marks that draw the signals.

async function fetchSignals(text: string): Promise<Signal[] | null> {
  try {
    const response = await fetch("/coach/signals", {
      method: "POST",
      body: new URLSearchParams({ text }),
      credentials: "same-origin",
    });
    if (!response.ok) return null;
    const body: unknown = await response.json();
    const signals = (body as { signals?: unknown }).signals;
    return Array.isArray(signals) ? (signals as Signal[]) : null;
  } catch {
    return null;
  }
}

/** Runs `work` in a task after the next frame is drawn; the returned function cancels it. */
function afterPaint(work: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(work, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}

/** Signals by note text, for the notes given (asked for after hydration, only while `enabled`). */
export function useNoteSignals(notes: readonly EvidenceNote[], enabled: boolean): ReadonlyMap<string, Signal[]> {
  const [byText, setByText] = useState<ReadonlyMap<string, Signal[]>>(() => new Map());
  const asked = useRef(new Set<string>());
  const texts = [...new Set(notes.map((n) => n.text))].sort().join("\u0000");

  useEffect(() => {
    if (!enabled) return;
    // Asked once the note added is on screen: the answer comes over the network anyway, and starting
    // the request inside the Enter that added the note delayed the frame that shows it.
    return afterPaint(() => {
      // Not aborted when the notes change: a note added while another is being read keeps its answer.
      for (const text of texts ? texts.split("\u0000") : []) {
        if (asked.current.has(text)) continue;
        asked.current.add(text);
        void fetchSignals(text).then((signals) => signals && setByText((prev) => new Map(prev).set(text, signals)));
      }
    });
  }, [texts, enabled]);

  return byText;
}
