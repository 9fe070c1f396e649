import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { frontmatter } from 'micromark-extension-frontmatter';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import type { Root } from 'mdast';
import type { Processor } from 'unified';

/**
 * Only the syntax a runbook needs: YAML front matter, tables and task lists.
 * Full remark-gfm also tokenises autolinks, strikethrough and footnotes on every line,
 * which we never read (bench/report.md measures the difference).
 */
function remarkRunbookSyntax(this: Processor): void {
  const data = this.data() as Record<string, unknown[] | undefined>;
  (data.micromarkExtensions ??= []).push(frontmatter('yaml'), gfmTable(), gfmTaskListItem());
  (data.fromMarkdownExtensions ??= []).push(
    frontmatterFromMarkdown('yaml'),
    gfmTableFromMarkdown(),
    gfmTaskListItemFromMarkdown(),
  );
}

const processor = unified().use(remarkParse).use(remarkRunbookSyntax).freeze();

/** Parse Markdown into mdast with positions. Throws only on parser bugs; callers turn that into a `fatal` finding. */
export function parseMarkdown(text: string): Root {
  return processor.parse(text) as Root;
}
