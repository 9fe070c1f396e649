/**
 * Tests for the TextMate injection grammar syntaxes/runbook.injection.tmLanguage.json.
 *
 * The grammar is injected into VS Code's Markdown grammar (scope text.html.markdown). That grammar
 * ships with VS Code and is not in node_modules, so test/grammar/markdown-stub.tmLanguage.json stands
 * in for it: it reproduces the block structure and scope names of VS Code's grammar that the injection
 * depends on — front matter, headings, block quotes, lists, paragraphs, tables — and the constructs it
 * must stay out of or yield to: fenced and indented code, inline code, HTML comments and tags, images,
 * links, reference links and link reference definitions.
 * The injection is registered exactly as VS Code does it: through the registry's getInjections
 * plus the grammar's own injectionSelector.
 *
 * Choice of scope for placeholders: `invalid.illegal.placeholder.runbook-lint`.
 * A placeholder ([insert …], {RTO hours}, TBD, <name>, ???) is text that must not survive into a
 * runbook someone reads during an outage, so it should stand out like an error. Practically every
 * theme colours `invalid` / `invalid.illegal` (Dark+/Light+ paint it red, Monokai and Solarized give it
 * a red foreground or background), whereas `markup.*` scopes are coloured unevenly (markup.changed /
 * markup.inserted are diff colours, markup.italic is only a font style) and would blend into prose.
 * The trailing `.runbook-lint` lets users retarget the colour with editor.tokenColorCustomizations.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
// Both packages are UMD bundles (CommonJS to Node): Node exposes them as a default export only.
import vsctm from 'vscode-textmate';
import oniguruma from 'vscode-oniguruma';
import type { IGrammar, IRawGrammar, StateStack } from 'vscode-textmate';

const PLACEHOLDER = 'invalid.illegal.placeholder.runbook-lint';
const SEVERITY = 'constant.other.severity.runbook-lint';
const DURATION = 'constant.numeric.duration.runbook-lint';
const OBJECTIVE = 'keyword.other.objective.runbook-lint';
const HANDLE = 'entity.name.tag.handle.runbook-lint';
const OWN_SCOPE_SUFFIX = '.runbook-lint';

/** Repository root: the nearest ancestor of the working directory whose package.json is runbook-lint's. */
function findRepoRoot(): string {
  let dir = process.cwd();
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest)) {
      const parsed = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: unknown };
      if (parsed.name === 'runbook-lint') return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`runbook-lint repository root not found above ${process.cwd()}`);
    dir = parent;
  }
}

const ROOT = findRepoRoot();
const INJECTION_PATH = path.join(ROOT, 'syntaxes', 'runbook.injection.tmLanguage.json');
const STUB_PATH = path.join(ROOT, 'test', 'grammar', 'markdown-stub.tmLanguage.json');
const ONIG_WASM_PATH = path.join(ROOT, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm');

let onigReady: Promise<void> | undefined;
function loadOniguruma(): Promise<void> {
  if (!onigReady) {
    const wasm = fs.readFileSync(ONIG_WASM_PATH);
    // Copy into a standalone ArrayBuffer: a Buffer may be a view into a larger shared pool.
    onigReady = oniguruma.loadWASM(new Uint8Array(wasm).buffer);
  }
  return onigReady;
}

let grammarPromise: Promise<IGrammar> | undefined;
function loadMarkdownWithInjection(): Promise<IGrammar> {
  grammarPromise ??= (async () => {
    await loadOniguruma();
    const files: Record<string, string> = {
      'text.html.markdown': STUB_PATH,
      'runbook-lint.injection': INJECTION_PATH,
    };
    const registry = new vsctm.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
        createOnigString: (s: string) => new oniguruma.OnigString(s),
      }),
      loadGrammar: async (scopeName: string): Promise<IRawGrammar | null> => {
        const file = files[scopeName];
        return file ? vsctm.parseRawGrammar(fs.readFileSync(file, 'utf8'), file) : null;
      },
      getInjections: (scopeName: string) =>
        scopeName === 'text.html.markdown' ? ['runbook-lint.injection'] : undefined,
    });
    const grammar = await registry.loadGrammar('text.html.markdown');
    if (!grammar) throw new Error('could not load the Markdown stand-in grammar');
    return grammar;
  })();
  return grammarPromise;
}

interface Token {
  line: number;
  text: string;
  scopes: string[];
}

