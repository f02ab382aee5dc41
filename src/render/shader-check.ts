import type { GlProgram, WebGLRenderer } from 'pixi.js';

/** pixi's program cache; `_getProgramData` compiles and links a program once and keeps it. */
interface ProgramCache {
  _getProgramData(program: GlProgram): { program: WebGLProgram };
}

/**
 * Compiles and links `programs` now, through pixi's own cache (so nothing is compiled twice),
 * and throws if one fails. pixi only logs a failed shader and then draws nothing with it:
 * a GPU driver that rejects one of ours would give a silently broken picture. Checked up
 * front, it becomes an error the element reports (`webgl-unavailable`), camera released.
 */
export function assertProgramsLink(renderer: WebGLRenderer, programs: Iterable<GlProgram>): void {
  const gl = renderer.gl;
  const cache = renderer.shader as unknown as ProgramCache;
  for (const program of programs) {
    const { program: linked } = cache._getProgramData(program);
    if (!gl.getProgramParameter(linked, gl.LINK_STATUS) && !gl.isContextLost()) {
      const name = /#define SHADER_NAME (\S+)/.exec(program.fragment ?? '')?.[1] ?? 'a';
      throw new Error(`this GPU cannot compile the ${name} shader (${gl.getProgramInfoLog(linked) || 'no log'})`);
    }
  }
}
