import { ProblemException } from '../problem/problem.exception';
import type { Principal } from './principal.model';

// Object-level check for every route that touches a shopper's data: a shopper only their own,
// staff and services any. Call it after loading the resource, with the resource's owner.
export function assertOwner(principal: Principal, shopperId: string): void {
  if (principal.role !== 'shopper') return;
  if (principal.shopperId === shopperId) return;
  throw new ProblemException({ status: 403, detail: 'This resource belongs to another shopper.' });
}
