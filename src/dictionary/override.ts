/**
 * Does the pack replace the entries of the packs before it for the spun forms it names? A user's pack
 * does; a built-in pack never (built-in entries for one form are alternatives), nor one that says
 * `override: false`.
 */
function overridesEarlier(p: { builtin?: boolean; override?: false }): boolean {
  return p.builtin !== true && p.override !== false;
}

/**
 * Which pack owns each spun form (its token keys joined by spaces) that some pack overrides: the
 * last overriding pack that names it. The other packs' entries for an owned form are left out.
 */
export function formOwners<P extends { builtin?: boolean; override?: false }>(
  packs: readonly P[],
  forms: (p: P) => Iterable<string>,
): Map<string, P> {
  const owner = new Map<string, P>();
  for (const p of packs) if (overridesEarlier(p)) for (const f of forms(p)) owner.set(f, p);
  return owner;
}
