/** How node plugins that read free text split it into words, so "Café" and "cafe" or "don't" and "dont" meet. */

/** Lowercase words (letters and digits in any script) without accents, apostrophes or punctuation. */
export function words(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '');
}
