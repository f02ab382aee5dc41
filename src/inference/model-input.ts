/** A frame handed to a segmenter: a camera `VideoFrame`, or a decoded image. */
export type SegmenterFrame = VideoFrame | ImageBitmap;

/**
 * Resizes frames to the model's input size, stretched over the whole frame, and reads
 * their pixels. The mask is stretched back the same way when it is drawn (uv 0..1 over the
 * frame), so aspect ratio round-trips exactly and no pixel is spent on padding. Only the
 * model-size copy is ever read back: never the full frame.
 */
export class ModelInputCanvas {
  private readonly context: OffscreenCanvasRenderingContext2D;

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    const context = new OffscreenCanvas(width, height).getContext('2d', { willReadFrequently: true });
    if (!context) throw new Error('No 2D canvas for the model input.');
    this.context = context;
  }

  /** RGBA bytes of `frame` stretched to width x height. Does not close the frame. */
  async read(frame: SegmenterFrame): Promise<Uint8ClampedArray> {
    const { context, width, height } = this;
    // createImageBitmap filters properly when shrinking (a plain drawImage aliases fine detail,
    // which the model then misreads); the bitmap is already model-size when it is read back.
    const resized = await createImageBitmap(frame, { resizeWidth: width, resizeHeight: height, resizeQuality: 'medium' });
    context.drawImage(resized, 0, 0);
    resized.close();
    return context.getImageData(0, 0, width, height).data;
  }
}
