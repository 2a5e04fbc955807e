import { unsafeInput } from './validation.pipe';

describe('unsafeInput', () => {
  it('finds U+0000 in nested strings and names each place', () => {
    expect(unsafeInput({ name: 'ok', lines: [{ sku: 'A\u0000' }], note: { text: '\u0000' } })).toEqual([
      expect.objectContaining({ field: 'lines[0].sku', pointer: '#/lines/0/sku', constraint: 'noNulCharacter' }),
      expect.objectContaining({ field: 'note.text', pointer: '#/note/text' }),
    ]);
  });

  it('passes ordinary text, numbers and nulls', () => {
    expect(unsafeInput({ a: 'line\nbreak', b: 1, c: null, d: [true] })).toEqual([]);
    expect(unsafeInput('x\u0000', ['id'])).toEqual([expect.objectContaining({ field: 'id', pointer: '#/id' })]);
  });

  it('refuses __proto__, constructor and prototype keys, which class-transformer skips past the whitelist', () => {
    expect(unsafeInput(JSON.parse('{"resolution":"X","__proto__":{"lineIds":["x"]},"a":[{"constructor":{}}]}'))).toEqual([
      expect.objectContaining({ field: '__proto__', pointer: '#/__proto__', constraint: 'whitelistValidation' }),
      expect.objectContaining({ field: 'a[0].constructor', constraint: 'whitelistValidation' }),
    ]);
    expect(unsafeInput({ proto: 1, constructorName: 'x' })).toEqual([]);
  });

  it('refuses a body nested deeper than any DTO, before a recursive walker overflows its stack', () => {
    const deep = JSON.parse(`{"lineIds":${'['.repeat(30_000)}${']'.repeat(30_000)}}`);
    expect(unsafeInput(deep)).toEqual([expect.objectContaining({ constraint: 'maxDepth' })]);
    expect(unsafeInput({ a: { b: [[{ c: 'ok' }]] } })).toEqual([]);
  });
});
