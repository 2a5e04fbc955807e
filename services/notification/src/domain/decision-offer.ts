import { ShortageResolution } from '@askfirst/contracts';
import { ShortItem } from './templates/notice-facts';
import { itemName, listInWords, when } from './templates/plain-words';

/** What order.awaiting-shopper-decision put in front of the shopper. */
export interface DecisionOffer {
  orderId: string;
  shopperId: string;
  shortItems: ShortItem[];
  options: ShortageResolution[];
  deadline: Date;
  fallback: string;
}

/** One button on the decision page; `value` is what the form posts back. */
export interface DecisionChoice {
  value: string;
  label: string;
  resolution: ShortageResolution;
  substituteSku?: string;
}

/** The choices a shopper can make, in the order the order service offered them. */
export function choicesFor(offer: Pick<DecisionOffer, 'shortItems' | 'options'>): DecisionChoice[] {
  const names = listInWords(offer.shortItems.map((i) => itemName(i)));
  const choices: DecisionChoice[] = [];
  for (const resolution of new Set(offer.options)) {
    switch (resolution) {
      case ShortageResolution.WAIT_FOR_RESTOCK: {
        const eta = latestEta(offer.shortItems);
        choices.push({ value: resolution, resolution, label: eta ? `Wait for restock (expected ${when(eta)})` : 'Wait for restock' });
        break;
      }
      case ShortageResolution.SUBSTITUTE:
        choices.push(...substituteChoices(offer.shortItems));
        break;
      case ShortageResolution.REFUND_ITEM_SHIP_REST:
        choices.push({ value: resolution, resolution, label: `Refund the ${names}, ship the rest` });
        break;
      case ShortageResolution.CANCEL_ORDER:
        choices.push({ value: resolution, resolution, label: 'Cancel the whole order' });
        break;
      case ShortageResolution.KEEP_HOLDING:
        choices.push({ value: resolution, resolution, label: 'Hold my order until you reach me' });
        break;
    }
  }
  return choices;
}

// One short line: each suggested SKU is a button. Several: one "closest match" button, since a
// named SKU only fits the line it was suggested for.
function substituteChoices(items: ShortItem[]): DecisionChoice[] {
  const resolution = ShortageResolution.SUBSTITUTE;
  if (items.length === 1) {
    return items[0].substitutes.map((s) => ({ value: `${resolution}:${s.sku}`, resolution, substituteSku: s.sku, label: `Replace it with ${s.name}` }));
  }
  return items.some((i) => i.substitutes.length) ? [{ value: resolution, resolution, label: 'Replace them with the closest match' }] : [];
}

function latestEta(items: ShortItem[]): Date | undefined {
  const etas = items.map((i) => i.restockEta).filter((d): d is Date => d !== undefined);
  if (etas.length !== items.length || !etas.length) return undefined;
  return new Date(Math.max(...etas.map((d) => d.getTime())));
}
