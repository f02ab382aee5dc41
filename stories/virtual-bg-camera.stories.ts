import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import { action } from 'storybook/actions';
import '../src/components/virtual-bg-camera/virtual-bg-camera.js';
import type {
  ErrorEventDetail,
  StatsEventDetail,
  TrackEventDetail,
} from '../src/components/virtual-bg-camera/virtual-bg-camera.js';
import { BLUR_PRESETS, MAX_BLUR_PX } from '../src/components/virtual-bg-camera/attributes.js';
import { liveCanvas } from '../demo/live-canvas.js';
import { denyCamera, releaseSampleClips, withSampleClipFallback, type SampleClipParameters } from './camera-fallback.js';

/** Bundled backgrounds (assets/backgrounds/README.md), served from the repo's assets/ folder. */
const BACKGROUNDS = {
  aurora: 'assets/backgrounds/aurora.jpg',
  office: 'assets/backgrounds/office.jpg',
  stripes: 'assets/backgrounds/stripes.jpg',
} as const;

/** The bundled looping video background (assets/backgrounds/README.md), made by scripts/render-background-clip.mjs. */
const BACKGROUND_VIDEOS = { drift: 'assets/backgrounds/drift.webm' } as const;

/** One arg per attribute, named like it. Empty args leave the attribute off. */
interface CameraArgs {
  /** `canvas`: the `backgroundSource` property set to a live canvas's `captureStream()`. */
  'background-source'?: 'canvas';
  'background-video'?: string;
  'background-image'?: string;
  'background-fit'?: 'cover' | 'contain' | 'fill';
  'background-color'?: string;
  blur?: keyof typeof BLUR_PRESETS;
  /** Free-text `blur` value (`12`, `12px`); wins over the preset. */
  'blur-custom'?: string;
  mirror: boolean;
  width?: number;
  height?: number;
  'frame-rate'?: number;
  'device-id'?: string;
  'facing-mode'?: 'user' | 'environment';
  model?: string;
  'edge-softness'?: number;
  'temporal-smoothing'?: 'on' | 'off';
  'light-wrap'?: number;
}

/** The attribute value for an arg, or `nothing` (attribute removed) when the arg is empty. */
function attr(value: string | number | undefined | null): string | typeof nothing {
  if (value === undefined || value === null) return nothing;
  const text = String(value).trim();
  return text === '' || text === 'NaN' ? nothing : text;
}

const logTrack = action('track');
const logReady = action('ready');
const logError = action('error');
const logStats = action('stats');

/** A track and stream do not serialise into the actions panel; log what identifies them. */
function onTrack(event: CustomEvent<TrackEventDetail>): void {
  const { track, stream } = event.detail;
  logTrack({
    track: { id: track.id, kind: track.kind, readyState: track.readyState, settings: track.getSettings() },
    stream: { id: stream.id },
  });
}

/** The live canvas of the `canvas` choice: one per story, stopped on unmount. */
let canvasBackground: ReturnType<typeof liveCanvas> | null = null;

function canvasSource(): MediaStream {
  canvasBackground ??= liveCanvas();
  return canvasBackground.stream;
}

function releaseCanvasSource(): void {
  canvasBackground?.stop();
  canvasBackground = null;
}

const render = (args: CameraArgs) => html`<virtual-bg-camera
  .backgroundSource=${args['background-source'] === 'canvas' ? canvasSource() : null}
  background-video=${attr(args['background-video'])}
  background-image=${attr(args['background-image'])}
  background-fit=${attr(args['background-fit'])}
  background-color=${attr(args['background-color'])}
  blur=${attr(args['blur-custom']?.trim() || args.blur)}
  ?mirror=${args.mirror}
  width=${attr(args.width)}
  height=${attr(args.height)}
  frame-rate=${attr(args['frame-rate'])}
  device-id=${attr(args['device-id'])}
  facing-mode=${attr(args['facing-mode'])}
  model=${attr(args.model)}
  edge-softness=${attr(args['edge-softness'])}
  temporal-smoothing=${attr(args['temporal-smoothing'])}
  light-wrap=${attr(args['light-wrap'])}
  @track=${onTrack}
  @ready=${() => logReady()}
  @error=${(event: CustomEvent<ErrorEventDetail>) => logError(event.detail)}
  @stats=${(event: CustomEvent<StatsEventDetail>) => logStats(event.detail)}
></virtual-bg-camera>`;