async function tokenize(source: string): Promise<Token[]> {
  const grammar = await loadMarkdownWithInjection();
  const out: Token[] = [];
  let state: StateStack = vsctm.INITIAL;
  source.split('\n').forEach((lineText, line) => {
    const result = grammar.tokenizeLine(lineText, state);
    for (const token of result.tokens) {
      out.push({ line, text: lineText.slice(token.startIndex, token.endIndex), scopes: token.scopes });
    }
    state = result.ruleStack;
  });
  return out;
}

interface Hit {
  text: string;
  scope: string;
}

/** Every token carrying one of this grammar's scopes, with that scope, in document order. */
async function hits(source: string): Promise<Hit[]> {
  const out: Hit[] = [];
  for (const token of await tokenize(source)) {
    const own = token.scopes.filter((s) => s.endsWith(OWN_SCOPE_SUFFIX));
    assert.ok(own.length <= 1, `token ${JSON.stringify(token.text)} has nested runbook-lint scopes: ${own.join(' ')}`);
    if (own[0] !== undefined) out.push({ text: token.text, scope: own[0] });
  }
  return out;
}

const h = (scope: string, ...texts: string[]): Hit[] => texts.map((text) => ({ text, scope }));

/** Each case: a Markdown snippet and exactly the highlighted tokens expected in it (none for negatives). */
type Case = [source: string, expected: Hit[]];

async function check(t: test.TestContext, cases: Case[]): Promise<void> {
  for (const [source, expected] of cases) {
    await t.test(JSON.stringify(source), async () => {
      assert.deepEqual(await hits(source), expected);
    });
  }
}

// ---------------------------------------------------------------------------------------------

test('grammar file: identity, injection selector, and every regex compiles in Oniguruma', async () => {
  const raw = JSON.parse(fs.readFileSync(INJECTION_PATH, 'utf8')) as {
    scopeName?: unknown;
    injectionSelector?: unknown;
    patterns?: unknown;
    repository?: unknown;
  };
  assert.equal(raw.scopeName, 'runbook-lint.injection');
  assert.equal(typeof raw.injectionSelector, 'string');
  const selector = raw.injectionSelector as string;
  assert.match(selector, /^L:text\.html\.markdown\b/);
  const words = selector.split(/[\s()|]+/);
  for (const scope of ['meta.paragraph.markdown', 'markup.heading.markdown', 'markup.table.markdown']) {
    assert.ok(words.includes(scope), `injectionSelector does not name the prose scope ${scope}`);
  }
  for (const excluded of ['-comment', '-markup.fenced_code', '-markup.raw', '-markup.inline.raw']) {
    assert.ok(words.includes(excluded), `injectionSelector lacks ${excluded}`);
  }

  await loadOniguruma();
  const regexes: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if ((key === 'match' || key === 'begin' || key === 'end' || key === 'while') && typeof value === 'string') {
          regexes.push(value);
        } else walk(value);
      }
    }
  };
  walk(raw.repository);
  walk(raw.patterns);
  assert.ok(regexes.length >= 10, `expected the grammar's rules, found ${regexes.length} regexes`);
  for (const source of regexes) {
    assert.doesNotThrow(() => new oniguruma.OnigScanner([source]), `regex does not compile: ${source}`);
  }
});

test('the injection is applied on top of the Markdown host scopes', async () => {
  const tokens = await tokenize('Escalate SEV-1 to [Name].');
  const sev = tokens.find((tok) => tok.text === 'SEV-1');
  assert.deepEqual(sev?.scopes, ['text.html.markdown', 'meta.paragraph.markdown', SEVERITY]);
  // [Name] would be a shortcut reference link for Markdown; the L: priority makes the placeholder win.
  const name = tokens.find((tok) => tok.text === '[Name]');
  assert.deepEqual(name?.scopes, ['text.html.markdown', 'meta.paragraph.markdown', PLACEHOLDER]);
});

