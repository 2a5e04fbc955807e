import { DynamicModule, Module, Provider, Type, type ModuleMetadata } from '@nestjs/common';
import { HEALTH_INDICATORS, type HealthIndicator } from './health-indicator.interface';
import { DEFAULT_HEALTH_CHECK_TIMEOUT_MS, HEALTH_CHECK_TIMEOUT_MS } from './health.constants';
import { HealthController } from './health.controller';

export interface HealthModuleOptions {
  // Classes are instantiated here (their dependencies must be visible: global modules or `imports`);
  // objects are used as they are.
  indicators?: Array<Type<HealthIndicator> | HealthIndicator>;
  imports?: ModuleMetadata['imports'];
  timeoutMs?: number;
}

// GET /health/live and GET /health/ready. ReadinessState comes from PlatformModule (global).
@Module({})
export class HealthModule {
  static forRoot(options: HealthModuleOptions = {}): DynamicModule {
    const indicators = options.indicators ?? [];
    const classes = indicators.filter((item): item is Type<HealthIndicator> => typeof item === 'function');
    const providers: Provider[] = [
      ...classes,
      {
        provide: HEALTH_INDICATORS,
        inject: classes,
        // Keeps the order the service listed, classes and objects mixed.
        useFactory: (...instances: HealthIndicator[]) => {
          const byClass = new Map<unknown, HealthIndicator>(classes.map((type, i) => [type, instances[i]]));
          return indicators.map((item) => (typeof item === 'function' ? byClass.get(item)! : item));
        },
      },
      { provide: HEALTH_CHECK_TIMEOUT_MS, useValue: options.timeoutMs ?? DEFAULT_HEALTH_CHECK_TIMEOUT_MS },
    ];
    return {
      module: HealthModule,
      imports: options.imports ?? [],
      controllers: [HealthController],
      providers,
      exports: [HEALTH_INDICATORS],
    };
  }
}
