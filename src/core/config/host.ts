/**
 * What the configuration and schema resolver needs from its surroundings. The core has no file
 * system of its own: the CLI passes Node's fs, the editor `vscode.workspace.fs`, an untrusted
 * workspace a host that finds nothing (only the bundled schema is used), tests an in-memory map.
 * Paths are the host's own strings (see paths.ts): absolute POSIX paths or `scheme://authority/path`.
 */
export interface ResolverHost {
  /** The text of a file (UTF-8). Rejects when it cannot be read; the error's message is shown. */
  readFile(path: string): Promise<string>;
  /** What is at a path, or undefined when nothing is (or it cannot be seen). */
  stat(path: string): Promise<{ type: 'file' | 'directory' | 'other' } | undefined>;
  /** How a path appears in messages: the CLI shows it as is, the editor relative to the workspace. */
  displayPath?(path: string): string;
}

/** A host with no files: configs are never found, only the built-in schema resolves. */
export const emptyHost: ResolverHost = {
  readFile: (path) => Promise.reject(new Error(`${path} is not available here`)),
  stat: () => Promise.resolve(undefined),
};

/** A host over an in-memory map of path → text (tests, the web playground, stdin). */
export function memoryHost(files: Record<string, string>): ResolverHost {
  const dirs = new Set<string>();
  for (const path of Object.keys(files)) {
    for (let i = path.lastIndexOf('/'); i > 0; i = path.lastIndexOf('/', i - 1)) dirs.add(path.slice(0, i));
  }
  return {
    readFile: (path) => (path in files ? Promise.resolve(files[path]!) : Promise.reject(new Error('no such file'))),
    stat: (path) => Promise.resolve(path in files ? { type: 'file' } : dirs.has(path) ? { type: 'directory' } : undefined),
  };
}

export async function isFile(host: ResolverHost, path: string): Promise<boolean> {
  try {
    return (await host.stat(path))?.type === 'file';
  } catch {
    return false;
  }
}
