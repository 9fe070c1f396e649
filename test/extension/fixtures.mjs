// Builds the workspaces the in-host tests open, in a temp folder, from examples/payments-outage.md
// (so fixtures follow the example runbook) with today's date (so stale-review stays quiet).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function isoDaysAgo(days) {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

/** The example runbook, reviewed `reviewedDaysAgo` days ago, with the named `## sections` removed. */
export function exampleRunbook({ remove = [], reviewedDaysAgo = 20, extra = '' } = {}) {
  let text = readFileSync(join(ROOT, 'examples', 'payments-outage.md'), 'utf8');
  text = text.replace(/^last_reviewed: .*$/m, `last_reviewed: ${isoDaysAgo(reviewedDaysAgo)}`);
  for (const title of remove) {
    const re = new RegExp(`^## ${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n[\\s\\S]*?(?=^## |(?![\\s\\S]))`, 'm');
    if (!re.test(text)) throw new Error(`fixture: no section "${title}" in examples/payments-outage.md`);
    text = text.replace(re, '');
  }
  return text.trimEnd() + '\n' + extra;
}

/** The built-in schema plus one more required section, "On-call Handover". */
export function strictSchema(title = 'On-call Handover') {
  const schema = JSON.parse(readFileSync(join(ROOT, 'schemas', 'runbook.schema.json'), 'utf8'));
  schema.$id = 'runbook-lint-test:strict';
  schema.properties.sections.properties['on-call-handover'] = {
    type: 'object',
    title,
    description: 'How the outgoing on-call hands over to the next.',
    'x-headings': [title],
    'x-snippet': ['Hand over to ${1:next on-call} at ${2:time}.'],
  };
  schema.properties.sections.required = [...(schema.properties.sections.required ?? []), 'on-call-handover'];
  return JSON.stringify(schema, null, 2);
}

function write(root, files) {
  for (const [rel, text] of Object.entries(files)) {
    const p = join(root, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, text);
  }
}

/** The workspace of the trusted suite (and the .vsix suite). */
export function mainWorkspace(root) {
  const files = {
    '.runbook-lint.json': JSON.stringify({ include: ['runbooks/**/*.md'], ignore: ['archive/**'] }, null, 2) + '\n',
    'README.md': '# Team handbook\n\nTBD: this is ordinary Markdown. It has [insert nothing] and no front matter, so runbook-lint leaves it alone.\n\n## Setup\n\nTODO\n',
    'runbooks/payments.md': exampleRunbook({ remove: ['Escalation Contacts'] }),
    'runbooks/stale.md': exampleRunbook({ reviewedDaysAgo: 800 }),
    'runbooks/two-missing.md': exampleRunbook({ remove: ['Dependencies', 'Testing and Maintenance'] }),
    'runbooks/fix-all.md': exampleRunbook({ remove: ['Communication Plan', 'Revision History'] }).replace(/^approver: .*\n/m, ''),
    'runbooks/screenshot.md': exampleRunbook({ remove: ['Escalation Contacts', 'Vendor Assistance Policy'], reviewedDaysAgo: 500 })
      .replace(/^approver: .*$/m, 'approver: TBD')
      .replace('In scope: the three systems above', 'In scope: [insert the systems covered], the three systems above'),
    'notes/frontmatter-runbook.md': exampleRunbook({ remove: ['Revision History'] }),
    'notes/not-a-runbook.md': '---\ntitle: Meeting notes\n---\n\n# Meeting notes\n\nTBD\n',
    'schemas/strict.schema.json': strictSchema(),
    'archive/ignored.md': exampleRunbook({ remove: ['Roles and Responsibilities'] }),
    // A nested JSONC config applies to the files below it (nearest config wins).
    'teams/ops/.runbook-lint.jsonc': '{\n  // the ops team treats missing sections as warnings for now\n  "rules": { "required-section": "warn", },\n}\n',
    'teams/ops/database.md': exampleRunbook({ remove: ['Roles and Responsibilities'] }),
  };
  for (let i = 1; i <= 6; i++) files[`runbooks/bulk/rb-${i}.md`] = exampleRunbook({ remove: ['Dependencies'] });
  write(root, files);
  return root;
}

/** The workspace of the untrusted suite: its config points at a stricter schema and turns a rule off. */
export function untrustedWorkspace(root) {
  write(root, {
    '.runbook-lint.json': JSON.stringify({ schema: './schemas/strict.schema.json', rules: { 'placeholder-text': 'off' } }, null, 2) + '\n',
    'schemas/strict.schema.json': strictSchema(),
    'runbooks/payments.md': exampleRunbook({ remove: ['Revision History'], extra: '\nOwner of the follow-up: TBD\n' }),
  });
  return root;
}
