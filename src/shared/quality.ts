/**
 * `quality`: how often the segmenter runs, relative to the camera. Rendering always runs at
 * camera rate; frames between inferences are drawn with the newest mask.
 * - `high`: every frame. `balanced`: every 2nd. `low`: every 3rd.
 * - `auto` (default): every frame while the machine keeps up; when camera frames start being
 *   dropped, inference runs less often before any output frame is lost, and it climbs back
 *   once frames flow freely again (see `InferenceRate`).
 */
export type Quality = 'auto' | 'high' | 'balanced' | 'low';

export const QUALITIES: readonly Quality[] = ['auto', 'high', 'balanced', 'low'];
