import { aTemplate } from '@worker-chart-export/domain/testing';
import type { TemplateCase } from './hostile-case.js';

const ID = 'ctpl_hostile_v1';
const VALIDATION = { status: 'FAILED', code: 'VALIDATION_FAILED' } as const;
const base = aTemplate(ID);
const baseRequest = base['request'] as Record<string, unknown>;
const withRequest = (fields: Record<string, unknown>): Record<string, unknown> => ({ ...base, request: { ...baseRequest, ...fields } });

/** Stored chart templates: catalogue names, enums, injected fields, sizes, `{symbol}`, unreadable files. */
export const TEMPLATE_CASES: readonly TemplateCase[] = [
  {
    id: 'tp-unknown-study',
    area: 'template',
    description: 'a study Chart-IMG does not know',
    input: { chartTemplateId: ID, template: withRequest({ studies: [{ name: 'Magic Money Indicator' }] }) },
    expect: { ...VALIDATION, mentions: ['request.studies[0].name', 'Magic Money Indicator'] },
  },
  {
    id: 'tp-unknown-drawing',
    area: 'template',
    description: 'a drawing Chart-IMG does not know',
    input: { chartTemplateId: ID, template: withRequest({ drawings: [{ name: 'Smiley' }] }) },
    expect: { ...VALIDATION, mentions: ['request.drawings[0]', 'Smiley'] },
  },
  {
    id: 'tp-bad-style',
    area: 'template',
    description: 'style "pie" is not a chart style',
    input: { chartTemplateId: ID, template: withRequest({ style: 'pie' }) },
    expect: { ...VALIDATION, mentions: ['request.style', 'pie'] },
  },
  {
    id: 'tp-bad-theme',
    area: 'template',
    description: 'theme "neon"',
    input: { chartTemplateId: ID, template: withRequest({ theme: 'neon' }) },
    expect: { ...VALIDATION, mentions: ['request.theme', 'neon'] },
  },
  {
    id: 'tp-bad-timezone',
    area: 'template',
    description: 'timezone "Mars/Olympus_Mons"',
    input: { chartTemplateId: ID, template: withRequest({ timezone: 'Mars/Olympus_Mons' }) },
    expect: { ...VALIDATION, mentions: ['request.timezone'] },
  },
  {
    id: 'tp-symbol-set',
    area: 'template',
    description: 'the request sets symbol, which the worker injects',
    input: { chartTemplateId: ID, template: withRequest({ symbol: 'BINANCE:ETHUSDT' }) },
    expect: { ...VALIDATION, mentions: ['request.symbol'] },
  },
  {
    id: 'tp-interval-set',
    area: 'template',
    description: 'the request sets interval, which the worker injects',
    input: { chartTemplateId: ID, template: withRequest({ interval: '1D' }) },
    expect: { ...VALIDATION, mentions: ['request.interval'] },
  },
  {
    id: 'tp-format-jpeg',
    area: 'template',
    description: 'format jpeg',
    input: { chartTemplateId: ID, template: withRequest({ format: 'jpeg' }) },
    expect: { ...VALIDATION, mentions: ['request.format', 'jpeg'] },
  },
  {
    id: 'tp-width-too-big',
    area: 'template',
    description: 'width 10000, above any plan',
    input: { chartTemplateId: ID, template: withRequest({ width: 10_000 }) },
    expect: { ...VALIDATION, mentions: ['request.width', '10000'] },
  },
  {
    id: 'tp-height-too-small',
    area: 'template',
    description: 'height 100, below the minimum',
    input: { chartTemplateId: ID, template: withRequest({ height: 100 }) },
    expect: { ...VALIDATION, mentions: ['request.height', '100'] },
  },
  {
    id: 'tp-width-string',
    area: 'template',
    description: 'width "800" (a string)',
    input: { chartTemplateId: ID, template: withRequest({ width: '800' }) },
    expect: { ...VALIDATION, mentions: ['request.width'] },
  },
  {
    id: 'tp-too-many-studies',
    area: 'template',
    description: '60 studies, above every plan',
    input: { chartTemplateId: ID, template: withRequest({ studies: Array.from({ length: 60 }, () => ({ name: 'Volume' })) }) },
    expect: { ...VALIDATION, mentions: ['studies'] },
  },
  {
    id: 'tp-symbol-twice',
    area: 'template',
    description: 'chartImgSymbolTemplate holds {symbol} twice',
    input: { chartTemplateId: ID, template: { ...base, chartImgSymbolTemplate: 'BINANCE:{symbol}{symbol}' } },
    expect: { ...VALIDATION, mentions: ['chartImgSymbolTemplate'] },
  },
  {
    id: 'tp-symbol-missing',
    area: 'template',
    description: 'chartImgSymbolTemplate without {symbol}',
    input: { chartTemplateId: ID, template: { ...base, chartImgSymbolTemplate: 'BINANCE:BTCUSDT' } },
    expect: { ...VALIDATION, mentions: ['chartImgSymbolTemplate'] },
  },
  {
    id: 'tp-id-mismatch',
    area: 'template',
    description: 'the document id differs from the requested id',
    input: { chartTemplateId: ID, template: { ...base, id: 'ctpl_other_v1' } },
    expect: { ...VALIDATION, mentions: ['id', 'ctpl_other_v1'] },
  },
  {
    id: 'tp-unknown-field',
    area: 'template',
    description: 'a top-level field templates do not have',
    input: { chartTemplateId: ID, template: { ...base, owner: 'mallory' } },
    expect: { ...VALIDATION, mentions: ['owner'] },
  },
  {
    id: 'tp-document-array',
    area: 'template',
    description: 'the stored template is an array',
    input: { chartTemplateId: ID, template: [base] },
    expect: { ...VALIDATION, mentions: [ID] },
  },
  {
    id: 'tp-not-found',
    area: 'template',
    description: 'no template has the requested id',
    input: { chartTemplateId: ID, template: undefined },
    expect: { ...VALIDATION, mentions: [ID, 'not found'] },
  },
  {
    id: 'tp-file-not-json',
    area: 'template',
    description: 'the template file is not JSON',
    input: { chartTemplateId: ID, file: '{"id": "ctpl_hostile_v1", "request": {' },
    expect: { ...VALIDATION, mentions: [ID] },
  },
  {
    id: 'tp-file-empty',
    area: 'template',
    description: 'the template file is empty',
    input: { chartTemplateId: ID, file: '' },
    expect: { ...VALIDATION, mentions: [ID] },
  },
];
