import { randomUUID } from 'node:crypto';
import { DecisionSource, DecisionV1, FallbackReason, ShortageResolution } from '@askfirst/contracts';
import { OrderRuleCode, OrderRuleError } from './order-errors';

export interface DecisionProps {
  id: string;
  source: DecisionSource;
  resolution: ShortageResolution;
  lineIds: string[];
  substituteSku?: string;
  decidedAt: Date;
  /** Who spoke: the shopper's id, or the agent's for AGENT_FOR_SHOPPER. */
  decidedBy?: string;
  caseId?: string;
  /** Why a SHOPPER_PRESET_FALLBACK applied: nobody answered in time, or no substitute could be held. */
  fallbackReason?: FallbackReason;
}

const SOURCES = new Set<string>(Object.values(DecisionSource));
const RESOLUTIONS = new Set<string>(Object.values(ShortageResolution));

/**
 * I1: the only thing that may change what a shopper gets or pays. It always names its source,
 * and the source can only be one of the four the shopper stands behind.
 */
export class Decision {
  private constructor(private readonly props: Readonly<DecisionProps>) {}

  static record(props: Omit<DecisionProps, 'id'> & { id?: string }): Decision {
    // Runtime guard too: sources also arrive from the database and from other services.
    if (!SOURCES.has(props.source)) throw invalid(`unknown decision source ${String(props.source)}`);
    if (!RESOLUTIONS.has(props.resolution)) throw invalid(`unknown resolution ${String(props.resolution)}`);
    if (props.substituteSku && props.resolution !== ShortageResolution.SUBSTITUTE) {
      throw invalid('substituteSku only goes with SUBSTITUTE');
    }
    if (props.lineIds.length === 0) throw invalid('a decision names the lines it is about');
    if (props.fallbackReason && props.source !== DecisionSource.SHOPPER_PRESET_FALLBACK) {
      throw invalid('only a SHOPPER_PRESET_FALLBACK decision has a fallback reason');
    }
    return new Decision({ ...props, id: props.id ?? randomUUID(), lineIds: [...new Set(props.lineIds)] });
  }

  get id(): string { return this.props.id; }
  get source(): DecisionSource { return this.props.source; }
  get resolution(): ShortageResolution { return this.props.resolution; }
  get lineIds(): readonly string[] { return this.props.lineIds; }
  get substituteSku(): string | undefined { return this.props.substituteSku; }
  get decidedAt(): Date { return this.props.decidedAt; }
  get caseId(): string | undefined { return this.props.caseId; }
  get fallbackReason(): FallbackReason | undefined { return this.props.fallbackReason; }

  toProps(): DecisionProps {
    return { ...this.props, lineIds: [...this.props.lineIds] };
  }

  toWire(): DecisionV1 {
    const wire: DecisionV1 = { decisionId: this.id, source: this.source, resolution: this.resolution, lineIds: [...this.lineIds] };
    if (this.substituteSku) wire.substituteSku = this.substituteSku;
    if (this.fallbackReason) wire.fallbackReason = this.fallbackReason;
    return wire;
  }
}

function invalid(detail: string): OrderRuleError {
  return new OrderRuleError(OrderRuleCode.INVALID_DECISION, detail);
}
