/** Configuration and schema resolution behind an injected host (design §5). */
export { ConfigResolver, CONFIG_NAMES, BUILTIN_SCHEMA_LABEL, type LoadedConfig, type ResolvedSettings, type ResolveOptions, type ResolverOptions, type SchemaChoice, type SchemaSource } from './resolver.js';
export { emptyHost, memoryHost, type ResolverHost } from './host.js';
export { ResolveError, type ConfigProblem } from './problems.js';
export { ALWAYS_IGNORED, globMatcher, isAlwaysIgnored } from './globs.js';
export { dirname as dirnameOf, joinPath, relativeTo } from './paths.js';
export type { Contribution, MergedSettings } from './layers.js';
