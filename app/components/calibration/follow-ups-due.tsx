import { Link } from "@remix-run/react";
import { effectName } from "~/domain/conversation-effects";

interface FollowUp {
  id: number;
  interviewerId: number;
  interviewerName: string;
  effect: string;
  followUpOn: string | null;
}

/** Open calibration follow-ups whose day has come, at the top of the overview; nothing when none. */
export function FollowUpsDue({ followUps }: { followUps: FollowUp[] }) {
  if (followUps.length === 0) return null;
  return (
    <section className="card follow-ups-due" aria-labelledby="follow-ups-title">
      <h2 id="follow-ups-title">
        Follow-ups due <span className="count">{followUps.length}</span>
      </h2>
      <ul className="flag-list">
        {followUps.map((f) => (
          <li key={f.id}>
            <span className="badge badge-overdue">{f.followUpOn}</span> <strong>{f.interviewerName}</strong> —{" "}
            {effectName(f.effect)} ·{" "}
            <Link to={`/calibration/conversations?interviewer=${f.interviewerId}#conversation-${f.id}`}>
              open the conversation
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
