// "Open-source notices": every third-party component Darkslide ships, with its licence, found by walking the
// dependency tree rather than kept by hand. The closure starts from package.json's `dependencies` (main
// process, shipped in node_modules), `optionalDependencies` that are installed, and the packages the renderer
// bundle imports (found in its source: they are devDependencies because Vite bundles them), and follows each
// package's own `dependencies`, resolved as Node resolves them. Data sets come from resources/notices/
// datasets.json. `npm run build` writes the result to out/notices.json (scripts/build-notices.ts); the app
// reads that file, or walks the tree itself when it is missing (running from source).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export type Notice = { name: string; version: string; license: string; homepage: string | null; text: string | null; usedBy: 'app' | 'window' };
export type DataSetNotice = { name: string; files: string[]; source: string; license: string; attribution: string; url: string };
export type Notices = { generatedAt: string; packages: Notice[]; dataSets: DataSetNotice[] };

type PackageJson = { name?: string; version?: string; license?: string | { type?: string }; licenses?: { type?: string }[]; homepage?: string; repository?: string | { url?: string }; dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> };

/** Bare module names imported by the page's sources (renderer/src and main/shared, which Vite bundles). */
export function rendererImports(root: string): string[] {
  const names = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) {
        for (const match of readFileSync(full, 'utf8').matchAll(/^(?:import|export)\b[^;]*?\bfrom\s+'([^']+)'|\bimport\('([^']+)'\)/gm)) {
          // A type-only import ships nothing to the window (its types come from @types, not the package).
          if (/^(?:import|export)\s+type\b/.test(match[0])) continue;
          const spec = match[1] ?? match[2]!;
          if (spec.startsWith('node:') || spec.startsWith('.') || !/^(@[a-z0-9._-]+\/)?[a-z0-9._-]+(\/.*)?$/.test(spec)) continue;
          names.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
        }
      }
    }
  };
  for (const dir of ['renderer/src', 'main/shared']) if (existsSync(path.join(root, dir))) walk(path.join(root, dir));
  return [...names].sort();
}

export function collectNotices(root: string): Notices {
  const own = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as PackageJson;
  const found = new Map<string, Notice>();

  // Node's resolution: node_modules beside the requiring package, then each folder above it.
  const resolve = (name: string, fromDir: string): string | null => {
    let dir = fromDir;
    for (;;) {
      const candidate = path.join(dir, 'node_modules', name);
      if (existsSync(path.join(candidate, 'package.json'))) return candidate;
      const parent = path.dirname(dir);
      if (parent === dir || dir === path.dirname(root)) return null;
      dir = parent;
    }
  };

  const visit = (name: string, fromDir: string, usedBy: Notice['usedBy'], optional: boolean) => {
    const dir = resolve(name, fromDir);
    if (!dir) {
      if (optional) return;
      throw new Error(`Open-source notices: "${name}" is a dependency but is not installed under ${fromDir}. Run npm install.`);
    }
    const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as PackageJson;
    const key = `${pkg.name ?? name}@${pkg.version ?? '?'}`;
    if (found.has(key)) return;
    found.set(key, { name: pkg.name ?? name, version: pkg.version ?? '?', license: licenseOf(pkg), homepage: homepageOf(pkg), text: licenseText(dir), usedBy });
    for (const dep of Object.keys(pkg.dependencies ?? {})) visit(dep, dir, usedBy, false);
    for (const dep of Object.keys(pkg.optionalDependencies ?? {})) visit(dep, dir, usedBy, true);
  };

  for (const name of Object.keys(own.dependencies ?? {})) visit(name, root, 'app', false);
  for (const name of Object.keys(own.optionalDependencies ?? {})) visit(name, root, 'app', true);
  for (const name of rendererImports(root)) if (name !== 'vitest') visit(name, root, 'window', false);

  const dataSetsFile = path.join(root, 'resources', 'notices', 'datasets.json');
  const dataSets = existsSync(dataSetsFile) ? (JSON.parse(readFileSync(dataSetsFile, 'utf8')) as DataSetNotice[]) : [];
  const packages = [...found.values()].sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
  return { generatedAt: new Date().toISOString(), packages, dataSets };
}

/** The notices the build wrote, else a walk of the tree now. */
export function readNotices(root: string): Notices {
  const built = path.join(root, 'out', 'notices.json');
  if (existsSync(built)) return JSON.parse(readFileSync(built, 'utf8')) as Notices;
  return collectNotices(root);
}

function licenseOf(pkg: PackageJson): string {
  if (typeof pkg.license === 'string') return pkg.license;
  if (pkg.license?.type) return pkg.license.type;
  const types = (pkg.licenses ?? []).map((entry) => entry.type).filter(Boolean);
  return types.length > 0 ? types.join(' OR ') : 'UNKNOWN';
}

function homepageOf(pkg: PackageJson): string | null {
  if (pkg.homepage) return pkg.homepage;
  const repo = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
  return repo ? repo.replace(/^git\+/, '').replace(/\.git$/, '') : null;
}

function licenseText(dir: string): string | null {
  const file = readdirSync(dir).find((name) => /^(licen[cs]e|copying|notice)(\.|$|-)/i.test(name));
  if (!file) return null;
  try {
    return readFileSync(path.join(dir, file), 'utf8').slice(0, 20_000);
  } catch {
    return null;
  }
}
