import { Container, type Filter, Rectangle, type RenderTexture, Texture, TextureSource, type WebGLRenderer } from 'pixi.js';

/**
 * A chain of filters drawn over a whole target. The container is empty: each filter reads
 * its inputs itself, so pixi's filter input is only a cleared target (a filter on a sprite
 * would first draw the sprite, a wasted pass). The filter area sets the output size.
 */
export class RenderPass {
  private readonly stage = new Container();
  private readonly area = new Rectangle(0, 0, 1, 1);

  constructor(
    private readonly renderer: WebGLRenderer,
    filters: readonly Filter[],
  ) {
    this.stage.filters = [...filters];
    this.stage.filterArea = this.area;
  }

  /** Draws over all of `target`, cleared first; without one, over the canvas at the renderer's size. */
  render(target?: RenderTexture): void {
    const { width, height } = target ?? this.renderer;
    this.area.width = width;
    this.area.height = height;
    this.renderer.render(target ? { container: this.stage, target, clear: true } : { container: this.stage });
  }

  /** Frees the container; the filters belong to the caller. */
  destroy(): void {
    this.stage.destroy();
  }
}

/**
 * Points every texture `filter` samples at the empty texture, then destroys the filter.
 * Unbound first, textures destroyed afterwards are not pulled out from under a shader.
 */
export function destroyFilter(filter: Filter): void {
  for (const name of Object.keys(filter.resources)) {
    if (filter.resources[name] instanceof TextureSource) filter.resources[name] = Texture.EMPTY.source;
  }
  filter.destroy();
}
