import { DecideOutcome, LinkRefusal } from '../../application/decision-link.outcomes';
import { DecisionLink } from '../../domain/decision-link';
import { DecisionChoice } from '../../domain/decision-offer';
import { escapeHtml } from '../../domain/rendering/html-escape';
import { fallbackPhrase } from '../../domain/templates/decision-wording';
import { orderRef, when } from '../../domain/templates/plain-words';
import { HtmlPage, page } from './page-layout';

/** The question: what is missing, and one button per option. GET never decides. */
export function choicePage(link: DecisionLink, choices: DecisionChoice[]): HtmlPage {
  const offer = link.offer;
  const items = offer.shortItems
    .map((i) => {
      const missing =
        i.quantityShort < i.quantityOrdered ? `${i.quantityShort} of ${i.quantityOrdered} missing` : i.quantityOrdered === 1 ? 'missing' : `all ${i.quantityOrdered} missing`;
      const eta = i.restockEta ? `, restock expected ${when(i.restockEta)}` : '';
      return `<li><strong>${escapeHtml(i.name)}</strong>: ${missing}${escapeHtml(eta)}</li>`;
    })
    .join('\n');
  const buttons = choices.map((c) => `<button type="submit" name="choice" value="${escapeHtml(c.value)}">${escapeHtml(c.label)}</button>`).join('\n');
  return page(
    200,
    'What should we do about your order?',
    `<h1>We're missing something from your order</h1>
<p class="ref">Order ${orderRef(offer.orderId)}</p>
<ul class="items">
${items}
</ul>
<p>What would you like us to do?</p>
<form method="post">
${buttons}
</form>
<p class="muted">Please choose by ${escapeHtml(when(offer.deadline))}. If we don't hear from you, we'll ${escapeHtml(fallbackPhrase(offer.fallback))}, as you chose at checkout.</p>`,
  );
}

export function decisionResultPage(outcome: DecideOutcome): HtmlPage {
  switch (outcome.kind) {
    case 'ACCEPTED':
      return page(
        200,
        'Thanks, we got your choice',
        `<h1>Thanks, we got your choice</h1>
<p class="notice">You chose: <strong>${escapeHtml(outcome.choice.label)}</strong>.</p>
<p>We'll send you a confirmation as soon as it is done. You can close this page.</p>`,
      );
    case 'TOO_LATE':
      return page(
        409,
        'Too late to change this',
        `<h1>Too late to change this</h1>
<p class="notice warn">This shortage was already decided, or the time to choose has passed, so your choice (${escapeHtml(outcome.choice.label)}) was not applied.</p>
${outcome.detail ? `<p class="muted">${escapeHtml(outcome.detail)}</p>` : ''}
<p>Your order page in the app shows what is happening; you can ask for a person there at any time.</p>`,
      );
    case 'UNKNOWN_CHOICE':
      return page(400, 'That choice is not available', `<h1>That choice is not available</h1><p>Please go back and pick one of the options on the page.</p>`);
    case 'UNAVAILABLE':
      return page(
        503,
        'Please try again',
        `<h1>We couldn't record your choice just now</h1><p class="notice warn">Nothing was changed and your link still works. Please go back and try again in a minute.</p>`,
      );
    default:
      return refusalPage(outcome);
  }
}

export function refusalPage(refusal: LinkRefusal): HtmlPage {
  switch (refusal.kind) {
    case 'USED':
      return page(
        410,
        'This link was already used',
        `<h1>This link was already used</h1>
<p class="notice warn">A choice was already made with this link${refusal.use ? ` at ${escapeHtml(when(refusal.use.usedAt))}` : ''}. Each link works once.</p>
<p>Your order page in the app shows what is happening.</p>`,
      );
    case 'EXPIRED':
      return page(
        410,
        'This link has expired',
        `<h1>This link has expired</h1><p class="notice warn">The time to choose has passed, so we applied what you chose at checkout. Your order page in the app shows what happened.</p>`,
      );
    case 'INVALID':
      return page(400, 'This link is not valid', `<h1>This link is not valid</h1><p class="notice warn">The link is incomplete or was changed. Please open it again from the message we sent you.</p>`);
    case 'NOT_FOUND':
      return page(404, 'We cannot find this link', `<h1>We cannot find this link</h1><p>Please open it again from the message we sent you.</p>`);
  }
}
