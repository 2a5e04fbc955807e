import { Logger, type DynamicModule, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { assertProductionSecrets } from '../config/production-secrets.check';
import { env } from '../config/env.reader';
import { configureServiceApp } from './configure-service-app';
import type { ServiceAppOptions } from './service-app.options';

// A module class, or what AppModule.forRoot(config) returns.
export type AppModuleRef = Type<unknown> | DynamicModule;

// Creates and configures a service's Nest app without listening.
export async function createServiceApp(appModule: Type<unknown> | DynamicModule, options: ServiceAppOptions): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(appModule, {
    bodyParser: false, // configureServiceApp installs its own, with the size limit
    bufferLogs: true, // startup logs wait for the pino logger
    abortOnError: false, // a wiring error rejects, so main.ts can log it and exit 1
  });
  return configureServiceApp(app, options);
}

// What a service's main.ts calls: refuses missing/dev secrets in production, builds the app and
// listens on 0.0.0.0:port.
//   startService(AppModule, { name: 'order' }).catch((e) => { console.error(e); process.exit(1); });
export async function startService(appModule: Type<unknown> | DynamicModule, options: ServiceAppOptions): Promise<NestExpressApplication> {
  assertProductionSecrets(['JWT_SECRET', ...(options.secrets ?? [])]);
  const app = await createServiceApp(appModule, options);
  const port = options.port ?? env.int('PORT', { default: 3000, min: 0, max: 65535 });
  await app.listen(port, '0.0.0.0');
  new Logger('Bootstrap').log(`${options.name} service listening on port ${port}`);
  return app;
}
