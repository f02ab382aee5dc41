import { GlProgram } from 'pixi.js';
import frameVertex from './frame.vert?raw';

/** Builds a WebGL2 program from a fragment shader and the shared frame vertex shader. */
export function frameProgram(name: string, fragment: string): GlProgram {
  return GlProgram.from({ vertex: frameVertex, fragment, name });
}
