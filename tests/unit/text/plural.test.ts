import { describe, expect, it } from 'vitest';
import { plural } from '$lib/text/plural';

describe('plural', () => {
  it('uses the singular for exactly one, the plural otherwise, with English grouping', () => {
    expect(plural(1, 'customer')).toBe('1 customer');
    expect(plural(0, 'customer')).toBe('0 customers');
    expect(plural(2, 'customer')).toBe('2 customers');
    expect(plural(12345, 'row')).toBe('12,345 rows');
    expect(plural(1.5, 'week')).toBe('1.5 weeks');
    expect(plural(-1, 'day')).toBe('-1 day');
    expect(plural(3, 'sheet row', 'sheet rows')).toBe('3 sheet rows');
    expect(plural(2, 'entry', 'entries')).toBe('2 entries');
  });
});
