// "attendez 65 secondes": the real wait, not a rounded one that would make people retry too early.
export function formatWait(seconds: number): string {
  const s = Math.max(1, Math.ceil(seconds));
  if (s < 120) return `${s} seconde${s > 1 ? 's' : ''}`;
  if (s < 3600) {
    const minutes = Math.floor(s / 60);
    const rest = s % 60;
    return rest ? `${minutes} minutes et ${rest} seconde${rest > 1 ? 's' : ''}` : `${minutes} minutes`;
  }
  const hours = Math.floor(s / 3600);
  const minutes = Math.ceil((s % 3600) / 60);
  const hourText = `${hours} heure${hours > 1 ? 's' : ''}`;
  return minutes ? `${hourText} et ${minutes} minute${minutes > 1 ? 's' : ''}` : hourText;
}
