import { memo, useEffect, useState } from "react";
import { answerAgainstGuide, answerLength, type AnswerGuide } from "~/domain/scorecard/answer-guide";
import { formatElapsed } from "~/utils/format";
import { elapsedMs } from "./form-values";
import { useClockState, type ClockStore } from "./use-interview-clock";

interface TimerPanelProps {
  /** The interview clock: this panel alone re-renders when it changes. */
  clockStore: ClockStore;
  /** The server's clock when it rendered the page: the first render matches it, so hydration does too. */
  serverNow: number;
  guide: AnswerGuide;
  readOnly: boolean;
  onToggle: () => void;
  onMarkStart: () => void;
  onMarkEnd: () => void;
}

/** Ticks once a second; re-renders only itself, not the whole scorecard. */
function useNow(active: boolean, serverNow: number): number {
  const [now, setNow] = useState(serverNow);
  useEffect(() => {
    setNow(Date.now());
    if (!active) return;
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, [active]);
  return now;
}

/** Memoised: the clock's ticks re-render this panel; the editor's other changes do not. */
export const TimerPanel = memo(function TimerPanel({
  clockStore,
  serverNow,
  guide,
  readOnly,
  onToggle,
  onMarkStart,
  onMarkEnd,
}: TimerPanelProps) {
  const { timer, timing } = useClockState(clockStore);
  const running = timer.runningSince !== null;
  const now = useNow(running, serverNow);
  const seconds = Math.floor(elapsedMs(timer, now) / 1000);
  const answerSeconds = answerLength(timing, seconds);
  const label = running ? "Pause" : timer.elapsedMs > 0 ? "Resume" : "Start";
  const status = answerSeconds === null ? null : answerAgainstGuide(answerSeconds, guide);
  const fill = answerSeconds === null ? 0 : Math.min(100, (answerSeconds / (guide.maxSeconds * 1.2)) * 100);

  return (
    <section className="timer" aria-label="Interview timer">
      <div className="timer-row">
        <span className="timer-clock" aria-label={`Elapsed ${formatElapsed(seconds)}`}>
          {formatElapsed(seconds)}
        </span>
        {readOnly ? null : (
          <button type="button" className="button small" onClick={onToggle}>
            {label} <kbd>t</kbd>
          </button>
        )}
      </div>
      <div className="answer" data-answer-marks>
        {readOnly ? null : (
          <span className="answer-buttons">
            <button type="button" className="link-button" onClick={onMarkStart}>
              {timing.answerStartSeconds === null ? "Answer starts" : "Restart answer"} <kbd>a</kbd>
            </button>
            <button
              type="button"
              className="link-button"
              onClick={onMarkEnd}
              disabled={timing.answerStartSeconds === null || timing.answerEndSeconds !== null}
            >
              Answer ends <kbd>e</kbd>
            </button>
          </span>
        )}
        {status && answerSeconds !== null ? (
          <>
            <div className="answer-bar" aria-hidden="true">
              <span className={`answer-fill ${status.tone}`} style={{ width: `${fill}%` }} />
              <span
                className="answer-mark"
                style={{ left: `${(guide.minSeconds / (guide.maxSeconds * 1.2)) * 100}%` }}
              />
              <span className="answer-mark" style={{ left: `${(1 / 1.2) * 100}%` }} />
            </div>
            <p className={`answer-text ${status.tone}`}>
              Answer {formatElapsed(answerSeconds)} — {status.text}
            </p>
          </>
        ) : (
          <p className="hint">
            {readOnly
              ? "The answer's start was not marked."
              : "Mark the answer's start and end to see it against the 2–2½ minute guide."}
          </p>
        )}
      </div>
    </section>
  );
});
