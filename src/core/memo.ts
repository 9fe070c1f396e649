/**
 * Memos for pure functions that lint calls again and again with the same input: the same heading
 * in every runbook of a repository, the same table cell and list item on every keystroke in the
 * editor (issue 12: an edit re-runs the model and the rules over mostly unchanged text).
 */

/**
 * Results by string key, at most `limit` of them: when full, the memo starts afresh (cheap, and
 * one document's keys fit many times over). Callers must treat the results as read-only.
 */
export class StringMemo<T> {
  private readonly map = new Map<string, T>();

  constructor(private readonly limit = 20_000) {
    stringMemos.add(new WeakRef(this as StringMemo<unknown>));
  }

  get(key: string, compute: (key: string) => T): T {
    const hit = this.map.get(key);
    if (hit !== undefined || this.map.has(key)) return hit as T;
    const value = compute(key);
    if (this.map.size >= this.limit) this.map.clear();
    this.map.set(key, value);
    return value;
  }

  clear(): void {
    this.map.clear();
  }
}

/** Every string memo (weakly: a recogniser's go with its schema). */
const stringMemos = new Set<WeakRef<StringMemo<unknown>>>();

/** Empty every string memo: a benchmark's "first lint" measurement, a test that counts work. */
export function clearMemos(): void {
  for (const ref of stringMemos) {
    const memo = ref.deref();
    if (memo) memo.clear();
    else stringMemos.delete(ref);
  }
}

/**
 * Results by syntax-tree node, held on the node itself (a hidden, non-enumerable slot array: they
 * go with the tree, and a WeakMap entry per node made the garbage collector's work grow with every
 * lint). The editor's incremental parse copies the nodes of a piece that moved (parse.ts
 * shiftedCopy); `carryNodeMemos` gives the copy the original's slots, since the results never
 * depend on positions.
 */
export class NodeMemo<T> {
  private readonly slot = nodeMemoCount++;

  /** `valid`: whether a stored result still holds (it may depend on more than the node); if not, it is computed again. */
  get<N extends object>(node: N, compute: (node: N) => T, valid?: (hit: T) => boolean): T {
    let slots = (node as Slotted)[SLOTS];
    const hit = slots?.[this.slot] as T | undefined;
    if (hit !== undefined && (!valid || valid(hit))) return hit;
    const value = compute(node);
    if (!slots) {
      slots = [];
      Object.defineProperty(node, SLOTS, { value: slots, writable: false, enumerable: false, configurable: false });
    }
    slots[this.slot] = value;
    return value;
  }
}

const SLOTS = Symbol('runbook-lint node memos');
type Slotted = { [SLOTS]?: unknown[] };
let nodeMemoCount = 0;

/** `to` is a copy of `from` at another position: it shares `from`'s memoized results. */
export function carryNodeMemos(from: object, to: object): void {
  const slots = (from as Slotted)[SLOTS];
  if (slots && !(to as Slotted)[SLOTS]) Object.defineProperty(to, SLOTS, { value: slots, writable: false, enumerable: false, configurable: false });
}
