/** The shared checks of scenario parsing: values in messages, plain objects, forbidden and unknown keys by path. */
import { describe, expect, it } from 'vitest';
import { checkKeys, isPlainObject, show } from '$lib/model/scenario/json-checks';

describe('json checks', () => {
  it('shows values as messages quote them, cutting long strings only when told', () => {
    expect(show('abc')).toBe('"abc"');
    expect(show('x'.repeat(50), 40)).toBe(JSON.stringify(`${'x'.repeat(40)}…`));
    expect([show(null), show(3), show([1]), show({})]).toEqual(['null', '3', 'an array', 'an object']);
  });

  it('tells plain objects from arrays and null', () => {
    expect([isPlainObject({}), isPlainObject([]), isPlainObject(null), isPlainObject('a')]).toEqual([
      true,
      false,
      false,
      false
    ]);
  });

  it('names forbidden and unknown keys by their dotted path, at the top level without a prefix', () => {
    const errors: string[] = [];
    checkKeys(JSON.parse('{"__proto__": 1, "a": 2, "b": 3}') as Record<string, unknown>, '', new Set(['a']), errors);
    checkKeys({ z: 1 }, 'levers.pricing', new Set(['a']), errors);
    expect(errors).toEqual(['__proto__: forbidden key', 'b: unknown field', 'levers.pricing.z: unknown field']);
  });
});
