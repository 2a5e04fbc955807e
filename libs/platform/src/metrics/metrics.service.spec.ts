import { Metrics } from './metrics.service';

describe('Metrics', () => {
  it('keeps a registry per instance, with default process metrics and the service label', async () => {
    const a = new Metrics('order');
    const b = new Metrics('inventory');
    a.counter({ name: 'orders_placed_total', help: 'Orders placed' }).inc();
    b.counter({ name: 'orders_placed_total', help: 'Orders placed' }).inc(5); // no clash
    const text = await a.render();
    expect(text).toContain('orders_placed_total{service="order"} 1');
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(await b.render()).toContain('orders_placed_total{service="inventory"} 5');
  });

  it('gets an existing metric by name and refuses a type mismatch', () => {
    const metrics = new Metrics();
    const first = metrics.histogram({ name: 'job_seconds', help: 'h', labelNames: ['job'] });
    expect(metrics.histogram({ name: 'job_seconds', help: 'h', labelNames: ['job'] })).toBe(first);
    expect(() => metrics.gauge({ name: 'job_seconds', help: 'h' })).toThrow(/another type/);
    metrics.onApplicationShutdown();
  });
});
