/** jsonc-parser, whichever way they were loaded (ESM under esbuild, CommonJS under Node's test runner). */
import * as jsoncNs from 'jsonc-parser';

const DEFAULT = 'default';
function interop<T extends object>(ns: T, probe: string): T {
  return (probe in ns ? ns : (ns as Record<string, unknown>)[DEFAULT]) as T;
}

export const jsonc = interop(jsoncNs, 'parseTree');
export type JsonNode = jsoncNs.Node;
export type ParseError = jsoncNs.ParseError;
