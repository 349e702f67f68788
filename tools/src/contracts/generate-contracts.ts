import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { renderContractDocuments } from './contract-documents.js';
import { REPO_ROOT } from '@worker-chart-export/testing';

/** The repository's top-level `contracts/` folder. */
export const CONTRACTS_DIR = join(REPO_ROOT, 'contracts');

/** Writes every generated JSON Schema into `outDir` and returns the paths written. */
export function generateContracts(outDir = CONTRACTS_DIR): string[] {
  mkdirSync(outDir, { recursive: true });
  return [...renderContractDocuments()].map(([file, text]) => {
    const path = join(outDir, file);
    writeFileSync(path, text);
    return path;
  });
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  for (const path of generateContracts()) process.stdout.write(`wrote ${path}\n`);
}
