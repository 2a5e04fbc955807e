// askfirst agent console: plain JS over the customer-service JSON API, no build step.
// Every text from the API goes through textContent, never innerHTML.
'use strict';

(function () {
  const TOKEN_KEY = 'askfirst.console.token';
  const QUEUE_REFRESH_MS = 3000;
  const CASE_REFRESH_MS = 5000;

  const $ = (id) => document.getElementById(id);
  const state = { token: null, role: null, scope: 'agent', queue: [], selectedId: null, view: null, busy: false };

  // ---- tiny DOM builder --------------------------------------------------------------------
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key === 'class') node.className = value;
      else if (key === 'dataset') Object.assign(node.dataset, value);
      else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? '' : String(value));
    }
    for (const child of children.flat()) {
      if (child === undefined || child === null || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  // ---- token ---------------------------------------------------------------------------------
  function claimsOf(token) {
    try {
      const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      return JSON.parse(atob(payload));
    } catch {
      return {};
    }
  }

  function takeTokenFromUrl() {
    const url = new URL(window.location.href);
    const token = url.searchParams.get('token');
    if (!token) return;
    sessionStorage.setItem(TOKEN_KEY, token);
    url.searchParams.delete('token');
    // Keep the token out of history and bookmarks.
    history.replaceState(null, '', url.pathname + url.search + url.hash);
  }

  function signIn(token) {
    const claims = claimsOf(token);
    if (claims.role !== 'agent' && claims.role !== 'supervisor') {
      showStatus('This token is not an agent or supervisor token.');
      return false;
    }
    state.token = token;
    state.role = claims.role;
    sessionStorage.setItem(TOKEN_KEY, token);
    $('who-name').textContent = `${claims.agentId || claims.sub} · ${claims.role}`;
    $('who').hidden = false;
    $('scope-picker').hidden = claims.role !== 'supervisor';
    $('sign-in').hidden = true;
    $('console').hidden = false;
    refreshQueue();
    return true;
  }

  function signOut(message) {
    sessionStorage.removeItem(TOKEN_KEY);
    state.token = null;
    state.selectedId = null;
    $('who').hidden = true;
    $('console').hidden = true;
    $('sign-in').hidden = false;
    if (message) showStatus(message);
  }

  // ---- API -----------------------------------------------------------------------------------
  class ApiError extends Error {
    constructor(status, problem) {
      super((problem && (problem.detail || problem.title)) || `HTTP ${status}`);
      this.status = status;
      this.problem = problem;
    }
  }

  async function api(method, path, body) {
    const headers = { authorization: `Bearer ${state.token}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    const data = text ? JSON.parse(text) : undefined;
    if (res.status === 401) {
      signOut('Your token was refused or has expired. Paste a new one.');
      throw new ApiError(401, data);
    }
    if (!res.ok) throw new ApiError(res.status, data);
    return data;
  }

  function showStatus(message, kind) {
    const box = $('status');
    box.textContent = message;
    box.className = `status ${kind || 'error'}`;
    box.hidden = false;
    clearTimeout(showStatus.timer);
    showStatus.timer = setTimeout(() => (box.hidden = true), 6000);
  }

  // ---- SLA countdowns --------------------------------------------------------------------------
  function formatDuration(ms) {
    const total = Math.floor(Math.abs(ms) / 1000);
    const h = Math.floor(total / 3600);
    const m = Math.floor((total % 3600) / 60);
    const s = String(total % 60).padStart(2, '0');
    return h ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
  }

  function countdown(slaDueAt, stopped) {
    return el('span', { class: 'countdown', dataset: { due: slaDueAt, stopped: stopped ? 'true' : 'false' } });
  }

  // Ticks on the client from slaDueAt; polling only refreshes the data.
  function tick() {
    const now = Date.now();
    for (const node of document.querySelectorAll('.countdown')) {
      if (node.dataset.stopped === 'true') {
        node.textContent = 'contacted';
        node.className = 'countdown ok';
        continue;
      }
      const left = Date.parse(node.dataset.due) - now;
      node.textContent = left >= 0 ? `${formatDuration(left)} left` : `overdue ${formatDuration(left)}`;
      node.className = `countdown ${left < 0 ? 'late' : left < 60000 ? 'soon' : 'ok'}`;
    }
  }

  const time = (iso) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const money = (cents) => (cents / 100).toFixed(2);
  const short = (id) => String(id).slice(0, 8);
  const label = (value) => String(value).toLowerCase().replace(/_/g, ' ');

  // ---- queue ---------------------------------------------------------------------------------
  async function refreshQueue() {
    if (!state.token) return;
    try {
      state.queue = await api('GET', `/queue?scope=${state.scope}`);
      renderQueue();
    } catch (error) {
      if (error.status !== 401) showStatus(`Queue: ${error.message}`);
    }
  }

  function renderQueue() {
    const list = $('queue-list');
    list.replaceChildren(
      ...state.queue.map((c) =>
        el('li', { class: `queue-item${c.id === state.selectedId ? ' selected' : ''}${c.breached ? ' breached' : ''}` },
          el('button', { type: 'button', class: 'queue-button', dataset: { caseId: c.id, orderId: c.orderId }, onclick: () => selectCase(c.id) },
            el('span', { class: `badge type-${c.type.toLowerCase()}` }, label(c.type)),
            el('span', { class: 'queue-order' }, `Order ${short(c.orderId)}`),
            el('span', { class: 'queue-meta' }, `${label(c.status)}${c.agentId ? ` · ${c.agentId}` : ''} · priority ${c.priority}`),
            countdown(c.slaDueAt, Boolean(c.firstContactAt)),
          ),
        ),
      ),
    );
    $('queue-empty').hidden = state.queue.length > 0;
    tick();
  }

  // ---- case view -----------------------------------------------------------------------------
  async function selectCase(id) {
    state.selectedId = id;
    renderQueue();
    await refreshCase();
  }

  async function refreshCase() {
    if (!state.selectedId || !state.token || state.busy) return;
    try {
      state.view = await api('GET', `/cases/${state.selectedId}`);
      renderCase();
    } catch (error) {
      if (error.status !== 401) showStatus(`Case: ${error.message}`);
    }
  }

  function fact(term, value) {
    return [el('dt', {}, term), el('dd', {}, value)];
  }

  function renderCase() {
    const { case: c, order, contactAttempts, timeline } = state.view;
    $('case-placeholder').hidden = true;
    $('case-body').hidden = false;
    $('case-title').textContent = `${label(c.type)} · order ${short(c.orderId)}`;
    $('case-clock').replaceChildren(
      c.status === 'RESOLVED' ? el('span', { class: 'countdown ok' }, 'resolved') : countdown(c.slaDueAt, Boolean(c.firstContactAt)),
    );
    $('case-facts').replaceChildren(
      ...fact('Status', `${label(c.status)}${c.agentId ? ` (${c.agentId})` : ''}`),
      ...fact('Shopper', c.shopperId),
      ...fact('Queue', `${label(c.queue)} · priority ${c.priority}${c.breached ? ' · SLA breached' : ''}`),
      ...fact('First contact due', time(c.slaDueAt)),
      ...fact('About', c.subject || '—'),
    );

    const mine = c.status === 'CLAIMED' && (c.agentId === currentAgentId() || state.role === 'supervisor');
    $('claim-button').hidden = c.status !== 'OPEN';
    $('contact-form').hidden = !mine;
    $('resolve-form').hidden = !(mine || (c.status === 'OPEN' && state.role === 'supervisor'));
    renderDecision(c, order, mine);

    $('order-lines').replaceChildren(
      ...(order ? order.lines : []).map((l) =>
        el('tr', {}, el('td', {}, l.name, el('small', {}, ` ${l.sku}`)), el('td', {}, l.quantity), el('td', {}, money(l.unitPriceCents)), el('td', {}, label(l.policy))),
      ),
    );
    $('attempts').replaceChildren(
      ...contactAttempts.map((a) => el('li', {}, `${time(a.at)} · ${a.agentId} · ${label(a.outcome)}`, a.note ? el('em', {}, ` — ${a.note}`) : null)),
    );
    if (!contactAttempts.length) $('attempts').append(el('li', { class: 'empty' }, 'None yet.'));
    $('timeline').replaceChildren(
      ...timeline.map((e) =>
        el('li', { class: `source-${e.source}` },
          el('time', { datetime: e.at }, time(e.at)),
          el('span', { class: 'summary' }, e.summary),
          ...e.notices.map((n) => el('span', { class: `notice notice-${n.status.toLowerCase()}` }, `notice ${label(n.status)}${n.channels.length ? ` · ${n.channels.join(', ')}` : ''}`)),
          e.internalNote ? el('em', { class: 'note' }, e.internalNote) : null,
        ),
      ),
    );
    tick();
  }

  function renderDecision(c, order, mine) {
    const pending = order && order.pendingShortage;
    const recorded = $('decision-recorded');
    recorded.hidden = !c.decision;
    if (c.decision) recorded.textContent = `Decision recorded: ${label(c.decision.resolution)} for ${c.decision.lineIds.length} line(s).`;
    const form = $('decision-form');
    const show = mine && !c.decision && pending && pending.lines.length > 0;
    if (!show) {
      form.hidden = true;
      return;
    }
    if (!form.hidden && form.dataset.caseId === c.id) return; // keep what the agent is typing
    form.dataset.caseId = c.id;
    form.hidden = false;
    $('decision-lines').replaceChildren(
      el('legend', {}, 'Short lines'),
      ...pending.lines.map((l) =>
        el('label', { class: 'check' },
          el('input', { type: 'checkbox', name: 'lineIds', value: l.lineId, checked: true }),
          ` ${l.name} — ${l.quantityShort} of ${l.quantityOrdered} short${l.restockEta ? ` (restock ${time(l.restockEta)})` : ''}`,
        ),
      ),
    );
    $('decision-resolution').replaceChildren(...pending.options.map((o) => el('option', { value: o }, label(o))));
    $('substitute-options').replaceChildren(
      ...pending.lines.flatMap((l) => l.substitutes).map((s) => el('option', { value: s.sku }, `${s.name} (${s.available} in stock)`)),
    );
    toggleSubstitute();
  }

  function toggleSubstitute() {
    $('substitute-field').hidden = $('decision-resolution').value !== 'SUBSTITUTE';
  }

  function currentAgentId() {
    const claims = claimsOf(state.token);
    return claims.agentId || claims.sub;
  }

  // ---- actions -------------------------------------------------------------------------------
  async function act(work, done) {
    state.busy = true;
    try {
      await work();
      if (done) showStatus(done, 'ok');
    } catch (error) {
      if (error.status !== 401) showStatus(error.message);
    } finally {
      state.busy = false;
      await Promise.all([refreshCase(), refreshQueue()]);
    }
  }

  function optional(value) {
    const trimmed = value.trim();
    return trimmed ? trimmed : undefined;
  }

  function wireActions() {
    $('claim-button').addEventListener('click', () => act(() => api('POST', `/cases/${state.selectedId}/claim`), 'Case claimed. The shopper is told an agent joined.'));

    $('contact-form').addEventListener('submit', (event) => {
      event.preventDefault();
      const body = { outcome: $('contact-outcome').value, note: optional($('contact-note').value) };
      act(async () => {
        await api('POST', `/cases/${state.selectedId}/contact-attempts`, body);
        $('contact-note').value = '';
      }, 'Contact attempt logged.');
    });

    $('decision-resolution').addEventListener('change', toggleSubstitute);
    $('decision-form').addEventListener('submit', (event) => {
      event.preventDefault();
      const lineIds = [...document.querySelectorAll('#decision-lines input[name=lineIds]:checked')].map((box) => box.value);
      if (!lineIds.length) return showStatus('Choose at least one line.');
      const resolution = $('decision-resolution').value;
      const body = {
        resolution,
        lineIds,
        substituteSku: resolution === 'SUBSTITUTE' ? optional($('decision-substitute').value) : undefined,
        note: optional($('decision-note').value),
      };
      act(async () => {
        await api('POST', `/cases/${state.selectedId}/decision`, body);
        $('decision-form').hidden = true;
      }, 'Decision recorded; the order service applies it.');
    });

    $('resolve-form').addEventListener('submit', (event) => {
      event.preventDefault();
      act(async () => {
        await api('POST', `/cases/${state.selectedId}/resolve`, { summary: optional($('resolve-summary').value) });
        $('resolve-summary').value = '';
      }, 'Case resolved.');
    });

    $('scope').addEventListener('change', (event) => {
      state.scope = event.target.value;
      refreshQueue();
    });
    $('sign-out').addEventListener('click', () => signOut());
    $('sign-in-form').addEventListener('submit', (event) => {
      event.preventDefault();
      signIn($('token-input').value.trim());
    });
  }

  // ---- start ---------------------------------------------------------------------------------
  wireActions();
  takeTokenFromUrl();
  const saved = sessionStorage.getItem(TOKEN_KEY);
  if (!saved || !signIn(saved)) signOut();
  setInterval(tick, 1000);
  setInterval(refreshQueue, QUEUE_REFRESH_MS);
  setInterval(refreshCase, CASE_REFRESH_MS);
})();
