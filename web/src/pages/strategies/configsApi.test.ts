import { describe, expect, it } from 'vitest';
import { groupConfigs } from './configsApi';

describe('groupConfigs', () => {
  it('groups versions under their name, names in order, versions ascending', () => {
    const at = '2026-11-23T05:00:00Z';
    const groups = groupConfigs([
      { id: 'a2', name: 'fast', version: 2, created_at: at },
      { id: 'a1', name: 'fast', version: 1, created_at: at },
      { id: 'b1', name: 'slow', version: 1, created_at: at },
      { id: 'a10', name: 'fast', version: 10, created_at: at },
    ]);
    expect(groups.map((g) => [g.name, g.versions.map((v) => v.id)])).toEqual([['fast', ['a1', 'a2', 'a10']], ['slow', ['b1']]]);
  });
});
