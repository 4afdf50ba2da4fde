// The command line as a process: piped into `head` it stops quietly, and behind bin/relink.js (which
// re-runs it on the project's Node 24 when the machine's Node is older) it never outlives the wrapper.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { bundles } from '../../../scripts/bundles.mjs';
import { bundleNodeScript } from '../node-script';
import { runCli } from '../../../electron/cli/main';
import { THREAD_MIN_BYTES } from '../../../electron/import/parse-thread';
import { generateVcardFile } from '../../../bench/gen-vcards';

const repoRoot = resolve(import.meta.dirname, '../../..');
let work: string;

const bundle = (entry: string, outfile: string) => bundleNodeScript(entry, outfile);

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'relink-cli-process-'));
  // A copy of the installed layout: bin/relink.js beside dist/cli.js, node_modules reachable.
  mkdirSync(join(work, 'bin'));
  copyFileSync(resolve(repoRoot, 'bin/relink.js'), join(work, 'bin/relink.js'));
  symlinkSync(resolve(repoRoot, 'node_modules'), join(work, 'node_modules'));
  writeFileSync(join(work, 'package.json'), '{"type":"module"}');
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((done) => child.once('exit', (code, signal) => done({ code, signal })));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function gone(pid: number, withinMs: number): Promise<boolean> {
  for (const started = Date.now(); Date.now() - started < withinMs; await new Promise((r) => setTimeout(r, 50))) {
    if (!alive(pid)) return true;
  }
  return !alive(pid);
}

describe('relink as a process', () => {
  it('stops quietly (exit 0, no stack trace) when its reader closes the pipe', async () => {
    const cli = join(work, 'cli-real', 'cli.js');
    await bundle('electron/cli/main.ts', cli);
    const caseDir = join(work, 'case');
    const vcf = join(work, 'many.vcf');
    writeFileSync(vcf, Array.from({ length: 3000 }, (_, i) => `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:人${i}\r\nEND:VCARD\r\n`).join(''));
    expect(await runCli(['import', '--case', caseDir, vcf], { out: () => undefined, err: () => undefined })).toBe(0);

    const child = spawn(process.execPath, [cli, 'contacts', '--case', caseDir, '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout!.once('data', () => child.stdout!.destroy()); // `| head -c …`
    const { code } = await exited(child);
    expect(stderr).not.toMatch(/EPIPE|Error/);
    expect(code).toBe(0);
  });

  it('reads a large contact file on its parse thread, bundled as it ships (the thread runs from text in the bundle)', async () => {
    const cli = join(work, 'cli-thread', 'cli.js');
    await bundle('electron/cli/main.ts', cli);
    const vcf = join(work, 'large.vcf');
    const bytes = generateVcardFile(vcf, 45_000, '3.0');
    expect(bytes).toBeGreaterThan(THREAD_MIN_BYTES);
    const temp = join(work, 'temp');
    mkdirSync(temp);
    const out = execFileSync(process.execPath, [cli, 'import', '--case', join(work, 'case-thread'), vcf], { encoding: 'utf8', env: { ...process.env, TMPDIR: temp } });
    expect(out).toMatch(/large\.vcf: vcard, UTF-8, 45000 records \(45000 new.*0 skipped, 0 errors/);
    // The command line keeps compiled code for the next run (Node's compile cache, in the temp
    // folder; this one-file bundle has no later chunk to put there, dist/ has one per command).
    expect(readdirSync(temp)).toEqual(['node-compile-cache']);
  });
});

// The wrapper re-runs the CLI only on a Node older than 22: that needs such a Node on the machine.
const oldNode = ['/usr/bin/node', '/usr/local/bin/node'].find((node) => {
  try {
    return Number(execFileSync(node, ['-p', 'process.versions.node.split(".")[0]']).toString()) < 22;
  } catch {
    return false;
  }
});

describe.skipIf(!oldNode)('bin/relink.js on an older Node', () => {
  const started: number[] = [];
  afterAll(() => {
    for (const pid of started) if (alive(pid)) process.kill(pid, 'SIGKILL'); // a failed run leaves none behind
  });

  async function startWrapped(): Promise<{ wrapper: ChildProcess; childPid: number }> {
    await bundle('test/unit/foundation/fixtures/waiting-cli.ts', join(work, 'dist/cli.js'));
    const wrapper = spawn(oldNode!, [join(work, 'bin/relink.js'), 'start'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const childPid = await new Promise<number>((done) =>
      wrapper.stdout!.on('data', (d: Buffer) => {
        const m = /child (\d+)/.exec(d.toString());
        if (m) {
          started.push(Number(m[1]));
          done(Number(m[1]));
        }
      }),
    );
    return { wrapper, childPid };
  }

  it('answers `relink help` on that Node itself (bin/relink.js runs help without a second Node)', async () => {
    // As dist/ is built: each command in a chunk of its own (help loads none of them).
    const outDir = join(work, 'cli-help');
    await build({ ...bundles(outDir).cli, entryPoints: { cli: resolve(repoRoot, 'electron/cli/main.ts') }, logLevel: 'error' });
    writeFileSync(join(outDir, 'package.json'), '{"type":"module"}');
    const cli = join(outDir, 'cli.js');
    expect(execFileSync(oldNode!, [cli, 'help'], { encoding: 'utf8' })).toMatch(/^Usage:\n {2}relink \[start\]/);
  });

  it('passes a kill on to the real command', async () => {
    const { wrapper, childPid } = await startWrapped();
    const exit = exited(wrapper);
    wrapper.kill('SIGTERM');
    expect(await exit).toEqual({ code: 143, signal: null });
    expect(await gone(childPid, 2000)).toBe(true);
  });

  it('the real command stops when the wrapper is killed outright (kill -9)', async () => {
    const { wrapper, childPid } = await startWrapped();
    wrapper.kill('SIGKILL');
    await exited(wrapper);
    expect(await gone(childPid, 3000)).toBe(true);
  });
});
