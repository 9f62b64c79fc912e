// Builds the dashboard for the server's build (src/Bourse.Server/Dashboard/Dashboard.targets): `npm ci` when node_modules
// was not installed from the current package-lock.json, then `npm run build` (tsc + vite -> dist/) unless dist/ is newer
// than every input. Builds started at the same time (several projects referencing the server, two `dotnet build`s) take
// turns on a lock folder, so npm never runs twice at once on web/; the second finds dist/ up to date and returns at once.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = join(dirname(fileURLToPath(import.meta.url)), '..');
const lock = join(web, '.build.lock');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Newest modification time (ms) of a file or, recursively, of a folder's files; 0 when missing. */
function newest(path) {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((latest, name) => Math.max(latest, newest(join(path, name))), stat.mtimeMs);
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** Takes the lock folder (mkdir is atomic), waiting while a live process holds it; a dead holder's lock is taken over. */
async function acquire() {
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      return;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    }
    let holder = NaN;
    try {
      holder = Number(readFileSync(join(lock, 'pid'), 'utf8'));
    } catch {
      // being created or removed right now
    }
    if (Number.isInteger(holder) && !isAlive(holder)) rmSync(lock, { recursive: true, force: true });
    if (Date.now() > deadline) throw new Error(`web/ is locked by ${lock} for more than 10 minutes; delete it if no build runs.`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function run(...args) {
  console.log(`dashboard: npm ${args.join(' ')}`);
  const result = spawnSync(npm, args, { cwd: web, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`dashboard: npm ${args.join(' ')} failed (exit code ${result.status ?? result.signal}).`);
}

await acquire();
try {
  const lockfile = newest(join(web, 'package-lock.json'));
  if (newest(join(web, 'node_modules', '.package-lock.json')) < lockfile) run('ci', '--no-audit', '--no-fund');
  const inputs = ['src', 'index.html', 'package.json', 'package-lock.json', 'tsconfig.json', 'vite.config.ts']
    .map((input) => newest(join(web, input)));
  if (newest(join(web, 'dist', 'index.html')) <= Math.max(...inputs)) run('run', 'build');
  else console.log('dashboard: dist/ is up to date');
} catch (error) {
  console.error(error.message);
  process.exitCode = 1;
} finally {
  rmSync(lock, { recursive: true, force: true });
}
