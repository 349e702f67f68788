import { describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderContractDocuments } from './contract-documents.js';
import { CONTRACTS_DIR } from './generate-contracts.js';

const FIX = 'run `npm run contracts:generate` and commit the result';

describe('contracts/ JSON Schemas', () => {
  const rendered = renderContractDocuments();

  it.each([...rendered.keys()])('%s matches what the generator produces from the TypeBox schemas', (file) => {
    const path = join(CONTRACTS_DIR, file);
    if (!existsSync(path)) throw new Error(`contracts/${file} is missing: ${FIX}`);
    if (readFileSync(path, 'utf8') !== rendered.get(file)) {
      throw new Error(`contracts/${file} differs from the TypeBox schemas it is generated from: ${FIX}`);
    }
  });

  it('holds no schema file the generator no longer produces', () => {
    const stale = readdirSync(CONTRACTS_DIR).filter((file) => file.endsWith('.schema.json') && !rendered.has(file));
    expect(stale).toEqual([]);
  });

  it('publishes each schema as 2020-12 with an $id, a title and a description', () => {
    for (const [file, text] of rendered) {
      const json = JSON.parse(text) as Record<string, unknown>;
      expect(json).toMatchObject({
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        $id: expect.stringMatching(new RegExp(`/${file.replace('.', '\\.')}$`)),
        title: expect.any(String),
        description: expect.any(String),
      });
    }
  });
});
