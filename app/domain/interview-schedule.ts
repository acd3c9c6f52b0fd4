import type { LevelKey } from "./rubric/types";

// Splits an interviewer's interviews the way they think about their day.

export interface Scheduled {
  scheduledAt: string;
}

/** One scheduled interview as the admin's table shows it (a plain row the model fills). */
export interface AdminInterviewRow {
  id: number;
  candidateId: number;
  candidateName: string;
  level: LevelKey;
  variantName: string;
  scheduledAt: string;
  durationMinutes: number;
  rubricVersionId: number;
  /** The panellists' names, comma-separated. */
  panel: string;
  panelSize: number;
  scorecards: number;
  submitted: number;
}

export interface ScheduleGroups<T> {
  today: T[];
  upcoming: T[];
  past: T[];
}

/** "Today" is the viewer's calendar day, given as its UTC start and end instants. */
export function groupBySchedule<T extends Scheduled>(items: T[], dayStart: Date, dayEnd: Date): ScheduleGroups<T> {
  const groups: ScheduleGroups<T> = { today: [], upcoming: [], past: [] };
  for (const item of items) {
    const at = Date.parse(item.scheduledAt);
    if (at >= dayEnd.getTime()) groups.upcoming.push(item);
    else if (at >= dayStart.getTime()) groups.today.push(item);
    else groups.past.push(item);
  }
  const byTime = (a: T, b: T) => a.scheduledAt.localeCompare(b.scheduledAt);
  groups.today.sort(byTime);
  groups.upcoming.sort(byTime);
  groups.past.sort((a, b) => byTime(b, a));
  return groups;
}

/**
 * A real interview's scorecard is submitted once the interview has begun: scores for an interview
 * that has not happened yet are a placeholder, not evidence. Practice (an exemplar) has no time.
 */
export function submitTooEarlyMessage(interview: { scheduledAt: string; practice: boolean }, now: Date): string | null {
  if (interview.practice || Date.parse(interview.scheduledAt) <= now.getTime()) return null;
  return "This interview has not started yet: a scorecard can be submitted once it has begun.";
}
