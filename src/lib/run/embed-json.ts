/**
 * JSON that is safe inside `<script type="application/json">`: the HTML parser ends a script element
 * at the first `</script`, whatever the JSON means, so `<` (and `>`, `&`, and the two line separators
 * some JavaScript parsers reject) are written as JSON `\u` escapes. `JSON.parse` reads them back
 * unchanged.
 */
const UNSAFE: Record<string, string> = { '<': '\\u003c', '>': '\\u003e', '&': '\\u0026', '\u2028': '\\u2028', '\u2029': '\\u2029' };

export function serializeJsonForHtml(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (char) => UNSAFE[char]!);
}
