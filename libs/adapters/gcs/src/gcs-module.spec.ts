import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { Container } from 'inversify';
import { BlobStore } from '@worker-chart-export/domain';
import { GcsBlobStore } from './gcs-blob-store.js';
import { gcsModule } from './gcs-module.js';

describe('gcsModule', () => {
  it('binds BlobStore to one GcsBlobStore per container', async () => {
    const container = new Container();
    await container.load(gcsModule({ projectId: 'p', apiEndpoint: 'http://127.0.0.1:4443' }));

    const store = container.get<BlobStore>(BlobStore);

    expect(store).toBeInstanceOf(GcsBlobStore);
    expect(container.get<BlobStore>(BlobStore)).toBe(store);
  });
});
