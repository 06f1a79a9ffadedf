/** Whether a YAML text is a workflow catalogue (a top-level `workflows:` list, like workflows/registry.yaml) rather than a workflow. */
export function isCatalog(text: string): boolean {
  return /^workflows:\s*$/m.test(text) && !/^nodes:/m.test(text);
}
