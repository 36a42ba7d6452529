// Finds what the native build needs: make and a C compiler, each MPI's compiler wrapper, nvcc and
// the CUDA runtime, and NCCL. NCCL is looked for in this order, the first that has both
// include/nccl.h and libnccl.so.2 winning:
//   1. NCCL_HOME (when set and wrong, the build says so and builds no CUDA set);
//   2. the system: /usr (Debian's libnccl-dev), /usr/local/nccl, the CUDA toolkit's folder;
//   3. a pip wheel already installed: nvidia/nccl/{include,lib} in python3's site-packages;
//   4. a wheel already unpacked by an earlier build: <out>/nccl/nvidia/nccl;
//   5. a wheel file (NCCL_WHEEL, else nvidia_nccl_cu*.whl in /opt/pypi-more/files), unpacked
//      into <out>/nccl/ with python3's zipfile, and a libnccl.so link added beside libnccl.so.2.
import { accessSync, constants, existsSync, mkdirSync, readdirSync, realpathSync, symlinkSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import type { MpiFlavor } from '../../protocol';
import type { Runner } from '../jobs/backend';
import { mpiFlavorOf } from '../jobs/launchers';

/** One MPI's compiler wrapper and launcher. */
export interface MpiTool {
  readonly flavor: MpiFlavor;
  readonly mpicc: string;
  readonly mpiexec: string;
  /** The -I flags of its headers, for nvcc. */
  readonly includeFlags: readonly string[];
}

export interface NcclLocation {
  readonly include: string;
  readonly lib: string;
  /** `NCCL_HOME`, `system (/usr)`, `pip wheel (…)`, `unpacked wheel …`. */
  readonly origin: string;
}

export interface Toolchain {
  readonly make: string | undefined;
  readonly cc: string | undefined;
  readonly mpis: readonly MpiTool[];
  /** Why each MPI that is not here is missing. */
  readonly mpiMissing: readonly { readonly flavor: MpiFlavor; readonly reason: string }[];
  readonly nvcc: { readonly path: string; readonly cudaHome: string } | undefined;
  readonly nvccMissing: string | undefined;
  readonly nccl: NcclLocation | undefined;
  readonly ncclMissing: string | undefined;
}

export interface ProbeOptions {
  readonly run: Runner;
  readonly env: NodeJS.ProcessEnv;
  /** The build's output folder (a wheel is unpacked under it). */
  readonly outDir: string;
  /** Folders searched for an NCCL wheel file when NCCL_WHEEL is unset. */
  readonly wheelDirs?: readonly string[];
}

const FLAVORS: readonly MpiFlavor[] = ['mpich', 'openmpi'];
const DEFAULT_WHEEL_DIRS = ['/opt/pypi-more/files'];

/** The absolute path of `command` on PATH, or undefined. */
export function onPath(command: string, env: NodeJS.ProcessEnv): string | undefined {
  if (command.includes('/')) return isExecutable(command) ? command : undefined;
  for (const dir of (env['PATH'] ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, command);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The -I flags in an MPI wrapper's `-show` / `--showme` line. */
export function includeFlagsOf(showText: string): string[] {
  return showText.split(/\s+/).filter((t) => t.startsWith('-I') && t.length > 2);
}

async function probeMpi(flavor: MpiFlavor, o: ProbeOptions): Promise<MpiTool | string> {
  // Debian names both MPIs by flavour; a cluster's module usually gives plain mpicc/mpiexec.
  const named = onPath(`mpicc.${flavor}`, o.env) !== undefined && onPath(`mpiexec.${flavor}`, o.env) !== undefined;
  const mpicc = named ? `mpicc.${flavor}` : 'mpicc';
  const mpiexec = named ? `mpiexec.${flavor}` : 'mpiexec';
  if (!named) {
    if (onPath('mpicc', o.env) === undefined || onPath('mpiexec', o.env) === undefined) return `no mpicc.${flavor} or mpicc on PATH (Debian: apt-get install ${flavor === 'mpich' ? 'mpich libmpich-dev' : 'openmpi-bin libopenmpi-dev'})`;
    const version = await o.run('mpiexec', ['--version'], { env: o.env }).catch(() => undefined);
    if (version === undefined || mpiFlavorOf(`${version.stdout}\n${version.stderr}`) !== flavor) return `mpiexec on PATH is not ${flavor}`;
  }
  const show = await o.run(mpicc, [flavor === 'openmpi' ? '--showme:compile' : '-show'], { env: o.env }).catch(() => undefined);
  if (show === undefined || show.code !== 0) return `${mpicc} does not run`;
  return { flavor, mpicc, mpiexec, includeFlags: includeFlagsOf(show.stdout) };
}

function findNvcc(env: NodeJS.ProcessEnv): NonNullable<Toolchain['nvcc']> | string {
  const home = env['CUDA_HOME'] ?? env['CUDA_PATH'];
  const nvcc = (home !== undefined && home !== '' ? onPath(join(home, 'bin', 'nvcc'), env) : undefined) ?? onPath('nvcc', env) ?? onPath('/usr/local/cuda/bin/nvcc', env);
  if (nvcc === undefined) return 'nvcc was not found (set CUDA_HOME or put the CUDA toolkit on PATH)';
  const candidates = [home, dirname(dirname(realpathSync(nvcc))), '/usr/local/cuda'].filter((h): h is string => h !== undefined && h !== '');
  const cudaHome = candidates.find((h) => existsSync(join(h, 'lib64', 'libcudart.so')) && existsSync(join(h, 'include', 'cuda_runtime.h')));
  if (cudaHome === undefined) return `nvcc is at ${nvcc} but no CUDA toolkit folder with lib64/libcudart.so and include/cuda_runtime.h was found (set CUDA_HOME)`;
  return { path: nvcc, cudaHome };
}

function ncclAt(include: string, lib: string, origin: string): NcclLocation | undefined {
  return existsSync(join(include, 'nccl.h')) && existsSync(join(lib, 'libnccl.so.2')) ? { include, lib, origin } : undefined;
}

function systemNccl(cudaHome: string | undefined): NcclLocation | undefined {
  const places: [string, string][] = [
    ['/usr/include', '/usr/lib/x86_64-linux-gnu'],
    ['/usr/include', '/usr/lib64'],
    ['/usr/local/nccl/include', '/usr/local/nccl/lib'],
  ];
  if (cudaHome !== undefined) places.push([join(cudaHome, 'include'), join(cudaHome, 'lib64')], [join(cudaHome, 'include'), join(cudaHome, 'lib')]);
  for (const [inc, lib] of places) {
    const found = ncclAt(inc, lib, `system (${dirname(inc)})`);
    if (found !== undefined) return found;
  }
  return undefined;
}

async function pipNccl(o: ProbeOptions): Promise<NcclLocation | undefined> {
  const r = await o.run('python3', ['-c', 'import sys; print("\\n".join(sys.path))'], { env: o.env }).catch(() => undefined);
  if (r === undefined || r.code !== 0) return undefined;
  for (const dir of r.stdout.split('\n').filter((d) => d.trim() !== '')) {
    const base = join(dir.trim(), 'nvidia', 'nccl');
    const found = ncclAt(join(base, 'include'), join(base, 'lib'), `pip wheel (${base})`);
    if (found !== undefined) return found;
  }
  return undefined;
}

function wheelFile(o: ProbeOptions): string | undefined {
  const given = o.env['NCCL_WHEEL'];
  if (given !== undefined && given !== '') return given;
  for (const dir of o.wheelDirs ?? DEFAULT_WHEEL_DIRS) {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    const wheel = names.filter((n) => /^nvidia_nccl_cu\d+-.*\.whl$/.test(n)).sort().at(-1);
    if (wheel !== undefined) return join(dir, wheel);
  }
  return undefined;
}

/** Unpacks an NCCL wheel into <out>/nccl and adds the libnccl.so link; the location, or why not. */
async function unpackWheel(wheel: string, o: ProbeOptions): Promise<NcclLocation | string> {
  const dest = join(o.outDir, 'nccl');
  mkdirSync(dest, { recursive: true });
  const r = await o.run('python3', ['-m', 'zipfile', '-e', wheel, dest], { env: o.env }).catch((e: unknown) => ({ code: 1, signal: null, stdout: '', stderr: e instanceof Error ? e.message : String(e) }));
  if (r.code !== 0) return `unpacking ${wheel} failed: ${r.stderr.trim()}`;
  const base = join(dest, 'nvidia', 'nccl');
  const link = join(base, 'lib', 'libnccl.so');
  if (!existsSync(link) && existsSync(join(base, 'lib', 'libnccl.so.2'))) symlinkSync('libnccl.so.2', link);
  return ncclAt(join(base, 'include'), join(base, 'lib'), `wheel ${wheel}, unpacked into ${dest}`) ?? `${wheel} has no nvidia/nccl/include/nccl.h and lib/libnccl.so.2`;
}

async function findNccl(o: ProbeOptions, cudaHome: string | undefined): Promise<NcclLocation | string> {
  const home = o.env['NCCL_HOME'];
  if (home !== undefined && home !== '') {
    return ncclAt(join(home, 'include'), join(home, 'lib'), `NCCL_HOME (${home})`) ?? ncclAt(join(home, 'include'), join(home, 'lib64'), `NCCL_HOME (${home})`) ?? `NCCL_HOME=${home} has no include/nccl.h and lib/libnccl.so.2`;
  }
  const found = systemNccl(cudaHome) ?? (await pipNccl(o)) ?? ncclAt(join(o.outDir, 'nccl', 'nvidia', 'nccl', 'include'), join(o.outDir, 'nccl', 'nvidia', 'nccl', 'lib'), `unpacked wheel (${join(o.outDir, 'nccl')})`);
  if (found !== undefined) return found;
  const wheel = wheelFile(o);
  if (wheel === undefined) return 'NCCL was not found: set NCCL_HOME, install libnccl-dev, pip install nvidia-nccl-cu13, or set NCCL_WHEEL to a nvidia_nccl_cu*.whl file';
  return unpackWheel(wheel, o);
}

/** Looks for every tool; what is missing comes with the reason. */
export async function probeToolchain(o: ProbeOptions): Promise<Toolchain> {
  const mpiResults = await Promise.all(FLAVORS.map((f) => probeMpi(f, o)));
  const mpis = mpiResults.filter((m): m is MpiTool => typeof m !== 'string');
  const mpiMissing = FLAVORS.flatMap((flavor, i) => {
    const r = mpiResults[i];
    return typeof r === 'string' ? [{ flavor, reason: r }] : [];
  });
  const nvcc = findNvcc(o.env);
  const nccl = typeof nvcc === 'string' ? 'not looked for (no nvcc)' : await findNccl(o, nvcc.cudaHome);
  return {
    make: onPath('make', o.env),
    cc: onPath(o.env['CC'] ?? 'cc', o.env) ?? onPath('gcc', o.env),
    mpis,
    mpiMissing,
    nvcc: typeof nvcc === 'string' ? undefined : nvcc,
    nvccMissing: typeof nvcc === 'string' ? nvcc : undefined,
    nccl: typeof nccl === 'string' ? undefined : nccl,
    ncclMissing: typeof nccl === 'string' ? nccl : undefined,
  };
}
