import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';

const WEB = 'dist/web/extension.cjs';

// `npm test` builds first; the in-host web suite (test/extension/web) runs the same file in a real web worker.
test('the browser bundle requires nothing but `vscode` (no fs, worker_threads or other Node built-ins)', { skip: !existsSync(WEB) && 'not built' }, () => {
  const code = readFileSync(WEB, 'utf8');
  const requires = [...code.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]);
  // ajv's code generator holds `require("ajv/dist/runtime/…")`, `require("ajv-formats/dist/formats")` as text for its standalone mode; not a real import.
  assert.deepEqual([...new Set(requires.filter((r) => !/^ajv(-formats)?\/dist\//.test(r!)))], ['vscode']);
  assert.doesNotMatch(code, /worker_threads|node:fs|child_process/);
});

test('the browser bundle loads in a context without Node globals or a DOM (like a web worker)', { skip: !existsSync(WEB) && 'not built' }, () => {
  const code = readFileSync(WEB, 'utf8');
  const module = { exports: {} as Record<string, unknown> };
  // esbuild's interop copies the module's own names, so name every top-level export of the API.
  const stub = (): unknown => new Proxy(function () {}, { get: (_t, p) => (p === Symbol.iterator ? function* () {} : stub()), apply: () => stub(), construct: () => stub() as object });
  const dts = readFileSync('node_modules/@types/vscode/index.d.ts', 'utf8');
  const vscodeStub: Record<string, unknown> = {};
  for (const m of dts.matchAll(/^\s+export (?:namespace|class|enum|const|let|function) ([A-Za-z_]\w*)/gm)) vscodeStub[m[1]!] = stub();
  const sandbox = {
    module, exports: module.exports, console, setTimeout, clearTimeout, TextDecoder, TextEncoder, URL,
    require: (id: string) => {
      if (id === 'vscode') return vscodeStub;
      throw new Error(`the web bundle required "${id}"`);
    },
  };
  runInNewContext(code, sandbox, { filename: WEB });
  assert.equal(typeof module.exports.activate, 'function');
  assert.equal(typeof module.exports.deactivate, 'function');
});
