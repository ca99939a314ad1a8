// The node-down check of one node in one probe cycle, shared by the authoritative and the recursive
// probe: the cycle's plan is sent in two parts, a head (its first NODE_DOWN_PROBES queries) and the
// rest. A node that answers none of the head is down for the cycle: sending the rest would only
// stretch the cycle by (queries × timeout ÷ inFlight), so the caller counts the rest as failed with
// cause 'node-down' (and its records as unchecked) instead of sending it. Pure.

/** Queries sent first; when none of them is answered the node counts as down for the cycle. */
export const NODE_DOWN_PROBES = 16;

export class NodeDownCheck<Q> {
  /** The queries to send first. */
  readonly head: readonly Q[];
  /** The queries to send only when the node answered one of the head (see `down`). */
  readonly rest: readonly Q[];
  #answered = false;

  constructor(plan: readonly Q[]) {
    this.head = plan.slice(0, Math.min(NODE_DOWN_PROBES, plan.length));
    this.rest = plan.slice(this.head.length);
  }

  /** Notes one of the node's results: any answer at all (whatever its RCODE) shows the node is up. */
  saw(result: { outcome: string }): void {
    if (result.outcome === 'answer') this.#answered = true;
  }

  /**
   * After the head: true when a full head was sent and none of it was answered. A plan shorter than
   * the head never makes a node down (too few queries to tell; there is no rest to save either).
   */
  get down(): boolean {
    return !this.#answered && this.head.length >= NODE_DOWN_PROBES;
  }
}
