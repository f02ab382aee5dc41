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

  video {
    display: block;
    width: 100%;
    height: 100%;
    object-fit: var(--virtual-bg-camera-object-fit, contain);
  }

  .overlay {
    position: absolute;
    inset: auto 0 0 0;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: center;
    gap: 0.5em 1em;
    padding: 0.75em 1em;
    font: 14px/1.4 system-ui, sans-serif;
    color: #fff;
    background: rgb(0 0 0 / 70%);
  }

  [part='message'] {
    inset: 0;
    flex-direction: column;
    text-align: center;
  }

  [part='message'] p {
    margin: 0;
    max-width: 32em;
  }

  [part='retry-button'] {
    font: inherit;
    padding: 0.4em 1.2em;
    border: 1px solid #fff;
    border-radius: 4px;
    color: inherit;
    background: transparent;
    cursor: pointer;
  }

  [part='retry-button']:focus-visible {
    outline: 2px solid #fff;
    outline-offset: 2px;
  }

  [part='stats'] {
    position: absolute;
    top: 0.5em;
    left: 0.5em;
    padding: 0.2em 0.5em;
    font: 12px/1.4 ui-monospace, monospace;
    color: #fff;
    background: rgb(0 0 0 / 60%);
    border-radius: 3px;
    pointer-events: none;
  }

  /* The preview only: the output track is drawn unmirrored. */
  :host([mirror]) video {
    transform: scaleX(-1);
  }
`;
