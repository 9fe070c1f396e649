/**
 * "Linting 312/1000 files…" on one updating line of a TTY stderr, only once a run has taken more
 * than a second, never in CI and never when stderr is a pipe or a file.
 */
export class Progress {
  private readonly started = Date.now();
  private lastDraw = 0;
  private drawn = false;

  constructor(
    private readonly total: number,
    private readonly stream: NodeJS.WriteStream,
    private readonly enabled: boolean,
    private readonly delayMs = 1000,
  ) {}

  static enabledFor(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env): boolean {
    const ci = env.CI !== undefined && env.CI !== '' && env.CI !== '0' && env.CI.toLowerCase() !== 'false';
    return Boolean(stream.isTTY) && !ci && env.TERM !== 'dumb';
  }

  update(done: number): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.started < this.delayMs || (now - this.lastDraw < 100 && done < this.total)) return;
    this.lastDraw = now;
    this.drawn = true;
    this.stream.write(`\r\u001b[2KLinting ${done}/${this.total} files\u2026`);
  }

  /** Erase the line (so the report starts on a clean line). */
  done(): void {
    if (this.drawn) this.stream.write('\r\u001b[2K');
    this.drawn = false;
  }
}
