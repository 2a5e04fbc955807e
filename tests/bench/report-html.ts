/* Self-contained HTML report: inline SVG charts drawn here, no scripts, no CDN. */

const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#7f7f7f', '#bcbd22'];
const SERVICE_COLORS: Record<string, string> = { order: '#1f77b4', inventory: '#2ca02c', notification: '#ff7f0e', 'customer-service': '#9467bd' };

interface Series {
  name: string;
  points: [number, number][];
  color?: string;
  dashed?: boolean;
}

interface Band {
  name: string;
  start: number;
  end: number;
}

function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function niceMax(v: number): number {
  if (!(v > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

function fmt(v: number): string {
  if (Math.abs(v) >= 1000) return `${Math.round(v / 100) / 10}k`;
  return String(Math.round(v * 10) / 10);
}

export function lineChart(title: string, series: Series[], opts: { yLabel: string; bands?: Band[]; xMax?: number; yMax?: number; logNote?: string } = { yLabel: '' }): string {
  const W = 920;
  const H = 260;
  const L = 56;
  const R = 150;
  const T = 26;
  const B = 34;
  const all = series.flatMap((s) => s.points);
  const xMax = opts.xMax ?? Math.max(1, ...all.map((p) => p[0]));
  const yMax = niceMax(opts.yMax ?? Math.max(0, ...all.map((p) => p[1])) * 1.05);
  const x = (v: number) => L + (v / xMax) * (W - L - R);
  const y = (v: number) => T + (1 - Math.min(v, yMax) / yMax) * (H - T - B);
  const parts: string[] = [];
  parts.push(`<svg viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="${esc(title)}" xmlns="http://www.w3.org/2000/svg">`);
  parts.push(`<text x="${L}" y="16" class="t">${esc(title)}</text>`);
  (opts.bands ?? []).forEach((b, i) => {
    const x0 = x(Math.max(0, b.start));
    const x1 = x(Math.min(xMax, b.end));
    if (x1 <= x0) return;
    parts.push(`<rect x="${x0.toFixed(1)}" y="${T}" width="${(x1 - x0).toFixed(1)}" height="${H - T - B}" fill="${i % 2 ? '#f3f3f3' : '#eaf1fb'}"/>`);
    parts.push(`<text x="${(x0 + 3).toFixed(1)}" y="${T + 11}" class="b">${esc(b.name)}</text>`);
  });
  for (let i = 0; i <= 4; i++) {
    const v = (yMax * i) / 4;
    parts.push(`<line x1="${L}" x2="${W - R}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#ddd"/>`);
    parts.push(`<text x="${L - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end" class="a">${fmt(v)}</text>`);
  }
  const xStep = niceMax(xMax / 8);
  for (let v = 0; v <= xMax; v += xStep) {
    parts.push(`<line x1="${x(v).toFixed(1)}" x2="${x(v).toFixed(1)}" y1="${H - B}" y2="${H - B + 4}" stroke="#888"/>`);
    parts.push(`<text x="${x(v).toFixed(1)}" y="${H - B + 16}" text-anchor="middle" class="a">${fmt(v)}</text>`);
  }
  parts.push(`<text x="${(L + W - R) / 2}" y="${H - 4}" text-anchor="middle" class="a">seconds since start</text>`);
  parts.push(`<text x="12" y="${(T + H - B) / 2}" transform="rotate(-90 12 ${(T + H - B) / 2})" text-anchor="middle" class="a">${esc(opts.yLabel)}</text>`);
  parts.push(`<rect x="${L}" y="${T}" width="${W - L - R}" height="${H - T - B}" fill="none" stroke="#999"/>`);
  series.forEach((s, i) => {
    const color = s.color ?? COLORS[i % COLORS.length];
    if (s.points.length) {
      const d = s.points.map((p, j) => `${j ? 'L' : 'M'}${x(p[0]).toFixed(1)},${y(p[1]).toFixed(1)}`).join('');
      parts.push(`<path d="${d}" fill="none" stroke="${color}" stroke-width="1.6"${s.dashed ? ' stroke-dasharray="5 3"' : ''}/>`);
    }
    const ly = T + 10 + i * 16;
    parts.push(`<line x1="${W - R + 10}" x2="${W - R + 30}" y1="${ly}" y2="${ly}" stroke="${color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="5 3"' : ''}/>`);
    parts.push(`<text x="${W - R + 34}" y="${ly + 4}" class="a">${esc(s.name)}</text>`);
  });
  if (opts.logNote) parts.push(`<text x="${W - R}" y="${H - B - 4}" text-anchor="end" class="a">${esc(opts.logNote)}</text>`);
  parts.push('</svg>');
  return parts.join('');
}

function table(head: string[], rows: unknown[][]): string {
  return `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${typeof c === 'string' && c.startsWith('<') ? c : esc(c ?? '–')}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

function dist(d: any): unknown[] {
  return d ? [d.n, d.p50, d.p95, d.p99, d.max] : ['–', '–', '–', '–', '–'];
}

function profiles(r: any): string {
  const entries = Object.entries(r.profiles ?? {});
  if (!entries.length) return '<p class="note">Run with <code>--profile</code> for where each service spends its CPU.</p>';
  return `<h3>Where the services' CPU went during the load phases (node --cpu-prof, self time)</h3>${entries
    .map(([name, p]: [string, any]) => `<h4>${esc(name)} — ${esc(p.busyMs)} ms sampled</h4>
<div style="display:flex;gap:16px;flex-wrap:wrap">${table(['area', '%'], p.byArea.slice(0, 15).map((a: any) => [a.area, a.pct]))}${table(['function', 'where', '%'], p.topFunctions.slice(0, 15).map((f: any) => [f.fn, f.where, f.pct]))}</div>`)
    .join('')}`;
}

export function renderHtml(r: any): string {
  const bands: Band[] = (r.phaseWindows ?? []).map((p: any) => ({ name: p.name, start: p.start, end: p.end }));
  const s = r.series;
  const xMax = Math.max(1, ...(s.resources ?? []).map((p: any) => p.t), ...(s.settledPerSecond ?? []).map((p: any) => p[0]));
  const services = Object.keys(r.resources ?? {});
  const perService = (pick: (p: any) => Record<string, number>, dashed = false, suffix = '') =>
    services.map((name) => ({ name: `${name}${suffix}`, color: SERVICE_COLORS[name], dashed, points: (s.resources ?? []).filter((p: any) => pick(p)?.[name] !== undefined).map((p: any) => [p.t, pick(p)[name]] as [number, number]) }));
  const metric = (field: string, dashed = false, suffix = '') =>
    services.map((name) => ({ name: `${name}${suffix}`, color: SERVICE_COLORS[name], dashed, points: (s.metrics ?? []).filter((p: any) => p[field]?.[name] !== undefined).map((p: any) => [p.t, p[field][name]] as [number, number]) }));

  const charts = [
    lineChart('Throughput: orders placed and settled per second', [
      { name: 'placed/s', points: s.placedPerSecond, color: '#7f7f7f' },
      { name: 'settled/s', points: s.settledPerSecond, color: '#d62728' },
    ], { yLabel: 'orders / s', bands, xMax }),
    lineChart('Latency over time (by completion second)', [
      { name: 'placed→confirmed p50', points: s.placedToConfirmedMs.map((p: number[]) => [p[0], p[1]]), color: '#1f77b4', dashed: true },
      { name: 'placed→confirmed p99', points: s.placedToConfirmedMs.map((p: number[]) => [p[0], p[2]]), color: '#1f77b4' },
      { name: 'shortage→notified p50', points: s.shortageToNotifiedMs.map((p: number[]) => [p[0], p[1]]), color: '#ff7f0e', dashed: true },
      { name: 'shortage→notified p99', points: s.shortageToNotifiedMs.map((p: number[]) => [p[0], p[2]]), color: '#ff7f0e' },
    ], { yLabel: 'ms', bands, xMax }),
    lineChart('CPU per service process (% of one core)', [
      ...perService((p) => p.cpu),
      { name: 'bench itself', color: '#7f7f7f', dashed: true, points: (s.resources ?? []).map((p: any) => [p.t, p.benchCpu]) },
      { name: 'Kafka broker', color: '#8c564b', dashed: true, points: (s.resources ?? []).filter((p: any) => p.brokerCpu !== null).map((p: any) => [p.t, p.brokerCpu]) },
    ], { yLabel: '% of a core', bands, xMax }),
    lineChart('CPU of the PostgreSQL backends serving each service database (% of one core)', perService((p) => p.pgCpu), { yLabel: '% of a core', bands, xMax }),
    lineChart('Resident memory per service (MB)', perService((p) => p.rssMb), { yLabel: 'MB', bands, xMax }),
    lineChart('Outbox backlog (solid) and consumer lag (dashed), from /metrics', [...metric('backlog'), ...metric('lag', true, ' lag')], { yLabel: 'messages', bands, xMax }),
    lineChart('Event-loop lag p99 (ms, prom-client) per service', metric('eventLoopLagP99Ms'), { yLabel: 'ms', bands, xMax }),
    lineChart('Machine: busy CPU % (both cores) and 1-min load average ×10', [
      { name: 'busy %', color: '#d62728', points: (s.resources ?? []).map((p: any) => [p.t, p.machineBusyPct]) },
      { name: 'load1 ×10', color: '#7f7f7f', points: (s.resources ?? []).map((p: any) => [p.t, p.load1 * 10]) },
    ], { yLabel: '%', bands, xMax }),
  ];

  const t = r.targets;
  const met = (m: boolean) => (m ? '<span class="ok">met</span>' : '<span class="no">not met</span>');
  const targetRows = [
    [t.settledPerSecond.target, r.headline.settledOrdersPerSecond, met(t.settledPerSecond.met)],
    [t.p99ShortageToNotifiedMs.target, `${t.p99ShortageToNotifiedMs.value} ms at ${t.p99ShortageToNotifiedMs.atRate}/s`, met(t.p99ShortageToNotifiedMs.met)],
    [t.floorThroughputRatio.target, t.floorThroughputRatio.value, met(t.floorThroughputRatio.met)],
    [t.rssMbPerService.target, Object.entries(t.rssMbPerService.value).map(([k, v]) => `${k} ${v}`).join(', '), met(t.rssMbPerService.met)],
  ];

  const phases = ['fixed', 'saturation', 'sustain'].map((n) => r.phases[n]).filter(Boolean);
  const phaseRows = phases.map((p: any) => [p.name, p.kind, p.offeredRate ?? `window ${p.window}`, p.seconds, p.ordersPlaced, p.placedPerSecond, p.shedAnswers ?? 0, p.settledPerSecondInWindow, p.settledPerSecondSteady, p.unsettledAtPhaseEnd, p.unsettledAfterDrain, p.sustainable === undefined || p.sustainable === null ? '–' : p.sustainable ? 'yes' : 'no', p.overloaded ? `stopped after ${p.overloaded.afterSeconds} s: ${p.overloaded.unsettled} unsettled` : '']);
  const latencyRows: unknown[][] = [];
  for (const p of phases) {
    const l = p.latency;
    latencyRows.push([p.name, 'POST /orders (client)', ...dist(l.placeRequestMs)]);
    latencyRows.push([p.name, 'placed → confirmed', ...dist(l.placedToConfirmedMs)]);
    latencyRows.push([p.name, 'shortage → shopper notified', ...dist(l.shortageToShopperNotifiedMs)]);
    latencyRows.push([p.name, 'shortage → case in agent queue', ...dist(l.shortageToCaseInQueueMs)]);
    latencyRows.push([p.name, 'shortage → case seen by a polling agent', ...dist(l.shortageToCaseSeenByPollingAgentMs)]);
    latencyRows.push([p.name, 'ask for a human → case in queue', ...dist(l.askForHumanToCaseInQueueMs)]);
    for (const [k, d] of Object.entries(l.placedToSettledMs)) latencyRows.push([p.name, `placed → settled (${k})`, ...dist(d)]);
  }
  const fixed = r.phases.fixed;
  const choiceRows = Object.entries(fixed?.latency.shortageToShopperNotifiedByChoiceAndStageMs ?? {}).map(([k, d]) => [k, ...dist(d)]);
  const delayRows: unknown[][] = [];
  for (const p of phases) {
    for (const [svc, d] of Object.entries(p.relayDelayMs)) delayRows.push([p.name, svc, 'commit → on Kafka (outbox relay)', ...dist(d)]);
    for (const [svc, d] of Object.entries(p.handlerDelayMs)) delayRows.push([p.name, svc, 'cause on Kafka → effect staged (consume + handle)', ...dist(d)]);
  }
  const resRows = Object.entries(r.resources).map(([k, v]: [string, any]) => [k, v.pid, v.cpuSeconds, v.postgresCpuSeconds, v.peakRssUnderLoadMb, `${v.peakRssUnderLoadAnonMb ?? ''} + ${v.peakRssUnderLoadFileMb ?? ''}`, v.peakRssMb, r.heapUsedMaxMb?.[k], r.heapTotalMaxMb?.[k], r.eventLoopLagP99MaxMs?.[k], r.backlogMax?.[k], r.lagMax?.[k], r.eventsPerOrder?.handledPerOrderByService?.[k], r.eventsPerOrder?.skippedPerOrderByService?.[k] ?? '', r.groupFallbacks ? `${r.groupFallbacks.all?.[k] ?? 0} (${r.groupFallbacks.lockConflict?.[k] ?? 0})` : '']);
  const floorRows = ['fixed', 'max'].map((k) => r.floor[k]).filter(Boolean).map((f: any) => [f.rate || 'max', f.hops, f.messages, f.delivered, f.seconds, f.throughput, ...f.perHopMs.map((d: any) => d.p99), f.timedOut ? 'TIMED OUT' : '']);
  const compRows = (r.floor.comparisons ?? []).map((c: any) => [c.path, c.hops, c.systemP99Ms, c.floorP99Ms, c.ratio]);
  const env = r.environment;

  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>askfirst benchmark ${esc(r.startedAt)}</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:980px;color:#222}
h1{font-size:22px}h2{font-size:17px;margin-top:28px;border-bottom:1px solid #ddd}
table{border-collapse:collapse;margin:8px 0;font-size:13px}td,th{border:1px solid #ddd;padding:3px 7px;text-align:right}th{background:#f5f5f5}td:first-child,th:first-child{text-align:left}
.ok{color:#2a7d2a;font-weight:600}.no{color:#b22;font-weight:600}.note{color:#555;font-size:13px}
svg{margin:10px 0;background:#fff}svg .t{font-size:13px;font-weight:600}svg .a{font-size:11px;fill:#444}svg .b{font-size:10px;fill:#777}
.kpi{display:flex;flex-wrap:wrap;gap:10px}.kpi div{border:1px solid #ddd;border-radius:6px;padding:8px 12px;min-width:150px}.kpi b{display:block;font-size:20px}
code{background:#f3f3f3;padding:0 3px}
</style></head><body>
<h1>askfirst benchmark</h1>
<p class="note">${esc(r.startedAt)} · ${esc(env.cpus)} × ${esc(env.cpuModel)}, ${esc(env.memoryGb)} GB · Node ${esc(env.node)}, Kafka ${esc(env.kafka)}, PostgreSQL ${esc(env.postgres)} · git ${esc(env.git)} · target <b>${esc(env.target)}</b> (services run from ${esc(env.runMode)})
· load average ${esc(env.loadAverage.atStart.join(' '))} at start, mean ${esc(env.loadAverage.duringLoadMean)} / max ${esc(env.loadAverage.duringLoadMax)} under load.<br>${esc(env.note)}
${r.aborted ? `<br><b class="no">Aborted: ${esc(r.aborted)}</b>` : ''}</p>
<p class="note">Options: rate ${esc(r.options.rate)}/s for ${esc(r.options.fixedSeconds)} s, saturation window ${esc(r.options.saturationWindow)} for ${esc(r.options.saturationSeconds)} s, sustain ${esc(r.options.sustainSeconds)} s at ${esc(r.options.sustainFactor)} × saturation; shortage ${esc(r.options.shortage)} (mix ${esc(JSON.stringify(r.options.mix))}, ${esc(Math.round(r.options.pickingShare * 100))}% at picking); ${esc(r.options.agents)} agents; service env ${esc(JSON.stringify(env.serviceEnv))}.</p>
<div class="kpi">
<div>settled orders/s<b>${esc(r.headline.settledOrdersPerSecond)}</b>${esc(r.headline.settledOrdersPerSecondBasis)}</div>
<div>floor msg/s (${esc(r.options.floorHops)} hops)<b>${esc(r.headline.floorThroughput)}</b>ratio ${esc(r.headline.throughputRatioToFloor)}</div>
<div>p99 placed→confirmed<b>${esc(r.headline.p99PlacedToConfirmedMs)} ms</b>floor ratio ${esc(r.headline.p99RatioToFloor)}</div>
<div>p99 shortage→notified<b>${esc(r.headline.p99ShortageToNotifiedMs)} ms</b>at ${esc(r.options.rate)}/s</div>
<div>CPU-based estimate, dedicated cores<b>${esc(r.estimatedOnDedicatedCores?.systemOrdersPerSecond)} /s</b>floor ${esc(r.estimatedOnDedicatedCores?.floorMessagesPerSecond)} msg/s, ratio ${esc(r.estimatedOnDedicatedCores?.ratio)}</div>
<div>p99 shortage→case queued<b>${esc(r.headline.p99ShortageToCaseInQueueMs)} ms</b></div>
<div>p99 ask→case queued<b>${esc(r.headline.p99AskForHumanToCaseInQueueMs)} ms</b></div>
</div>
<h2>Targets (reported, never asserted)</h2>
${table(['target', 'measured', ''], targetRows)}
<h2>Over time</h2>
${charts.join('\n')}
<h2>Phases</h2>
${table(['phase', 'kind', 'offered/s', 's', 'placed', 'placed/s', '503 (shed)', 'settled/s (window)', 'settled/s (steady)', 'unsettled at end', 'after drain', 'held', 'overload guard'], phaseRows)}
<p class="note">${esc(r.settledDefinition)}</p>
<h2>Latencies (ms)</h2>
${table(['phase', 'path', 'n', 'p50', 'p95', 'p99', 'max'], latencyRows)}
<p class="note">${esc(r.measurement)}</p>
<h3>Shortage → shopper notified by choice and stage (fixed phase)</h3>
${table(['choice/stage', 'n', 'p50', 'p95', 'p99', 'max'], choiceRows)}
<h3>Where the time goes (per producing service)</h3>
${table(['phase', 'service', 'step', 'n', 'p50', 'p95', 'p99', 'max'], delayRows)}
<h2>Resources</h2>
${table(['service', 'pid', 'CPU s', 'its PostgreSQL CPU s', 'peak RSS under load MB', 'of which own + file-mapped (node binary, shared) MB', 'VmHWM MB', 'max V8 heap used MB', 'max V8 heap reserved MB', 'max event-loop lag p99 ms', 'max outbox backlog', 'max consumer lag', 'handled events / order', 'skipped events / order (no handler)', 'groups replayed (lock conflicts)'], resRows)}
<p class="note">Events published per order (fixed phase): ${esc(r.eventsPerOrder.publishedPerOrder)}. The floor commits ${esc(r.options.floorHops)} one-row transactions per message.</p>
${table(['service database', 'round trips / order', 'consumer transactions / order', 'relay batches / order', 'commits / order', 'rollbacks / order', 'rows inserted / order', 'rows updated / order', 'rows deleted / order', 'rows read / order'], Object.entries(r.databasePerOrder ?? {}).map(([k, v]: [string, any]) => [k, v.roundTrips ?? '-', v.consumerTransactions ?? '-', v.relayBatches ?? '-', v.commits, v.rollbacks, v.inserted, v.updated, v.deleted, v.returned]))}
${profiles(r)}
<h3>CPU per order (ms), from /proc over each phase and its drain</h3>
${table(['phase', ...services.map((n) => `${n}`), ...services.map((n) => `${n} PG`), 'Kafka broker', 'total', 'of which idle baseline', 'net', 'bench (load gen.)', `est. orders/s on ${esc(env.cpus)} dedicated cores`],
  phases.filter((p: any) => p.cost).map((p: any) => [p.name, ...services.map((n) => p.cost.cpuMsPerOrder[n]), ...services.map((n) => p.cost.postgresCpuMsPerOrder[n]), p.cost.brokerCpuMsPerOrder, p.cost.totalCpuMsPerOrder, p.cost.idleCpuMsPerOrder, p.cost.netCpuMsPerOrder, p.cost.benchCpuMsPerOrder, p.cost.estimatedOrdersPerSecondOnDedicatedCores]))}
${r.idleCpu ? `<p class="note">Idle baseline (no traffic, ${esc(r.idleCpu.seconds)} s), % of one core: ${esc(Object.entries(r.idleCpu.servicePct).map(([k, v]) => `${k} ${v}`).join(', '))}; their PostgreSQL backends ${esc(Object.entries(r.idleCpu.postgresPct).map(([k, v]) => `${k} ${v}`).join(', '))}.</p>` : ''}
${Object.keys(r.tableScans ?? {}).length ? `<h3>Sequential scans after the fixed phase (pg_stat_user_tables)</h3>${table(['service', 'table', 'seq scans', 'rows read by seq scans', 'index scans', 'live rows'], Object.entries(r.tableScans).flatMap(([svc, rows]: [string, any]) => rows.filter((t: any) => t.seqScans > 0).slice(0, 5).map((t: any) => [svc, t.table, t.seqScans, t.seqRowsRead, t.indexScans, t.rows])))}` : ''}
${r.floor.cost ? `<p class="note">Floor CPU per message (ms): process ${esc(r.floor.cost.cpuMsPerMessage.floorProcess)}, PostgreSQL ${esc(r.floor.cost.cpuMsPerMessage.postgres)}, broker ${esc(r.floor.cost.cpuMsPerMessage.broker)}, total ${esc(r.floor.cost.cpuMsPerMessage.total)} → est. ${esc(r.floor.cost.estimatedMessagesPerSecondOnDedicatedCores)} msg/s on ${esc(env.cpus)} dedicated cores. Estimated system ÷ floor: <b>${esc(r.estimatedOnDedicatedCores.ratio)}</b> (from ${esc(r.estimatedOnDedicatedCores.basis)}).</p>` : ''}
<h2>Floor: kafkajs consume → one-row INSERT → produce</h2>
${table(['rate', 'hops', 'messages', 'delivered', 's', 'msg/s', ...Array.from({ length: r.options.floorHops }, (_, i) => `p99 hop ${i + 1} ms`), ''], floorRows)}
${table(['path', 'hops', 'system p99 ms', 'floor p99 ms', 'ratio'], compRows)}
<h2>Checks and errors</h2>
<p>Settle rule vs GET /orders/:id: ${esc(r.verification.agree)}/${esc(r.verification.checked)} agree (${esc(r.verification.sampledSettled)} settled sampled, ${esc(r.verification.unsettledChecked)} unsettled checked).</p>
${r.verification.disagreements.length ? table(['order', 'scenario', 'tracker', 'api', 'why'], r.verification.disagreements.map((d: any) => [d.orderId, d.scenario, d.tracker, d.api, d.why])) : ''}
<p>Workload: ${esc(JSON.stringify(r.workload))}</p>
<p>Agents: ${esc(JSON.stringify(r.agents))}</p>
${table(['request', 'count'], Object.entries(r.http))}
${r.httpErrors.length ? `<pre>${esc(r.httpErrors.join('\n'))}</pre>` : ''}
</body></html>
`;
}
