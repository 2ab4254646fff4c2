/**
 * The indefinite article before a word: "a" or "an" by the sound the word begins with, from rules
 * in data/english/articles.txt (the engine knows no article by name). A vowel letter gives "an"
 * unless a consonant-sound prefix matches ("a union"); a consonant letter gives "a" unless a
 * vowel-sound prefix matches ("an hour"); an initialism goes by its first letter's name ("an MRI").
 * A word that starts with neither a letter nor a known pattern (a number) gets no verdict.
 */
export interface ArticleRules {
  /** The article before a consonant sound, and before a vowel sound (lower case). */
  consonantForm: string;
  vowelForm: string;
  consonantPrefixes: string[];
  vowelPrefixes: string[];
  vowelLetters: string;
  /** The vowel letters (lower case): a word starting with one has a vowel sound unless a prefix says not. */
  vowels: string;
}

export function parseArticleRules(text: string): ArticleRules | undefined {
  const rules: ArticleRules = {
    consonantForm: "",
    vowelForm: "",
    consonantPrefixes: [],
    vowelPrefixes: [],
    vowelLetters: "",
    vowels: "",
  };
  for (const line of text.split("\n")) {
    const [kind, ...rest] = line.trim().split(/\s+/);
    if (kind === "article" && rest.length === 2) [rules.consonantForm, rules.vowelForm] = rest;
    else if (kind === "consonant") rules.consonantPrefixes.push(...rest);
    else if (kind === "vowel") rules.vowelPrefixes.push(...rest);
    else if (kind === "letters") rules.vowelLetters = rest.join("");
    else if (kind === "vowels") rules.vowels = rest.join("").toLowerCase();
  }
  return rules.consonantForm && rules.vowelForm && rules.vowels ? rules : undefined;
}

/** Is the word one of the article's forms (any case)? */
export function isArticle(word: string, rules: ArticleRules): boolean {
  const w = word.toLowerCase();
  return w === rules.consonantForm || w === rules.vowelForm;
}

/** The article's form (lower case) before this word, or undefined when the word's first sound is unknown. */
export function articleFor(word: string, rules: ArticleRules): string | undefined {
  if (!/^\p{L}/u.test(word)) return undefined;
  if (word.length >= 2 && /^\p{Lu}+$/u.test(word)) {
    return rules.vowelLetters.includes(word[0]) ? rules.vowelForm : rules.consonantForm;
  }
  const w = word.toLowerCase();
  if (!/^[a-z]/.test(w)) return undefined; // an accented or non-Latin first letter: no verdict
  const vowelLetter = rules.vowels.includes(w[0]);
  const flip = (vowelLetter ? rules.consonantPrefixes : rules.vowelPrefixes).some((p) => w.startsWith(p));
  return vowelLetter !== flip ? rules.vowelForm : rules.consonantForm;
}