test('placeholders are highlighted', async (t) => {
  await check(t, [
    ['Contact: [insert vendor hotline]', h(PLACEHOLDER, '[insert vendor hotline]')],
    ['[Insert RTO here…] applies.', h(PLACEHOLDER, '[Insert RTO here…]')],
    ['Owner: [Name], backup: [Deputy Name / Team].', h(PLACEHOLDER, '[Name]', '[Deputy Name / Team]')],
    ['Restore by [YYYY-MM-DD]', h(PLACEHOLDER, '[YYYY-MM-DD]')],
    ['- [ ] Call [Name]', h(PLACEHOLDER, '[Name]')],
    ['Call [Name]: any time', h(PLACEHOLDER, '[Name]')],
    ['Target is {RTO hours} after declaration', h(PLACEHOLDER, '{RTO hours}')],
    ['Service {{ service_name }} is down', h(PLACEHOLDER, '{{ service_name }}')],
    ['Owner: TBD', h(PLACEHOLDER, 'TBD')],
    ['TODO: add the DR site. FIXME later, TBC.', h(PLACEHOLDER, 'TODO', 'FIXME', 'TBC')],
    ['Phone 555-XXX-XXXX', h(PLACEHOLDER, 'XXX', 'XXXX')],
    ['Page <name> via <pager-service> or <your team lead>', h(PLACEHOLDER, '<name>', '<pager-service>', '<your team lead>')],
    ['Lorem ipsum dolor sit amet', h(PLACEHOLDER, 'Lorem ipsum')],
    ['Backup site: ???', h(PLACEHOLDER, '???')],
    ['## Escalation for [Service]', h(PLACEHOLDER, '[Service]')],
  ]);
});

test('look-alikes are not placeholders', async (t) => {
  await check(t, [
    ['See [the DR plan](https://example.com/dr) first', []],
    ['See [the DR plan][dr] first', []],
    ['[insert here](https://example.com)', []],
    ['[dr]: https://example.com/dr', []],
    ['- [ ] restore the database', []],
    ['- [x] restore the database', []],
    ['- [X] restore the database', []],
    ['Source [1] and footnote[^2] and [^note]', []],
    ['> [!NOTE]', []],
    ['![diagram](img/dr.png)', []],
    ['[[Wiki Page]]', []],
    ['line <br> break <br/> <hr> <p> <b>bold</b> <span> </div> <h2> <details> <summary> <kbd>', []],
    ['<div class="x"> <a href="#top"> <img src="x.png"/> <your name="x">', []],
    ['List<string> and <https://example.com> and <ops@example.com>', []],
    ['$\\frac{a}{b}$ and ${HOME}', []],
    ['A todo list, tbd in lowercase, TBDs, TODO_LIST, XX', []],
    ['What???', []],
    ['`[Name]` and `TBD` in inline code', []],
    ['<!-- TODO: [Name] -->', []],
    ['Owner <!-- TODO: [Name] --> is fine', []],
  ]);
});

test('severities are highlighted', async (t) => {
  await check(t, [
    ['SEV-1 and SEV1 and Sev 2 and sev-0', h(SEVERITY, 'SEV-1', 'SEV1', 'Sev 2', 'sev-0')],
    ['Priority P1, (P2), P3/P4 and P5.', h(SEVERITY, 'P1', 'P2', 'P3', 'P4', 'P5')],
    ['| P1 | page immediately |', h(SEVERITY, 'P1')],
  ]);
});

test('look-alikes are not severities', async (t) => {
  await check(t, [
    ['P10 SP1 HTTP1 P2P MP3 SEV10 SEVERE-1 P6', []],
    ['P1st and AP1 and P1a', []],
  ]);
});

test('durations and recovery objectives are highlighted', async (t) => {
  await check(t, [
    ['RTO: 4h', [...h(OBJECTIVE, 'RTO'), ...h(DURATION, '4h')]],
    ['RPO 15 min, MTD 2 hours', [
      { text: 'RPO', scope: OBJECTIVE },
      { text: '15 min', scope: DURATION },
      { text: 'MTD', scope: OBJECTIVE },
      { text: '2 hours', scope: DURATION },
    ]],
    ['within 30 minutes or 1d', h(DURATION, '30 minutes', '1d')],
    ['ISO: PT4H, P1Y, P1DT12H, PT15M', h(DURATION, 'PT4H', 'P1Y', 'P1DT12H', 'PT15M')],
    ['a 4-hour window, 1.5 hrs, 3 business days, 1-2 hours', h(DURATION, '4-hour', '1.5 hrs', '3 business days', '1-2 hours')],
    ['every 15m, 2w, 6mo, 1h30m', h(DURATION, '15m', '2w', '6mo', '1h30m')],
    ['MTPD and RTOs', h(OBJECTIVE, 'MTPD', 'RTOs')],
  ]);
});

