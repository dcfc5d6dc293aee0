import { describe, it, expect } from 'vitest';
import { navItems, isCurrent } from '$lib/ui/nav';

describe('main navigation', () => {
  it('lists the sections in order: the six of ARCHITECTURE.md, the model fit after Data, the budget optimiser after Compare, and the learned models before the assumptions', () => {
    expect(navItems.map((i) => i.href)).toEqual([
      '/',
      '/data',
      '/model',
      '/compare',
      '/optimise',
      '/validate',
      '/notebooks',
      '/models',
      '/assumptions'
    ]);
  });

  it('marks the workbench current only on the root path', () => {
    expect(isCurrent('/', '/')).toBe(true);
    expect(isCurrent('/', '/data')).toBe(false);
  });

  it('marks a section current on its own pages and below, but not on a sibling that shares a prefix', () => {
    expect(isCurrent('/notebooks', '/notebooks/counting-customers')).toBe(true);
    expect(isCurrent('/data', '/data')).toBe(true);
    expect(isCurrent('/data', '/database')).toBe(false);
    expect(isCurrent('/model', '/models')).toBe(false);
  });
});
