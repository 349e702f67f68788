import { aTemplate } from '@worker-chart-export/domain/testing';
import { caseBuilder, type TemplateCase } from './hostile-case.js';

const ID = 'ctpl_hostile_v1';
const VALIDATION = { status: 'FAILED', code: 'VALIDATION_FAILED' } as const;
const base = aTemplate(ID);
const baseRequest = base['request'] as Record<string, unknown>;
const withRequest = (fields: Record<string, unknown>): Record<string, unknown> => ({ ...base, request: { ...baseRequest, ...fields } });

const templateCase = caseBuilder<TemplateCase>('template');
/** The step requests ID, whose stored document is `template`: the step fails validation naming each of `mentions`. */
const refusedDocument = (id: string, description: string, template: unknown, mentions: readonly string[]) =>
  templateCase(id, description, { chartTemplateId: ID, template }, { ...VALIDATION, mentions });
/** The step requests ID, read from a file holding `file`: the step fails validation naming each of `mentions`. */
const refusedFile = (id: string, description: string, file: string, mentions: readonly string[]) =>
  templateCase(id, description, { chartTemplateId: ID, file }, { ...VALIDATION, mentions });

/** Stored chart templates: catalogue names, enums, injected fields, sizes, `{symbol}`, unreadable files. */
export const TEMPLATE_CASES: readonly TemplateCase[] = [
  refusedDocument('tp-unknown-study', 'a study Chart-IMG does not know', withRequest({ studies: [{ name: 'Magic Money Indicator' }] }), [
    'request.studies[0].name',
    'Magic Money Indicator',
  ]),
  refusedDocument('tp-unknown-drawing', 'a drawing Chart-IMG does not know', withRequest({ drawings: [{ name: 'Smiley' }] }), [
    'request.drawings[0]',
    'Smiley',
  ]),
  refusedDocument('tp-bad-style', 'style "pie" is not a chart style', withRequest({ style: 'pie' }), ['request.style', 'pie']),
  refusedDocument('tp-bad-theme', 'theme "neon"', withRequest({ theme: 'neon' }), ['request.theme', 'neon']),
  refusedDocument('tp-bad-timezone', 'timezone "Mars/Olympus_Mons"', withRequest({ timezone: 'Mars/Olympus_Mons' }), ['request.timezone']),
  refusedDocument('tp-symbol-set', 'the request sets symbol, which the worker injects', withRequest({ symbol: 'BINANCE:ETHUSDT' }), ['request.symbol']),
  refusedDocument('tp-interval-set', 'the request sets interval, which the worker injects', withRequest({ interval: '1D' }), ['request.interval']),
  refusedDocument('tp-format-jpeg', 'format jpeg', withRequest({ format: 'jpeg' }), ['request.format', 'jpeg']),
  refusedDocument('tp-width-too-big', 'width 10000, above any plan', withRequest({ width: 10_000 }), ['request.width', '10000']),
  refusedDocument('tp-height-too-small', 'height 100, below the minimum', withRequest({ height: 100 }), ['request.height', '100']),
  refusedDocument('tp-width-string', 'width "800" (a string)', withRequest({ width: '800' }), ['request.width']),
  refusedDocument('tp-too-many-studies', '60 studies, above every plan', withRequest({ studies: Array.from({ length: 60 }, () => ({ name: 'Volume' })) }), [
    'studies',
  ]),
  refusedDocument('tp-symbol-twice', 'chartImgSymbolTemplate holds {symbol} twice', { ...base, chartImgSymbolTemplate: 'BINANCE:{symbol}{symbol}' }, [
    'chartImgSymbolTemplate',
  ]),
  refusedDocument('tp-symbol-missing', 'chartImgSymbolTemplate without {symbol}', { ...base, chartImgSymbolTemplate: 'BINANCE:BTCUSDT' }, [
    'chartImgSymbolTemplate',
  ]),
  refusedDocument('tp-id-mismatch', 'the document id differs from the requested id', { ...base, id: 'ctpl_other_v1' }, ['id', 'ctpl_other_v1']),
  refusedDocument('tp-unknown-field', 'a top-level field templates do not have', { ...base, owner: 'mallory' }, ['owner']),
  refusedDocument('tp-document-array', 'the stored template is an array', [base], [ID]),
  refusedDocument('tp-not-found', 'no template has the requested id', undefined, [ID, 'not found']),
  refusedFile('tp-file-not-json', 'the template file is not JSON', '{"id": "ctpl_hostile_v1", "request": {', [ID]),
  refusedFile('tp-file-empty', 'the template file is empty', '', [ID]),
];
