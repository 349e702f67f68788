import type { LocalRenderer } from '@worker-chart-export/domain';

/**
 * A {@link LocalRenderer} created on its first render: the renderer's libraries are large, so a process that never
 * draws locally never loads them, and one that does pays for them once.
 */
export function lazyLocalRenderer(create: () => Promise<LocalRenderer>): LocalRenderer {
  let created: Promise<LocalRenderer> | undefined;
  return {
    async render(call) {
      created ??= create().catch((error: unknown) => {
        created = undefined;
        throw error;
      });
      return (await created).render(call);
    },
  };
}
