// The /inspect page's pure view helpers: calls chosen at first, messages of chosen calls, lanes and names.
import { describe, expect, it } from 'vitest';
import type { Ladder } from '@/sim/export';
import {
  FIRST_CALLS,
  defaultSelection,
  laneOrder,
  messagesOfCalls,
  nameOf,
  renameLanes,
} from '@/app/inspect/lanes';

const msg = (call: string, source: string, destination: string) => ({ call, source, destination });

describe('defaultSelection', () => {
  it('chooses every call of a small capture', () => {
    expect([...defaultSelection(['a', 'b', ''])]).toEqual(['a', 'b', '']);
  });
  it('chooses only the first calls of a large capture', () => {
    const ids = Array.from({ length: FIRST_CALLS + 7 }, (_, i) => `call-${i}`);
    const chosen = defaultSelection(ids);
    expect(chosen.size).toBe(FIRST_CALLS);
    expect(chosen.has('call-0')).toBe(true);
    expect(chosen.has(`call-${FIRST_CALLS}`)).toBe(false);
  });
});

describe('messagesOfCalls and laneOrder', () => {
  const messages = [
    msg('x', '10.0.0.1:5060', '10.0.0.2:5060'),
    msg('y', '10.0.0.3:5060', '10.0.0.2:5060'),
    msg('x', '10.0.0.2:5060', '10.0.0.1:5060'),
    msg('', '10.0.0.9:5060', '10.0.0.1:5060'),
  ];
  it('keeps the chosen calls in capture order', () => {
    expect(messagesOfCalls(messages, new Set(['x']))).toEqual([messages[0], messages[2]]);
    expect(messagesOfCalls(messages, new Set(['']))).toEqual([messages[3]]);
    expect(messagesOfCalls(messages, new Set())).toEqual([]);
  });
  it('orders lanes by first appearance, sender first', () => {
    expect(laneOrder(messages)).toEqual([
      '10.0.0.1:5060',
      '10.0.0.2:5060',
      '10.0.0.3:5060',
      '10.0.0.9:5060',
    ]);
    expect(laneOrder(messagesOfCalls(messages, new Set(['y'])))).toEqual([
      '10.0.0.3:5060',
      '10.0.0.2:5060',
    ]);
  });
});

describe('renameLanes', () => {
  const ladder: Ladder = {
    title: 'c',
    lanes: [
      { id: '10.0.0.1:5060', label: '10.0.0.1:5060' },
      { id: '10.0.0.2:5060', label: '10.0.0.2:5060' },
      { id: '10.0.0.3:5060', label: '10.0.0.3:5060' },
    ],
    rows: [{ time: 0, from: '10.0.0.1:5060', to: '10.0.0.2:5060', label: 'INVITE' }],
  };
  it('names lanes by the reader’s names, the address where there is none or it is blank', () => {
    const out = renameLanes(ladder, { '10.0.0.1:5060': 'alice', '10.0.0.2:5060': '  ' });
    expect(out.lanes.map((l) => l.label)).toEqual(['alice', '10.0.0.2:5060', '10.0.0.3:5060']);
    expect(out.lanes.map((l) => l.id)).toEqual(ladder.lanes.map((l) => l.id));
    expect(out.rows).toBe(ladder.rows);
    expect(nameOf('10.0.0.1:5060', { '10.0.0.1:5060': ' alice ' })).toBe('alice');
  });
  it('keeps two addresses given the same name apart', () => {
    const out = renameLanes(ladder, { '10.0.0.1:5060': 'proxy', '10.0.0.3:5060': 'proxy' });
    expect(out.lanes.map((l) => l.label)).toEqual([
      'proxy',
      '10.0.0.2:5060',
      'proxy (10.0.0.3:5060)',
    ]);
  });
});
