import { StatementNames } from './prepared-statements';

describe('StatementNames', () => {
  it('leaves a text unnamed on its first use and names it from the second on, always the same name', () => {
    const names = new StatementNames();
    expect(names.nameFor('SELECT $1')).toBeUndefined();
    const name = names.nameFor('SELECT $1');
    expect(name).toMatch(/^askfirst_\d+$/);
    expect(names.nameFor('SELECT $1')).toBe(name);
    expect(names.size).toBe(1);
  });

  it('gives different texts different names', () => {
    const names = new StatementNames();
    for (const text of ['A $1', 'B $1', 'A $1', 'B $1']) names.nameFor(text);
    expect(names.nameFor('A $1')).not.toBe(names.nameFor('B $1'));
  });

  it('names no more than maxNames texts; the ones named keep their names', () => {
    const names = new StatementNames(2);
    for (const text of ['A', 'A', 'B', 'B', 'C', 'C', 'C']) names.nameFor(text);
    expect(names.size).toBe(2);
    expect(names.nameFor('C')).toBeUndefined();
    expect(names.nameFor('A')).toBeDefined();
  });

  it('forgets texts seen once when too many pile up, so one-off texts cannot grow it without bound', () => {
    const names = new StatementNames(10, 3);
    for (const text of ['A', 'B', 'C', 'D']) names.nameFor(text);
    // 'A' was forgotten when 'D' arrived: its next use counts as a first use again.
    expect(names.nameFor('A')).toBeUndefined();
    expect(names.nameFor('D')).toBeDefined();
  });
});
