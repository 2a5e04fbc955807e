import { getMetadataStorage } from 'class-validator';

type Lookup = (target: Function, schema: string | undefined, always: boolean, strictGroups: boolean, groups?: string[]) => unknown[];
interface Storage {
  getTargetValidationMetadatas: Lookup;
  addValidationMetadata(metadata: unknown): void;
}

const INSTALLED = Symbol.for('askfirst.validationMetadataCache');

/**
 * class-validator 0.15 looks up a class's rules on every validate(), and each lookup walks every
 * decorated class in the process to find parent classes (`prototype instanceof` over the whole
 * registry) — for every nested object of every event and request body. The rules of a class never
 * change once its module has loaded, so the answer is kept per class and options, and forgotten
 * whenever a rule is registered (a class defined later, a schema). Process-wide, as class-validator's
 * own registry is; idempotent.
 */
export function cacheValidationMetadata(): void {
  const storage = getMetadataStorage() as unknown as Storage & { [INSTALLED]?: true };
  if (storage[INSTALLED]) return;
  storage[INSTALLED] = true;
  const lookup = storage.getTargetValidationMetadatas.bind(storage);
  const add = storage.addValidationMetadata.bind(storage);
  const cache = new Map<Function, Map<string, unknown[]>>();
  storage.addValidationMetadata = (metadata) => {
    cache.clear();
    add(metadata);
  };
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const key = `${schema ?? ''}|${always}|${strictGroups}|${groups?.join('\u0000') ?? ''}`;
    let forTarget = cache.get(target);
    if (!forTarget) cache.set(target, (forTarget = new Map()));
    let rules = forTarget.get(key);
    if (!rules) forTarget.set(key, (rules = lookup(target, schema, always, strictGroups, groups)));
    return rules.slice(); // callers get their own array, as before
  };
}
