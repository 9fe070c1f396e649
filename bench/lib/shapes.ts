/**
 * Input shapes of issue 11 (hostile or merely big runbooks), generated to a given size. Shared by
 * the robustness bench section and anyone who wants to reproduce a case by hand.
 */
const ORDINARY_UNIT =
  '## Service restore step\n\nThe on-call engineer checks the [status page](https://status.example.com) and **pages** the owner.\n\n' +
  '- Owner: Payments team\n- Phone: +1 555 0100\n\n1. Fail over the database.\n2. Verify replication.\n\n| System | RTO |\n|---|---|\n| Payments | 4h |\n\n';

function fill(prefix: string, unit: string, bytes: number): string {
  return prefix + unit.repeat(Math.max(1, Math.ceil((bytes - prefix.length) / unit.length)));
}

export const SHAPES: Record<string, (bytes: number) => string> = {
  'blank lines': (n) => '\n'.repeat(n),
  'ordinary runbook text': (n) => fill('---\nowner: Payments\nlast_reviewed: 2026-01-01\n---\n# Payments outage\n\n', ORDINARY_UNIT, n),
  'table rows': (n) => fill('# T\n\n## Escalation Contacts\n\n| Name | Phone |\n|---|---|\n', '| a | b |\n', n),
  'tight list items': (n) => fill('# T\n\n', '- item\n', n),
  '[a](b) links': (n) => fill('# T\n\n', '[a](b) ', n),
  'link definitions': (n) => fill('# T\n\n', '[a]: b\n', n),
  'a*a* paragraph': (n) => fill('# T\n\n', 'a*', n),
  '*_ paragraph': (n) => fill('# T\n\n', '*_', n),
  'equal headings': (n) => fill('# T\n\n', '## Notes\n\n', n),
  'front-matter keys': (n) => {
    const lines: string[] = ['---'];
    let size = 4;
    for (let i = 0; size < n; i++) {
      const line = `k${i}: v`;
      lines.push(line);
      size += line.length + 1;
    }
    return lines.join('\n') + '\n---\n# T\n';
  },
};
