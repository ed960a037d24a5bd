/**
 * Chooses who gets a new ticket. Pure and deterministic: the caller loads the
 * candidates and records the winner, so the same inputs always give the same
 * person and a simulation can show who would be picked.
 */
import type { AssignmentStrategy } from './rota.schema.ts';

export interface AssigneeCandidate {
  id: string;
  onShift: boolean;
  openTickets: number;
  /** When this person last got a ticket by assignment, as a rising sequence number; 0 = never. */
  lastAssignedSeq: number;
}

const byId = (a: AssigneeCandidate, b: AssigneeCandidate) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const byTurn = (a: AssigneeCandidate, b: AssigneeCandidate) => a.lastAssignedSeq - b.lastAssignedSeq || byId(a, b);
const byLoad = (a: AssigneeCandidate, b: AssigneeCandidate) => a.openTickets - b.openTickets || byTurn(a, b);

export function pickAssignee(strategy: AssignmentStrategy, candidates: readonly AssigneeCandidate[]): string | null {
  if (strategy === 'manual') return null;
  const order = strategy === 'round-robin' ? byTurn : byLoad;
  let best: AssigneeCandidate | undefined;
  for (const candidate of candidates) {
    if (candidate.onShift && (!best || order(candidate, best) < 0)) best = candidate;
  }
  return best?.id ?? null;
}
