// The deploy's Terraform, parsed with HashiCorp's HCL parser and cross-checked against the code it deploys:
// the names a typo would break without `terraform validate` noticing (there is no Google Cloud here to plan
// against): variables, locals and resource references; the worker's environment; the log-based metrics'
// events, fields and labels against the log catalog; the outcome values and error codes the code logs.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { ERROR_CODES } from '@worker-chart-export/domain';
import { REPO_ROOT } from '@worker-chart-export/testing';
import { LOG_CATALOG_PATH, parseLogCatalog, type CatalogEntry } from '../observability/log-catalog.js';
import { TERRAFORM_DIR, blocks, interpolations, locals, parseHcl, readTerraform, resources, stringsIn, type TfBody, type TfFile } from './read-terraform.js';

let files: TfFile[];
let catalog: Map<string, CatalogEntry>;
/** Each `| \`name\` | ...` row of docs/log-events.md by its first cell: common fields and events. */
let catalogRows: Map<string, string>;
let workerConfigSource: string;

const readRepo = (path: string): Promise<string> => readFile(join(REPO_ROOT, path), 'utf8');

/** References of one kind (`var`, `local`) inside the interpolations of `value`. */
function references(value: unknown, kind: 'var' | 'local'): Set<string> {
  const pattern = new RegExp(`(?<![\\w.])${kind}\\.([a-zA-Z0-9_]+)`, 'g');
  return new Set(stringsIn(value).flatMap((text) => interpolations(text).flatMap((code) => [...code.matchAll(pattern)].map((m) => m[1] as string))));
}

/** Every logging metric, by its resource name. */
function metrics(): Map<string, TfBody> {
  return new Map([...resources(files)].filter(([key]) => key.startsWith('google_logging_metric.')).map(([key, body]) => [key.split('.')[1] as string, body]));
}

/** The labels a logging metric declares. */
function labelsOf(metric: TfBody): string[] {
  const descriptor = (metric['metric_descriptor'] as TfBody[])[0] as TfBody;
  return ((descriptor['labels'] ?? []) as TfBody[]).map((label) => label['key'] as string);
}

/** The metric a `${google_logging_metric.NAME.name}` expression names. */
function metricNamed(expression: string): string {
  const name = /google_logging_metric\.(\w+)\.name/.exec(expression)?.[1];
  if (name === undefined) throw new Error(`${expression} names no google_logging_metric`);
  return name;
}

