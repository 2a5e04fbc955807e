import { existsSync, readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  /** Sampled CPU in the load window (ms), without idle. */
  busyMs: number;
  /** Share of busy samples by where the code lives: a package, a repo folder, Node internals, GC. */
  byArea: { area: string; pct: number }[];
  /** Hottest functions by self time. */
  topFunctions: { fn: string; where: string; pct: number }[];
}

/** Where a frame's code lives: node_modules/<pkg>, libs/<lib>, services/<svc>/src/<layer>, node internals. */
export function areaOf(url: string, functionName: string): string {
  if (!url) {
    if (functionName === '(garbage collector)') return 'GC';
    if (functionName === '(program)') return '(program: V8/native)';
    if (functionName === '(idle)') return '(idle)';
    return `(native) ${functionName}`;
  }
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  const lib = /\/libs\/([^/]+)\/src\/([^/]+)/.exec(url);
  if (lib) return `libs/${lib[1]}/${lib[2].replace(/\.ts$/, '')}`;
  const svc = /\/services\/([^/]+)\/src\/([^/]+)/.exec(url);
  if (svc) return `services/${svc[1]}/${svc[2].replace(/\.ts$/, '')}`;
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  return url.replace(/^file:\/\//, '').split('/').slice(-2).join('/');
}

/**
 * Reads a V8 .cpuprofile (node --cpu-prof, written when the service exits) and counts only the
 * samples inside [fromWall, toWall]: sample times are placed on the wall clock from the exit time.
 */
export function summarizeProfile(path: string, exitWallMs: number, fromWall: number, toWall: number): ProfileSummary | undefined {
  if (!existsSync(path)) return undefined;
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i];
    const wall = exitWallMs - (profile.endTime - t) / 1000;
    if (wall < fromWall || wall > toWall) continue;
    const next = profile.timeDeltas[i + 1] ?? 0;
    selfUs.set(profile.samples[i], (selfUs.get(profile.samples[i]) ?? 0) + Math.max(0, next));
  }
  const areas = new Map<string, number>();
  const fns = new Map<string, { fn: string; where: string; us: number }>();
  let busy = 0;
  for (const [id, us] of selfUs) {
    const node = byId.get(id)!;
    const { functionName, url, lineNumber } = node.callFrame;
    const area = areaOf(url, functionName);
    if (area === '(idle)') continue;
    busy += us;
    areas.set(area, (areas.get(area) ?? 0) + us);
    const key = `${functionName}|${url}|${lineNumber}`;
    const where = url ? `${areaOf(url, functionName)}:${url.split('/').pop()}:${lineNumber + 1}` : area;
    const entry = fns.get(key) ?? { fn: functionName || '(anonymous)', where, us: 0 };
    entry.us += us;
    fns.set(key, entry);
  }
  const pct = (us: number) => Math.round((us / Math.max(1, busy)) * 1000) / 10;
  return {
    busyMs: Math.round(busy / 1000),
    byArea: [...areas].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([area, us]) => ({ area, pct: pct(us) })),
    topFunctions: [...fns.values()].sort((a, b) => b.us - a.us).slice(0, 25).map((f) => ({ fn: f.fn, where: f.where, pct: pct(f.us) })),
  };
}
