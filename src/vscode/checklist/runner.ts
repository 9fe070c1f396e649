/**
 * Who ran a drill, for the run log: git's user.name (through the built-in Git extension's API, so no
 * child process and nothing read from disk by us), else the OS user name from the environment,
 * else "unknown". Only a display name is read: no e-mail, no tokens, nothing else.
 */
import * as vscode from 'vscode';

type Source = () => Promise<string | undefined> | string | undefined;

/** The first non-empty answer of `sources`, trimmed; failures and slow sources (2 s) are skipped. */
export async function firstName(sources: readonly Source[], timeoutMs = 2000): Promise<string> {
  for (const source of sources) {
    try {
      const value = await Promise.race([
        Promise.resolve(source()),
        new Promise<undefined>((r) => setTimeout(() => r(undefined), timeoutMs)),
      ]);
      const name = typeof value === 'string' ? value.replace(/\s+/g, ' ').trim() : '';
      if (name) return name.slice(0, 100);
    } catch {
      /* next source */
    }
  }
  return 'unknown';
}

interface GitRepository {
  rootUri: vscode.Uri;
  getConfig(key: string): Promise<string>;
  getGlobalConfig(key: string): Promise<string>;
}

async function gitUserName(): Promise<string | undefined> {
  const ext = vscode.extensions.getExtension<{ getAPI(v: 1): { repositories: GitRepository[] } }>('vscode.git');
  if (!ext) return undefined;
  const api = (ext.isActive ? ext.exports : await ext.activate()).getAPI(1);
  const repo = api.repositories[0];
  if (!repo) return undefined;
  return (await repo.getConfig('user.name').catch(() => '')) || (await repo.getGlobalConfig('user.name').catch(() => ''));
}

function osUserName(): string | undefined {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  return env?.USER || env?.USERNAME || env?.LOGNAME;
}

export function runnerName(): Promise<string> {
  return firstName([gitUserName, osUserName]);
}
