/**
 * Does the pack replace the entries of the packs before it for the spun forms it names? A user's pack
 * does; a built-in pack never (built-in entries for one form are alternatives), nor one that says
 * `override: false`. The one rule both ways of combining packs (build.ts, lazy.ts) follow.
 */
export function overridesEarlier(p: { builtin?: boolean; override?: false }): boolean {
  return p.builtin !== true && p.override !== false;
}
