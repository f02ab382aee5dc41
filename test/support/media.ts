/** URL of a file in the shared test media folder (`../shared/media`), served by the test runner. */
export function mediaUrl(path: string): string {
  return `/__media__/${path}`;
}

export const PHOTOS = [
  'cv_basketball1',
  'cv_messi5',
  'dlib_2007_007763',
  'dlib_2008_001009',
  'dlib_2008_001322',
  'dlib_2008_002079',
  'dlib_2008_002470',
  'dlib_2008_002506',
  'dlib_2008_004176',
  'dlib_2008_007676',
  'dlib_2009_004587',
  'dlib_tom_cruise',
  'mpl_grace_hopper',
  'skimage_astronaut',
] as const;

export async function loadBitmap(path: string): Promise<ImageBitmap> {
  const response = await fetch(mediaUrl(path));
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return createImageBitmap(await response.blob());
}

/** Regions of the 640x480 webcam clip, from its reference masks: all of the clip's frames agree. */
export const WEBCAM = {
  face: { x: 300, y: 120, width: 140, height: 140 },
  /** The bookshelf: textured background, good for measuring blur. */
  shelf: { x: 10, y: 110, width: 150, height: 200 },
  topLeft: { x: 0, y: 0, width: 60, height: 60 },
  topRight: { x: 580, y: 0, width: 60, height: 50 },
} as const;

/**
 * The selfie model served 3 s late by the fault middleware, at a URL unique to this call:
 * the test server answers repeated requests from its own cache, which would make it fast.
 */
export function slowModelUrl(): string {
  return `/__faults__/slow/model.json?${Math.random().toString(36).slice(2)}`;
}
