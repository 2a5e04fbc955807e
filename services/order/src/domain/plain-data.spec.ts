import { copyPlain, samePlain } from './plain-data';

describe('copyPlain', () => {
  it('copies nested objects, arrays and Dates; changing the copy leaves the original alone', () => {
    const original = { a: 1, when: new Date('2026-11-27T10:00:00Z'), list: [{ sku: 'X', n: 2 }], nested: { deep: { s: 'x' } }, none: null, gone: undefined };
    const copy = copyPlain(original);
    expect(copy).toEqual(original);
    copy.list[0].n = 3;
    copy.nested.deep.s = 'y';
    copy.when.setTime(0);
    expect(original.list[0].n).toBe(2);
    expect(original.nested.deep.s).toBe('x');
    expect(original.when.toISOString()).toBe('2026-11-27T10:00:00.000Z');
    expect(copy.when).not.toBe(original.when);
    expect(Object.keys(copy)).toContain('gone');
  });

  it('returns primitives as they are', () => {
    expect(copyPlain(5)).toBe(5);
    expect(copyPlain('x')).toBe('x');
    expect(copyPlain(null)).toBeNull();
    expect(copyPlain(undefined)).toBeUndefined();
  });
});

describe('samePlain', () => {
  it('compares objects by keys whatever their order, Dates by time, arrays in order', () => {
    expect(samePlain({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 })).toBe(true);
    expect(samePlain(new Date(1000), new Date(1000))).toBe(true);
    expect(samePlain({ at: new Date(1000) }, { at: new Date(1001) })).toBe(false);
    expect(samePlain([1, 2], [2, 1])).toBe(false);
    expect(samePlain([1], [1, 1])).toBe(false);
  });

  it('treats an undefined value as an absent key, and null as a value', () => {
    expect(samePlain({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(samePlain({ a: 1 }, { a: 1, b: undefined })).toBe(true);
    expect(samePlain({ a: 1, b: null }, { a: 1 })).toBe(false);
    expect(samePlain({ a: null }, { a: undefined })).toBe(false);
  });

  it('tells a changed nested value, a type change and a Date from its string apart', () => {
    expect(samePlain({ s: { stage: 'PICKING', subs: [{ sku: 'A' }] } }, { s: { stage: 'PICKING', subs: [{ sku: 'B' }] } })).toBe(false);
    expect(samePlain({ n: 1 }, { n: '1' })).toBe(false);
    expect(samePlain({ at: new Date(0) }, { at: new Date(0).toISOString() })).toBe(false);
    expect(samePlain({ a: {} }, { a: [] })).toBe(false);
  });
});
