import { ContainerModule } from 'inversify';
import { BlobStore } from '@worker-chart-export/domain';
import { createStorage, type GcsStorageOptions } from './create-storage.js';
import { GcsBlobStore } from './gcs-blob-store.js';

export type GcsModuleOptions = GcsStorageOptions;

/**
 * Binds `BlobStore` to a {@link GcsBlobStore} over one Storage client per container
 * (endpoint and retries per {@link createStorage}).
 */
export function gcsModule(options: GcsModuleOptions = {}): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind<BlobStore>(BlobStore)
      .toDynamicValue(() => new GcsBlobStore(createStorage(options)))
      .inSingletonScope();
  });
}
