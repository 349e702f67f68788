import { aTemplate } from '@worker-chart-export/domain/testing';
import type { HostileCase } from './hostile-case.js';

const MAX_STRING = 40;
const MAX_ITEMS = 3;

/** A short rendering of a case's input for the table: long strings and arrays are abbreviated. */
export function summarizeInput(c: HostileCase): string {
  switch (c.area) {
    case 'flow_run':
      return compact(c.input);
    case 'template': {
      if (c.input.file !== undefined) return `file ${compact(c.input.file)}`;
      return c.input.template === undefined ? 'no template' : compact(changedFields(c.input.template, aTemplate(c.input.chartTemplateId)));
    }
    case 'accounts':
      return compact(c.input.raw);
    case 'cli': {
      const env = Object.entries(c.input.env ?? {}).map(([name, value]) => `${name}=${abbreviate(value)}`);
      const files = [
        c.input.flowRunFile === undefined ? [] : [`flowRun=${compact(c.input.flowRunFile)}`],
        c.input.accountsFile === undefined ? [] : [`accounts=${compact(c.input.accountsFile)}`],
      ].flat();
      return [...env, ...c.input.args, ...files].join(' ');
    }
    case 'cloudevent': {
      const type = c.input.headers['ce-type'];
      const body = c.input.body;
      const what =
        body.kind === 'document-event'
          ? `DocumentEventData ${body.documentName ?? body.documentPath}`
          : body.kind === 'filler'
            ? `${body.bytes} bytes`
            : body.kind === 'text'
              ? compact(body.text)
              : body.kind;
      return [
        `${c.input.method ?? 'POST'} ${c.input.path ?? '/'}`,
        c.input.headers['content-type'] ?? 'no content-type',
        ...(type ? [`ce-type ${type}`] : []),
        what,
      ].join(', ');
    }
  }
}

/** The fields of `value` that differ from `base` (one level into `request`), or `value` when it is not an object. */
function changedFields(value: unknown, base: Record<string, unknown>): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const changed: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (JSON.stringify(item) === JSON.stringify(base[key])) continue;
    changed[key] = key === 'request' ? changedFields(item, base['request'] as Record<string, unknown>) : item;
  }
  return changed;
}

function compact(value: unknown): string {
  return JSON.stringify(shorten(value)) ?? String(value);
}

function shorten(value: unknown): unknown {
  if (typeof value === 'string') return abbreviate(value);
  if (Array.isArray(value)) {
    const head = value.slice(0, MAX_ITEMS).map(shorten);
    return value.length > MAX_ITEMS ? [...head, `…${value.length} items`] : head;
  }
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([key, item]) => [abbreviate(key), shorten(item)]));
  return value;
}

function abbreviate(text: string): string {
  return text.length <= MAX_STRING ? text : `${text.slice(0, MAX_STRING)}…(${text.length} chars)`;
}
