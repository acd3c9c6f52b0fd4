import { useCallback, useRef, useState } from "react";
import { NO_TIMING } from "~/domain/scorecard-content";
import { elapsedMs, type ClockState } from "./form-values";

// The interview clock of this interviewer's card: a stopwatch (start, pause, resume) that starts
// once — on the first press of `t` or the first change to the card, whichever comes first — and
// the answer's start and end marks, in seconds on that clock. All of it is saved with the card.

export function useInterviewClock(initial: ClockState, onChange: () => void) {
  const [clock, setClock] = useState<ClockState>(initial);
  const latest = useRef(clock);
  const notify = useRef(onChange);
  notify.current = onChange;

  const update = useCallback((next: ClockState, silent = false) => {
    latest.current = next;
    setClock(next);
    if (!silent) notify.current();
  }, []);

  const seconds = useCallback((now = Date.now()) => Math.floor(elapsedMs(latest.current.timer, now) / 1000), []);

  const start = (c: ClockState, now: number): ClockState => ({
    timer: { elapsedMs: c.timer.elapsedMs, runningSince: now },
    timing: { ...c.timing, clockStartedAt: c.timing.clockStartedAt ?? now },
  });

  /** The first change to the card starts the clock, so no note is stamped 0:00 for want of a key press. */
  const ensureStarted = useCallback(() => {
    const c = latest.current;
    if (c.timing.clockStartedAt == null && c.timer.runningSince == null && c.timer.elapsedMs === 0)
      update(start(c, Date.now()), true);
  }, [update]);

  const toggle = useCallback(() => {
    const c = latest.current;
    const now = Date.now();
    update(
      c.timer.runningSince
        ? { ...c, timer: { elapsedMs: elapsedMs(c.timer, now), runningSince: null } }
        : start(c, now),
    );
  }, [update]);

  const markAnswerStart = useCallback(() => {
    ensureStarted();
    const c = latest.current;
    update({ ...c, timing: { ...c.timing, answerStartSeconds: seconds(), answerEndSeconds: null } });
  }, [ensureStarted, seconds, update]);

  const markAnswerEnd = useCallback(() => {
    const c = latest.current;
    if (c.timing.answerStartSeconds == null) return;
    update({ ...c, timing: { ...c.timing, answerEndSeconds: Math.max(c.timing.answerStartSeconds, seconds()) } });
  }, [seconds, update]);

  /** Another copy (a merge, a restored local draft) replaces the clock; it is not a new change. */
  const replace = useCallback(
    (next: ClockState) => update({ timer: next.timer, timing: next.timing ?? NO_TIMING }, true),
    [update],
  );

  return { clock, latest, seconds, ensureStarted, toggle, markAnswerStart, markAnswerEnd, replace };
}

export type InterviewClock = ReturnType<typeof useInterviewClock>;
