/** The sentences of examples and allows: templates with the spun form and the context its conditions need. */
import { hasDocumentCondition, type When } from "./types.js";

export type Template = (x: string) => string;

/** Sentence templates for generated examples; the first in which the entry acts is used. */
export const TEMPLATES: Template[] = [
  (x: string): string => `We report the ${x} in this study`,
  (x: string): string => `Table 2 lists the ${x} for each sample`,
  (x: string): string => `In this paper, the ${x} was examined`,
];

/** Context to put in an example so that the entry's conditions hold. */
export function contextClause(when: When, write = (phrase: string) => phrase): { inline: string; tail: string } {
  const has = [...(when.document_has ?? []), ...(when.document_has_any ?? []).slice(0, 1)].map(write);
  const tail = has.length > 0 ? `, together with the ${has.join(", the ")}` : "";
  const inline = when.near ? ` (${write(when.near[0])})` : "";
  return { inline, tail };
}

export function exampleSentence(template: (x: string) => string, spun: string, when: When): string {
  const { inline, tail } = contextClause(when);
  return `${template(spun + inline)}${tail}.`;
}

/** Sentences showing the clean case left alone: the spun form without its context, or with the NOT phrase. */
export function allowSentences(template: (x: string) => string, spun: string, when: When): string[] {
  const out: string[] = [];
  if (hasDocumentCondition(when) || when.near || when.document_spun) out.push(`${template(spun)}.`);
  for (const z of when.document_lacks ?? []) {
    const { inline, tail } = contextClause(when);
    out.push(`${template(spun + inline)}${tail}, unlike the ${z}.`);
  }
  for (const z of when.not_near ?? []) out.push(`${template(`${spun} ${z}`)}.`);
  return out;
}
