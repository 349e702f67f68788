import type { AccountReservation } from '../ports/account-pool.js';
import type { ChartApi, ChartApiResponse, ChartsApiMode } from '../ports/chart-api.js';
import { aChartCall } from './a-chart-call.js';
import { contractGlobals, withFresh } from './contract-globals.js';
import { pngBytes } from './png-bytes.js';

/** What the provider (or a fixture) answers: a status, its content type and body. */
export interface ProviderAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly body: Uint8Array;
}

/** How the provider behaves for the next requests: an answer, a broken connection, or no answer at all. */
export type ProviderBehaviour = ProviderAnswer | 'drop' | 'hang';

/**
 * What a contract run needs from an adapter: a fresh API with no fixtures, the reservation its `render` accepts
 * (an account it holds a key for, ready to send at once), and, where the mode has them, its fixtures and its
 * provider (a loopback server or mock, never the internet).
 */
export type ChartApiFactory = () => Promise<{
  api: ChartApi;
  account: AccountReservation;
  /** Stores a fixture under `fixtureKey` (mock and record): a 200 PNG, or an error status with its JSON body. */
  fixture?: (fixtureKey: string, answer: ProviderAnswer) => Promise<void>;
  /** The provider `render` reaches (real and record). */
  provider?: {
    /** From now on, every request gets this. */
    behave(behaviour: ProviderBehaviour): void;
    /** The JSON bodies of the requests it received so far. */
    requests(): readonly unknown[];
  };
  dispose?: () => Promise<void>;
}>;

const CALL = aChartCall({
  chartTemplateId: 'ctpl_contract_v1',
  body: { symbol: 'BINANCE:BTCUSDT', interval: '1h', width: 800, height: 600, studies: [{ name: 'Volume' }] },
});
const KEY = CALL.fixtureKey;
const TIMEOUT_MS = 5_000;
/** Short, so a provider that never answers ends the attempt soon. */
const HANG_TIMEOUT_MS = 300;

const json = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value));
const PNG: ProviderAnswer = { status: 200, contentType: 'image/png', body: pngBytes(800, 600) };
const LIMIT: ProviderAnswer = { status: 429, contentType: 'application/json', body: json({ message: 'Limit Exceeded' }) };
const BROKEN: ProviderAnswer = { status: 500, contentType: 'application/json', body: json({ message: 'Internal Server Error' }) };
const NOT_A_PNG: ProviderAnswer = { status: 200, contentType: 'image/png', body: new TextEncoder().encode('<html>maintenance</html>') };

const jsonOf = (response: ChartApiResponse | undefined): unknown =>
  response?.kind === 'http' ? JSON.parse(new TextDecoder().decode(response.body)) : undefined;
const bytesOf = (response: ChartApiResponse | undefined): number[] | undefined => (response?.kind === 'http' ? [...response.body] : undefined);

/**
 * The behaviour every {@link ChartApi} shares, as a jest suite: `replay` and `render` as the port states them for
 * `mode`, the mode the factory's API serves (call this once per mode an implementation serves).
 */
