// Part of `npm run build`: writes out/notices.json, the "Open-source notices" page's list of every bundled
// third-party package (walked from the dependency tree, main/privacy/notices.ts) and data set.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { collectNotices } from '../main/privacy/notices.ts';

const root = path.resolve(import.meta.dirname, '..');
const notices = collectNotices(root);
mkdirSync(path.join(root, 'out'), { recursive: true });
writeFileSync(path.join(root, 'out', 'notices.json'), `${JSON.stringify(notices)}\n`);
const unknown = notices.packages.filter((pkg) => pkg.license === 'UNKNOWN').map((pkg) => pkg.name);
console.log(`Built out/notices.json: ${notices.packages.length} packages, ${notices.dataSets.length} data sets${unknown.length ? `; no licence field: ${unknown.join(', ')}` : ''}`);
