/** One step of a flow's path: where, and what was decided there. */
export interface Hop {
  at: string;
  decision: string;
}
