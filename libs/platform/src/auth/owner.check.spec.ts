import { ProblemException } from '../problem/problem.exception';
import { assertOwner } from './owner.check';

describe('assertOwner', () => {
  it('lets a shopper touch only their own resources', () => {
    expect(() => assertOwner({ sub: 's1', role: 'shopper', shopperId: 's1' }, 's1')).not.toThrow();
    expect(() => assertOwner({ sub: 's1', role: 'shopper', shopperId: 's1' }, 's2')).toThrow(ProblemException);
  });

  it.each(['agent', 'supervisor', 'service'] as const)('lets a %s touch any shopper', (role) => {
    expect(() => assertOwner({ sub: 'x', role }, 's2')).not.toThrow();
  });
});