test('look-alikes are not durations or objectives', async (t) => {
  await check(t, [
    ['v2.4h $5m 1990s 4th 10mm 3hz 2days2', []],
    ['PT P P1X PTX', []],
    ['rto, Rpo, RTOX, XRTO, MTDs_total', []],
  ]);
});

test('on-call handles are highlighted', async (t) => {
  await check(t, [
    ['Page @oncall-sre now', h(HANDLE, '@oncall-sre')],
    ['Escalate to @platform/db-team.', h(HANDLE, '@platform/db-team')],
    ['Ping @john.doe, then @here', h(HANDLE, '@john.doe', '@here')],
  ]);
});

test('e-mail addresses and other @ uses are not handles', async (t) => {
  await check(t, [
    ['Mail a@b.com or ops-team@example.co.uk or first.last+dr@corp.io', []],
    ['See https://medium.com/@author and @2x and foo@', []],
  ]);
});

test('nothing is highlighted inside code', async (t) => {
  await check(t, [
    [
      ['```bash', '# SEV-1 TODO [Name] {RTO hours} <name> @oncall-sre 4h PT4H RTO ???', 'page --to @oncall-sre --sev P1', '```'].join('\n'),
      [],
    ],
    [['~~~', 'TBD [insert host]', '~~~'].join('\n'), []],
    [['Before:', '', '    indented code SEV-1 TBD 4h @oncall', '', 'After: TBD'].join('\n'), h(PLACEHOLDER, 'TBD')],
    ['Run `failover --rto 4h --sev P1 @oncall` now', []],
  ]);
});

test('highlighting resumes after a fenced code block', async () => {
  const source = ['```', 'TBD', '```', 'Owner: TBD (SEV-2)'].join('\n');
  const tokens = (await tokenize(source)).filter((tok) => tok.scopes.some((s) => s.endsWith(OWN_SCOPE_SUFFIX)));
  assert.deepEqual(
    tokens.map((tok) => [tok.line, tok.text]),
    [
      [3, 'TBD'],
      [3, 'SEV-2'],
    ],
  );
  // And the code line really was inside the fenced block of the host grammar (the stub works).
  const code = (await tokenize(source)).find((tok) => tok.line === 1);
  assert.ok(code?.scopes.includes('markup.fenced_code.block.markdown'));
});

test('highlighted in every Markdown block that holds prose', async (t) => {
  await check(t, [
    ['# SEV-1 playbook for [Service]', [...h(SEVERITY, 'SEV-1'), ...h(PLACEHOLDER, '[Service]')]],
    ['- Page @oncall-sre within 15 min', [...h(HANDLE, '@oncall-sre'), ...h(DURATION, '15 min')]],
    ['1. TBD', h(PLACEHOLDER, 'TBD')],
    ['> P1: call [Name]', [...h(SEVERITY, 'P1'), ...h(PLACEHOLDER, '[Name]')]],
    [['| Objective | Target |', '|---|---|', '| RTO | 4h |', '| Owner | TBD |'].join('\n'), [
      { text: 'RTO', scope: OBJECTIVE },
      { text: '4h', scope: DURATION },
      { text: 'TBD', scope: PLACEHOLDER },
    ]],
    [['---', 'owner: TBD', 'rto: 4h', '---', 'Body'].join('\n'), [
      { text: 'TBD', scope: PLACEHOLDER },
      { text: '4h', scope: DURATION },
    ]],
  ]);
});

test('a token at the start of a line does not swallow the paragraph (inline code after it stays code)', async (t) => {
  // With a document-wide selector the L: injection would win the tie with the zero-width paragraph
  // rule at column 0, the paragraph would never open, and the inline code below would be coloured.
  await check(t, [
    ['TBD: run `failover --sev P1` first', h(PLACEHOLDER, 'TBD')],
    ['P1 incidents use `page @oncall 4h`', h(SEVERITY, 'P1')],
    ['[Name] owns `RTO` tracking', h(PLACEHOLDER, '[Name]')],
    ['@oncall-sre runs `restore --since 4h`', h(HANDLE, '@oncall-sre')],
    ['- TBD and `TODO` in a list item', h(PLACEHOLDER, 'TBD')],
  ]);
  const tokens = await tokenize('TBD: run `x` now');
  assert.ok(
    tokens.every((tok) => tok.scopes.includes('meta.paragraph.markdown')),
    'every token of the line is inside the paragraph',
  );
  assert.ok(tokens.find((tok) => tok.text === 'x')?.scopes.includes('markup.inline.raw.string.markdown'));
});
