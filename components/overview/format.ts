/** "—" for no data; seconds as s, min or h. */
export function formatSeconds(s: number | null | undefined): string {
  if (s === null || s === undefined) return "—";
  if (s < 60) return `${Math.round(s * 10) / 10} s`;
  if (s < 3600) return `${Math.round((s / 60) * 10) / 10} min`;
  return `${Math.round((s / 3600) * 10) / 10} h`;
}

/** "—" for no data; a ratio as a percentage. */
export function formatPercent(r: number | null | undefined): string {
  if (r === null || r === undefined) return "—";
  return `${Math.round(r * 1000) / 10} %`;
}
