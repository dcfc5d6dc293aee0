import { describe, expect, it } from 'vitest';
import { withReference } from '$lib/ui/compare/compare';

describe('the reference of a comparison', () => {
  it('puts ?ref= first and keeps the others in order', () => {
    expect(withReference(['baseline', 'a', 'b'], 'b')).toEqual(['b', 'baseline', 'a']);
    expect(withReference(['baseline', 'a', 'b'], 'baseline')).toEqual(['baseline', 'a', 'b']);
  });
  it('falls back to the first chosen when ref is missing or not chosen', () => {
    expect(withReference(['a', 'b'], null)).toEqual(['a', 'b']);
    expect(withReference(['a', 'b'], 'gone')).toEqual(['a', 'b']);
  });
});
