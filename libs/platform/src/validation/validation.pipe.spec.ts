import { nulCharacters } from './validation.pipe';

describe('nulCharacters', () => {
  it('finds U+0000 in nested strings and names each place', () => {
    expect(nulCharacters({ name: 'ok', lines: [{ sku: 'A\u0000' }], note: { text: '\u0000' } })).toEqual([
      expect.objectContaining({ field: 'lines[0].sku', pointer: '#/lines/0/sku', constraint: 'noNulCharacter' }),
      expect.objectContaining({ field: 'note.text', pointer: '#/note/text' }),
    ]);
  });

  it('passes ordinary text, numbers and nulls', () => {
    expect(nulCharacters({ a: 'line\nbreak', b: 1, c: null, d: [true] })).toEqual([]);
    expect(nulCharacters('x\u0000', ['id'])).toEqual([expect.objectContaining({ field: 'id', pointer: '#/id' })]);
  });
});
