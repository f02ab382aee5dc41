import { css } from 'lit';

export const styles = css`
  :host {
    display: inline-block;
    position: relative;
    width: 640px;
    max-width: 100%;
    aspect-ratio: 4 / 3;
    background: var(--virtual-bg-camera-background, #000);
    overflow: hidden;
    contain: content;
  }

  :host([hidden]) {
    display: none;
  }

  [part='preview'] {
    width: 100%;
    height: 100%;
  }

  canvas {
    display: block;
    width: 100%;
    height: 100%;
    object-fit: var(--virtual-bg-camera-object-fit, contain);
  }

  /* The preview only: the output track is drawn unmirrored. */
  :host([mirror]) canvas {
    transform: scaleX(-1);
  }
`;
