import { describe, expect, it } from 'vitest';
import { pickAssignee, type AssigneeCandidate } from './pick-assignee.ts';

const candidate = (id: string, over: Partial<AssigneeCandidate> = {}): AssigneeCandidate => ({ id, onShift: true, openTickets: 0, lastAssignedSeq: 0, ...over });

describe('pickAssignee', () => {
  it('never picks anyone for manual assignment', () => {
    expect(pickAssignee('manual', [candidate('a')])).toBeNull();
  });

  it('returns null when there is nobody, or nobody on shift', () => {
    expect(pickAssignee('round-robin', [])).toBeNull();
    expect(pickAssignee('least-loaded', [])).toBeNull();
    expect(pickAssignee('round-robin', [candidate('a', { onShift: false })])).toBeNull();
    expect(pickAssignee('least-loaded', [candidate('a', { onShift: false })])).toBeNull();
  });

  it('round-robin spreads 100 tickets evenly over those on shift', () => {
    const team = [candidate('dee'), candidate('bo'), candidate('cy', { onShift: false }), candidate('al')];
    const counts: Record<string, number> = { al: 0, bo: 0, cy: 0, dee: 0 };
    let seq = 0;
    for (let i = 0; i < 100; i++) {
      const winner = pickAssignee('round-robin', team);
      expect(winner).not.toBeNull();
      counts[winner!]!++;
      team.find((c) => c.id === winner)!.lastAssignedSeq = ++seq;
    }
    expect(counts).toEqual({ al: 34, bo: 33, cy: 0, dee: 33 });
  });

  it('round-robin picks whoever was assigned longest ago, ignoring load, then the smallest id', () => {
    expect(pickAssignee('round-robin', [candidate('a', { lastAssignedSeq: 5 }), candidate('b', { lastAssignedSeq: 2, openTickets: 9 }), candidate('c', { lastAssignedSeq: 3 })])).toBe('b');
    expect(pickAssignee('round-robin', [candidate('b'), candidate('a'), candidate('c', { lastAssignedSeq: 1 })])).toBe('a');
  });

  it('least-loaded picks the fewest open tickets, then the longest since assigned, then the smallest id', () => {
    expect(pickAssignee('least-loaded', [candidate('a', { openTickets: 3 }), candidate('b', { openTickets: 1, lastAssignedSeq: 9 }), candidate('c', { openTickets: 2 })])).toBe('b');
    expect(pickAssignee('least-loaded', [candidate('a', { openTickets: 1, lastAssignedSeq: 7 }), candidate('b', { openTickets: 1, lastAssignedSeq: 4 })])).toBe('b');
    expect(pickAssignee('least-loaded', [candidate('b', { openTickets: 1 }), candidate('a', { openTickets: 1 })])).toBe('a');
  });

  it('least-loaded skips a less loaded colleague who is off shift', () => {
    expect(pickAssignee('least-loaded', [candidate('a', { openTickets: 0, onShift: false }), candidate('b', { openTickets: 4 })])).toBe('b');
  });

  it('least-loaded evens out the load as tickets arrive', () => {
    const team = [candidate('a', { openTickets: 5 }), candidate('b', { openTickets: 0 }), candidate('c', { openTickets: 2 })];
    let seq = 0;
    for (let i = 0; i < 8; i++) {
      const winner = team.find((c) => c.id === pickAssignee('least-loaded', team))!;
      winner.openTickets++;
      winner.lastAssignedSeq = ++seq;
    }
    expect(team.map((c) => c.openTickets)).toEqual([5, 5, 5]);
  });
});
