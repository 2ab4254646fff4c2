/**
 * Chains and cycles among restoring entries: an entry whose original is another entry's spun form.
 * Conditions read the input only, so one pass never restores twice; but a chain means restored text
 * still looks spun (a second run changes it again), and a cycle means two entries undo each other.
 */
import { phraseKeys } from "../../text/tokenizer.js";
import { byForm, describe } from "./model.js";
import type { Finding, LintEntry } from "./model.js";

function edges(entries: readonly LintEntry[]): Map<LintEntry, LintEntry[]> {
  const restoring = (le: LintEntry) => !le.entry.detect;
  const spun = byForm(entries, restoring);
  const out = new Map<LintEntry, LintEntry[]>();
  for (const a of entries) {
    if (!restoring(a)) continue;
    const targets = (spun.get(phraseKeys(a.entry.original).join(" ")) ?? []).filter((b) => b !== a);
    if (targets.length) out.set(a, targets);
  }
  return out;
}

/** Strongly connected components (Tarjan, iterative) with more than one entry. */
function cycles(graph: Map<LintEntry, LintEntry[]>): LintEntry[][] {
  const index = new Map<LintEntry, number>();
  const low = new Map<LintEntry, number>();
  const onStack = new Set<LintEntry>();
  const stack: LintEntry[] = [];
  const found: LintEntry[][] = [];
  let counter = 0;
  for (const start of graph.keys()) {
    if (index.has(start)) continue;
    const work: { node: LintEntry; next: number }[] = [{ node: start, next: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length) {
      const top = work[work.length - 1];
      const succ = graph.get(top.node) ?? [];
      if (top.next < succ.length) {
        const w = succ[top.next++];
        if (!index.has(w)) {
          index.set(w, counter);
          low.set(w, counter++);
          stack.push(w);
          onStack.add(w);
          work.push({ node: w, next: 0 });
        } else if (onStack.has(w)) {
          low.set(top.node, Math.min(low.get(top.node) as number, index.get(w) as number));
        }
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1].node;
        low.set(parent, Math.min(low.get(parent) as number, low.get(top.node) as number));
      }
      if (low.get(top.node) === index.get(top.node)) {
        const comp: LintEntry[] = [];
        let w: LintEntry;
        do {
          w = stack.pop() as LintEntry;
          onStack.delete(w);
          comp.push(w);
        } while (w !== top.node);
        if (comp.length > 1) found.push(comp);
      }
    }
  }
  return found;
}

export function chainsAndCycles(entries: readonly LintEntry[]): Finding[] {
  const graph = edges(entries);
  const findings: Finding[] = [];
  const inCycle = new Set<LintEntry>();
  for (const comp of cycles(graph)) {
    const order = [...comp].sort(
      (x, y) => x.entry.pos.file.localeCompare(y.entry.pos.file) || x.entry.pos.line - y.entry.pos.line,
    );
    for (const le of order) inCycle.add(le);
    findings.push({
      pos: order[0].entry.pos,
      severity: "error",
      rule: "cycle",
      message: `cycle: these entries restore each other's words: ${order.map(describe).join(", ")}`,
    });
  }
  for (const [a, targets] of graph) {
    if (inCycle.has(a) && targets.every((b) => inCycle.has(b))) continue;
    findings.push({
      pos: a.entry.pos,
      severity: "warning",
      rule: "chain",
      message: `chain: restores to '${a.entry.original}', which ${describe(targets[0])} takes for spun text`,
    });
  }
  return findings;
}
