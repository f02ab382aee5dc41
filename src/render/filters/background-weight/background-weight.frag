// Writes the camera, shrunk to the blur's small target, premultiplied by how surely each
// pixel is background. Blurring this and dividing by the blurred weight (normalised
// convolution) blurs the room without pulling the person's colours into it: no halo.
// The camera is read here directly (the filter's own input is an empty target), averaged
// over each small texel's footprint with four bilinear taps (16 pixels), so the shrink
// does not alias: a plain one-tap shrink shimmers on fine detail.
in vec2 vUv;

out vec4 finalColor;

uniform sampler2D uCamera;
uniform sampler2D uMask;
uniform vec2 uTapOffset;      // a quarter of the footprint, in uv

// Pixels at least half person contribute nothing; edges fade in below that.
float backgroundWeight(vec2 uv)
{
    return clamp(1.0 - 2.0 * texture(uMask, uv).r, 0.0, 1.0);
}

void main(void)
{
    // Each tap is weighted by its own background-ness, so a small texel at the person's
    // edge takes only the room's part of its footprint.
    vec4 sum = vec4(0.0);
    for (int i = 0; i < 4; i++) {
        vec2 uv = vUv + uTapOffset * vec2(i == 0 || i == 2 ? -1.0 : 1.0, i < 2 ? -1.0 : 1.0);
        float weight = backgroundWeight(uv);
        sum += vec4(texture(uCamera, uv).rgb * weight, weight);
    }
    finalColor = 0.25 * sum;
}
