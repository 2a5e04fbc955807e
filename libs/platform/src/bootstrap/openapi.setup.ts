import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { DOCS_JSON_PATH, DOCS_PATH, type ServiceAppOptions } from './service-app.options';

// Swagger UI at /docs and the OpenAPI document at /docs/json. The document is built on first
// request, after every module has registered its routes.
export function setupOpenApi(app: INestApplication, options: ServiceAppOptions): void {
  const config = new DocumentBuilder()
    .setTitle(`askfirst ${options.name} service`)
    .setDescription(options.description ?? `Internal REST API of the ${options.name} service.`)
    .setVersion(options.version ?? '1')
    // No document-wide requirement: @Roles declares bearer security (and x-roles) per operation,
    // @Public declares none (x-public), so the document says exactly which routes need a token.
    .addBearerAuth()
    .build();
  SwaggerModule.setup(DOCS_PATH, app, () => SwaggerModule.createDocument(app, config), {
    jsonDocumentUrl: DOCS_JSON_PATH,
    raw: ['json'],
  });
}
