import { executeServerCommand } from '@web/test-runner-commands';
import { removeAllElements, settle, startElement } from './support/element.js';
import { pngBase64, TrackReader } from './support/pixels.js';

describe('debug frames', () => {
  afterEach(removeAllElements);
  for (const [name, attrs] of Object.entries({ green: { 'background-color': '#00ff00' }, blur: { blur: 'strong' }, none: {}, tint: { 'background-color': 'rgb(0 0 255 / 30%)' } })) {
    it(name, async () => {
      const { track } = await startElement(attrs);
      await settle();
      const frame = await new TrackReader(track).read();
      await executeServerCommand('save-base64', { path: `tmp/frames/${name}.png`, base64: await pngBase64(frame) });
    });
  }
});
