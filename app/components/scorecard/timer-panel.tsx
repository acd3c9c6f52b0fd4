import { useEffect, useState } from "react";
import { formatElapsed } from "~/utils/format";
import { elapsedMs, type TimerState } from "./form-values";

interface TimerPanelProps {
  timer: TimerState;
  answerStartedAt: number | null;
  guide: { minSeconds: number; maxSeconds: number };
  readOnly: boolean;
  onToggle: () => void;
  onMarkAnswer: () => void;
}

/** Ticks once a second; re-renders only itself, not the whole scorecard. */
function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, [active]);
  return now;
}

/** Seed 004: a strong answer runs two to two and a half minutes. */
function answerGuide(seconds: number, guide: TimerPanelProps["guide"]) {
  if (seconds < guide.minSeconds) return { tone: "under", text: `under ${formatElapsed(guide.minSeconds)}` };
  if (seconds <= guide.maxSeconds) return { tone: "within", text: `${formatElapsed(guide.minSeconds)}–${formatElapsed(guide.maxSeconds)}: in the guide` };
  return { tone: "over", text: `past ${formatElapsed(guide.maxSeconds)}` };
}

export function TimerPanel({ timer, answerStartedAt, guide, readOnly, onToggle, onMarkAnswer }: TimerPanelProps) {
  const running = timer.runningSince !== null;
  const now = useNow(running);
  const seconds = Math.floor(elapsedMs(timer, now) / 1000);
  const answerSeconds = answerStartedAt === null ? null : Math.max(0, seconds - answerStartedAt);
  const label = running ? "Pause" : timer.elapsedMs > 0 ? "Resume" : "Start";
  const status = answerSeconds === null ? null : answerGuide(answerSeconds, guide);
  const fill = answerSeconds === null ? 0 : Math.min(100, (answerSeconds / (guide.maxSeconds * 1.2)) * 100);

  return (
    <section className="timer card" aria-label="Interview timer">
      <div className="timer-row">
        <span className="timer-clock" aria-label={`Elapsed ${formatElapsed(seconds)}`}>
          {formatElapsed(seconds)}
        </span>
        {readOnly ? null : (
          <button type="button" className="button" onClick={onToggle}>
            {label} <kbd>t</kbd>
          </button>
        )}
      </div>
      <div className="answer">
        {readOnly ? null : (
          <button type="button" className="link-button" onClick={onMarkAnswer} disabled={!running && timer.elapsedMs === 0}>
            {answerStartedAt === null ? "Answer starts now" : "Restart answer"} <kbd>a</kbd>
          </button>
        )}
        {status && answerSeconds !== null ? (
          <>
            <div className="answer-bar" aria-hidden="true">
              <span className={`answer-fill ${status.tone}`} style={{ width: `${fill}%` }} />
              <span className="answer-mark" style={{ left: `${(guide.minSeconds / (guide.maxSeconds * 1.2)) * 100}%` }} />
              <span className="answer-mark" style={{ left: `${(1 / 1.2) * 100}%` }} />
            </div>
            <p className={`answer-text ${status.tone}`}>
              Answer {formatElapsed(answerSeconds)} — {status.text}
            </p>
          </>
        ) : (
          <p className="hint">Mark when the answer starts to see it against the 2–2½ minute guide.</p>
        )}
      </div>
    </section>
  );
}
