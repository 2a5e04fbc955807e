import { Injectable, OnApplicationShutdown } from '@nestjs/common';

const SHUTDOWN_SIGNALS: NodeJS.Signals[] = ['SIGTERM', 'SIGINT'];

// Readiness turns false the moment shutdown starts, so the load balancer stops sending traffic
// while consumers drain and connections close. (In k8s, pair it with a short preStop sleep.)
@Injectable()
export class ReadinessState implements OnApplicationShutdown {
  private shuttingDown = false;
  private readonly onSignal = () => this.markShuttingDown();

  get isShuttingDown(): boolean {
    return this.shuttingDown;
  }

  markShuttingDown(): void {
    this.shuttingDown = true;
  }

  // Must be called before app.enableShutdownHooks(): listeners run in registration order, so this
  // one flips readiness before Nest starts closing modules.
  listenForShutdownSignals(): void {
    for (const signal of SHUTDOWN_SIGNALS) process.on(signal, this.onSignal);
  }

  onApplicationShutdown(): void {
    this.markShuttingDown();
    for (const signal of SHUTDOWN_SIGNALS) process.removeListener(signal, this.onSignal);
  }
}
