// Splits an interviewer's interviews the way they think about their day.

export interface Scheduled {
  scheduledAt: string;
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
