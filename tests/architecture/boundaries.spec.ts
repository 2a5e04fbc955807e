import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '..', '..');
const services = readdirSync(join(root, 'services')).filter((d) => statSync(join(root, 'services', d)).isDirectory());

function sources(dir: string): string[] {
  let out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out = out.concat(sources(path));
    else if (entry.name.endsWith('.ts')) out.push(path);
  }
  return out;
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from\s+|import\s*\(\s*|require\(\s*)['"]([^'"]+)['"]/g)].map((m) => m[1]);
}

describe('module boundaries', () => {
  it.each(services)('service %s imports libs, never another service', (service) => {
    const offenders: string[] = [];
    for (const file of sources(join(root, 'services', service))) {
      for (const spec of imports(file)) {
        const other = services.find((s) => s !== service && (spec.includes(`services/${s}/`) || spec === `@askfirst/${s}-service` || spec.includes(`../${s}/`)));
        if (other) offenders.push(`${relative(root, file)} imports ${spec}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it.each(services)('service %s keeps its domain free of NestJS, TypeORM and Kafka', (service) => {
    const domain = join(root, 'services', service, 'src', 'domain');
    let files: string[] = [];
    try {
      files = sources(domain);
    } catch {
      return;
    }
    const offenders = files.flatMap((file) =>
      imports(file)
        .filter((spec) => /^(@nestjs\/|typeorm|kafkajs|pg$|@askfirst\/(messaging|platform))/.test(spec))
        .map((spec) => `${relative(root, file)} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('libraries never import a service', () => {
    const offenders = sources(join(root, 'libs')).flatMap((file) =>
      imports(file).filter((spec) => spec.includes('services/') || /-service$/.test(spec)).map((spec) => `${relative(root, file)} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });
});
