import { Inject, Injectable, OnApplicationShutdown, Optional } from '@nestjs/common';
import {
  collectDefaultMetrics,
  Counter,
  Gauge,
  Histogram,
  Registry,
  type CounterConfiguration,
  type GaugeConfiguration,
  type HistogramConfiguration,
  type Metric,
} from 'prom-client';
import { databaseRoundTrips } from '../database/prepared-statements';
import { SERVICE_NAME } from '../platform.tokens';

type Config<C> = Omit<C, 'registers'>;

// One prom-client Registry per Nest app (never the global one), so several apps in one test
// process do not collide. counter/gauge/histogram are get-or-create by name, so a lib and a
// service asking for the same metric share it.
@Injectable()
export class Metrics implements OnApplicationShutdown {
  readonly registry = new Registry();

  constructor(@Optional() @Inject(SERVICE_NAME) service?: string) {
    if (service) this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
    this.counter({
      name: 'askfirst_db_round_trips_total',
      help: "Queries this process sent to PostgreSQL (one round trip each) through the pools' client; what travels together counts once",
      collect() {
        this.reset();
        this.inc(databaseRoundTrips());
      },
    });
  }

  counter<T extends string = string>(config: Config<CounterConfiguration<T>>): Counter<T> {
    return this.getOrCreate(config.name, Counter, () => new Counter<T>({ ...config, registers: [this.registry] }));
  }

  gauge<T extends string = string>(config: Config<GaugeConfiguration<T>>): Gauge<T> {
    return this.getOrCreate(config.name, Gauge, () => new Gauge<T>({ ...config, registers: [this.registry] }));
  }

  histogram<T extends string = string>(config: Config<HistogramConfiguration<T>>): Histogram<T> {
    return this.getOrCreate(config.name, Histogram, () => new Histogram<T>({ ...config, registers: [this.registry] }));
  }

  // Prometheus text exposition of everything in this app's registry.
  render(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  onApplicationShutdown(): void {
    this.registry.clear();
  }

  private getOrCreate<M extends Metric>(name: string, kind: abstract new (...args: never[]) => M, create: () => M): M {
    const existing = this.registry.getSingleMetric(name);
    if (!existing) return create();
    if (!(existing instanceof kind)) throw new Error(`Metric "${name}" already exists with another type`);
    return existing;
  }
}
