// Replays the Dockerfile without a Docker engine, for deploy/check-runtime-stage.sh:
//   1. the build context: every file under the repository that .dockerignore does not exclude, matched with
//      @balena/dockerignore (Docker's own rules), copied to WORK/context;
//   2. each stage in its own directory WORK/stages/<name>/ standing for its "/": FROM, ARG, WORKDIR, ENV, COPY
//      (from the context or --from another stage), RUN (`sh -c` on this machine, with the node first on PATH
//      and this machine's environment under the stage's),
//      USER, EXPOSE, CMD. Any other instruction, or a RUN in a stage without a shell, stops the replay: the
//      replay never silently diverges from the Dockerfile.
// Writes WORK/runtime.json: the last stage's root, working directory, environment, user and command.
//   node deploy/replay-dockerfile.mjs --root REPO --work DIR --dockerignore-module PATH [--npm-cache DIR]
import { cpSync, existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { basename, join, posix, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { root: { type: 'string' }, work: { type: 'string' }, 'dockerignore-module': { type: 'string' }, 'npm-cache': { type: 'string' } },
});
const root = resolve(values.root ?? '.');
const work = resolve(values.work ?? fail('--work is required'));
const dockerignore = createRequire(join(process.cwd(), 'noop.js'))(resolve(values['dockerignore-module'] ?? fail('--dockerignore-module is required')));

function fail(message) {
  console.error(`replay: ${message}`);
  process.exit(1);
}

// --- 1. the build context ---
const ignoreFile = join(root, '.dockerignore');
const matcher = dockerignore({ ignorecase: false }).add(existsSync(ignoreFile) ? readFileSync(ignoreFile, 'utf8') : '');
const hasExceptions = existsSync(ignoreFile) && /^\s*!/m.test(readFileSync(ignoreFile, 'utf8'));
const contextDir = join(work, 'context');
const contextFiles = [];
(function walk(dir) {
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    const rel = dir === '' ? entry.name : `${dir}/${entry.name}`;
    if (entry.isDirectory()) {
      // An excluded directory is skipped whole unless an exception (!pattern) could bring a file back.
      if (!hasExceptions && matcher.ignores(rel)) continue;
      walk(rel);
    } else if (!matcher.ignores(rel)) contextFiles.push(rel);
  }
})('');
for (const rel of contextFiles) {
  mkdirSync(join(contextDir, posix.dirname(rel)), { recursive: true });
  cpSync(join(root, rel), join(contextDir, rel), { preserveTimestamps: true, verbatimSymlinks: true });
}
console.log(`build context: ${contextFiles.length} files (.dockerignore applied)`);

// --- 2. the stages ---
const instructions = readFileSync(join(root, 'Dockerfile'), 'utf8')
  .replace(/\\\r?\n/g, ' ')
  .split(/\r?\n/)
  .map((line) => line.trim())
  .filter((line) => line !== '' && !line.startsWith('#'))
  .map((line) => {
    const [, keyword, rest] = /^(\S+)\s*(.*)$/.exec(line);
    return { keyword: keyword.toUpperCase(), rest };
  });

const globalArgs = {};
const stages = [];
let stage;
const substitute = (text, vars) => text.replace(/\$\{(\w+)\}|\$(\w+)/g, (_, a, b) => vars[a ?? b] ?? '');
const stageRoot = (name) => join(work, 'stages', name);
const inStage = (s, path) => join(stageRoot(s.name), posix.resolve(s.workdir, path));
const hostPath = process.env.PATH ?? '';
const npmCache = resolve(values['npm-cache'] ?? join(work, 'npm-cache'));

for (const { keyword, rest } of instructions) {
  if (keyword === 'ARG') {
    const [name, value = ''] = rest.split('=');
    if (stage) stage.vars[name] = stage.vars[name] ?? substitute(value, stage.vars);
    else globalArgs[name] = value;
    continue;
  }
  if (keyword === 'FROM') {
    const [image, as, name] = substitute(rest, globalArgs).split(/\s+/);
    stage = { name: as?.toUpperCase() === 'AS' ? name : String(stages.length), image, workdir: '/', env: {}, vars: {}, user: 'root', cmd: [] };
    stages.push(stage);
    mkdirSync(stageRoot(stage.name), { recursive: true });
    continue;
  }
  if (!stage) fail(`${keyword} before FROM`);
  const text = substitute(rest, { ...stage.vars, ...stage.env });
  switch (keyword) {
    case 'WORKDIR':
      stage.workdir = posix.resolve(stage.workdir, text);
      mkdirSync(inStage(stage, '.'), { recursive: true });
      break;
    case 'ENV':
      for (const [, key, quoted, plain] of text.matchAll(/(\w+)=(?:"([^"]*)"|(\S*))/g)) stage.env[key] = quoted ?? plain;
      break;
    case 'COPY': {
      const words = text.split(/\s+/);
      const from = words[0].startsWith('--from=') ? words.shift().slice('--from='.length) : undefined;
      if (words.some((word) => word.startsWith('--'))) fail(`COPY flag not replayed: ${text}`);
      const dest = words.pop();
      const sourceRoot = from === undefined ? contextDir : stageRoot(from);
      if (from !== undefined && !existsSync(sourceRoot)) fail(`COPY --from=${from}: no such stage`);
      for (const source of words) {
        const src = join(sourceRoot, from === undefined ? source : posix.resolve('/', source));
        if (!existsSync(src)) fail(`COPY ${source}: not in the ${from === undefined ? 'build context' : `stage ${from}`}`);
        const isDir = lstatSync(src).isDirectory();
        const target = dest.endsWith('/') && !isDir ? join(inStage(stage, dest), basename(src)) : inStage(stage, dest);
        mkdirSync(isDir ? target : resolve(target, '..'), { recursive: true });
        cpSync(src, target, { recursive: true, verbatimSymlinks: true });
      }
      break;
    }
    case 'RUN': {
      if (/distroless/.test(stage.image)) fail(`RUN in stage ${stage.name}: ${stage.image} has no shell`);
      console.log(`[${stage.name}] RUN ${text}`);
      execFileSync('sh', ['-c', text], {
        cwd: inStage(stage, '.'),
        stdio: 'inherit',
        // This machine's environment stays (its registry settings and CA certificates reach npm), under the stage's.
        // Each stage has an npm cache of its own, as in a container: a RUN's `npm cache clean` leaves this
        // machine's cache alone.
        env: { ...process.env, ...stage.vars, ...stage.env, PATH: hostPath, npm_config_cache: join(npmCache, stage.name) },
      });
      break;
    }
    case 'USER':
      stage.user = text;
      break;
    case 'CMD':
      stage.cmd = JSON.parse(text);
      break;
    case 'EXPOSE':
      break;
    default:
      fail(`instruction ${keyword} is not replayed`);
  }
}

const runtime = stages.at(-1);
const runtimeRoot = stageRoot(runtime.name);
writeFileSync(
  join(work, 'runtime.json'),
  JSON.stringify(
    { image: runtime.image, root: runtimeRoot, workdir: join(runtimeRoot, runtime.workdir), env: runtime.env, user: runtime.user, cmd: runtime.cmd },
    null,
    2,
  ),
);
const sizeOf = (dir) => execFileSync('du', ['-sh', dir], { encoding: 'utf8' }).split('\t')[0];
console.log(`runtime stage ${runtime.name} (${runtime.image}): ${sizeOf(runtimeRoot)} in ${relative(work, runtimeRoot)}, user ${runtime.user}`);
