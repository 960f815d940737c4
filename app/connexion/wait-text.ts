// The wait announced after too many sign-in attempts: the real one, never a rounded "2 minutes"
// that would have the citizen retry too early (and wait again) or too late.

function unit(count: number, singular: string): string {
  return `${count} ${singular}${count > 1 ? 's' : ''}`;
}

/** "45 secondes", "65 secondes", "2 minutes et 10 secondes", "1 heure", "23 heures et 59 minutes". */
export function waitText(totalSeconds: number): string {
  const seconds = Math.max(1, Math.ceil(totalSeconds));
  // Under two minutes, seconds alone read best ("65 secondes", not "1 minute et 5 secondes").
  if (seconds < 120) return unit(seconds, 'seconde');
  if (seconds < 3600) {
    const [minutes, rest] = [Math.floor(seconds / 60), seconds % 60];
    return rest ? `${unit(minutes, 'minute')} et ${unit(rest, 'seconde')}` : unit(minutes, 'minute');
  }
  // From an hour on, to the minute, rounded up so that the wait is never understated.
  const minutesUp = Math.ceil(seconds / 60);
  const [hours, minutes] = [Math.floor(minutesUp / 60), minutesUp % 60];
  return minutes ? `${unit(hours, 'heure')} et ${unit(minutes, 'minute')}` : unit(hours, 'heure');
}