/** The names of the environment variables loadWorkerConfig reads (read('X'), int('X', ...), env['X']). */
function variablesTheWorkerReads(): Set<string> {
  return new Set([...workerConfigSource.matchAll(/\b(?:read|int)\('([A-Z][A-Z0-9_]*)'|env\['([A-Z][A-Z0-9_]*)'\]/g)].map((m) => (m[1] ?? m[2]) as string));
}

beforeAll(async () => {
  files = await readTerraform();
  const catalogText = await readFile(LOG_CATALOG_PATH, 'utf8');
  catalog = parseLogCatalog(catalogText);
  catalogRows = new Map(
    catalogText
      .split('\n')
      .map((line) => [/^\| `([^`]+)` \|/.exec(line)?.[1], line] as const)
      .filter((entry): entry is [string, string] => entry[0] !== undefined),
  );
  workerConfigSource = await readRepo('apps/worker/src/config/load-worker-config.ts');
});

describe('deploy/terraform', () => {
  it('parses every .tf file', () => {
    expect(files.map((file) => file.name)).toEqual(
      expect.arrayContaining(['cloud_run.tf', 'eventarc.tf', 'metrics.tf', 'alerts.tf', 'dashboards.tf', 'variables.tf']),
    );
  });

  it('uses every variable it declares and declares every variable it uses', () => {
    const declared = blocks(files, 'variable');
    const used = new Set<string>();
    for (const file of files) {
      for (const [kind, value] of Object.entries(file.json)) {
        if (kind === 'variable') {
          // A variable's own validation does not count as a use of it.
          for (const [name, body] of Object.entries(value as Record<string, TfBody[]>)) {
            for (const ref of references(body, 'var')) if (ref !== name) used.add(ref);
          }
        } else for (const ref of references(value, 'var')) used.add(ref);
      }
    }
    expect([...declared.keys()].filter((name) => !used.has(name))).toEqual([]);
    expect([...used].filter((name) => !declared.has(name))).toEqual([]);
  });

  it('uses every local it declares and declares every local it uses', () => {
    const declared = Object.keys(locals(files));
    const used = references(
      files.map((file) => file.json),
      'local',
    );
    expect(declared.filter((name) => !used.has(name))).toEqual([]);
    expect([...used].filter((name) => !declared.includes(name))).toEqual([]);
  });

  it('gives an example for every variable without a default, and only for declared ones', async () => {
    const example = (await parseHcl('terraform.tfvars.example', await readFile(join(TERRAFORM_DIR, 'terraform.tfvars.example'), 'utf8'))) as TfBody;
    const declared = blocks(files, 'variable');
    const required = [...declared].filter(([, body]) => !('default' in body)).map(([name]) => name);
    expect(required.filter((name) => !(name in example))).toEqual([]);
    expect(Object.keys(example).filter((name) => !declared.has(name))).toEqual([]);
  });

  it('references only resources and data sources it declares (a moved block names a former address)', () => {
    const declared = new Set([...resources(files).keys()]);
    const data = new Set([...resources(files, 'data').keys()]);
    const dangling: string[] = [];
    const blocksButMoved = files.map(({ json: { moved: _moved, ...rest } }) => rest);
    for (const code of stringsIn(blocksButMoved).flatMap(interpolations)) {
      for (const m of code.matchAll(/(?<![\w.])(data\.)?(google_[a-z0-9_]+)\.([a-z0-9_]+)/g)) {
        const key = `${m[2]}.${m[3]}`;
        if (!(m[1] ? data : declared).has(key)) dangling.push(`${m[1] ?? ''}${key}`);
      }
    }
    expect(dangling).toEqual([]);
  });

  it('moves former addresses only to resources it declares', () => {
    const declared = new Set([...resources(files).keys()]);
    const moves = files.flatMap((file) => (file.json['moved'] ?? []) as TfBody[]);
    expect(moves.length).toBeGreaterThan(0);
    const targets = moves.map((move) => /^\$\{([a-z0-9_]+\.[a-z0-9_]+)(\[.*\])?\}$/.exec(String(move['to']))?.[1] ?? String(move['to']));
    expect(targets.filter((target) => !declared.has(target))).toEqual([]);
  });
});

describe('the Cloud Run service and the worker it runs', () => {
  let validated: string[];
  let secretEnv: string[];

  beforeAll(() => {
    validated = Object.keys(locals(files)['worker_env_validated'] as TfBody);
    const service = resources(files).get('google_cloud_run_v2_service.worker') as TfBody;
    const container = (((service['template'] as TfBody[])[0] as TfBody)['containers'] as TfBody[])[0] as TfBody;
    const dynamicEnv = ((container['dynamic'] as TfBody)['env'] as TfBody[]).flatMap((block) => block['content'] as TfBody[]);
    secretEnv = dynamicEnv.map((content) => content['name'] as string).filter((name) => /^[A-Z][A-Z0-9_]*$/.test(name));
  });

  it('sets only variables the worker reads', () => {
    const reads = variablesTheWorkerReads();
    expect(reads.size).toBeGreaterThan(10);
    expect([...validated, ...secretEnv].filter((name) => !reads.has(name))).toEqual([]);
  });

  it('sets every variable the worker requires (the accounts from the secret)', () => {
    const required = new Set([...workerConfigSource.matchAll(/\b([A-Z][A-Z0-9_]*) is required\b/g)].map((m) => m[1] as string));
    expect([...required].sort()).toEqual(['CHARTS_BUCKET', 'CHART_IMG_ACCOUNTS_JSON']);
    expect([...required].filter((name) => !validated.includes(name) && !secretEnv.includes(name))).toEqual([]);
  });

  it('names in extra_env only variables the worker reads, and refuses every variable set elsewhere', async () => {
    const extraEnv = blocks(files, 'variable').get('extra_env') as TfBody;
    const reads = variablesTheWorkerReads();
    const suggested = (extraEnv['description'] as string).match(/\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b/g) ?? [];
    expect(suggested.filter((name) => !reads.has(name))).toEqual([]);

    const condition = ((extraEnv['validation'] as TfBody[])[0] as TfBody)['condition'] as string;
    const refused = new Set(condition.match(/"[A-Z][A-Z0-9_]*"/g)?.map((quoted) => quoted.slice(1, -1)));
    const dockerfile = await readRepo('Dockerfile');
    const runtimeStage = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    const imageEnv = [...runtimeStage.matchAll(/^ENV (.+)$/gm)].flatMap((m) => [...(m[1] as string).matchAll(/(\w+)=/g)].map((v) => v[1] as string));
    expect(imageEnv).toContain('CHARTS_FIXTURES_READ_ONLY');
    const setElsewhere = [...validated, ...secretEnv, ...imageEnv.filter((name) => reads.has(name)), 'PORT'];
    expect(setElsewhere.filter((name) => !refused.has(name))).toEqual([]);
  });

  it('gives a request at least the time a sweep may take, so POST /sweep is never cut off', async () => {
    const handler = await readRepo('apps/worker/src/http/handle-sweep.ts');
    const budgetMs = Number(/SWEEP_REQUEST_BUDGET_MS = ([\d_]+)/.exec(handler)?.[1]?.replaceAll('_', ''));
    const timeout = blocks(files, 'variable').get('request_timeout_seconds') as TfBody;
    const condition = ((timeout['validation'] as TfBody[])[0] as TfBody)['condition'] as string;
    const minimumSeconds = Number(/var\.request_timeout_seconds >= (\d+)/.exec(condition)?.[1]);
    expect(budgetMs).toBeGreaterThan(0);
    expect(minimumSeconds * 1000).toBeGreaterThan(budgetMs);
    expect(Number(timeout['default']) * 1000).toBeGreaterThan(budgetMs);
  });

  it('offers only the API modes the image accepts', () => {
    const mode = blocks(files, 'variable').get('charts_api_mode') as TfBody;
    const condition = ((mode['validation'] as TfBody[])[0] as TfBody)['condition'] as string;
    expect(condition).not.toContain('"record"');
    expect(condition).toContain('"real"');
    expect(condition).toContain('"mock"');
  });
});

describe('log-based metrics, alerts and dashboards', () => {
  /** The catalog row that documents `field` (`chartsApi.outcome`) for `event`: the common field's row, else the event's. */
  function rowDocumenting(field: string, event: string | undefined): string | undefined {
    const [top, ...rest] = field.split('.');
    const rows = [catalogRows.get(top as string), event === undefined ? undefined : catalogRows.get(event)];
    return rows.find((row) => row !== undefined && row.includes(`\`${top}\``) && rest.every((part) => new RegExp(`\\b${part}\\b`).test(row)));
  }

  it('select on events the catalog lists, with severities it lists for them', () => {
    for (const [name, metric] of metrics()) {
      const filter = metric['filter'] as string;
      const event = /jsonPayload\.event="([^"]+)"/.exec(filter)?.[1];
      if (event === undefined) {
        expect({ name, filter }).toEqual({ name, filter: expect.stringContaining('httpRequest.status') });
        continue;
      }
      expect({ name, event, documented: catalog.has(event) }).toEqual({ name, event, documented: true });
      for (const [, severity] of filter.matchAll(/\bseverity=(\w+)/g))
        expect({ name, event, severities: catalog.get(event)?.severities }).toEqual({ name, event, severities: expect.arrayContaining([severity]) });
    }
  });

  it('filter and extract only fields the catalog documents, with values it names', () => {
    const problems: string[] = [];
    for (const [name, metric] of metrics()) {
      const filter = metric['filter'] as string;
      const event = /jsonPayload\.event="([^"]+)"/.exec(filter)?.[1];
      const extracted = Object.values((metric['label_extractors'] ?? {}) as Record<string, string>).flatMap((e) =>
        [...e.matchAll(/\bjsonPayload\.([\w.]+)/g)].map((m) => [m[1] as string, undefined] as const),
      );
      const filtered = [...filter.matchAll(/\bjsonPayload\.([\w.]+)\s*[!=<>]+\s*"([^"]*)"/g)].map((m) => [m[1] as string, m[2] as string] as const);
      for (const [field, value] of [...filtered, ...extracted]) {
        if (field === 'event') continue;
        const row = rowDocumenting(field, event);
        if (row === undefined) problems.push(`${name}: jsonPayload.${field} is not documented for ${event ?? 'any event'}`);
        else if (value !== undefined && !row.includes(value)) problems.push(`${name}: jsonPayload.${field}="${value}" is not a value the catalog names`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('alert on and chart labels that their metric declares', () => {
    const problems: string[] = [];
    const byName = metrics();
    // An alert or a chart groups by label names and may filter on `metric.label.NAME`.
    const use = (metric: unknown, groupBy: unknown, filter: unknown) => ({
      metric: metric as string,
      labels: [...((groupBy ?? []) as string[]), ...[...String(filter ?? '').matchAll(/metric\.label\.\\?"?(\w+)/g)].map((m) => m[1] as string)],
    });
    const uses = [
      ...Object.values(locals(files)['alerts'] as Record<string, TfBody>).map((alert) => use(alert['metric'], alert['group_by'], alert['filter'])),
      ...(locals(files)['dashboard_charts'] as TfBody[]).map((chart) => use(chart['metric'], chart['group'], chart['filter'])),
    ];
    expect(uses.flatMap((u) => u.labels)).toEqual(expect.arrayContaining(['account_id', 'outcome', 'error_code', 'path']));
    for (const { metric: expression, labels } of uses) {
      const name = metricNamed(expression);
      const metric = byName.get(name);
      if (metric === undefined) {
        problems.push(`no metric ${name}`);
        continue;
      }
      for (const label of labels) if (!labelsOf(metric).includes(label)) problems.push(`${name} has no label ${label}`);
    }
    expect(problems).toEqual([]);
  });

  it('name the outcome values the code logs and the error codes a step can fail with', async () => {
    const verdicts = await readRepo('libs/domain/src/chart-img/chart-verdict.ts');
    // The code logs `succeeded` for an image and the verdict's type otherwise.
    const failedOutcomes = [...verdicts.matchAll(/readonly type: '([a-z-]+)'/g)].map((m) => m[1] as string).filter((type) => type !== 'image');
    expect(failedOutcomes).toEqual(expect.arrayContaining(['retriable', 'quota-exhausted', 'key-rejected', 'plan-limit', 'fatal']));
    const calls = metrics().get('chart_img_calls') as TfBody;
    const outcomeLabel = (((calls['metric_descriptor'] as TfBody[])[0] as TfBody)['labels'] as TfBody[]).find((label) => label['key'] === 'outcome') as TfBody;
    const described = outcomeLabel['description'] as string;
    expect(['succeeded', ...failedOutcomes].filter((outcome) => !described.includes(outcome))).toEqual([]);
    const alertDoc = ((locals(files)['alerts'] as Record<string, TfBody>)['chart_api_errors'] as TfBody)['doc'] as string;
    expect(failedOutcomes.filter((outcome) => !alertDoc.includes(outcome))).toEqual([]);

    const failed = metrics().get('failed_steps') as TfBody;
    const codeLabel = ((failed['metric_descriptor'] as TfBody[])[0] as TfBody)['labels'] as TfBody[];
    const codes = (codeLabel[0] as TfBody)['description'] as string;
    // STEP_LEASE_EXHAUSTED is the sweeper's, counted by lease_exhausted, not by step.completed.
    expect(ERROR_CODES.filter((code) => code !== 'STEP_LEASE_EXHAUSTED' && !codes.includes(code))).toEqual([]);
  });
});

describe('the bucket', () => {
  it('lets the public read an object it names, never list the bucket', () => {
    const publicGrants = [...resources(files)].filter(
      ([, body]) => body['member'] === 'allUsers' || (body['members'] as string[] | undefined)?.includes('allUsers'),
    );
    expect(publicGrants.map(([, body]) => body['role'])).toEqual(['roles/storage.legacyObjectReader']);
  });
});
