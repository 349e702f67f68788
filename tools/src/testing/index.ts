// What the hostile corpus imports from here, until it takes it from @worker-chart-export/testing directly.
export { documentNameOf, documentEventBytes as encodeDocumentEventData } from '@worker-chart-export/testing';
