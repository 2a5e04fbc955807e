import { Injectable, OnModuleInit } from '@nestjs/common';
import { CaseType } from '@askfirst/contracts';
import { Metrics } from '@askfirst/platform';
import { Counter, Histogram } from 'prom-client';
import { DataSource } from 'typeorm';
import { SlaFigures } from '../application/sla-report.model';
import { SlaReportRepository } from './sla-report.repository';

const REPORT_WINDOW_MS = 24 * 3600 * 1000;

/**
 * SLA metrics. Counters and the histogram count what this replica did (rate() them); the gauges are
 * computed from the case rows at scrape time over 24 h, so they agree across replicas and restarts.
 */
@Injectable()
export class SlaMetrics implements OnModuleInit {
  private opened!: Counter<'case_type'>;
  private breaches!: Counter<'case_type'>;
  private timeToHuman!: Histogram<'case_type'>;

  constructor(
    private readonly metrics: Metrics,
    private readonly dataSource: DataSource,
    private readonly report: SlaReportRepository,
  ) {}

  onModuleInit(): void {
    this.opened = this.metrics.counter({ name: 'customer_service_cases_opened_total', help: 'Cases opened, by type.', labelNames: ['case_type'] });
    this.breaches = this.metrics.counter({ name: 'askfirst_sla_breaches_total', help: 'Cases whose first human contact was late, by type.', labelNames: ['case_type'] });
    // A zero series per type from the start: increase() on the dashboard then sees the first breach.
    for (const type of Object.values(CaseType)) {
      this.opened.inc({ case_type: type }, 0);
      this.breaches.inc({ case_type: type }, 0);
    }
    this.timeToHuman = this.metrics.histogram({
      name: 'askfirst_time_to_human_seconds',
      help: 'Seconds from a case opening to its first human contact.',
      labelNames: ['case_type'],
      buckets: [15, 30, 60, 120, 180, 300, 600, 900, 1800, 3600],
    });
    // The gauges of one scrape are collected together: they share one query.
    let inFlight: Promise<SlaFigures[]> | undefined;
    const figures = () => (inFlight ??= this.report.figures(this.dataSource.manager, new Date(Date.now() - REPORT_WINDOW_MS)).finally(() => (inFlight = undefined)));
    this.metrics.gauge({
      name: 'customer_service_sla_breach_ratio',
      help: 'Breached / (contacted or breached) cases opened in the last 24 h.',
      labelNames: ['case_type'],
      async collect() {
        this.reset();
        // No sample without data: a 0 would claim a perfect record the report calls null.
        for (const f of await figures().catch(() => [])) if (f.breachRatio !== null) this.set({ case_type: f.caseType ?? 'all' }, f.breachRatio);
      },
    });
    this.metrics.gauge({
      name: 'customer_service_waiting_past_deadline',
      help: 'Breached, unresolved cases nobody has contacted yet, opened in the last 24 h.',
      labelNames: ['case_type'],
      async collect() {
        this.reset();
        for (const f of await figures().catch(() => [])) this.set({ case_type: f.caseType ?? 'all' }, f.waitingPastDeadline);
      },
    });
    this.metrics.gauge({
      name: 'customer_service_time_to_human_quantile_seconds',
      help: 'p50 and p95 of the time to first human contact, cases opened in the last 24 h; breached cases without contact count the time waited so far.',
      labelNames: ['case_type', 'quantile'],
      async collect() {
        this.reset();
        for (const f of await figures().catch(() => [])) {
          const type = f.caseType ?? 'all';
          if (f.timeToHumanP50Seconds !== null) this.set({ case_type: type, quantile: '0.5' }, f.timeToHumanP50Seconds);
          if (f.timeToHumanP95Seconds !== null) this.set({ case_type: type, quantile: '0.95' }, f.timeToHumanP95Seconds);
        }
      },
    });
  }

  caseOpened(type: CaseType): void {
    this.opened.inc({ case_type: type });
  }

  breached(type: CaseType): void {
    this.breaches.inc({ case_type: type });
  }

  firstContact(type: CaseType, openedAt: Date, at: Date): void {
    this.timeToHuman.observe({ case_type: type }, Math.max(0, (at.getTime() - openedAt.getTime()) / 1000));
  }
}
