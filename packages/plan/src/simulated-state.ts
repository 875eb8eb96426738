/**
 * What the simulated clouds remember across the stacks of one environment: addresses already handed out
 * (public IPs, the next free host of each subnet, the tunnel addresses of the other clouds) and the values a
 * later lookup reads back (a private endpoint's address, a host pool's token expiry, a provider's
 * subscription). Stacks of one plan see each other's allocations, as they would in one Azure.
 *
 * Every read and allocation is recorded in a journal with the value it returned. A stack's program is
 * deterministic given the answers it gets, so a stack run against a guessed starting state is exactly the run
 * against the true one when replaying its journal on the true state returns the same value at every step:
 * that is what lets the parallel plan run later stacks before earlier ones have finished, and keep the
 * result byte for byte the same as one stack after the other (parallel-plan.ts).
 *
 * Addresses do not depend on the order in which a program's resources register (`allocate`): that order
 * follows how many promise turns each registration takes inside Pulumi's SDK, which says nothing about the
 * estate (dropping the alias URNs the plan never needs changes it, run-stack.ts).
 */

export type JournalEntry =
  /** An allocation from a counter: the value it returned, and the counter's first value. */
  | readonly ["next", string, number, number]
  /** A read of a remembered value: what it returned. */
  | readonly ["get", string, unknown]
  /** A value remembered for later reads. */
  | readonly ["set", string, unknown];

/** A copy of the state that can cross a worker boundary (structured clone). */
export interface SimulatedStateSnapshot {
  counters: [string, number][];
  values: [string, unknown][];
}

export class SimulatedState {
  private readonly counters: Map<string, number>;
  private readonly values: Map<string, unknown>;
  /** Every read, allocation and write since the state was created, in order. */
  readonly journal: JournalEntry[] = [];
  /** Allocations asked for since the last batch was handed out (`allocate`). */
  private pending: { counter: string; first: number; key: string; resolve: (n: number) => void; reject: (e: Error) => void }[] =
    [];

  constructor(snapshot?: SimulatedStateSnapshot) {
    this.counters = new Map(snapshot?.counters);
    this.values = new Map(snapshot?.values);
  }

  /** The next value of a counter (`first` when it was never used), which is then taken. */
  next(counter: string, first: number): number {
    const value = this.counters.get(counter) ?? first;
    this.counters.set(counter, value + 1);
    this.journal.push(["next", counter, value, first]);
    return value;
  }

  /**
   * The next value of a counter for the thing named `key` (a resource's ARM ID, say), independent of the order
   * in which the things of one batch ask. Requests are collected while the program runs (every registration
   * that does not wait for an address happens within the same turn of the event loop: Pulumi's mock monitor
   * is promises only), then handed out in the order of (counter, key) when the loop next turns (setImmediate).
   * A later batch holds what waited for an earlier one's addresses, so the answer depends on the program's
   * data flow and the keys, never on promise turns. Two requests with the same counter and key in one batch
   * are a fault: their order would decide.
   */
  allocate(counter: string, first: number, key: string): Promise<number> {
    return new Promise((resolve, reject) => {
      if (this.pending.push({ counter, first, key, resolve, reject }) === 1) setImmediate(() => this.handOut());
    });
  }

  private handOut(): void {
    const batch = this.pending;
    this.pending = [];
    // Code-unit order, not localeCompare: the same on every machine.
    const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    batch.sort((a, b) => order(a.counter, b.counter) || order(a.key, b.key));
    for (const [i, request] of batch.entries()) {
      const twin = batch[i + 1]?.counter === request.counter && batch[i + 1]?.key === request.key;
      const previous = batch[i - 1]?.counter === request.counter && batch[i - 1]?.key === request.key;
      if (twin || previous) request.reject(new Error(`two allocations from ${request.counter} for ${request.key} at once`));
      else request.resolve(this.next(request.counter, request.first));
    }
  }

  get<T>(key: string): T | undefined {
    const value = this.values.get(key) as T | undefined;
    this.journal.push(["get", key, value]);
    return value;
  }

  set(key: string, value: unknown): void {
    this.values.set(key, value);
    this.journal.push(["set", key, value]);
  }

  snapshot(): SimulatedStateSnapshot {
    return { counters: [...this.counters], values: [...this.values] };
  }

  /**
   * Replays a journal recorded against another starting state. Returns the state after it when every read and
   * allocation returns what was recorded (the run is then valid from this state), or undefined; this state is
   * never changed. With `check` false, the journal's writes and allocations are applied whatever its reads
   * returned (a guess of the state after a run not yet known to be valid).
   */
  replay(journal: readonly JournalEntry[], check = true): SimulatedState | undefined {
    const state = new SimulatedState(this.snapshot());
    for (const entry of journal) {
      const [op, key] = entry;
      if (op === "set") state.values.set(key, entry[2]);
      else if (op === "get") {
        if (check && state.values.get(key) !== entry[2]) return undefined;
      } else if (state.next(key, entry[3]) !== entry[2] && check) return undefined;
    }
    state.journal.length = 0;
    return state;
  }
}
