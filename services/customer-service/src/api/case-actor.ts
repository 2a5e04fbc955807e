import { Principal } from '@askfirst/platform';
import { CaseActor } from '../domain/case-status';

/** Staff routes admit only agents and supervisors; their agentId claim (else subject) names them. */
export function actorOf(principal: Principal): CaseActor {
  return { id: principal.agentId ?? principal.sub, role: principal.role === 'supervisor' ? 'supervisor' : 'agent' };
}
