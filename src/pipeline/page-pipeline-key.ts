/** Where `page-pipeline.ts` leaves `servePipeline` for the page (see there why). */
export const PAGE_PIPELINE = Symbol.for('virtual-bg-camera.page-pipeline');
