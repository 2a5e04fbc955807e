import { METHODS } from 'node:http';
import { requestPath, type HttpRequest } from '../http/http.types';

interface RouterLayer {
  route?: { methods: Record<string, boolean>; _methods(): string[] };
  match(path: string): unknown;
}

// Answers "which methods does the Express router serve on this path?", so a 404 from Nest's
// catch-all can become 405 + Allow when the path exists under another method. Reads the router
// stack of Express 5 (router 2.x). Routes registered with `all()` (Nest's exact-path middleware)
// answer every method, so they are skipped: they say nothing about which methods exist.
export function createAllowedMethodsFinder(expressApp: unknown): (req: HttpRequest) => string[] {
  return (req) => {
    const stack = (expressApp as { router?: { stack?: RouterLayer[] } } | undefined)?.router?.stack;
    if (!Array.isArray(stack)) return [];
    const path = requestPath(req);
    const methods = new Set<string>();
    for (const layer of stack) {
      const route = layer.route;
      if (!route || route.methods._all || Object.keys(route.methods).length >= METHODS.length) continue;
      try {
        if (!layer.match(path)) continue;
      } catch {
        continue; // malformed percent-encoding: treat as no match
      }
      route._methods().forEach((method) => methods.add(method));
    }
    return [...methods];
  };
}
