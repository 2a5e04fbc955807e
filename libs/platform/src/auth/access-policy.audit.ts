import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { PUBLIC_KEY } from './public.decorator';
import { ROLES_KEY } from './roles.decorator';

// The guard refuses routes without @Roles/@Public at request time; this names them at startup,
// so a forgotten decorator shows up in the first log lines rather than as a 403 in production.
@Injectable()
export class AccessPolicyAudit implements OnApplicationBootstrap {
  private readonly logger = new Logger('AccessPolicy');

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onApplicationBootstrap(): void {
    const missing = this.routesWithoutPolicy();
    if (missing.length > 0) {
      this.logger.error(`Routes without @Roles or @Public (every call is refused): ${missing.join(', ')}`);
    }
  }

  routesWithoutPolicy(): string[] {
    const missing: string[] = [];
    for (const wrapper of this.discovery.getControllers()) {
      const type = wrapper.metatype as (new (...args: never[]) => unknown) | undefined;
      if (!type) continue;
      for (const name of this.scanner.getAllMethodNames(type.prototype)) {
        const handler = (type.prototype as Record<string, unknown>)[name] as object;
        if (Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue; // not a route
        const targets = [handler as () => void, type];
        const roles = this.reflector.getAllAndOverride<unknown[] | undefined>(ROLES_KEY, targets);
        if (!this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets) && !roles?.length) {
          missing.push(`${type.name}.${name}`);
        }
      }
    }
    return missing;
  }
}
