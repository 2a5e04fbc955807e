import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../auth/public.decorator';
import type { HttpResponse } from '../http/http.types';
import { Metrics } from './metrics.service';

// Public because Prometheus scrapes without a token; keep /metrics off the ingress
// (NetworkPolicy), as it is for the cluster's eyes only.
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: Metrics) {}

  @Public()
  @Get()
  async scrape(@Res() res: HttpResponse): Promise<void> {
    const body = await this.metrics.render();
    res.setHeader('Content-Type', this.metrics.contentType);
    res.end(body);
  }
}