export function describeChartApiContract(name: string, mode: ChartsApiMode, factory: ChartApiFactory): void {
  const { describe, it, expect } = contractGlobals('describeChartApiContract');
  type Subject = Awaited<ReturnType<ChartApiFactory>>;
  const withApi = (body: (subject: Subject) => Promise<void>) => withFresh(factory, body);
  const needs = <K extends 'fixture' | 'provider'>(subject: Subject, part: K): NonNullable<Subject[K]> => {
    const value = subject[part];
    if (value === undefined) throw new Error(`a ${subject.api.mode} ChartApi contract run needs the factory's ${part}`);
    return value as NonNullable<Subject[K]>;
  };

  const fixtures = mode !== 'real';
  const network = mode !== 'mock';
  const when = (applies: boolean, title: string, body: (subject: Subject) => Promise<void>): void => {
    if (applies) it(title, withApi(body));
  };

  describe(`${name} (ChartApi contract, ${mode})`, () => {
    it(
      `names its mode: ${mode}`,
      withApi(async ({ api }) => {
        expect(api.mode).toBe(mode);
      }),
    );

    when(fixtures, 'replays a stored PNG as a 200 image/png from the fixture, without the provider', async (subject) => {
      await needs(subject, 'fixture')(KEY, PNG);

      const answer = await subject.api.replay(CALL);

      expect(answer).toMatchObject({ kind: 'http', status: 200, contentType: 'image/png', source: 'fixture' });
      expect(bytesOf(answer)).toEqual([...PNG.body]);
      if (subject.provider) expect(subject.provider.requests()).toEqual([]);
    });

    when(fixtures, 'replays a stored error as its status and JSON body', async (subject) => {
      await needs(subject, 'fixture')(KEY, LIMIT);

      const answer = await subject.api.replay(CALL);

      expect(answer).toMatchObject({ kind: 'http', status: 429, contentType: 'application/json', source: 'fixture' });
      expect(jsonOf(answer)).toEqual({ message: 'Limit Exceeded' });
    });

    it(
      mode === 'mock' ? 'answers fixture-missing naming the key when there is no fixture' : 'replays nothing when there is no fixture',
      withApi(async ({ api }) => {
        const answer = await api.replay(CALL);

        expect(answer).toEqual(mode === 'mock' ? { kind: 'fixture-missing', fixtureKey: KEY } : undefined);
      }),
    );

    when(mode === 'mock', 'refuses to render: mock never reaches the network', async ({ api, account }) => {
      await expect(api.render(CALL, account, TIMEOUT_MS)).rejects.toBeInstanceOf(Error);
    });

    when(network, "renders with one request carrying the call's body, passing a 200 PNG on from the network", async (subject) => {
      const provider = needs(subject, 'provider');
      provider.behave(PNG);

      const answer = await subject.api.render(CALL, subject.account, TIMEOUT_MS);

      expect(answer).toMatchObject({ kind: 'http', status: 200, source: 'network' });
      expect(answer.kind === 'http' && answer.contentType?.startsWith('image/png')).toBe(true);
      expect(bytesOf(answer)).toEqual([...PNG.body]);
      expect(provider.requests()).toEqual([CALL.body]);
    });

    when(network, 'passes error statuses on unclassified, one request each, never retrying', async (subject) => {
      const provider = needs(subject, 'provider');

      provider.behave(LIMIT);
      const limited = await subject.api.render(CALL, subject.account, TIMEOUT_MS);
      provider.behave(BROKEN);
      const broken = await subject.api.render({ ...CALL, fixtureKey: `${KEY}_b` }, subject.account, TIMEOUT_MS);

      expect(limited).toMatchObject({ kind: 'http', status: 429, source: 'network' });
      expect(jsonOf(limited)).toEqual({ message: 'Limit Exceeded' });
      expect(broken).toMatchObject({ kind: 'http', status: 500, source: 'network' });
      expect(jsonOf(broken)).toEqual({ message: 'Internal Server Error' });
      expect(provider.requests()).toHaveLength(2);
    });

    when(network, 'answers a broken connection as a network transport error, with one request', async (subject) => {
      const provider = needs(subject, 'provider');
      provider.behave('drop');

      await expect(subject.api.render(CALL, subject.account, TIMEOUT_MS)).resolves.toMatchObject({ kind: 'transport-error', reason: 'network' });
      expect(provider.requests()).toHaveLength(1);
    });

    when(network, 'answers a provider silent past the timeout as a timeout transport error', async (subject) => {
      needs(subject, 'provider').behave('hang');

      await expect(subject.api.render(CALL, subject.account, HANG_TIMEOUT_MS)).resolves.toMatchObject({ kind: 'transport-error', reason: 'timeout' });
    });

    when(mode === 'record', 'saves a rendered PNG and an error answer so the next replay answers them', async (subject) => {
      const provider = needs(subject, 'provider');
      const errorCall = { ...CALL, fixtureKey: `${KEY}_limited` };

      provider.behave(PNG);
      await subject.api.render(CALL, subject.account, TIMEOUT_MS);
      provider.behave(LIMIT);
      await subject.api.render(errorCall, subject.account, TIMEOUT_MS);

      const png = await subject.api.replay(CALL);
      expect(png).toMatchObject({ kind: 'http', status: 200, source: 'fixture' });
      expect(bytesOf(png)).toEqual([...PNG.body]);
      const limited = await subject.api.replay(errorCall);
      expect(limited).toMatchObject({ kind: 'http', status: 429, source: 'fixture' });
      expect(jsonOf(limited)).toEqual({ message: 'Limit Exceeded' });
      expect(provider.requests()).toHaveLength(2);
    });

    when(mode === 'record', 'saves neither a 200 that is not a PNG nor a transport error', async (subject) => {
      const provider = needs(subject, 'provider');
      const dropped = { ...CALL, fixtureKey: `${KEY}_dropped` };

      provider.behave(NOT_A_PNG);
      await expect(subject.api.render(CALL, subject.account, TIMEOUT_MS)).resolves.toMatchObject({ kind: 'http', status: 200 });
      provider.behave('drop');
      await subject.api.render(dropped, subject.account, TIMEOUT_MS);

      await expect(subject.api.replay(CALL)).resolves.toBeUndefined();
      await expect(subject.api.replay(dropped)).resolves.toBeUndefined();
    });
  });
}
