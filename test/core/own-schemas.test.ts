/**
 * The schemas that ship with runbook-lint are compiled without ajv's meta-schema check (it costs
 * ~0.2 s per ajv instance, so once per process or worker thread): the config schema, every rule's
 * options schema (src/core/config/ajv.ts) and the built-in runbook schema (`trusted` in
 * src/core/schema.ts). This suite is that check. User schemas are still checked, with ajv's wording.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Ajv2020Module from 'ajv/dist/2020.js';
import { builtinRules } from '../../src/core/rules/index.js';
import { configSchema } from '../../src/core/config/validate.js';
import { builtinSchemaJson } from '../../src/core/builtin-schema.js';
import { compileSchema, SchemaError } from '../../src/core/schema.js';

const Ajv2020 = ((Ajv2020Module as unknown as { default?: unknown }).default ?? Ajv2020Module) as typeof Ajv2020Module.default;
const meta = new Ajv2020({ allErrors: true, strict: false });
const problems = (schema: unknown): string => (meta.validateSchema(schema as object) ? '' : meta.errorsText(meta.errors));

test('schemas/config.schema.json and the built-in runbook schema are valid JSON Schema 2020-12', () => {
  assert.equal(problems(configSchema), '');
  assert.equal(problems(builtinSchemaJson), '');
});

test("every built-in rule's options schema is valid JSON Schema 2020-12", () => {
  const withOptions = builtinRules.filter((r) => r.meta.optionsSchema !== undefined);
  assert.ok(withOptions.length >= 3, 'rules with options exist');
  for (const rule of withOptions) assert.equal(problems(rule.meta.optionsSchema), '', rule.meta.id);
});

test('a user schema is still checked against the meta-schema, in ajv\'s words, also after a compile in the same thread', () => {
  compileSchema({ type: 'object', properties: { sections: { type: 'object' } } });
  const invalid = [{ type: 'bogus' }, { properties: { sections: { required: 'Contacts' } } }, { $defs: { a: { minLength: -1 } } }];
  for (const schema of invalid) {
    assert.throws(
      () => compileSchema(schema),
      (e: unknown) => e instanceof SchemaError && /^Schema does not compile: schema is invalid: data\//.test(e.message),
      JSON.stringify(schema),
    );
  }
  // $ref targets (extra schemas) too.
  assert.throws(
    () => compileSchema({ $ref: 'part.json' }, { extraSchemas: [{ uri: 'part.json', schema: { type: 12 } }] }),
    (e: unknown) => e instanceof SchemaError && /schema is invalid/.test(e.message),
  );
});
