// The browser host in a process of its own, as `npm run dev:web` runs it: if a hostile client could take it
// down, the test sees the process gone instead of an error swallowed by the test runner.
import { startWebHost } from '../../../main/app/web-host.ts';

const [libraryRoot, dataDir, staticDir] = process.argv.slice(2) as [string, string, string];
const host = await startWebHost({ libraryRoot, dataDir, staticDir });
process.stdout.write(`${JSON.stringify({ origin: host.origin, token: host.token })}\n`);
process.on('SIGTERM', () => void host.close().then(() => process.exit(0)));
