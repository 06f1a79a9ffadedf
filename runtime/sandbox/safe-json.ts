/**
 * JSON that came out of a sandbox. Parsed by the host itself (never an object built by untrusted
 * code), with every `__proto__` key dropped so a returned `{ "__proto__": { ... } }` cannot change a
 * prototype when the engine later merges or assigns the value.
 */

/** Parses JSON from untrusted code; '' stands for undefined. */
export function parseUntrustedJson(text: string): unknown {
  if (text === '') return undefined;
  // A `__proto__` key can only be spelled plainly or with \u escapes; skip the slower reviver otherwise.
  if (!text.includes('__proto__') && !text.includes('\\u')) return JSON.parse(text);
  return JSON.parse(text, (key, value) => (key === '__proto__' ? undefined : value));
}

/** JSON for a value going into a sandbox; undefined becomes ''. */
export function toSandboxJson(value: unknown): string {
  const json = JSON.stringify(value);
  return json === undefined ? '' : json;
}
