/**
 * Phrases of document conditions, each with one id: a pack gives its own phrases ids as it is read
 * (loader.ts), and a dictionary gives one id to a phrase however many packs name it.
 */
export class PhraseTable {
  readonly phrases: string[][] = [];
  private readonly ids = new Map<string, number>();

  id(keys: string[]): number {
    const k = keys.join(" ");
    let id = this.ids.get(k);
    if (id === undefined) {
      id = this.phrases.length;
      this.phrases.push(keys);
      this.ids.set(k, id);
    }
    return id;
  }
}
