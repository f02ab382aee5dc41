/**
 * Resizes a frame to the model's input size, stretched over the whole frame. The mask is
 * stretched back the same way when it is drawn (uv 0..1 over the frame), so aspect ratio
 * round-trips exactly and no pixel is spent on padding. The browser does the resize
 * (on the GPU where it can): no full-frame read-back ever reaches script.
 */
export function resizeForModel(frame: ImageBitmapSource, width: number, height: number): Promise<ImageBitmap> {
  return createImageBitmap(frame, { resizeWidth: width, resizeHeight: height, resizeQuality: 'medium' });
}
