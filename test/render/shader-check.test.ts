import { expect } from '@open-wc/testing';
import { GlProgram } from 'pixi.js';
import { Compositor } from '../../src/render/compositor.js';
import { assertProgramsLink } from '../../src/render/shader-check.js';
import { compositorCanvas } from '../support/canvas.js';

describe('assertProgramsLink', () => {
  it('passes every program the compositor uses, and names a shader that does not compile', async () => {
    const compositor = await Compositor.create(compositorCanvas()); // runs the check on all of its programs
    try {
      const renderer = (compositor as unknown as { renderer: Parameters<typeof assertProgramsLink>[0] }).renderer;
      const broken = new GlProgram({
        name: 'broken-on-purpose',
        vertex: 'in vec2 aPosition; void main() { gl_Position = vec4(aPosition, 0.0, 1.0); }',
        fragment: 'out vec4 finalColor; void main() { finalColor = undefinedThing; }',
      });
      expect(() => assertProgramsLink(renderer, [broken])).to.throw(/broken-on-purpose/);
    } finally {
      compositor.destroy();
    }
  });
});