const meta = {
  title: 'virtual-bg-camera',
  component: 'virtual-bg-camera',
  render,
  decorators: [withSampleClipFallback],
  beforeEach: () => {
    const releaseClips = releaseSampleClips();
    return () => {
      releaseClips();
      releaseCanvasSource();
    };
  },
  args: { mirror: false },
  argTypes: {
    'background-source': {
      name: 'backgroundSource',
      description: 'A `MediaStream` whose video is the background (property only). `canvas`: a live canvas’s `captureStream()`. Wins over everything.',
      control: 'select',
      options: ['canvas'],
      table: { category: 'Background' },
    },
    'background-video': {
      description: 'URL of a video that replaces the background: looped, muted, fetched with CORS (the bundled clip is offered). Wins over image, colour and blur.',
      control: { type: 'select', labels: { [BACKGROUND_VIDEOS.drift]: 'drift' } },
      options: Object.values(BACKGROUND_VIDEOS),
      table: { category: 'Background' },
    },
    'background-image': {
      description: 'URL of an image that replaces the background (the bundled ones are offered).',
      control: { type: 'select', labels: { [BACKGROUNDS.aurora]: 'aurora', [BACKGROUNDS.office]: 'office', [BACKGROUNDS.stripes]: 'stripes' } },
      options: Object.values(BACKGROUNDS),
      table: { category: 'Background' },
    },
    'background-fit': {
      description: 'How the image fits the frame. `contain` puts a blurred room in the bars.',
      control: 'select',
      options: ['cover', 'contain', 'fill'],
      table: { category: 'Background', defaultValue: { summary: 'cover' } },
    },
    'background-color': {
      description: 'Any CSS colour. A translucent one tints a blurred room.',
      control: { type: 'color', presetColors: ['#1e7f4f', 'rebeccapurple', '#0a84ff', 'rgb(0 0 0 / 50%)'] },
      table: { category: 'Background' },
    },
    blur: {
      description: `Blur preset, in px at 720p: ${Object.entries(BLUR_PRESETS)
        .map(([name, px]) => `${name} ${px}`)
        .join(', ')}.`,
      control: 'select',
      options: Object.keys(BLUR_PRESETS),
      table: { category: 'Background' },
    },
    'blur-custom': {
      name: 'blur (custom)',
      description: `Free-text \`blur\` value, e.g. \`12\` or \`12px\` (up to ${MAX_BLUR_PX}). Wins over the preset when set.`,
      control: 'text',
      table: { category: 'Background' },
    },
    mirror: {
      description: 'Mirrors the on-page preview only; the output track is never mirrored.',
      control: 'boolean',
      table: { category: 'Preview' },
    },
    width: { description: 'Ideal camera width in px.', control: { type: 'number', min: 1 }, table: { category: 'Camera', defaultValue: { summary: '640' } } },
    height: { description: 'Ideal camera height in px.', control: { type: 'number', min: 1 }, table: { category: 'Camera', defaultValue: { summary: '480' } } },
    'frame-rate': { description: 'Ideal camera frame rate.', control: { type: 'number', min: 1 }, table: { category: 'Camera' } },
    'device-id': { description: 'Camera to open, from `enumerateDevices()`.', control: 'text', table: { category: 'Camera' } },
    'facing-mode': {
      description: 'Camera facing mode.',
      control: 'select',
      options: ['user', 'environment'],
      table: { category: 'Camera' },
    },
    model: {
      description: 'Segmentation model: `selfie` (default), or the URL of a `model.json`.',
      control: 'text',
      table: { category: 'Model', defaultValue: { summary: 'selfie' } },
    },
    'edge-softness': {
      description: 'Edge refinement, 0 (off: the model mask stretched) to 1 (needs strong image edges to move the outline).',
      control: { type: 'range', min: 0, max: 1, step: 0.02 },
      table: { category: 'Edges', defaultValue: { summary: '0.1' } },
    },
    'temporal-smoothing': {
      description: 'Motion-adaptive smoothing of the outline over time.',
      control: 'select',
      options: ['on', 'off'],
      table: { category: 'Edges', defaultValue: { summary: 'on' } },
    },
    'light-wrap': {
      description: 'Background image or video light on the person’s edge, 0 (off) to 1. Image and video backgrounds only.',
      control: { type: 'range', min: 0, max: 1, step: 0.05 },
      table: { category: 'Edges', defaultValue: { summary: '0.3' } },
    },
  },
} satisfies Meta<CameraArgs>;

export default meta;
type Story = StoryObj<CameraArgs>;

/** No effect set: the camera passes through unchanged. */
export const Passthrough: Story = {};

export const BlurLight: Story = { name: 'Blur light', args: { blur: 'light' } };

export const BlurMedium: Story = { name: 'Blur medium', args: { blur: 'medium' } };

export const BlurStrong: Story = { name: 'Blur strong', args: { blur: 'strong' } };

export const Colour: Story = { args: { 'background-color': '#1e7f4f' } };

/** The bundled aurora background, fitted with `cover` (the default). */
export const Image: Story = { args: { 'background-image': BACKGROUNDS.aurora } };

/** The office background letterboxed with `contain`: the bars show the blurred room. */
export const ImageContain: Story = {
  name: 'Image contain',
  args: { 'background-image': BACKGROUNDS.office, 'background-fit': 'contain' },
};

/** The stripes background stretched with `fill`. */
export const ImageFill: Story = {
  name: 'Image fill',
  args: { 'background-image': BACKGROUNDS.stripes, 'background-fit': 'fill' },
};

/**
 * The bundled looping clip behind the person (`background-video`). Until its first frame the
 * room is blurred; its light falls on the person's edge as the clip changes (`light-wrap`).
 */
export const Video: Story = { args: { 'background-video': BACKGROUND_VIDEOS.drift } };

/** `backgroundSource`: a live canvas's `captureStream()` as the background, stretched with `fill`. */
export const VideoSource: Story = {
  name: 'Video source',
  args: { 'background-source': 'canvas', 'background-fit': 'fill' },
};

/** The preview is mirrored; the output track (see the `track` action) is not. */
export const Mirror: Story = { args: { mirror: true } };

/**
 * `getUserMedia` rejects with `NotAllowedError` in this story only: the element emits `error`
 * with `camera-denied` and stops. The sample-clip fallback is off here so the denied state stays
 * on screen.
 */
export const CameraDenied: Story = {
  name: 'Camera denied',
  args: { blur: 'medium' },
  beforeEach: denyCamera,
  parameters: { sampleClip: false } satisfies SampleClipParameters,
};

/**
 * The model URL does not exist: the element emits `error` with `model-load-failed` and keeps
 * running fail-closed, so the whole frame is blurred and the room is never shown raw.
 */
export const ModelFailure: Story = {
  name: 'Model failure',
  args: { blur: 'medium', model: 'assets/does-not-exist/model.json' },
};
