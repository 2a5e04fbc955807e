import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/public.decorator';
import type { HttpResponse } from '../http/http.types';
import { PROBLEM_CONTENT_TYPE, problemType } from '../problem/problem-details.model';
import { HEALTH_INDICATORS, type HealthIndicator } from './health-indicator.interface';
import { ReadinessState } from './readiness.state';
import { HEALTH_CHECK_TIMEOUT_MS } from './health.constants';

export interface CheckResult {
  name: string;
  status: 'up' | 'down';
  error?: string;
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(HEALTH_INDICATORS) private readonly indicators: HealthIndicator[],
    private readonly readiness: ReadinessState,
    @Inject(HEALTH_CHECK_TIMEOUT_MS) private readonly timeoutMs: number,
  ) {}

  // Liveness never looks at dependencies: a database outage must not make k8s restart every pod.
  @Public()
  @Get('live')
  live(): { status: 'up' } {
    return { status: 'up' };
  }

  @Public()
  @Get('ready')
  async ready(@Res() res: HttpResponse): Promise<void> {
    const checks = await Promise.all(this.indicators.map((indicator) => this.run(indicator)));
    const failed = checks.filter((check) => check.status === 'down').map((check) => check.name);
    if (this.readiness.isShuttingDown) failed.unshift('shutdown');
    if (failed.length === 0) {
      res.status(HttpStatus.OK).json({ status: 'up', checks });
      return;
    }
    res.statusCode = HttpStatus.SERVICE_UNAVAILABLE;
    res.setHeader('Content-Type', PROBLEM_CONTENT_TYPE);
    res.end(
      JSON.stringify({
        type: problemType('not-ready'),
        title: 'Service not ready',
        status: HttpStatus.SERVICE_UNAVAILABLE,
        detail: this.readiness.isShuttingDown ? 'The service is shutting down.' : `Failing checks: ${failed.join(', ')}.`,
        instance: '/health/ready',
        failed,
        checks,
      }),
    );
  }

  // A hung dependency must fail the probe, not hang it past the kubelet's timeout.
  private async run(indicator: HealthIndicator): Promise<CheckResult> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${this.timeoutMs}ms`)), this.timeoutMs);
    });
    try {
      await Promise.race([indicator.check(), timeout]);
      return { name: indicator.name, status: 'up' };
    } catch (error) {
      return { name: indicator.name, status: 'down', error: error instanceof Error ? error.message : String(error) };
    } finally {
      clearTimeout(timer);
    }
  }
}
