import type { StudyRequest } from '../study-input.js';
import { placementOf, type PreparedStudy, type StudyDefinition } from './study-definition.js';

/** What every request for a study shares: its Chart-IMG name, its natural place and whether its values are prices. */
export interface StudyTraits {
  readonly name: string;
  readonly placement: PreparedStudy['placement'];
  readonly onPriceScale: boolean;
}

/** What a study makes of one request's inputs: its legend and drawing, and its place when that is not the natural one. */
export type StudyPreparation = Pick<PreparedStudy, 'legend' | 'draw'> & { readonly placement?: PreparedStudy['placement'] };

/** A study the renderer can draw: `prepare` reads and checks one request's inputs, throwing a RenderRefusal on a bad one. */
export function defineStudy(traits: StudyTraits, prepare: (study: StudyRequest) => StudyPreparation): StudyDefinition {
  return {
    name: traits.name,
    prepare(study: StudyRequest): PreparedStudy {
      const { legend, draw, placement } = prepare(study);
      return {
        name: study.name,
        onPriceScale: traits.onPriceScale,
        placement: placement ?? placementOf(study, traits.placement),
        legend,
        draw,
      };
    },
  };
}
